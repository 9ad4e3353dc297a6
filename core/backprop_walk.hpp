// Backpropagation on one training sample, every number kept: the forward pass layer by layer
// (z = Σ w·x + b, a = f(z)), the loss, the backward pass (dL/da, dL/dz, dL/dw = a_prev · dL/dz,
// dL/db = dL/dz, dL/da_prev = Σ w · dL/dz) and the update the run's optimizer would make if this
// sample were the whole batch. The numbers are the engine's own: forward() and backward() over
// a batch of this one row, then a copy of the run's Optimizer stepped on a copy of its weights.
// Dropout is left out (every unit kept), as when the pictures are drawn.
#pragma once

#include "session.hpp"

#include <optional>
#include <vector>

namespace nnp {

struct LayerWalk {
    int fan_in = 0, fan_out = 0;
    Activation activation = Activation::Linear;
    std::vector<float> input;      // a_prev (fan_in): the sample's inputs for the first layer
    std::vector<float> z, a;       // fan_out
    // f'(z) (fan_out), from the activation's own backward; empty for softmax, whose outputs each
    // depend on every z (its dL/dz is a · (dL/da − Σ a · dL/da)).
    std::vector<float> slope;
    // dL/da (fan_out). At the output it is the loss's derivative by the output; for sigmoid or
    // softmax with cross-entropy the engine goes straight to dL/dz = a - t, so this is shown
    // beside it, not used.
    std::vector<float> dl_da;
    std::vector<float> dl_dz;      // fan_out
    std::vector<float> dl_dw;      // fan_in x fan_out, element (i, o) at i * fan_out + o
    std::vector<float> dl_db;      // fan_out (equals dl_dz)
    std::vector<float> dl_dinput;  // fan_in: Σ_o w(i, o) · dL/dz(o); empty for the first layer
    std::vector<float> w, b;       // the weights and biases before the update
    std::vector<float> w_after, b_after;  // after the optimizer's step
};

struct BackpropWalk {
    int sample = 0;                // training row (0 .. n_train - 1)
    std::vector<float> target;     // outputs
    Loss loss = Loss::Mse;
    double loss_value = 0;         // this sample's data loss
    double penalty = 0;            // the L1/L2 penalty of the weights (0 when none)
    std::vector<LayerWalk> layers;
    std::vector<float> grad;       // d(data loss)/d(params), Mlp::params() layout
    std::vector<float> step_grad;  // what the optimizer gets: grad + the penalty's gradient
    std::vector<float> params_after;
    OptimizerParams optimizer;
};

// nullopt when `sample` is not a training row or the run has no training rows.
std::optional<BackpropWalk> backprop_walk(const Session& s, int sample);

}  // namespace nnp
