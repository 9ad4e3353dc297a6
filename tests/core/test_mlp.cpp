// Tests of the network (core/mlp.hpp) and the weight penalties (core/regularization.hpp):
// parameter layout, a hand-computed forward pass, the initialisers' ranges and moments,
// inverted dropout, workspace reuse, the symmetry of zero initialisation, and L1/L2.
#include "mlp.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "regularization.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace nnp;

namespace {

NetworkSpec make_spec(int inputs, std::vector<LayerSpec> hidden, int outputs, Activation out) {
    NetworkSpec spec;
    spec.inputs = inputs;
    spec.hidden = std::move(hidden);
    spec.outputs = outputs;
    spec.output = out;
    return spec;
}

Matrix random_matrix(Rng& rng, int n, int m, double lo, double hi) {
    Matrix x(n, m);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < m; ++j) x(i, j) = static_cast<float>(rng.uniform(lo, hi));
    return x;
}

struct Moments {
    double mean = 0, var = 0, min = 1e30, max = -1e30;
};

Moments weight_moments(const Mlp& net, int layer) {
    const auto w = net.weights(layer);
    Moments m;
    for (Eigen::Index k = 0; k < w.size(); ++k) m.mean += w.data()[k];
    m.mean /= static_cast<double>(w.size());
    for (Eigen::Index k = 0; k < w.size(); ++k) {
        const double v = w.data()[k];
        m.var += (v - m.mean) * (v - m.mean);
        m.min = std::min(m.min, v);
        m.max = std::max(m.max, v);
    }
    m.var /= static_cast<double>(w.size());
    return m;
}

}  // namespace

TEST_CASE("mlp: parameter layout", "[mlp]") {
    const Mlp net(make_spec(3, {{4, Activation::Tanh, 0.0f}, {2, Activation::Relu, 0.0f}}, 5,
                            Activation::Softmax));
    CHECK(net.num_layers() == 3);
    CHECK(net.fan_in(0) == 3);
    CHECK(net.fan_out(0) == 4);
    CHECK(net.fan_in(2) == 2);
    CHECK(net.fan_out(2) == 5);
    CHECK(net.activation(1) == Activation::Relu);
    CHECK(net.activation(2) == Activation::Softmax);
    // (3*4 + 4) + (4*2 + 2) + (2*5 + 5) = 16 + 10 + 15.
    CHECK(net.params().size() == 41);
    CHECK(net.weight_offset(0) == 0);
    CHECK(net.bias_offset(0) == 12);
    CHECK(net.weight_offset(1) == 16);
    CHECK(net.bias_offset(1) == 24);
    CHECK(net.weight_offset(2) == 26);
    CHECK(net.bias_offset(2) == 36);

    // Element (i, o) of W is at i * fan_out + o.
    Mlp m = net;
    std::vector<float> values(41);
    for (std::size_t k = 0; k < values.size(); ++k) values[k] = static_cast<float>(k);
    REQUIRE(m.set_params(values));
    CHECK(m.weights(1)(3, 1) == 16.0f + 3 * 2 + 1);
    CHECK(m.bias(2)(4) == 40.0f);
    CHECK(m.weights(0)(2, 0) == 8.0f);

    // A wrong count changes nothing.
    CHECK_FALSE(m.set_params(std::vector<float>(40, -1.0f)));
    CHECK(m.params()[5] == 5.0f);
}

TEST_CASE("mlp: forward pass by hand", "[mlp]") {
    // 2 -> 2 tanh -> 1 linear. W1 = [[1, -1], [0.5, 2]], b1 = [0, 0.5]; W2 = [[2], [-3]], b2 = 1.
    Mlp net(make_spec(2, {{2, Activation::Tanh, 0.0f}}, 1, Activation::Linear));
    REQUIRE(net.set_params(std::vector<float>{1, -1, 0.5f, 2, 0, 0.5f, 2, -3, 1}));
    Matrix x(2, 2);
    x << 1.0f, 0.0f, -2.0f, 1.0f;
    Workspace ws;
    ws.resize(net, 4);
    forward(net, x, ws, DropoutMode::Off);
    // Row 0: z1 = (1, -1 + 0.5) -> h = (tanh 1, tanh -0.5); out = 2 tanh 1 - 3 tanh(-0.5) + 1.
    // Row 1: z1 = (-2 + 0.5, 2 + 2 + 0.5) = (-1.5, 4.5).
    const double out0 = 2 * std::tanh(1.0) - 3 * std::tanh(-0.5) + 1;
    const double out1 = 2 * std::tanh(-1.5) - 3 * std::tanh(4.5) + 1;
    const auto out = ws.out(1, 2);
    REQUIRE(out.rows() == 2);
    REQUIRE(out.cols() == 1);
    CHECK(out(0, 0) == Approx(out0).epsilon(1e-6));
    CHECK(out(1, 0) == Approx(out1).epsilon(1e-6));
    CHECK(ws.z[0](1, 1) == 4.5f);
    CHECK(ws.h[0](0, 0) == Approx(std::tanh(1.0)).epsilon(1e-6));
}

