// Tests of the activation functions (core/activation.hpp): hand-computed values, numerical
// safety for huge inputs, softmax rows summing to one, and every backward against central
// finite differences of the forward.
#include "activation.hpp"  // first: see the note on GCC 12 there

#include <catch2/catch.hpp>

#include "rng.hpp"

#include <cmath>
#include <set>
#include <string>

using namespace nnp;

namespace {

constexpr Activation kAll[] = {Activation::Linear, Activation::Step,      Activation::Sigmoid,
                               Activation::Tanh,   Activation::Relu,      Activation::LeakyRelu,
                               Activation::Softmax};

Matrix apply(Activation act, const Matrix& z) {
    Matrix a(z.rows(), z.cols());
    activation_forward(act, z, a);
    return a;
}

// Random n x m matrix in [lo, hi) with every |entry| >= gap, so that no finite-difference step
// crosses the kink of ReLU / leaky ReLU / step at 0.
Matrix random_away_from_zero(Rng& rng, int n, int m, double lo, double hi, double gap) {
    Matrix z(n, m);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < m; ++j) {
            double v = rng.uniform(lo, hi);
            if (std::abs(v) < gap) v = v < 0 ? -gap : gap;
            z(i, j) = static_cast<float>(v);
        }
    return z;
}

}  // namespace

TEST_CASE("activation: enum table has every value, TF Playground's tokens", "[activation]") {
    std::set<std::string> codes, urls;
    for (Activation a : kAll) {
        REQUIRE(enum_entry(a) != nullptr);
        codes.insert(enum_code(a));
        urls.insert(enum_url(a));
        CHECK(enum_parse<Activation>(enum_code(a)) == a);
        CHECK(enum_parse<Activation>(enum_url(a)) == a);
    }
    CHECK(codes.size() == std::size(kAll));
    CHECK(urls.size() == std::size(kAll));
    CHECK(enum_parse<Activation>("linear") == Activation::Linear);
    CHECK(enum_parse<Activation>("sigmoid") == Activation::Sigmoid);
    CHECK(enum_parse<Activation>("tanh") == Activation::Tanh);
    CHECK(enum_parse<Activation>("relu") == Activation::Relu);
    CHECK(enum_parse<Activation>("leaky_relu") == Activation::LeakyRelu);
    CHECK_FALSE(enum_parse<Activation>("swish").has_value());
}

TEST_CASE("activation: where each function is allowed", "[activation]") {
    for (Activation a : kAll) CHECK(allowed_in_hidden(a) == (a != Activation::Softmax));
    CHECK(allowed_in_output(Activation::Linear));
    CHECK(allowed_in_output(Activation::Sigmoid));
    CHECK(allowed_in_output(Activation::Tanh));
    CHECK(allowed_in_output(Activation::Softmax));
    CHECK_FALSE(allowed_in_output(Activation::Relu));
    CHECK_FALSE(allowed_in_output(Activation::LeakyRelu));
    CHECK_FALSE(allowed_in_output(Activation::Step));
}

TEST_CASE("activation: hand-computed values", "[activation]") {
    Matrix z(1, 5);
    const float ln2 = std::log(2.0f), ln3 = std::log(3.0f);
    z << -2.0f, 0.0f, ln2, ln3, 1e-30f;

    const Matrix lin = apply(Activation::Linear, z);
    CHECK(lin == z);

    const Matrix step = apply(Activation::Step, z);
    CHECK(step(0, 0) == 0.0f);
    CHECK(step(0, 1) == 0.0f);  // z > 0 is strict
    CHECK(step(0, 4) == 1.0f);

    // sigmoid(ln 3) = 3/4, sigmoid(-2) = 1 / (1 + e^2).
    const Matrix sig = apply(Activation::Sigmoid, z);
    CHECK(sig(0, 1) == 0.5f);
    CHECK(sig(0, 3) == Approx(0.75).epsilon(1e-6));
    CHECK(sig(0, 0) == Approx(1.0 / (1.0 + std::exp(2.0))).epsilon(1e-6));

    // tanh(ln 2) = (4 - 1) / (4 + 1) = 0.6.
    const Matrix th = apply(Activation::Tanh, z);
    CHECK(th(0, 1) == 0.0f);
    CHECK(th(0, 2) == Approx(0.6).epsilon(1e-6));
    CHECK(th(0, 0) == Approx(-std::tanh(2.0)).epsilon(1e-6));

    const Matrix relu = apply(Activation::Relu, z);
    CHECK(relu(0, 0) == 0.0f);
    CHECK(relu(0, 2) == ln2);

    const Matrix leaky = apply(Activation::LeakyRelu, z);
    CHECK(leaky(0, 0) == Approx(-2.0f * kLeakyReluSlope));
    CHECK(leaky(0, 3) == ln3);

    // softmax(0, ln 2, ln 5) = (1, 2, 5) / 8.
    Matrix zs(1, 3);
    zs << 0.0f, ln2, std::log(5.0f);
    const Matrix sm = apply(Activation::Softmax, zs);
    CHECK(sm(0, 0) == Approx(0.125).epsilon(1e-6));
    CHECK(sm(0, 1) == Approx(0.25).epsilon(1e-6));
    CHECK(sm(0, 2) == Approx(0.625).epsilon(1e-6));
}

