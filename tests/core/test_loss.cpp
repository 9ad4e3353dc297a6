// Tests of the losses (core/loss.hpp): hand-computed values of each convention, the fused forms
// staying finite where the naive ones overflow, and loss_backward against finite differences of
// loss_sum for every (loss, output activation) pair, fused and unfused.
#include "loss.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "rng.hpp"

#include <cmath>

using namespace nnp;

namespace {

Matrix apply(Activation act, const Matrix& z) {
    Matrix a(z.rows(), z.cols());
    activation_forward(act, z, a);
    return a;
}

double mean_loss(Loss loss, Activation out, const Matrix& z, const Matrix& t) {
    const Matrix a = apply(out, z);
    return loss_sum(loss, out, z, a, t) / static_cast<double>(z.rows());
}

Matrix one_hot(Rng& rng, int n, int m) {
    Matrix t = Matrix::Zero(n, m);
    for (int i = 0; i < n; ++i) t(i, rng.below(static_cast<std::uint32_t>(m))) = 1.0f;
    return t;
}

}  // namespace

TEST_CASE("loss: enum table and fused pairs", "[loss]") {
    CHECK(enum_parse<Loss>("mse") == Loss::Mse);
    CHECK(enum_parse<Loss>("bce") == Loss::BinaryCrossEntropy);
    CHECK(enum_parse<Loss>("cce") == Loss::CategoricalCrossEntropy);
    CHECK(std::string(enum_code(Loss::CategoricalCrossEntropy)) == "cce");
    CHECK(is_fused(Activation::Sigmoid, Loss::BinaryCrossEntropy));
    CHECK(is_fused(Activation::Softmax, Loss::CategoricalCrossEntropy));
    CHECK_FALSE(is_fused(Activation::Softmax, Loss::BinaryCrossEntropy));
    CHECK_FALSE(is_fused(Activation::Sigmoid, Loss::CategoricalCrossEntropy));
    CHECK_FALSE(is_fused(Activation::Linear, Loss::Mse));
}

TEST_CASE("loss: MSE has the 1/2 and sums over outputs", "[loss]") {
    Matrix a(2, 2), t(2, 2);
    a << 1.0f, 2.0f, 0.5f, 0.0f;
    t << 0.0f, 0.0f, 0.0f, 3.0f;
    // Row 0: (1 + 4) / 2 = 2.5; row 1: (0.25 + 9) / 2 = 4.625.
    CHECK(loss_sum(Loss::Mse, Activation::Linear, a, a, t) == Approx(7.125).epsilon(1e-12));
}

TEST_CASE("loss: binary cross-entropy values", "[loss]") {
    Matrix z(1, 2), t(1, 2);
    z << 0.0f, 0.0f;
    t << 1.0f, 0.0f;
    // Two outputs at 1/2: log 2 each, summed over outputs.
    CHECK(mean_loss(Loss::BinaryCrossEntropy, Activation::Sigmoid, z, t) ==
          Approx(2.0 * std::log(2.0)).epsilon(1e-7));

    // Fused: exact even where sigmoid rounds to 1 in float. z = 100, t = 0 costs 100.
    z << 100.0f, -100.0f;
    t << 0.0f, 0.0f;
    const double fused = mean_loss(Loss::BinaryCrossEntropy, Activation::Sigmoid, z, t);
    CHECK(fused == Approx(100.0).epsilon(1e-9));

    // Unfused on probabilities clips to [1e-7, 1 - 1e-7]: -log(1e-7) at most per output.
    Matrix p(1, 2);
    p << 1.0f, 0.0f;
    t << 0.0f, 1.0f;
    CHECK(loss_sum(Loss::BinaryCrossEntropy, Activation::Softmax, p, p, t) ==
          Approx(-2.0 * std::log(1e-7)).epsilon(1e-4));

    // In the ordinary range fused and unfused agree.
    Rng rng(3);
    Matrix zz(6, 3), tt(6, 3);
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 3; ++j) {
            zz(i, j) = static_cast<float>(rng.uniform(-4, 4));
            tt(i, j) = static_cast<float>(rng.below(2));
        }
    const Matrix aa = apply(Activation::Sigmoid, zz);
    const double via_logits = loss_sum(Loss::BinaryCrossEntropy, Activation::Sigmoid, zz, aa, tt);
    // Activation::Tanh is not fused, so this takes the probability path with the same a.
    const double via_probs = loss_sum(Loss::BinaryCrossEntropy, Activation::Tanh, zz, aa, tt);
    CHECK(via_logits == Approx(via_probs).epsilon(1e-5));
}