TEST_CASE("mlp: zero hidden layers is the single-layer perceptron", "[mlp]") {
    Mlp net(make_spec(2, {}, 1, Activation::Sigmoid));
    REQUIRE(net.set_params(std::vector<float>{2, -1, 0.5f}));
    Matrix x(1, 2);
    x << 1.0f, 3.0f;
    Matrix t(1, 1);
    t << 1.0f;
    Workspace ws;
    ws.resize(net, 1);
    forward(net, x, ws, DropoutMode::Off);
    const double z = 2 * 1 - 1 * 3 + 0.5;  // -0.5
    const double a = 1 / (1 + std::exp(-z));
    CHECK(ws.out(0, 1)(0, 0) == Approx(a).epsilon(1e-6));
    const double loss = backward(net, x, t, Loss::BinaryCrossEntropy, ws);
    CHECK(loss == Approx(-std::log(a)).epsilon(1e-6));
    // Gradient of BCE through a sigmoid: (a - t) * x for the weights, (a - t) for the bias.
    CHECK(ws.grad[0] == Approx((a - 1) * 1).epsilon(1e-5));
    CHECK(ws.grad[1] == Approx((a - 1) * 3).epsilon(1e-5));
    CHECK(ws.grad[2] == Approx(a - 1).epsilon(1e-5));
}

