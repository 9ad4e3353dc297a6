// Optimizer tests: the first steps of every kind against values worked out by hand (arithmetic
// in the comments, or as double expressions), a 1-D quadratic against an independent scalar
// double reference, and properties: convex quadratics go down, Adam's first step is about lr at
// any gradient scale, its correction follows the step count, reset() restarts, and
// hyperparameters apply live.
#include "optimizer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace nnp;

namespace {

constexpr double kEps = 1e-7;  // OptimizerParams' default epsilon

OptimizerParams params_for(OptimizerKind kind, float lr = 0.1f) {
    OptimizerParams p;
    p.kind = kind;
    p.learning_rate = lr;
    return p;
}

// Relative comparison at 1e-6 (absolute 1e-9 near zero).
void check_close(double actual, double expected) {
    CHECK(actual == Approx(expected).epsilon(1e-6).margin(1e-9));
}

void check_all_close(const std::vector<float>& actual, const std::vector<double>& expected) {
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        INFO("parameter " << i);
        check_close(actual[i], expected[i]);
    }
}

// The given-gradient problem: three parameters and two fixed gradients whose squares add up to
// perfect squares (0.6,0.8 -> 1; 3,4 -> 5; 5,12 -> 13) so the hand arithmetic stays readable.
const std::vector<float> kW0 = {1.0f, -2.0f, 0.5f};
const std::vector<float> kG1 = {0.6f, -3.0f, 5.0f};
const std::vector<float> kG2 = {0.8f, 4.0f, -12.0f};

// Runs the two given-gradient steps; returns the weights after step 1 and after step 2.
std::pair<std::vector<float>, std::vector<float>> two_given_steps(const OptimizerParams& p) {
    Optimizer opt;
    opt.reset(3);
    std::vector<float> w = kW0;
    opt.step(p, w, kG1);
    std::vector<float> w1 = w;
    opt.step(p, w, kG2);
    return {w1, w};
}

// Independent scalar reference in double, written straight from the papers' formulas (pow and
// division, not the engine's reciprocal corrections). Hyperparameters are taken at their float
// values so that both sides use the same numbers.
struct Reference {
    double m = 0.0, s = 0.0;
    long t = 0;
    double step(const OptimizerParams& p, double w, double g) {
        ++t;
        const double lr = p.learning_rate, mu = p.momentum, rho = p.rho;
        const double b1 = p.beta1, b2 = p.beta2, eps = p.epsilon;
        switch (p.kind) {
        case OptimizerKind::Sgd: return w - lr * g;
        case OptimizerKind::Momentum: m = mu * m + g; return w - lr * m;
        case OptimizerKind::Nesterov: m = mu * m + g; return w - lr * (g + mu * m);
        case OptimizerKind::AdaGrad: s = s + g * g; return w - lr * g / (std::sqrt(s) + eps);
        case OptimizerKind::RmsProp:
            s = rho * s + (1 - rho) * g * g;
            return w - lr * g / (std::sqrt(s) + eps);
        case OptimizerKind::Adam: {
            m = b1 * m + (1 - b1) * g;
            s = b2 * s + (1 - b2) * g * g;
            const double m_hat = m / (1 - std::pow(b1, static_cast<double>(t)));
            const double v_hat = s / (1 - std::pow(b2, static_cast<double>(t)));
            return w - lr * m_hat / (std::sqrt(v_hat) + eps);
        }
        }
        return w;
    }
};

constexpr OptimizerKind kAllKinds[] = {OptimizerKind::Sgd,     OptimizerKind::Momentum,
                                       OptimizerKind::Nesterov, OptimizerKind::AdaGrad,
                                       OptimizerKind::RmsProp, OptimizerKind::Adam};

}  // namespace

