// L1 and L2 weight penalties (weights only, never biases), as TF Playground defines them:
//   L1 penalty = rate * sum |w|,  gradient rate * sign(w)
//   L2 penalty = rate * 1/2 sum w^2, gradient rate * w
// Dropout, the other regulariser, lives in the forward pass (mlp.cpp).
#pragma once

#include "mlp.hpp"

namespace nnp {

enum class Regularization { None, L1, L2 };

template <>
std::span<const EnumEntry<Regularization>> enum_table<Regularization>();

double regularization_penalty(const Mlp& net, Regularization kind, float rate);
// grad += d(penalty)/d(params), same layout as net.params().
void add_regularization_gradient(const Mlp& net, Regularization kind, float rate,
                                 std::span<float> grad);

}  // namespace nnp
