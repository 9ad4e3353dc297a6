// The optimizers of optimizer.hpp: each kind is one flat loop over the parameter buffer, with
// the state (m_, v_) sized once by reset() so that step() never allocates. The step counter t
// advances once per step, never per parameter, and Adam's bias corrections come from it.
// The state never holds a subnormal float (flush.hpp): where a gradient stays exactly zero (a
// ReLU unit that no longer fires, an input pixel that is always 0), a moment decays by its
// factor every step into the subnormal range and, since 0.9 times the smallest subnormal rounds
// back to it, stays there for good. Measured on W2 and W3 (BENCHMARKS.md): a third of W3's
// first moments after five epochs, which made a training step 4-6x slower natively and on the
// web. A moment below 2^-126 contributes nothing a float weight could show.
#include "optimizer.hpp"

#include "flush.hpp"

#include <array>
#include <cassert>
#include <cmath>

namespace nnp {

template <>
std::span<const EnumEntry<OptimizerKind>> enum_table<OptimizerKind>() {
    static constexpr std::array<EnumEntry<OptimizerKind>, 6> table{{
        {OptimizerKind::Sgd, "sgd", "SGD", "sgd"},
        {OptimizerKind::Momentum, "momentum", "Momentum", "mom"},
        {OptimizerKind::Nesterov, "nesterov", "Nesterov", "nag"},
        {OptimizerKind::AdaGrad, "adagrad", "AdaGrad", "adag"},
        {OptimizerKind::RmsProp, "rmsprop", "RMSprop", "rms"},
        {OptimizerKind::Adam, "adam", "Adam", "adam"},
    }};
    return table;
}

namespace {

// base^t for t >= 0 by repeated squaring. Only multiplications, which IEEE-754 rounds correctly
// everywhere, so native and WebAssembly builds get the same bits (libm's pow may differ in the
// last bit between glibc and musl). For base in [0, 1) the result underflows to 0 as t grows.
double integer_power(double base, std::int64_t t) {
    double result = 1.0;
    while (t > 0) {
        if (t & 1) result *= base;
        base *= base;
        t >>= 1;
    }
    return result;
}

}  // namespace

void Optimizer::reset(std::size_t count) {
    m_.assign(count, 0.0f);
    v_.assign(count, 0.0f);
    t_ = 0;
}

// Note for g++: with the default -fmath-errno, std::sqrt keeps an errno branch that stops the
// adaptive loops from vectorising (about 10x slower natively); -fno-math-errno fixes that
// without changing any result. Clang for WebAssembly has no errno for math and vectorises.
void Optimizer::step(const OptimizerParams& p, std::span<float> params,
                     std::span<const float> grads) {
    assert(params.size() == grads.size() && params.size() == m_.size() && "call reset(count) first");
    if (params.size() != grads.size() || params.size() != m_.size()) return;
    ++t_;

    const std::size_t n = params.size();
    float* w = params.data();
    const float* g = grads.data();
    float* m = m_.data();  // velocity (Momentum, Nesterov) or first moment (Adam)
    float* s = v_.data();  // sum (AdaGrad) or running mean (RMSprop, Adam) of squared gradients
    const float lr = p.learning_rate;
    const float eps = p.epsilon;

    switch (p.kind) {
    case OptimizerKind::Sgd:  // Robbins & Monro 1951
        for (std::size_t i = 0; i < n; ++i) w[i] -= lr * g[i];
        break;

    case OptimizerKind::Momentum: {  // Polyak 1964
        const float mu = p.momentum;
        for (std::size_t i = 0; i < n; ++i) {
            m[i] = flush_subnormal(mu * m[i] + g[i]);
            w[i] -= lr * m[i];
        }
        break;
    }

    case OptimizerKind::Nesterov: {  // Nesterov 1983; Sutskever, Martens, Dahl & Hinton 2013
        // Their update rewritten in the look-ahead variables (as PyTorch and Keras do), so g is
        // the gradient at the stored weights: the step is g plus mu times the new velocity.
        const float mu = p.momentum;
        for (std::size_t i = 0; i < n; ++i) {
            m[i] = flush_subnormal(mu * m[i] + g[i]);
            w[i] -= lr * (g[i] + mu * m[i]);
        }
        break;
    }

    case OptimizerKind::AdaGrad:  // Duchi, Hazan & Singer 2011, diagonal form
        for (std::size_t i = 0; i < n; ++i) {
            s[i] = flush_subnormal(s[i] + g[i] * g[i]);  // only grows, but may start subnormal
            w[i] -= lr * g[i] / (std::sqrt(s[i]) + eps);
        }
        break;

    case OptimizerKind::RmsProp: {  // Tieleman & Hinton 2012, Coursera lecture 6.5
        const float rho = p.rho, one_minus_rho = 1.0f - p.rho;
        for (std::size_t i = 0; i < n; ++i) {
            s[i] = flush_subnormal(rho * s[i] + one_minus_rho * (g[i] * g[i]));
            w[i] -= lr * g[i] / (std::sqrt(s[i]) + eps);
        }
        break;
    }

    case OptimizerKind::Adam: {  // Kingma & Ba 2015, Algorithm 1; eps outside the sqrt (as TF.js)
        const float b1 = p.beta1, one_minus_b1 = 1.0f - p.beta1;
        const float b2 = p.beta2, one_minus_b2 = 1.0f - p.beta2;
        // Bias corrections 1 / (1 - beta^t), in double from the step count, once per step.
        // beta < 1 (validated) and t >= 1, so the denominators are positive.
        const float c1 = static_cast<float>(1.0 / (1.0 - integer_power(p.beta1, t_)));
        const float c2 = static_cast<float>(1.0 / (1.0 - integer_power(p.beta2, t_)));
        for (std::size_t i = 0; i < n; ++i) {
            m[i] = flush_subnormal(b1 * m[i] + one_minus_b1 * g[i]);
            s[i] = flush_subnormal(b2 * s[i] + one_minus_b2 * (g[i] * g[i]));
            const float m_hat = m[i] * c1;
            const float v_hat = s[i] * c2;
            w[i] -= lr * m_hat / (std::sqrt(v_hat) + eps);
        }
        break;
    }

    default:
        assert(false && "unknown optimizer kind");
        break;
    }
}

}  // namespace nnp