TEST_CASE("optimizer table: six kinds with distinct codes, labels and URL tokens", "[optimizer]") {
    const auto table = enum_table<OptimizerKind>();
    REQUIRE(table.size() == 6);
    std::set<OptimizerKind> kinds;
    for (const auto& e : table) {
        kinds.insert(e.value);
        CHECK(std::string(e.url).size() <= 4);
        // Parsing returns the first entry whose code or token matches, so a token equal to
        // another entry's code or token would come back as the wrong kind here.
        CHECK(enum_parse<OptimizerKind>(e.code) == e.value);
        CHECK(enum_parse<OptimizerKind>(e.url) == e.value);
    }
    CHECK(kinds.size() == 6);
    CHECK(std::string(enum_label(OptimizerKind::RmsProp)) == "RMSprop");
    CHECK(std::string(enum_code(OptimizerKind::AdaGrad)) == "adagrad");
    CHECK_FALSE(enum_parse<OptimizerKind>("lbfgs").has_value());
}

TEST_CASE("SGD: two given steps by hand", "[optimizer]") {
    // w -= 0.1 g.  Step 1: {1 - 0.06, -2 + 0.3, 0.5 - 0.5} = {0.94, -1.7, 0}
    //              Step 2: {0.94 - 0.08, -1.7 - 0.4, 0 + 1.2} = {0.86, -2.1, 1.2}
    const auto [w1, w2] = two_given_steps(params_for(OptimizerKind::Sgd));
    check_all_close(w1, {0.94, -1.7, 0.0});
    check_all_close(w2, {0.86, -2.1, 1.2});
}

TEST_CASE("Momentum: two given steps by hand", "[optimizer]") {
    // mu = 0.9. Step 1: v = g1, w = w0 - 0.1 g1 = {0.94, -1.7, 0}.
    // Step 2: v = 0.9 g1 + g2 = {0.54 + 0.8, -2.7 + 4, 4.5 - 12} = {1.34, 1.3, -7.5};
    //         w = {0.94 - 0.134, -1.7 - 0.13, 0 + 0.75} = {0.806, -1.83, 0.75}.
    const auto [w1, w2] = two_given_steps(params_for(OptimizerKind::Momentum));
    check_all_close(w1, {0.94, -1.7, 0.0});
    check_all_close(w2, {0.806, -1.83, 0.75});
}

TEST_CASE("Nesterov: two given steps by hand", "[optimizer]") {
    // mu = 0.9. Step 1: v = g1; w = w0 - 0.1 (g1 + 0.9 g1) = w0 - 0.19 g1
    //         = {1 - 0.114, -2 + 0.57, 0.5 - 0.95} = {0.886, -1.43, -0.45}.
    // Step 2: v = {1.34, 1.3, -7.5} (as Momentum); g2 + 0.9 v = {2.006, 5.17, -18.75};
    //         w = {0.886 - 0.2006, -1.43 - 0.517, -0.45 + 1.875} = {0.6854, -1.947, 1.425}.
    const auto [w1, w2] = two_given_steps(params_for(OptimizerKind::Nesterov));
    check_all_close(w1, {0.886, -1.43, -0.45});
    check_all_close(w2, {0.6854, -1.947, 1.425});
}

TEST_CASE("AdaGrad: two given steps by hand", "[optimizer]") {
    // Step 1: s = g1^2 = {0.36, 9, 25}, sqrt(s) = {0.6, 3, 5}: w = w0 - 0.1 g1 / (|g1| + eps).
    // Step 2: s = g1^2 + g2^2 = {1, 25, 169}, sqrt(s) = {1, 5, 13}.
    const auto [w1, w2] = two_given_steps(params_for(OptimizerKind::AdaGrad));
    const std::vector<double> e1 = {1.0 - 0.1 * 0.6 / (0.6 + kEps), -2.0 + 0.1 * 3.0 / (3.0 + kEps),
                                    0.5 - 0.1 * 5.0 / (5.0 + kEps)};
    check_all_close(w1, e1);
    check_all_close(w2, {e1[0] - 0.1 * 0.8 / (1.0 + kEps), e1[1] - 0.1 * 4.0 / (5.0 + kEps),
                         e1[2] + 0.1 * 12.0 / (13.0 + kEps)});
}

