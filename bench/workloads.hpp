// The benchmark's workloads: W1-W4 of WORKLOADS.md (files in tests/reference, W3 generated and
// checked against its published SHA-256) and TF Playground's default and big experiments.
#pragma once

#include "mlp.hpp"
#include "optimizer.hpp"
#include "session.hpp"

#include <string>
#include <vector>

namespace nnp::bench {

// One of W1-W3: a network trained by mini-batches in file order (last batch partial).
struct Workload {
    std::string name;
    NetworkSpec spec;
    Loss loss = Loss::Mse;
    OptimizerParams opt;
    int batch = 1;
    Matrix x, y;  // samples x inputs, samples x outputs
    std::vector<float> init;
};

// Reads `count` little-endian float32 from dir/file; exits with a message if it cannot.
std::vector<float> load_f32(const std::string& dir, const std::string& file, std::size_t count);

Workload make_w1(const std::string& dir);
Workload make_w2(const std::string& dir);
// W3's data from mulberry32 (seed 20240604, float32 prototypes) as WORKLOADS.md gives it.
// `hash_ok` is false when the SHA-256 of x's or y's float32 bytes differs from the published
// one; `hashes` names both.
Workload make_w3(const std::string& dir, bool& hash_ok, std::string& hashes);

// TF Playground's experiments, as our config: tanh output with MSE on +-1 labels, weights
// uniform(-0.5, 0.5), plain SGD at 0.03, batch 10, 500 points of which 250 train, no noise.
ExperimentConfig tf_default_config();  // circle, x1 and x2, hidden 4-2 tanh
ExperimentConfig tf_big_config();      // spiral, all seven features, hidden 8-8-8-8-8-8 tanh

}  // namespace nnp::bench
