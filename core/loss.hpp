// Losses, as a value and a gradient side by side. Conventions (all documented in README):
//   MSE   = mean over samples of 1/2 * sum over outputs (a - t)^2   (TF Playground's error)
//   BCE   = mean over samples of sum over outputs -[t log a + (1-t) log(1-a)]
//   CCE   = mean over samples of -sum over outputs t log a
// Sigmoid+BCE and Softmax+CCE are fused: computed from the logits z, so the value never takes
// log(0) and the gradient is simply (a - t) / n. Other pairs go through dL/da and the
// activation's backward (cross-entropy then clips a to [1e-7, 1 - 1e-7] as Keras does).
#pragma once

#include "activation.hpp"
#include "types.hpp"
#include "enum_table.hpp"

namespace nnp {

enum class Loss { Mse, BinaryCrossEntropy, CategoricalCrossEntropy };

constexpr float kLossEpsilon = 1e-7f;

template <>
std::span<const EnumEntry<Loss>> enum_table<Loss>();

bool is_fused(Activation output, Loss loss);

// Sum over the rows of the per-sample loss (divide by n for the mean). z = logits, a = f(z),
// t = targets; all n x m.
double loss_sum(Loss loss, Activation output, ConstMatRef z, ConstMatRef a, ConstMatRef t);

// dz = d(mean loss)/dz for these n rows, i.e. already divided by `scale_n` (the batch size).
// `da_scratch` (n x m) is used by the unfused path.
void loss_backward(Loss loss, Activation output, ConstMatRef z, ConstMatRef a, ConstMatRef t,
                   float scale_n, MatRef dz, MatRef da_scratch);

}  // namespace nnp