TEST_CASE("RMSprop: two given steps by hand", "[optimizer]") {
    // rho = 0.75 so that 1 - rho = 0.25 and sqrt(0.25 g^2) = 0.5 |g|.
    // Step 1: sqrt(s) = 0.5 |g1| = {0.3, 1.5, 2.5}: w = w0 - 0.1 g1 / (0.5 |g1| + eps).
    // Step 2: s = 0.75 * 0.25 g1^2 + 0.25 g2^2 = 0.1875 g1^2 + 0.25 g2^2
    //           = {0.0675 + 0.16, 1.6875 + 4, 4.6875 + 36} = {0.2275, 5.6875, 40.6875}.
    OptimizerParams p = params_for(OptimizerKind::RmsProp);
    p.rho = 0.75f;
    const auto [w1, w2] = two_given_steps(p);
    const std::vector<double> e1 = {1.0 - 0.1 * 0.6 / (0.3 + kEps), -2.0 + 0.1 * 3.0 / (1.5 + kEps),
                                    0.5 - 0.1 * 5.0 / (2.5 + kEps)};
    check_all_close(w1, e1);
    check_all_close(w2, {e1[0] - 0.1 * 0.8 / (std::sqrt(0.2275) + kEps),
                         e1[1] - 0.1 * 4.0 / (std::sqrt(5.6875) + kEps),
                         e1[2] + 0.1 * 12.0 / (std::sqrt(40.6875) + kEps)});
}

TEST_CASE("Adam: two given steps by hand", "[optimizer]") {
    // b1 = 0.9, b2 = 0.999. Step 1: m = 0.1 g1, v = 0.001 g1^2; the corrections divide by
    // 1 - 0.9 = 0.1 and 1 - 0.999 = 0.001, so m_hat = g1, v_hat = g1^2: w = w0 - 0.1 g1 / (|g1| + eps).
    // Step 2: m = 0.09 g1 + 0.1 g2 = {0.054 + 0.08, -0.27 + 0.4, 0.45 - 1.2} = {0.134, 0.13, -0.75},
    //   m_hat = m / (1 - 0.81) = m / 0.19;
    //   v = 0.000999 g1^2 + 0.001 g2^2 = {0.00035964 + 0.00064, 0.008991 + 0.016,
    //   0.024975 + 0.144} = {0.00099964, 0.024991, 0.168975}, v_hat = v / (1 - 0.998001) = v / 0.001999.
    const auto [w1, w2] = two_given_steps(params_for(OptimizerKind::Adam));
    const std::vector<double> e1 = {1.0 - 0.1 * 0.6 / (0.6 + kEps), -2.0 + 0.1 * 3.0 / (3.0 + kEps),
                                    0.5 - 0.1 * 5.0 / (5.0 + kEps)};
    check_all_close(w1, e1);
    const double mh[] = {0.134 / 0.19, 0.13 / 0.19, -0.75 / 0.19};
    const double vh[] = {0.00099964 / 0.001999, 0.024991 / 0.001999, 0.168975 / 0.001999};
    check_all_close(w2, {e1[0] - 0.1 * mh[0] / (std::sqrt(vh[0]) + kEps),
                         e1[1] - 0.1 * mh[1] / (std::sqrt(vh[1]) + kEps),
                         e1[2] - 0.1 * mh[2] / (std::sqrt(vh[2]) + kEps)});
}

TEST_CASE("epsilon is added outside the square root", "[optimizer]") {
    // g = 3 and eps = 1: outside gives 3 / (sqrt(9) + 1) = 0.75; inside would give
    // 3 / sqrt(9 + 1) = 0.9487. RMSprop with rho = 0.75: sqrt(0.25 * 9) = 1.5, 3 / 2.5 = 1.2.
    // Adam's first step: m_hat = 3, v_hat = 9, 3 / (3 + 1) = 0.75.
    const std::vector<float> g = {3.0f};
    for (const auto& [kind, expected] :
         {std::pair{OptimizerKind::AdaGrad, 0.75}, std::pair{OptimizerKind::RmsProp, 1.2},
          std::pair{OptimizerKind::Adam, 0.75}}) {
        INFO(enum_code(kind));
        OptimizerParams p = params_for(kind, 1.0f);
        p.rho = 0.75f;
        p.epsilon = 1.0f;
        Optimizer opt;
        opt.reset(1);
        std::vector<float> w = {0.0f};
        opt.step(p, w, g);
        check_close(w[0], -expected);
    }
}

