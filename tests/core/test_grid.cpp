// Tests of the pictures (core/grid.hpp): grid order and end points bit-identical to the reference
// grid W4, the batched grid forward pass equal to the network on the same points, every hidden
// neuron's picture in the workspace, and buffers reused between redraws.
#include "grid.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "reference_data.hpp"

using namespace nnp;

TEST_CASE("grid: points match the reference grid W4 bit for bit", "[grid]") {
    const Matrix reference = test::load_matrix("w4_grid.f32", 2);
    REQUIRE(reference.rows() == 128 * 128);
    Matrix points;
    grid_points(Domain{}, 128, 128, points);
    REQUIRE(points.rows() == reference.rows());
    CHECK(points == reference);
}

TEST_CASE("grid: order is top row first, x from x_min to x_max, ends included", "[grid]") {
    const Domain d{-1.0f, 3.0f, 10.0f, 12.0f};
    Matrix p;
    grid_points(d, 5, 3, p);
    REQUIRE(p.rows() == 15);
    REQUIRE(p.cols() == 2);
    CHECK(p(0, 0) == -1.0f);  // top left
    CHECK(p(0, 1) == 12.0f);
    CHECK(p(4, 0) == 3.0f);   // top right
    CHECK(p(4, 1) == 12.0f);
    CHECK(p(5, 0) == -1.0f);  // second row
    CHECK(p(5, 1) == 11.0f);
    CHECK(p(7, 0) == 1.0f);
    CHECK(p(14, 0) == 3.0f);  // bottom right
    CHECK(p(14, 1) == 10.0f);
    // A single row or column sits in the middle.
    grid_points(d, 1, 1, p);
    CHECK(p(0, 0) == 1.0f);
    CHECK(p(0, 1) == 11.0f);
}

TEST_CASE("grid: pictures equal the network on the same points", "[grid]") {
    NetworkSpec spec;
    spec.inputs = 3;  // x1, x2, x1*x2
    spec.hidden = {{5, Activation::Tanh, 0.5f}, {3, Activation::Relu, 0.0f}};
    spec.outputs = 2;
    spec.output = Activation::Softmax;
    Mlp net(spec);
    Rng rng(71);
    net.init(Init::Glorot, rng);
    const FeatureMask features =
        feature_bit(Feature::X1) | feature_bit(Feature::X2) | feature_bit(Feature::X1TimesX2);
    const Domain d{-2.0f, 2.0f, -1.0f, 1.0f};

    GridPictures pics;
    compute_grid(net, features, d, 9, 7, pics);
    REQUIRE(pics.points() == 63);
    REQUIRE(pics.features.rows() == 63);
    REQUIRE(pics.features.cols() == 3);
    // Row 10 is (x = -2 + 4 * 1/8, y = 1 - 2 * 1/6): features (x, y, x y).
    CHECK(pics.raw(10, 0) == -1.5f);
    CHECK(pics.features(10, 2) == Approx(-1.5 * (1.0 - 1.0 / 3.0)));

    // The same points through an ordinary workspace, dropout off (inference).
    Workspace ws;
    ws.resize(net, 63);
    forward(net, pics.features, ws, DropoutMode::Off);
    CHECK(pics.output(net) == ws.out(2, 63));
    CHECK(pics.ws.h[0].topRows(63) == ws.h[0].topRows(63));  // neuron pictures, layer 0
    CHECK(pics.ws.h[1].col(2) == ws.h[1].col(2));
    // Softmax rows of the output picture sum to one.
    CHECK(((pics.output(net).rowwise().sum().array() - 1.0f).abs() < 1e-6f).all());

    // Redraw after a weight change: same buffers, new values.
    const float* out_data = pics.ws.h[2].data();
    const float* feature_data = pics.features.data();
    const Matrix before = pics.output(net);
    net.weights(2)(0, 0) += 1.0f;
    compute_grid(net, features, d, 9, 7, pics);
    CHECK(pics.ws.h[2].data() == out_data);
    CHECK(pics.features.data() == feature_data);
    CHECK(pics.output(net) != before);

    // Another feature set with the same count: the features are recomputed.
    const FeatureMask squares = feature_bit(Feature::X1Squared) | feature_bit(Feature::X2Squared) |
                                feature_bit(Feature::X1);
    compute_grid(net, squares, d, 9, 7, pics);
    CHECK(pics.features(10, 1) == Approx(1.5 * 1.5));

    // Another size: the new points.
    compute_grid(net, features, d, 4, 2, pics);
    CHECK(pics.points() == 8);
    CHECK(pics.output(net).rows() == 8);
    CHECK(pics.raw(7, 0) == 2.0f);
    CHECK(pics.raw(7, 1) == -1.0f);
}

TEST_CASE("grid: one-input data uses one row with x2 = 0", "[grid]") {
    NetworkSpec spec;
    spec.inputs = 1;
    spec.hidden = {{3, Activation::Tanh, 0.0f}};
    spec.outputs = 1;
    spec.output = Activation::Sigmoid;
    Mlp net(spec);
    Rng rng(72);
    net.init(Init::Glorot, rng);
    GridPictures pics;
    compute_grid(net, feature_bit(Feature::X1), Domain{0.0f, 10.0f, 5.0f, 7.0f}, 11, 1, pics);
    REQUIRE(pics.points() == 11);
    CHECK(pics.raw(3, 0) == 3.0f);
    CHECK(pics.raw.col(1).isZero(0.0f));
    CHECK(pics.output(net).rows() == 11);
}