TEST_CASE("loss: categorical cross-entropy values", "[loss]") {
    Matrix z(2, 3), t(2, 3);
    z << 0.0f, 0.0f, 0.0f, 1000.0f, 0.0f, 0.0f;
    t << 0.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f;
    // Uniform over 3 classes costs log 3; logit 1000 on the wrong class costs 1000 (no overflow).
    const Matrix a = apply(Activation::Softmax, z);
    CHECK(loss_sum(Loss::CategoricalCrossEntropy, Activation::Softmax, z, a, t) ==
          Approx(std::log(3.0) + 1000.0).epsilon(1e-9));

    Matrix p(1, 3), tp(1, 3);
    p << 0.2f, 0.3f, 0.5f;
    tp << 0.0f, 0.0f, 1.0f;
    CHECK(loss_sum(Loss::CategoricalCrossEntropy, Activation::Sigmoid, p, p, tp) ==
          Approx(-std::log(0.5)).epsilon(1e-6));
    p << 0.5f, 0.5f, 0.0f;  // a probability of exactly 0 is clipped to 1e-7
    CHECK(loss_sum(Loss::CategoricalCrossEntropy, Activation::Sigmoid, p, p, tp) ==
          Approx(-std::log(1e-7)).epsilon(1e-4));
}

TEST_CASE("loss: fused gradients are (a - t) / n", "[loss]") {
    Matrix z(2, 3), t(2, 3), dz(2, 3), scratch(2, 3);
    z << 0.5f, -1.0f, 2.0f, 0.0f, 3.0f, -2.0f;
    t << 0.0f, 0.0f, 1.0f, 1.0f, 0.0f, 0.0f;
    for (auto [act, loss] : {std::pair{Activation::Sigmoid, Loss::BinaryCrossEntropy},
                             std::pair{Activation::Softmax, Loss::CategoricalCrossEntropy}}) {
        const Matrix a = apply(act, z);
        loss_backward(loss, act, z, a, t, 2.0f, dz, scratch);
        const Matrix expected = (a - t) / 2.0f;
        CHECK((dz - expected).cwiseAbs().maxCoeff() < 1e-7f);
    }
}

TEST_CASE("loss: unfused cross-entropy has no gradient where the probability is clipped",
          "[loss]") {
    Matrix z(1, 2), t(1, 2), dz(1, 2), scratch(1, 2);
    z << -200.0f, 0.0f;  // sigmoid(-200) = 0 in float: clipped, the value is flat there
    t << 1.0f, 1.0f;
    const Matrix a = apply(Activation::Sigmoid, z);
    loss_backward(Loss::CategoricalCrossEntropy, Activation::Sigmoid, z, a, t, 1.0f, dz, scratch);
    CHECK(dz(0, 0) == 0.0f);
    CHECK(dz(0, 1) == Approx(-0.5));  // -t/a * a(1-a) = -(1 - 1/2)
}

TEST_CASE("loss: backward matches finite differences for every pair", "[loss]") {
    // Targets suited to each output: real values (linear), ±1 (tanh), 0/1 (sigmoid, MSE and
    // BCE), one-hot (softmax, and sigmoid with CCE).
    struct Pair {
        Activation out;
        Loss loss;
    };
    const Pair pairs[] = {
        {Activation::Linear, Loss::Mse},
        {Activation::Sigmoid, Loss::Mse},
        {Activation::Tanh, Loss::Mse},
        {Activation::Softmax, Loss::Mse},
        {Activation::Sigmoid, Loss::BinaryCrossEntropy},
        {Activation::Softmax, Loss::BinaryCrossEntropy},
        {Activation::Sigmoid, Loss::CategoricalCrossEntropy},
        {Activation::Softmax, Loss::CategoricalCrossEntropy},
    };
    Rng rng(5);
    const int n = 4, m = 3;
    const double h = 1e-2;
    for (const Pair& p : pairs) {
        CAPTURE(enum_code(p.out), enum_code(p.loss));
        Matrix z(n, m), t(n, m);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < m; ++j) z(i, j) = static_cast<float>(rng.uniform(-2.5, 2.5));
        if (p.out == Activation::Softmax || p.loss == Loss::CategoricalCrossEntropy) {
            t = one_hot(rng, n, m);
        } else {
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < m; ++j) {
                    const float bit = static_cast<float>(rng.below(2));
                    t(i, j) = p.out == Activation::Linear ? static_cast<float>(rng.uniform(-2, 2))
                              : p.out == Activation::Tanh ? 2.0f * bit - 1.0f
                                                          : bit;
                }
        }
        const Matrix a = apply(p.out, z);
        Matrix dz(n, m), scratch(n, m);
        loss_backward(p.loss, p.out, z, a, t, static_cast<float>(n), dz, scratch);
        double largest = 0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < m; ++j) {
                Matrix zp = z, zm = z;
                zp(i, j) += static_cast<float>(h);
                zm(i, j) -= static_cast<float>(h);
                const double step = static_cast<double>(zp(i, j)) - zm(i, j);
                const double numeric =
                    (mean_loss(p.loss, p.out, zp, t) - mean_loss(p.loss, p.out, zm, t)) / step;
                CAPTURE(i, j, numeric, dz(i, j));
                CHECK(std::abs(numeric - dz(i, j)) <= 2e-4 + 2e-3 * std::abs(numeric));
                largest = std::max(largest, std::abs(numeric));
            }
        CHECK(largest > 0.02);
    }
}
