// Parity with TensorFlow.js 4.22 on the reference workloads (tests/reference, WORKLOADS.md): the
// mean loss at the initial parameters of W1 (BCE) and W2 (categorical CE), and the weighted sum
// of the W1 network's outputs over the 128 x 128 grid W4.
#include "grid.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "reference_data.hpp"

using namespace nnp;

namespace {

double mean_loss_at_init(const NetworkSpec& spec, const char* init, const char* xs, const char* ys,
                         Loss loss) {
    Mlp net;
    REQUIRE(test::load_network(spec, init, net));
    const Matrix x = test::load_matrix(xs, spec.inputs);
    const Matrix y = test::load_matrix(ys, spec.outputs);
    REQUIRE(x.rows() > 0);
    REQUIRE(x.rows() == y.rows());
    const int n = static_cast<int>(x.rows());
    Workspace ws;
    ws.resize(net, n);
    forward(net, x, ws, DropoutMode::Off);
    const int last = net.num_layers() - 1;
    const double value =
        loss_sum(loss, spec.output, ws.z[last].topRows(n), ws.h[last].topRows(n), y);
    // backward() reports the same summed loss.
    CHECK(backward(net, x, y, loss, ws) == Approx(value).epsilon(1e-12));
    return value / n;
}

// sum over i of out[i] * ((i mod 13) + 1), in double.
double weighted_sum(const Eigen::Block<const Matrix>& out) {
    double s = 0;
    for (Eigen::Index i = 0; i < out.rows(); ++i)
        s += static_cast<double>(out(i, 0)) * static_cast<double>(i % 13 + 1);
    return s;
}

}  // namespace

TEST_CASE("reference: data files have the documented shapes", "[reference]") {
    CHECK(test::load_f32("w1_x.f32").size() == 500 * 2);
    CHECK(test::load_f32("w1_init.f32").size() == Mlp(test::w1_spec()).params().size());
    CHECK(test::load_f32("w2_init.f32").size() == Mlp(test::w2_spec()).params().size());
    CHECK(test::load_f32("w3_init.f32").size() == Mlp(test::w3_spec()).params().size());
    CHECK(test::load_matrix("w2_y.f32", 10).rows() == 1797);
    CHECK(test::load_f32("no_such_file.f32").empty());
}

TEST_CASE("reference: W1 loss at the initial parameters matches TensorFlow.js", "[reference]") {
    const double loss = mean_loss_at_init(test::w1_spec(), "w1_init.f32", "w1_x.f32", "w1_y.f32",
                                          Loss::BinaryCrossEntropy);
    CHECK(loss == Approx(0.677531141).epsilon(1e-4));
}

TEST_CASE("reference: W2 loss at the initial parameters matches TensorFlow.js", "[reference]") {
    const double loss = mean_loss_at_init(test::w2_spec(), "w2_init.f32", "w2_x.f32", "w2_y.f32",
                                          Loss::CategoricalCrossEntropy);
    CHECK(loss == Approx(2.371639952).epsilon(1e-4));
}

TEST_CASE("reference: W4 grid outputs match TensorFlow.js", "[reference][grid]") {
    Mlp net;
    REQUIRE(test::load_network(test::w1_spec(), "w1_init.f32", net));
    constexpr double kExpected = 57334.7325;

    // Over the file's points...
    const Matrix points = test::load_matrix("w4_grid.f32", 2);
    REQUIRE(points.rows() == 128 * 128);
    Workspace ws;
    ws.resize(net, 128 * 128, false);
    forward(net, points, ws, DropoutMode::Off);
    CHECK(weighted_sum(ws.out(net.num_layers() - 1, 128 * 128)) == Approx(kExpected).epsilon(1e-4));

    // ...and through compute_grid over [-6, 6]^2 with the features x1, x2.
    GridPictures pics;
    compute_grid(net, kDefaultFeatures, Domain{-6.0f, 6.0f, -6.0f, 6.0f}, 128, 128, pics);
    CHECK(pics.raw == points);
    CHECK(weighted_sum(pics.output(net)) == Approx(kExpected).epsilon(1e-4));
}