TEST_CASE("activation: sigmoid is safe and accurate for large |z|", "[activation]") {
    Matrix z(1, 6);
    z << -1e30f, -100.0f, -20.0f, 20.0f, 100.0f, 1e30f;
    const Matrix a = apply(Activation::Sigmoid, z);
    REQUIRE(a.allFinite());
    CHECK(a(0, 0) == 0.0f);
    CHECK(a(0, 1) >= 0.0f);
    CHECK(a(0, 1) < 1e-40f);
    // The tiny tail keeps its relative accuracy: sigmoid(-20) = 2.06e-9, not 0.
    CHECK(a(0, 2) == Approx(1.0 / (1.0 + std::exp(20.0))).epsilon(1e-5));
    CHECK(a(0, 4) == 1.0f);
    CHECK(a(0, 5) == 1.0f);
}

TEST_CASE("activation: softmax rows sum to one, also for huge logits", "[activation]") {
    Rng rng(7);
    Matrix z(5, 4);
    for (int i = 0; i < z.rows(); ++i)
        for (int j = 0; j < z.cols(); ++j) z(i, j) = static_cast<float>(rng.uniform(-5, 5));
    z.row(2) << 1e30f, -1e30f, 0.0f, 1e30f;        // would overflow exp without the max shift
    z.row(3) << 3e38f, 3e38f, -3e38f, 88.0f;        // near float's largest value
    z.row(4) << 1000.0f, 1000.0f, 1000.0f, 1000.0f;  // equal: uniform
    const Matrix a = apply(Activation::Softmax, z);
    REQUIRE(a.allFinite());
    for (int i = 0; i < a.rows(); ++i) {
        CHECK(a.row(i).sum() == Approx(1.0).epsilon(1e-6));
        CHECK(a.row(i).minCoeff() >= 0.0f);
    }
    CHECK(a(2, 0) == Approx(0.5));
    CHECK(a(2, 3) == Approx(0.5));
    CHECK(a(3, 0) == Approx(0.5));
    CHECK(a(4, 2) == Approx(0.25));

    // Shift invariance: adding a constant to a row changes nothing.
    Matrix shifted = z.topRows(2).array() + 50.0f;
    const Matrix b = apply(Activation::Softmax, shifted);
    CHECK((b - a.topRows(2)).cwiseAbs().maxCoeff() < 1e-6f);
}

TEST_CASE("activation: derivatives at hand-picked points", "[activation]") {
    Matrix z(1, 2), da(1, 2), dz(1, 2);
    z << 0.0f, 2.0f;
    da << 1.0f, 1.0f;
    Matrix a = apply(Activation::Sigmoid, z);
    activation_backward(Activation::Sigmoid, z, a, da, dz);
    CHECK(dz(0, 0) == 0.25f);  // s'(0) = 1/4
    a = apply(Activation::Tanh, z);
    activation_backward(Activation::Tanh, z, a, da, dz);
    CHECK(dz(0, 0) == 1.0f);  // tanh'(0) = 1
    CHECK(dz(0, 1) == Approx(1.0 - std::tanh(2.0) * std::tanh(2.0)).epsilon(1e-5));
    a = apply(Activation::Relu, z);
    activation_backward(Activation::Relu, z, a, da, dz);
    CHECK(dz(0, 0) == 0.0f);  // TensorFlow's choice at the kink
    CHECK(dz(0, 1) == 1.0f);
    a = apply(Activation::Step, z);
    dz.setConstant(7.0f);
    activation_backward(Activation::Step, z, a, da, dz);
    CHECK(dz.isZero(0.0f));
}

TEST_CASE("activation: backward matches finite differences of forward", "[activation]") {
    // L(z) = sum(w .* f(z)) with random weights w; dL/dz from backward(da = w) against
    // (L(z + h e) - L(z - h e)) / 2h for every entry (every column mixes for softmax).
    Rng rng(11);
    const int n = 3, m = 4;
    const double h = 1e-2;
    for (Activation act : kAll) {
        CAPTURE(enum_code(act));
        const Matrix z = random_away_from_zero(rng, n, m, -3.0, 3.0, 0.05);
        Matrix w(n, m);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < m; ++j) w(i, j) = static_cast<float>(rng.uniform(-1, 1));
        const Matrix a = apply(act, z);
        Matrix dz(n, m);
        activation_backward(act, z, a, w, dz);

        auto objective = [&](const Matrix& zz) {
            const Matrix aa = apply(act, zz);
            double s = 0;
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < m; ++j) s += static_cast<double>(w(i, j)) * aa(i, j);
            return s;
        };
        double largest = 0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < m; ++j) {
                Matrix zp = z, zm = z;
                zp(i, j) += static_cast<float>(h);
                zm(i, j) -= static_cast<float>(h);
                const double step = static_cast<double>(zp(i, j)) - zm(i, j);  // exact in float
                const double numeric = (objective(zp) - objective(zm)) / step;
                CAPTURE(i, j, numeric, dz(i, j));
                CHECK(std::abs(numeric - dz(i, j)) <= 1e-3 + 1e-3 * std::abs(numeric));
                largest = std::max(largest, std::abs(numeric));
            }
        if (act == Activation::Step)
            CHECK(dz.isZero(0.0f));
        else
            CHECK(largest > 0.05);  // the check compared real slopes, not zeros
    }
}
