// Activation functions, forward and backward side by side, applied to whole batches
// (rows = samples). Hidden layers may use anything but Softmax; the output layer uses Linear
// (regression), Sigmoid (binary or independent yes/no outputs), Tanh (TF Playground's ±1
// labels) or Softmax (one of k classes).
#pragma once

// GCC 12 reports false "uninitialized" warnings inside its own AVX-512 intrinsics when Eigen's
// vectorised exp and GEMM packing are inlined (GCC bug 105593, fixed in GCC 13), and -Werror makes
// them fatal with -march=native on AVX-512 machines. The pragma must be active where Eigen (and
// so immintrin.h) is first included, so include this header before anything that includes Eigen.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "types.hpp"
#pragma GCC diagnostic pop
#endif
#include "types.hpp"
#include "enum_table.hpp"

namespace nnp {

enum class Activation { Linear, Step, Sigmoid, Tanh, Relu, LeakyRelu, Softmax };

constexpr float kLeakyReluSlope = 0.01f;

template <>
std::span<const EnumEntry<Activation>> enum_table<Activation>();

bool allowed_in_hidden(Activation a);  // everything but Softmax
bool allowed_in_output(Activation a);  // Linear, Sigmoid, Tanh, Softmax

// a = f(z); z and a are n x m and distinct (a may not alias z).
void activation_forward(Activation act, ConstMatRef z, MatRef a);

// dz = dL/dz from da = dL/da, given z and a = f(z); all n x m. Step's derivative is zero
// everywhere, which is why a network of step units cannot learn by gradient descent.
// Softmax, row by row: dz = a .* (da - rowsum(da .* a)).
void activation_backward(Activation act, ConstMatRef z, ConstMatRef a, ConstMatRef da, MatRef dz);

}  // namespace nnp