TEST_CASE("first three steps on f(w) = (w - 3)^2 / 2", "[optimizer]") {
    // The gradient is w - 3, computed here from the current weight. SGD and Momentum by hand:
    // SGD (lr 0.1): w = 0 -> 0.3 (g -3) -> 0.57 (g -2.7) -> 0.813 (g -2.43), i.e. 3 (1 - 0.9^t).
    // Momentum (mu 0.9): v = -3, w = 0.3; g = -2.7, v = -2.7 - 2.7 = -5.4, w = 0.84;
    //                    g = -2.16, v = -4.86 - 2.16 = -7.02, w = 1.542.
    // Adam's first step moves by lr * 3 / (3 + eps) toward 3.
    const auto run = [](const OptimizerParams& p) {
        Optimizer opt;
        opt.reset(1);
        std::vector<float> w = {0.0f}, g = {0.0f}, trace;
        for (int i = 0; i < 3; ++i) {
            g[0] = w[0] - 3.0f;
            opt.step(p, w, g);
            trace.push_back(w[0]);
        }
        return trace;
    };
    check_all_close(run(params_for(OptimizerKind::Sgd)), {0.3, 0.57, 0.813});
    check_all_close(run(params_for(OptimizerKind::Momentum)), {0.3, 0.84, 1.542});
    CHECK(run(params_for(OptimizerKind::Adam))[0] == Approx(0.1 * 3.0 / (3.0 + kEps)).epsilon(1e-6));

    // Every kind against the independent double reference, each on its own trajectory.
    for (OptimizerKind kind : kAllKinds) {
        INFO(enum_code(kind));
        const OptimizerParams p = params_for(kind);
        Reference ref;
        double w_ref = 0.0;
        std::vector<double> expected;
        for (int i = 0; i < 3; ++i) {
            w_ref = ref.step(p, w_ref, w_ref - 3.0);
            expected.push_back(w_ref);
        }
        check_all_close(run(p), expected);
    }
}

TEST_CASE("every optimizer lowers a convex quadratic over 200 steps", "[optimizer]") {
    // f(w) = sum_i a_i (w_i - c_i)^2 / 2, curvatures a spread 100x; gradient a_i (w_i - c_i).
    const double a[] = {0.2, 1.0, 20.0};
    const double c[] = {1.0, -2.0, 0.5};
    const auto f = [&](const std::vector<float>& w) {
        double sum = 0.0;
        for (int i = 0; i < 3; ++i) sum += 0.5 * a[i] * (w[i] - c[i]) * (w[i] - c[i]);
        return sum;
    };
    for (OptimizerKind kind : kAllKinds) {
        INFO(enum_code(kind));
        // AdaGrad's steps shrink like lr / sqrt(t): at lr 0.05 it could travel only about
        // 0.05 * 2 sqrt(200) = 1.4 of the distance 2 to c_1 in 200 steps.
        const OptimizerParams p = params_for(kind, kind == OptimizerKind::AdaGrad ? 0.5f : 0.05f);
        Optimizer opt;
        opt.reset(3);
        std::vector<float> w = {0.0f, 0.0f, 0.0f}, g(3);
        const double f0 = f(w);
        for (int step = 0; step < 200; ++step) {
            for (int i = 0; i < 3; ++i) g[i] = static_cast<float>(a[i] * (w[i] - c[i]));
            opt.step(p, w, g);
        }
        CHECK(opt.steps() == 200);
        INFO("f0 " << f0 << " f200 " << f(w));
        CHECK(f(w) < 0.01 * f0);
    }
}

TEST_CASE("a zero gradient leaves the weights unchanged and finite", "[optimizer]") {
    for (OptimizerKind kind : kAllKinds) {
        INFO(enum_code(kind));
        Optimizer opt;
        opt.reset(3);
        std::vector<float> w = kW0;
        const std::vector<float> zero(3, 0.0f);
        for (int i = 0; i < 3; ++i) opt.step(params_for(kind), w, zero);
        CHECK(w == kW0);  // adaptive kinds divide 0 by eps: exactly 0, no NaN
    }
}

