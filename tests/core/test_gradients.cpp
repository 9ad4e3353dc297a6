// Finite-difference gradient checks of the whole network: backward() plus the regularisation
// gradient against central differences of (mean data loss + penalty), for every hidden
// activation x every meaningful (output activation, loss) pair x {none, L1, L2}, on small nets
// with 2-3 hidden layers, a batch of several rows, and dropout masks frozen.
#include "mlp.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "regularization.hpp"

#include <cmath>
#include <vector>

using namespace nnp;

namespace {

struct Pair {
    Activation out;
    Loss loss;
};

constexpr Activation kHidden[] = {Activation::Linear, Activation::Step,  Activation::Sigmoid,
                                  Activation::Tanh,   Activation::Relu,  Activation::LeakyRelu};
constexpr Pair kPairs[] = {
    {Activation::Linear, Loss::Mse},
    {Activation::Sigmoid, Loss::Mse},
    {Activation::Tanh, Loss::Mse},
    {Activation::Softmax, Loss::Mse},  // odd but legal
    {Activation::Sigmoid, Loss::BinaryCrossEntropy},
    {Activation::Softmax, Loss::BinaryCrossEntropy},
    {Activation::Sigmoid, Loss::CategoricalCrossEntropy},  // odd but legal
    {Activation::Softmax, Loss::CategoricalCrossEntropy},
};
constexpr Regularization kRegs[] = {Regularization::None, Regularization::L1, Regularization::L2};

constexpr int kRows = 7;       // batch
constexpr int kMaxRows = 9;    // workspace larger than the batch: checks the topRows blocks
constexpr double kStep = 1e-2;  // about 2e-2 of a typical weight (and half of it, see below)

// Targets that suit the output: real values, ±1, 0/1 or one-hot rows.
Matrix make_targets(const Pair& p, int n, int m, Rng& rng) {
    Matrix t = Matrix::Zero(n, m);
    const bool one_hot = p.out == Activation::Softmax || p.loss == Loss::CategoricalCrossEntropy;
    for (int i = 0; i < n; ++i) {
        if (one_hot) {
            t(i, rng.below(static_cast<std::uint32_t>(m))) = 1.0f;
            continue;
        }
        for (int j = 0; j < m; ++j) {
            const float bit = static_cast<float>(rng.below(2));
            t(i, j) = p.out == Activation::Linear ? static_cast<float>(rng.uniform(-1.5, 1.5))
                      : p.out == Activation::Tanh ? 2.0f * bit - 1.0f
                                                  : bit;
        }
    }
    return t;
}

// Signs of every hidden pre-activation: a finite-difference step that flips one of them crossed
// a kink (ReLU, leaky ReLU) or a jump (step), where the derivative is not defined.
std::vector<bool> hidden_signs(const Mlp& net, const Workspace& ws, int n) {
    std::vector<bool> s;
    for (int l = 0; l + 1 < net.num_layers(); ++l) {
        const Activation act = net.activation(l);
        if (act != Activation::Relu && act != Activation::LeakyRelu && act != Activation::Step)
            continue;  // smooth everywhere
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < net.fan_out(l); ++j) s.push_back(ws.z[l](i, j) > 0.0f);
    }
    return s;
}

struct CheckResult {
    int checked = 0, skipped = 0, failed = 0;
    double worst = 0;          // largest |analytic - numeric| / tolerance
    double base = 0;           // the objective at the unperturbed parameters
    double gradient_norm = 0;  // of the analytic gradient
};

