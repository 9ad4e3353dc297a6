// Input normalisation: statistics by hand, fitted to the training rows only, kept with the model
// (pictures and thresholds use it), and the user's units left untouched.
#include "config_codec.hpp"
#include "grid.hpp"
#include "normalize.hpp"
#include "session.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace nnp;

TEST_CASE("standardize and minmax, derived by hand", "[normalize]") {
    Matrix x(4, 2);
    x << 1, 10, 2, 10, 3, 10, 6, 10;  // column 0: mean 3, population variance (4+1+0+9)/4 = 3.5
    const InputNorm z = fit_input_norm(Normalization::Standardize, x);
    REQUIRE(z.offset.size() == 2);
    CHECK(z.offset[0] == Approx(3.0f));
    CHECK(z.scale[0] == Approx(1.0 / std::sqrt(3.5)));
    CHECK(z.offset[1] == Approx(10.0f));
    CHECK(z.scale[1] == 1.0f);  // a constant column is shifted, never divided by zero
    Matrix y = x;
    apply_input_norm(z, y);
    CHECK(y.col(0).mean() == Approx(0.0f).margin(1e-6));
    CHECK(std::sqrt(y.col(0).array().square().mean()) == Approx(1.0f));
    CHECK(y(0, 1) == 0.0f);

    const InputNorm m = fit_input_norm(Normalization::MinMax, x);
    CHECK(m.offset[0] == Approx(3.5f));  // (1 + 6) / 2
    CHECK(m.scale[0] == Approx(0.4f));   // 1 / ((6 - 1) / 2)
    Matrix w = x;
    apply_input_norm(m, w);
    CHECK(w(0, 0) == Approx(-1.0f));
    CHECK(w(3, 0) == Approx(1.0f));

    const InputNorm none = fit_input_norm(Normalization::None, x);
    CHECK(none.identity());
    Matrix same = x;
    apply_input_norm(none, same);
    CHECK(same == x);
}

TEST_CASE("scale divides every column by the one largest |x|, derived by hand", "[normalize]") {
    Matrix x(3, 2);
    x << 0, 4,
         2, -8,
         1, 16;
    const InputNorm norm = fit_input_norm(Normalization::Scale, x);
    REQUIRE(norm.scale.size() == 2);
    CHECK(norm.offset == std::vector<float>{0.0f, 0.0f});
    CHECK(norm.scale == std::vector<float>{1.0f / 16.0f, 1.0f / 16.0f});
    Matrix y = x;
    apply_input_norm(norm, y);
    CHECK(y(2, 1) == 1.0f);
    CHECK(y(1, 1) == -0.5f);
    CHECK(y(1, 0) == 0.125f);
    CHECK(y(0, 0) == 0.0f);  // nothing is shifted: blank pixels stay 0
    // All zeros (or no rows): the identity factor, never a division by 0.
    const InputNorm zeros = fit_input_norm(Normalization::Scale, Matrix::Zero(4, 3));
    CHECK(zeros.scale == std::vector<float>(3, 1.0f));
}

TEST_CASE("the statistics come from the training rows only", "[normalize][session]") {
    const DecodedConfig d = decode_config("v=1&data=oyster&es=1");
    REQUIRE(d.issues.empty());
    Session s(d.config);
    const Dataset& data = s.data();
    REQUIRE(s.n_val() > 0);
    double sum = 0.0, squares = 0.0;
    for (int i = 0; i < data.n_train; ++i) sum += data.x(i, 0);
    const double mean = sum / data.n_train;
    for (int i = 0; i < data.n_train; ++i) squares += (data.x(i, 0) - mean) * (data.x(i, 0) - mean);
    const double deviation = std::sqrt(squares / data.n_train);
    REQUIRE(s.input_norm().offset.size() == 1);
    CHECK(s.input_norm().offset[0] == Approx(mean).epsilon(1e-6));
    CHECK(s.input_norm().scale[0] == Approx(1.0 / deviation).epsilon(1e-6));
    // The network sees the normalised diameter; the data keeps centimetres.
    CHECK(s.inputs()(0, 0) == Approx((data.x(0, 0) - mean) / deviation).epsilon(1e-5));
    CHECK(data.x.col(0).minCoeff() >= 3.0f);

    // Moving the validation and test rows far away changes nothing the model was fitted with.
    Dataset moved = data;
    for (int i = data.n_train; i < data.size(); ++i) moved.x(i, 0) += 100.0f;
    Session t(d.config, moved);
    CHECK(t.input_norm() == s.input_norm());
}

TEST_CASE("pictures and the learned threshold use the model's normalisation, in cm", "[normalize][grid]") {
    // One sigmoid unit on the standardised diameter: p = sigmoid(w z + b), z = (x - mu) / sigma.
    // With w = 1, b = 0 it changes its mind exactly at x = mu, in centimetres.
    const DecodedConfig d = decode_config("v=1&data=oyster&net=none");
    REQUIRE(d.issues.empty());
    Session s(d.config);
    const float mu = s.input_norm().offset[0];
    Mlp& net = s.net();
    net.weights(0)(0, 0) = 1.0f;
    net.params()[net.bias_offset(0)] = 0.0f;
    s.params_changed();
    CHECK(s.learned_threshold() == Approx(mu).margin(0.01));
    GridPictures grid;
    s.compute_grid(256, 1, grid);
    CHECK(grid.raw(0, 0) == Approx(s.data().domain.x_min));  // the grid is in cm
    const float x = grid.raw(200, 0);
    const float z = (x - mu) * s.input_norm().scale[0];
    CHECK(grid.output(net)(200, 0) == Approx(1.0f / (1.0f + std::exp(-z))).epsilon(1e-5));
}