TEST_CASE("a state that decays reaches exactly zero, never a subnormal", "[optimizer]") {
    // After one real gradient, a parameter whose gradient stays zero (a dead ReLU unit) has its
    // moments multiplied by mu, rho or beta every step. Without a flush they would sink into the
    // subnormal range and stay there (0.9 times the smallest subnormal rounds back to it), and
    // every later step would compute on subnormals, many times slower on x86 (BENCHMARKS.md).
    // 1e-20 squared is itself subnormal, the case of a tiny gradient.
    const std::vector<float> g = {1e-3f, -2.0f, 1e-20f};
    const std::vector<float> zero(3, 0.0f);
    for (OptimizerKind kind : kAllKinds) {
        INFO(enum_code(kind));
        Optimizer opt;
        opt.reset(3);
        std::vector<float> w = kW0;
        opt.step(params_for(kind, 1e-3f), w, g);
        int subnormal = 0;
        // 100,000 steps take Adam's second moment (beta2 = 0.999) from 0.004 to below 2^-126.
        for (int t = 0; t < 100000; ++t) {
            opt.step(params_for(kind, 1e-3f), w, zero);
            for (float v : opt.first_state()) subnormal += std::fpclassify(v) == FP_SUBNORMAL;
            for (float v : opt.second_state()) subnormal += std::fpclassify(v) == FP_SUBNORMAL;
        }
        CHECK(subnormal == 0);
        if (kind != OptimizerKind::AdaGrad) {  // AdaGrad's sum never decays
            for (float v : opt.first_state()) CHECK(v == 0.0f);
            for (float v : opt.second_state()) CHECK(v == 0.0f);
        }
        for (float v : w) CHECK(std::isfinite(v));
    }
}

TEST_CASE("Adam's first step is about lr whatever the gradient scale", "[optimizer]") {
    // m_hat = g and v_hat = g^2 at t = 1, so the step is lr |g| / (|g| + eps): within 1e-4 of lr
    // for |g| >= 1e-3. Without the bias correction it would be lr * 0.1 / sqrt(0.001) = 3.16 lr.
    const float lr = 0.01f;
    for (float scale : {1e-3f, 1.0f, 1e3f}) {
        INFO("gradient scale " << scale);
        Optimizer opt;
        opt.reset(3);
        std::vector<float> w = {0.0f, 0.0f, 0.0f};
        const std::vector<float> g = {scale, -scale, 0.5f * scale};
        opt.step(params_for(OptimizerKind::Adam, lr), w, g);
        CHECK(w[0] == Approx(-lr).epsilon(1e-3));
        CHECK(w[1] == Approx(lr).epsilon(1e-3));
        CHECK(w[2] == Approx(-lr).epsilon(1e-3));
    }
}