CheckResult check_network(const NetworkSpec& spec, const Pair& pair, Regularization reg,
                          std::uint64_t seed) {
    Rng rng(seed);
    Mlp net(spec);
    net.init(Init::Glorot, rng);
    auto params = net.params();
    for (int l = 0; l < net.num_layers(); ++l) {
        // Keep every weight at least 0.05 away from 0 (L1's kink), and give the biases values.
        auto w = net.weights(l);
        for (Eigen::Index k = 0; k < w.size(); ++k) w.data()[k] += w.data()[k] < 0 ? -0.05f : 0.05f;
        for (Eigen::Index k = 0; k < net.bias(l).size(); ++k)
            net.bias(l)(k) = static_cast<float>(rng.uniform(-0.3, 0.3));
    }
    Matrix x(kRows, spec.inputs);
    for (int i = 0; i < kRows; ++i)
        for (int j = 0; j < spec.inputs; ++j) x(i, j) = static_cast<float>(rng.uniform(-1.5, 1.5));
    const Matrix t = make_targets(pair, kRows, spec.outputs, rng);
    const float rate = 0.03f;

    Workspace ws;
    ws.resize(net, kMaxRows);
    Rng dropout_rng(seed, 4);
    forward(net, x, ws, DropoutMode::Sample, &dropout_rng);  // draws the masks once
    // The first hidden layer really drops units (p = 0.3), so the masks enter the gradient.
    CHECK(ws.dropped[0] == 1);
    CHECK((ws.mask[0].topRows(kRows).array() == 0.0f).count() > 0);

    auto objective = [&]() {
        forward(net, x, ws, DropoutMode::Frozen);
        const int last = net.num_layers() - 1;
        const double data = loss_sum(pair.loss, pair.out, ws.z[last].topRows(kRows),
                                     ws.h[last].topRows(kRows), t) / kRows;
        return data + regularization_penalty(net, reg, rate);
    };

    forward(net, x, ws, DropoutMode::Frozen);
    const double summed = backward(net, x, t, pair.loss, ws);
    std::vector<float> grad = ws.grad;
    add_regularization_gradient(net, reg, rate, grad);
    const double base = objective();
    const std::vector<bool> base_signs = hidden_signs(net, ws, kRows);
    // backward() returns the summed data loss of the same pass.
    CHECK(summed / kRows + regularization_penalty(net, reg, rate) == Approx(base).epsilon(1e-6));

    CheckResult r;
    r.base = base;
    for (std::size_t k = 0; k < params.size(); ++k) {
        const float saved = params[k];
        bool crossed = false;
        // Central difference with step s, measured with the steps float really took.
        auto central = [&](double s) {
            params[k] = saved + static_cast<float>(s);
            const double up = objective();
            const double step_up = static_cast<double>(params[k]) - saved;
            crossed = crossed || hidden_signs(net, ws, kRows) != base_signs;
            params[k] = saved - static_cast<float>(s);
            const double down = objective();
            const double step_down = saved - static_cast<double>(params[k]);
            crossed = crossed || hidden_signs(net, ws, kRows) != base_signs;
            params[k] = saved;
            return (up - down) / (step_up + step_down);
        };
        // Richardson extrapolation removes the O(h^2) term, which matters where the loss curves
        // sharply (e.g. BCE on a softmax output close to 1).
        const double numeric = (4.0 * central(kStep / 2) - central(kStep)) / 3.0;
        if (crossed) {
            ++r.skipped;
            continue;
        }
        const double analytic = grad[k];
        // Float rounding of the forward pass adds noise of about 1e-7 of the loss to each
        // evaluation, hence the absolute term scaled by the loss. Observed errors stay below a
        // fifth of this; a factor of 2, a sign, or a missing 1/n on any gradient above ~2e-4 fails.
        const double tolerance = 1e-4 * std::max(1.0, base) + 1e-2 * std::abs(numeric);
        const double err = std::abs(analytic - numeric);
        r.worst = std::max(r.worst, err / tolerance);
        if (err > tolerance) {
            ++r.failed;
            UNSCOPED_INFO("param " << k << " analytic " << analytic << " numeric " << numeric);
        }
        ++r.checked;
        r.gradient_norm += analytic * analytic;
    }
    r.gradient_norm = std::sqrt(r.gradient_norm);
    return r;
}

NetworkSpec small_net(Activation hidden, const Pair& pair, int hidden_layers) {
    NetworkSpec spec;
    spec.inputs = 3;
    spec.hidden = {{5, hidden, 0.3f}, {4, hidden, 0.0f}};
    if (hidden_layers == 3) spec.hidden.push_back({3, hidden, 0.2f});
    // Two outputs for the MSE pairs; three where outputs interact (softmax) or cross-entropy
    // sums over them.
    spec.outputs = (pair.out == Activation::Softmax || pair.loss != Loss::Mse) ? 3 : 2;
    spec.output = pair.out;
    return spec;
}

}  // namespace

TEST_CASE("gradients: backward matches finite differences for every activation, output, loss "
          "and penalty",
          "[gradients]") {
    std::uint64_t seed = 100;
    int checked = 0, skipped = 0;
    for (Activation hidden : kHidden) {
        for (const Pair& pair : kPairs) {
            for (Regularization reg : kRegs) {
                ++seed;
                const int layers = (seed % 3 == 0) ? 3 : 2;
                CAPTURE(enum_code(hidden), enum_code(pair.out), enum_code(pair.loss),
                        enum_code(reg), layers, seed);
                const NetworkSpec spec = small_net(hidden, pair, layers);
                const CheckResult r = check_network(spec, pair, reg, seed);
                CAPTURE(r.checked, r.skipped, r.worst, r.gradient_norm);
                CHECK(r.failed == 0);
                // Enough parameters were really compared (skips only near ReLU/step kinks) and
                // the gradient was not trivially zero.
                CHECK(r.checked >= static_cast<int>(0.6 * (r.checked + r.skipped)));
                CHECK(r.gradient_norm > 1e-2);
                checked += r.checked;
                skipped += r.skipped;
            }
        }
    }
    CAPTURE(checked, skipped);
    CHECK(checked >= 19 * skipped);  // at least 95% of all parameters compared
}

TEST_CASE("gradients: a step layer passes no gradient to the layers before it", "[gradients]") {
    NetworkSpec spec;
    spec.inputs = 2;
    spec.hidden = {{4, Activation::Tanh, 0.0f}, {3, Activation::Step, 0.0f}};
    spec.outputs = 1;
    spec.output = Activation::Sigmoid;
    Mlp net(spec);
    Rng rng(9);
    net.init(Init::Uniform, rng);
    Matrix x(5, 2);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 2; ++j) x(i, j) = static_cast<float>(rng.uniform(-2, 2));
    Matrix t(5, 1);
    t << 1, 0, 1, 1, 0;
    Workspace ws;
    ws.resize(net, 5);
    forward(net, x, ws, DropoutMode::Off);
    backward(net, x, t, Loss::BinaryCrossEntropy, ws);
    const auto grad = std::span<const float>(ws.grad);
    // Layers 0 and 1 (up to and including the step layer's own weights) get exactly zero...
    for (std::size_t k = 0; k < net.weight_offset(2); ++k) CHECK(grad[k] == 0.0f);
    // ...while the output layer still learns from the step units' 0/1 outputs.
    double out_norm = 0;
    for (std::size_t k = net.weight_offset(2); k < grad.size(); ++k) out_norm += std::abs(grad[k]);
    CHECK(out_norm > 1e-3);
}
