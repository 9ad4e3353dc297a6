// Tests of the input features (core/features.hpp): values at hand-computed points, column order
// following the enum, masks, one-column inputs (x2 = 0) and the enum table's TF tokens.
#include "features.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace nnp;

namespace {
constexpr Feature kAll[] = {Feature::X1,        Feature::X2,    Feature::X1Squared,
                            Feature::X2Squared, Feature::X1TimesX2, Feature::SinX1,
                            Feature::SinX2};
}

TEST_CASE("features: enum table with TF Playground's tokens", "[features]") {
    CHECK(enum_table<Feature>().size() == kFeatureCount);
    const char* tf_tokens[] = {"x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"};
    std::set<std::string> codes;
    for (int f = 0; f < kFeatureCount; ++f) {
        CHECK(std::string(enum_url(kAll[f])) == tf_tokens[f]);
        CHECK(enum_parse<Feature>(tf_tokens[f]) == kAll[f]);
        CHECK(enum_parse<Feature>(enum_code(kAll[f])) == kAll[f]);
        codes.insert(enum_code(kAll[f]));
    }
    CHECK(codes.size() == kFeatureCount);
    CHECK(std::string(enum_code(Feature::X1Squared)) == "x1_squared");
}

TEST_CASE("features: masks, counts and which features need x2", "[features]") {
    CHECK(feature_count(0) == 0);
    CHECK(feature_count(kDefaultFeatures) == 2);
    CHECK(feature_count(kAllFeatures) == 7);
    CHECK(feature_count(feature_bit(Feature::SinX2) | feature_bit(Feature::X1)) == 2);
    CHECK(feature_count(0xffffffffu) == 7);  // unknown bits do not count
    CHECK(kAllFeatures == 0x7fu);

    CHECK_FALSE(feature_uses_x2(Feature::X1));
    CHECK(feature_uses_x2(Feature::X2));
    CHECK_FALSE(feature_uses_x2(Feature::X1Squared));
    CHECK(feature_uses_x2(Feature::X2Squared));
    CHECK(feature_uses_x2(Feature::X1TimesX2));
    CHECK_FALSE(feature_uses_x2(Feature::SinX1));
    CHECK(feature_uses_x2(Feature::SinX2));
}

TEST_CASE("features: values at a known point in enum order", "[features]") {
    // (x1, x2) = (2, -3): 2, -3, 4, 9, -6, sin 2 = 0.909297, sin(-3) = -0.141120.
    float out[7] = {};
    compute_features(2.0f, -3.0f, kAllFeatures, out);
    CHECK(out[0] == 2.0f);
    CHECK(out[1] == -3.0f);
    CHECK(out[2] == 4.0f);
    CHECK(out[3] == 9.0f);
    CHECK(out[4] == -6.0f);
    CHECK(out[5] == Approx(0.9092974268).epsilon(1e-6));
    CHECK(out[6] == Approx(-0.1411200081).epsilon(1e-6));

    // A subset keeps the enum order and packs the columns: x2^2, x1 x2, sin x1.
    const FeatureMask subset =
        feature_bit(Feature::SinX1) | feature_bit(Feature::X2Squared) | feature_bit(Feature::X1TimesX2);
    float packed[4] = {-99.0f, -99.0f, -99.0f, -99.0f};
    compute_features(2.0f, -3.0f, subset, packed);
    CHECK(packed[0] == 9.0f);
    CHECK(packed[1] == -6.0f);
    CHECK(packed[2] == Approx(0.9092974268).epsilon(1e-6));
    CHECK(packed[3] == -99.0f);  // nothing written past feature_count(mask)
}

TEST_CASE("features: matrix version equals the per-point version row by row", "[features]") {
    Matrix raw(4, 2);  // 4 x 2
    raw << 0.0f, 0.0f, 1.5f, -0.5f, -6.0f, 6.0f, 3.14159265f, 1.0f;
    const FeatureMask masks[] = {kDefaultFeatures, kAllFeatures, feature_bit(Feature::SinX2),
                                 feature_bit(Feature::X1Squared) | feature_bit(Feature::SinX1)};
    for (FeatureMask mask : masks) {
        Matrix out;
        compute_features(raw, mask, out);
        REQUIRE(out.rows() == 4);
        REQUIRE(out.cols() == feature_count(mask));
        for (int i = 0; i < 4; ++i) {
            std::vector<float> row(static_cast<std::size_t>(feature_count(mask)));
            compute_features(raw(i, 0), raw(i, 1), mask, row.data());
            for (int j = 0; j < out.cols(); ++j) CHECK(out(i, j) == row[static_cast<std::size_t>(j)]);
        }
    }
    // Hand values of row 2, (-6, 6), all features: -6, 6, 36, 36, -36, sin(-6), sin 6.
    Matrix out;
    compute_features(raw, kAllFeatures, out);
    CHECK(out(2, 2) == 36.0f);
    CHECK(out(2, 4) == -36.0f);
    CHECK(out(2, 5) == Approx(0.2794154982).epsilon(1e-6));
    CHECK(out(2, 6) == Approx(-0.2794154982).epsilon(1e-6));
    CHECK(out(0, 5) == 0.0f);
}

TEST_CASE("features: one raw column means x2 = 0", "[features]") {
    Matrix raw(3, 1);  // 3 x 1: oyster diameters in cm
    raw << 4.0f, 7.5f, 11.0f;
    Matrix out;
    compute_features(raw, kAllFeatures, out);
    REQUIRE(out.rows() == 3);
    REQUIRE(out.cols() == 7);
    for (int i = 0; i < 3; ++i) {
        const float x = raw(i, 0);
        CHECK(out(i, 0) == x);
        CHECK(out(i, 1) == 0.0f);
        CHECK(out(i, 2) == x * x);
        CHECK(out(i, 3) == 0.0f);
        CHECK(out(i, 4) == 0.0f);
        CHECK(out(i, 5) == Approx(std::sin(x)).epsilon(1e-6));
        CHECK(out(i, 6) == 0.0f);
    }
    // Reusing the output matrix with another mask resizes it.
    compute_features(raw, feature_bit(Feature::X1), out);
    CHECK(out.cols() == 1);
    CHECK(out(1, 0) == 7.5f);
}
