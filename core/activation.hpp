// Activation functions, forward and backward side by side, applied to whole batches
// (rows = samples). Hidden layers may use anything but Softmax; the output layer uses Linear
// (regression), Sigmoid (binary or independent yes/no outputs), Tanh (TF Playground's ±1
// labels) or Softmax (one of k classes).
#pragma once

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
