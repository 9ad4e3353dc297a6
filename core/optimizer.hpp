// Gradient-descent optimizers as flat loops over the parameter buffer, with an explicit step
// counter. Each cites its source. Switching optimizer keeps the weights and restarts the state.
#pragma once

#include "enum_table.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace nnp {

enum class OptimizerKind {
    Sgd,       // Robbins & Monro 1951: w -= lr * g
    Momentum,  // Polyak 1964 (heavy ball): v = mu v + g; w -= lr * v
    Nesterov,  // Nesterov 1983, in Sutskever et al. 2013's form: v = mu v + g; w -= lr (g + mu v)
    AdaGrad,   // Duchi, Hazan & Singer 2011: s += g^2; w -= lr g / (sqrt(s) + eps)
    RmsProp,   // Tieleman & Hinton 2012: s = rho s + (1-rho) g^2; w -= lr g / (sqrt(s) + eps)
    Adam,      // Kingma & Ba 2015: bias-corrected first and second moments, by step count t
};

struct OptimizerParams {
    OptimizerKind kind = OptimizerKind::Sgd;
    float learning_rate = 0.03f;  // (0, 10]
    float momentum = 0.9f;        // Momentum, Nesterov: [0, 0.999]
    float rho = 0.9f;             // RMSprop decay: [0, 0.999]
    float beta1 = 0.9f;           // Adam: [0, 0.999]
    float beta2 = 0.999f;         // Adam: [0, 0.99999]
    float epsilon = 1e-7f;        // AdaGrad, RMSprop, Adam: [1e-10, 1]
    bool operator==(const OptimizerParams&) const = default;
};

template <>
std::span<const EnumEntry<OptimizerKind>> enum_table<OptimizerKind>();

class Optimizer {
public:
    // Sizes the state for `count` parameters and zeroes it (step = 0).
    void reset(std::size_t count);
    // One update of params from grads (same length as reset's count): t increments first, then
    // one flat loop per kind. Allocates nothing. Hyperparameters are read on every call.
    void step(const OptimizerParams& p, std::span<float> params, std::span<const float> grads);
    std::int64_t steps() const { return t_; }
    // The state, same layout as the parameters: velocity or first moment, and the accumulated
    // or averaged squared gradient (zeros for the kinds that do not use one). Never subnormal.
    std::span<const float> first_state() const { return m_; }
    std::span<const float> second_state() const { return v_; }

private:
    std::vector<float> m_;  // velocity / first moment
    std::vector<float> v_;  // accumulated or averaged squared gradient
    std::int64_t t_ = 0;
};

}  // namespace nnp