TEST_CASE("Adam's bias correction follows the step count", "[optimizer]") {
    const OptimizerParams p = params_for(OptimizerKind::Adam, 0.01f);
    const std::vector<float> g = {2.0f};
    const auto one_step = [&](Optimizer& opt) {
        std::vector<float> w = {0.0f};
        opt.step(p, w, g);
        return w[0];
    };

    // Two fresh optimizers at t = 1 take the same step, of size lr.
    Optimizer a, b;
    a.reset(1);
    b.reset(1);
    const float step_a = one_step(a), step_b = one_step(b);
    CHECK(step_a == step_b);
    CHECK(step_a == Approx(-0.01).epsilon(1e-5));

    // A long-running one that saw 10 zero gradients has m = 0.1 g and v = 0.001 g^2 at t = 11:
    // step = lr (0.1 g / (1 - 0.9^11)) / sqrt(0.001 g^2 / (1 - 0.999^11)) = 0.482 lr.
    // Using t = 1's correction instead would give exactly lr.
    Optimizer c;
    c.reset(1);
    std::vector<float> w = {0.0f};
    const std::vector<float> zero = {0.0f};
    for (int i = 0; i < 10; ++i) c.step(p, w, zero);
    const float step_c = one_step(c);
    const double m_hat = 0.1 * 2.0 / (1.0 - std::pow(0.9, 11));
    const double v_hat = 0.001 * 4.0 / (1.0 - std::pow(0.999, 11));
    CHECK(c.steps() == 11);
    CHECK(step_c == Approx(-0.01 * m_hat / (std::sqrt(v_hat) + kEps)).epsilon(1e-5));
    CHECK(std::abs(step_c) < 0.6f * std::abs(step_a));

    // With a constant gradient the corrected moments are exactly g and g^2 at every t, so every
    // step is lr: this fails if t advanced per parameter or per call rather than per step.
    Optimizer d;
    d.reset(3);
    std::vector<float> w3 = {0.0f, 0.0f, 0.0f};
    const std::vector<float> g3 = {2.0f, -0.5f, 7.0f};
    for (int t = 1; t <= 50; ++t) {
        const std::vector<float> before = w3;
        d.step(p, w3, g3);
        CHECK(d.steps() == t);
        for (int i = 0; i < 3; ++i) CHECK(std::abs(w3[i] - before[i]) == Approx(0.01).epsilon(1e-4));
    }
}

TEST_CASE("reset() restarts the step count and the state", "[optimizer]") {
    for (OptimizerKind kind : kAllKinds) {
        INFO(enum_code(kind));
        const OptimizerParams p = params_for(kind);
        Optimizer used;
        used.reset(3);
        std::vector<float> w = kW0;
        for (int i = 0; i < 5; ++i) used.step(p, w, kG1);
        used.reset(3);
        CHECK(used.steps() == 0);

        Optimizer fresh;
        fresh.reset(3);
        std::vector<float> w_used = kW0, w_fresh = kW0;
        used.step(p, w_used, kG2);
        fresh.step(p, w_fresh, kG2);
        CHECK(w_used == w_fresh);  // bit for bit: no velocity or moment survived
        CHECK(used.steps() == 1);
    }
    // reset() may change the size (a rebuilt network).
    Optimizer opt;
    opt.reset(3);
    opt.reset(5);
    std::vector<float> w(5, 1.0f);
    const std::vector<float> g(5, 1.0f);
    opt.step(params_for(OptimizerKind::Momentum), w, g);
    CHECK(w == std::vector<float>(5, 0.9f));
}

TEST_CASE("hyperparameters changed between steps take effect", "[optimizer]") {
    // SGD: the learning rate applies live. 1 - 0.1 * 2 = 0.8, then 0.8 - 0.5 * 2 = -0.2.
    {
        Optimizer opt;
        opt.reset(1);
        std::vector<float> w = {1.0f};
        const std::vector<float> g = {2.0f};
        opt.step(params_for(OptimizerKind::Sgd, 0.1f), w, g);
        check_close(w[0], 0.8);
        opt.step(params_for(OptimizerKind::Sgd, 0.5f), w, g);
        check_close(w[0], -0.2);
    }
    // Momentum: v = 1, w = 1 - 0.1 = 0.9; then mu = 0.5: v = 0.5 + 1 = 1.5, w = 0.9 - 0.15 = 0.75.
    {
        Optimizer opt;
        opt.reset(1);
        std::vector<float> w = {1.0f};
        const std::vector<float> g = {1.0f};
        OptimizerParams p = params_for(OptimizerKind::Momentum);
        opt.step(p, w, g);
        p.momentum = 0.5f;
        opt.step(p, w, g);
        check_close(w[0], 0.75);
    }
    // Adam with a constant gradient steps by exactly lr, so a new lr shows up at once.
    {
        Optimizer opt;
        opt.reset(1);
        std::vector<float> w = {0.0f};
        const std::vector<float> g = {1.0f};
        opt.step(params_for(OptimizerKind::Adam, 0.1f), w, g);
        const float after_first = w[0];
        opt.step(params_for(OptimizerKind::Adam, 0.001f), w, g);
        CHECK(after_first - w[0] == Approx(0.001).epsilon(1e-3));
    }
}
