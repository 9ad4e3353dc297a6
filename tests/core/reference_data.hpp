// Test helper: loads the reference workloads of tests/reference (raw little-endian float32, see
// WORKLOADS.md) and gives the network specs they were made for. Names resolve against
// NNP_REFERENCE_DIR, which CMake defines for the test binary.
#pragma once

#include "mlp.hpp"
#include "types.hpp"

#include <string>
#include <vector>

namespace nnp::test {

// The whole file as floats, e.g. load_f32("w1_x.f32"); empty if it cannot be read.
std::vector<float> load_f32(const std::string& name);
// The file as a rows x cols matrix (rows = size / cols); 0 x cols if missing or not divisible.
Matrix load_matrix(const std::string& name, int cols);

// W1: 2 -> 8 tanh -> 8 tanh -> 1 sigmoid (binary cross-entropy), parameters w1_init.f32.
NetworkSpec w1_spec();
// W2: 64 -> 64 ReLU -> 10 softmax (categorical cross-entropy), parameters w2_init.f32.
NetworkSpec w2_spec();
// W3: 784 -> 128 ReLU -> 10 softmax (categorical cross-entropy), parameters w3_init.f32.
NetworkSpec w3_spec();

// A network of `spec` with the parameters of `init_file`; false if the file does not fit.
bool load_network(const NetworkSpec& spec, const std::string& init_file, Mlp& net);

}  // namespace nnp::test