TEST_CASE("mlp: initialisers", "[mlp]") {
    const NetworkSpec spec =
        make_spec(200, {{300, Activation::Relu, 0.0f}}, 100, Activation::Linear);
    Mlp net(spec);

    SECTION("zeros") {
        Rng rng(1);
        net.init(Init::Uniform, rng);
        net.init(Init::Zeros, rng);
        CHECK(std::all_of(net.params().begin(), net.params().end(),
                          [](float p) { return p == 0.0f; }));
    }
    SECTION("uniform: TF Playground's U(-0.5, 0.5) weights and 0.1 biases") {
        Rng rng(2);
        net.init(Init::Uniform, rng);
        const Moments m = weight_moments(net, 0);
        CHECK(m.min >= -0.5);
        CHECK(m.max < 0.5);
        CHECK(m.mean == Approx(0.0).margin(0.005));
        CHECK(m.var == Approx(1.0 / 12.0).epsilon(0.02));
        CHECK(net.bias(0).isConstant(0.1f));
        CHECK(net.bias(1).isConstant(0.1f));
        // Draw order: the first weights are the first draws of the same generator.
        Rng again(2);
        CHECK(net.weights(0)(0, 0) == static_cast<float>(again.uniform(-0.5, 0.5)));
        CHECK(net.weights(0)(0, 1) == static_cast<float>(again.uniform(-0.5, 0.5)));
    }
    SECTION("Glorot uniform: limit sqrt(6 / (fan_in + fan_out))") {
        Rng rng(3);
        net.init(Init::Glorot, rng);
        for (int l = 0; l < 2; ++l) {
            const double limit = std::sqrt(6.0 / (net.fan_in(l) + net.fan_out(l)));
            const Moments m = weight_moments(net, l);
            CHECK(m.min >= -limit);
            CHECK(m.max <= limit);
            CHECK(m.max > 0.95 * limit);  // really spans the range
            CHECK(m.var == Approx(limit * limit / 3.0).epsilon(0.03));
            CHECK(net.bias(l).isZero(0.0f));
        }
    }
    SECTION("He normal: standard deviation sqrt(2 / fan_in)") {
        Rng rng(4);
        net.init(Init::He, rng);
        for (int l = 0; l < 2; ++l) {
            const Moments m = weight_moments(net, l);
            CHECK(m.mean == Approx(0.0).margin(0.01));
            CHECK(m.var == Approx(2.0 / net.fan_in(l)).epsilon(0.03));
            CHECK(net.bias(l).isZero(0.0f));
        }
    }
    SECTION("same seed, same weights; another seed, other weights") {
        Mlp a(spec), b(spec), c(spec);
        Rng ra(9), rb(9), rc(10);
        a.init(Init::He, ra);
        b.init(Init::He, rb);
        c.init(Init::He, rc);
        CHECK(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
        CHECK_FALSE(std::equal(a.params().begin(), a.params().end(), c.params().begin()));
    }
}

TEST_CASE("mlp: enum tables of Init and Regularization", "[mlp]") {
    for (Init i : {Init::Zeros, Init::Uniform, Init::Glorot, Init::He})
        CHECK(enum_parse<Init>(enum_code(i)) == i);
    CHECK(enum_parse<Init>("glorot") == Init::Glorot);
    // TF Playground's link tokens.
    CHECK(enum_parse<Regularization>("none") == Regularization::None);
    CHECK(enum_parse<Regularization>("L1") == Regularization::L1);
    CHECK(enum_parse<Regularization>("L2") == Regularization::L2);
    CHECK(std::string(enum_url(Regularization::L2)) == "L2");
}

TEST_CASE("mlp: batch rows are independent and partial batches use the first rows", "[mlp]") {
    Rng rng(21);
    Mlp net(make_spec(3, {{6, Activation::Sigmoid, 0.0f}, {5, Activation::LeakyRelu, 0.0f}}, 2,
                      Activation::Softmax));
    net.init(Init::Glorot, rng);
    const Matrix x = random_matrix(rng, 8, 3, -2, 2);
    Workspace big, one;
    big.resize(net, 16);
    one.resize(net, 1);
    forward(net, x, big, DropoutMode::Off);
    const Matrix all = big.out(2, 8);
    for (int i = 0; i < 8; ++i) {
        forward(net, x.row(i), one, DropoutMode::Off);
        CHECK((one.out(2, 1) - all.row(i)).cwiseAbs().maxCoeff() < 1e-6f);
    }
    // A partial batch of 3 rows in the same workspace gives the same first rows.
    forward(net, x.topRows(3), big, DropoutMode::Off);
    CHECK((big.out(2, 3) - all.topRows(3)).cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("mlp: the batch gradient is the mean of the per-sample gradients", "[mlp]") {
    Rng rng(22);
    Mlp net(make_spec(2, {{4, Activation::Tanh, 0.0f}}, 3, Activation::Softmax));
    net.init(Init::Glorot, rng);
    const Matrix x = random_matrix(rng, 5, 2, -2, 2);
    Matrix t = Matrix::Zero(5, 3);
    for (int i = 0; i < 5; ++i) t(i, i % 3) = 1.0f;
    Workspace ws;
    ws.resize(net, 5);
    forward(net, x, ws, DropoutMode::Off);
    const double total = backward(net, x, t, Loss::CategoricalCrossEntropy, ws);
    const std::vector<float> batch = ws.grad;
    std::vector<double> mean(batch.size(), 0.0);
    double summed = 0;
    for (int i = 0; i < 5; ++i) {
        forward(net, x.row(i), ws, DropoutMode::Off);
        summed += backward(net, x.row(i), t.row(i), Loss::CategoricalCrossEntropy, ws);
        for (std::size_t k = 0; k < mean.size(); ++k) mean[k] += ws.grad[k] / 5.0;
    }
    CHECK(total == Approx(summed).epsilon(1e-6));
    for (std::size_t k = 0; k < mean.size(); ++k) CHECK(batch[k] == Approx(mean[k]).margin(1e-6));
}

TEST_CASE("mlp: workspace resize is reused and allocates once", "[mlp]") {
    Mlp net(make_spec(2, {{8, Activation::Tanh, 0.5f}}, 1, Activation::Sigmoid));
    Workspace ws;
    ws.resize(net, 32);
    const float* z0 = ws.z[0].data();
    const float* mask0 = ws.mask[0].data();
    const float* grad0 = ws.grad.data();
    ws.resize(net, 32);
    CHECK(ws.z[0].data() == z0);
    CHECK(ws.mask[0].data() == mask0);
    CHECK(ws.grad.data() == grad0);
    CHECK(ws.mask[1].size() == 0);  // the output layer never has dropout
    CHECK(ws.grad.size() == net.params().size());
    // Inference-only: no gradient buffers or masks.
    Workspace view;
    view.resize(net, 32, false);
    CHECK(view.dz.empty());
    CHECK(view.mask.empty());
    CHECK(view.grad.empty());
    CHECK(view.h[0].rows() == 32);
}

TEST_CASE("mlp: inverted dropout keeps the expected activation", "[mlp][dropout]") {
    const float p = 0.4f;
    Mlp net(make_spec(2, {{50, Activation::Sigmoid, p}}, 1, Activation::Linear));
    Rng rng(31);
    net.init(Init::Glorot, rng);
    const Matrix x = random_matrix(rng, 4, 2, -1, 1);
    Workspace ws;
    ws.resize(net, 4);
    Rng drops(31, static_cast<std::uint64_t>(RngStream::Dropout));

    const int passes = 2000;
    Matrix sum = Matrix::Zero(4, 50);
    double dropped = 0;
    for (int k = 0; k < passes; ++k) {
        forward(net, x, ws, DropoutMode::Sample, &drops);
        REQUIRE(ws.dropped[0] == 1);
        const auto mask = ws.mask[0].topRows(4);
        // Every mask entry is 0 or 1/(1-p).
        REQUIRE(((mask.array() == 0.0f) || (mask.array() == 1.0f / (1.0f - p))).all());
        dropped += static_cast<double>((mask.array() == 0.0f).count());
        sum += ws.out(0, 4);
    }
    const double units = 4.0 * 50.0 * passes;
    CHECK(dropped / units == Approx(p).margin(0.005));  // 400,000 draws: sd 0.0008
    // The mean of a over the passes is h (h is the same every pass); per unit the standard
    // error is h sqrt(p / (1-p)) / sqrt(2000) ~ 0.018 h, so the overall mean is much tighter.
    const Matrix mean = sum / static_cast<float>(passes);
    const Matrix h = ws.h[0].topRows(4);
    CHECK(mean.sum() / h.sum() == Approx(1.0).epsilon(0.005));
    CHECK(((mean - h).array().abs() <= 0.08f * h.array()).all());
}

TEST_CASE("mlp: dropout modes", "[mlp][dropout]") {
    Mlp net(make_spec(3, {{20, Activation::Tanh, 0.5f}, {10, Activation::Relu, 0.0f}}, 2,
                      Activation::Sigmoid));
    Rng rng(41);
    net.init(Init::Glorot, rng);
    const Matrix x = random_matrix(rng, 6, 3, -1, 1);
    Workspace ws;
    ws.resize(net, 6);
    Rng drops(41, 4);

    forward(net, x, ws, DropoutMode::Off);
    const Matrix off = ws.out(2, 6);
    CHECK(ws.dropped[0] == 0);
    CHECK(ws.out(0, 6) == ws.h[0].topRows(6));  // no masking, no scaling

    forward(net, x, ws, DropoutMode::Sample, &drops);
    const Matrix first = ws.out(2, 6);
    CHECK(ws.dropped[0] == 1);
    CHECK(ws.dropped[1] == 0);  // p = 0 layer
    CHECK(ws.dropped[2] == 0);  // output layer never drops
    forward(net, x, ws, DropoutMode::Frozen);
    CHECK(ws.out(2, 6) == first);  // the same masks again
    forward(net, x, ws, DropoutMode::Sample, &drops);
    CHECK(ws.out(2, 6) != first);  // new masks
    CHECK(first != off);

    // Off again after training passes is exactly the first inference.
    forward(net, x, ws, DropoutMode::Off);
    CHECK(ws.out(2, 6) == off);

    // Dropout is live: a new rate needs no new workspace.
    net.set_dropout(1, 0.3f);
    CHECK(net.dropout(1) == 0.3f);
    forward(net, x, ws, DropoutMode::Sample, &drops);
    CHECK(ws.dropped[1] == 1);
    net.set_dropout(0, 0.0f);
    forward(net, x, ws, DropoutMode::Sample, &drops);
    CHECK(ws.dropped[0] == 0);
}

TEST_CASE("mlp: zero initialisation keeps a layer's units equal", "[mlp]") {
    // The symmetry problem: with all parameters equal, every unit of a layer gets the same
    // gradient, so plain gradient descent never tells them apart. Sigmoid units make the
    // gradients non-zero (tanh(0) = 0 would leave everything at 0 and prove nothing).
    const NetworkSpec spec =
        make_spec(2, {{4, Activation::Sigmoid, 0.0f}, {3, Activation::Sigmoid, 0.0f}}, 1,
                  Activation::Sigmoid);
    Rng rng(51);
    const Matrix x = random_matrix(rng, 12, 2, -3, 3);
    Matrix t(12, 1);
    for (int i = 0; i < 12; ++i) t(i, 0) = x(i, 0) * x(i, 1) > 0 ? 1.0f : 0.0f;

    auto train = [&](Init init) {
        Mlp net(spec);
        Rng r(52);
        net.init(init, r);
        Workspace ws;
        ws.resize(net, 12);
        for (int step = 0; step < 25; ++step) {
            forward(net, x, ws, DropoutMode::Off);
            backward(net, x, t, Loss::BinaryCrossEntropy, ws);
            for (std::size_t k = 0; k < ws.grad.size(); ++k) net.params()[k] -= 0.5f * ws.grad[k];
        }
        return net;
    };
    // Units of layer l are columns of W_l (and entries of b_l), and rows of W_{l+1}.
    auto units_equal = [](const Mlp& net, int l) {
        const auto w = net.weights(l);
        const auto b = net.bias(l);
        const auto next = net.weights(l + 1);
        for (int j = 1; j < net.fan_out(l); ++j) {
            if (w.col(j) != w.col(0) || b(j) != b(0) || next.row(j) != next.row(0)) return false;
        }
        return true;
    };

    const Mlp zeros = train(Init::Zeros);
    CHECK(units_equal(zeros, 0));
    CHECK(units_equal(zeros, 1));
    // Training did change the weights (not a vacuous check), in every layer.
    for (int l = 0; l < 3; ++l) CHECK(zeros.weights(l).cwiseAbs().maxCoeff() > 1e-4f);

    const Mlp random = train(Init::Uniform);
    CHECK_FALSE(units_equal(random, 0));
    CHECK_FALSE(units_equal(random, 1));
}

TEST_CASE("regularization: penalties by hand, biases never included", "[regularization]") {
    Mlp net(make_spec(2, {{1, Activation::Tanh, 0.0f}}, 1, Activation::Linear));
    // W1 = [3, -4]^T, b1 = 100, W2 = [-2], b2 = -50.
    REQUIRE(net.set_params(std::vector<float>{3, -4, 100, -2, -50}));
    CHECK(regularization_penalty(net, Regularization::None, 0.5f) == 0.0);
    CHECK(regularization_penalty(net, Regularization::L1, 0.5f) == Approx(0.5 * (3 + 4 + 2)));
    CHECK(regularization_penalty(net, Regularization::L2, 0.5f) ==
          Approx(0.5 * 0.5 * (9 + 16 + 4)));

    std::vector<float> grad(5, 1.0f);
    add_regularization_gradient(net, Regularization::L1, 0.5f, grad);
    CHECK(grad == std::vector<float>{1.5f, 0.5f, 1.0f, 0.5f, 1.0f});
    std::fill(grad.begin(), grad.end(), 0.0f);
    add_regularization_gradient(net, Regularization::L2, 0.5f, grad);
    CHECK(grad == std::vector<float>{1.5f, -2.0f, 0.0f, -1.0f, 0.0f});
    std::fill(grad.begin(), grad.end(), 0.0f);
    add_regularization_gradient(net, Regularization::None, 0.5f, grad);
    CHECK(grad == std::vector<float>(5, 0.0f));
}

TEST_CASE("regularization: an L2 step shrinks every weight and leaves biases alone",
          "[regularization]") {
    Rng rng(61);
    Mlp net(make_spec(3, {{5, Activation::Relu, 0.0f}}, 2, Activation::Linear));
    net.init(Init::Uniform, rng);
    const std::vector<float> before(net.params().begin(), net.params().end());
    std::vector<float> grad(before.size(), 0.0f);
    add_regularization_gradient(net, Regularization::L2, 0.1f, grad);
    for (std::size_t k = 0; k < grad.size(); ++k) net.params()[k] -= 0.5f * grad[k];
    for (int l = 0; l < net.num_layers(); ++l) {
        for (std::size_t k = net.weight_offset(l); k < net.bias_offset(l); ++k) {
            CHECK(std::abs(net.params()[k]) < std::abs(before[k]));
            CHECK(net.params()[k] == Approx(before[k] * 0.95f));  // w (1 - lr * rate)
        }
        const std::size_t end = net.bias_offset(l) + static_cast<std::size_t>(net.fan_out(l));
        for (std::size_t k = net.bias_offset(l); k < end; ++k) CHECK(net.params()[k] == before[k]);
    }
}
