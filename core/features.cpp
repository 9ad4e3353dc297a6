// Input features (see features.hpp): TF Playground's seven, one output column per enabled
// feature in enum order. sin uses det_math so that features, too, are bit-identical natively and
// in WebAssembly (libm's sin may differ in the last bit).
#include "features.hpp"

#include "det_math.hpp"

#include <bit>
#include <cassert>

namespace nnp {

namespace {

// URL tokens are TF Playground's feature names.
constexpr EnumEntry<Feature> kFeatures[] = {
    {Feature::X1, "x1", "X1", "x"},
    {Feature::X2, "x2", "X2", "y"},
    {Feature::X1Squared, "x1_squared", "X1 squared", "xSquared"},
    {Feature::X2Squared, "x2_squared", "X2 squared", "ySquared"},
    {Feature::X1TimesX2, "x1_times_x2", "X1 times X2", "xTimesY"},
    {Feature::SinX1, "sin_x1", "sin(X1)", "sinX"},
    {Feature::SinX2, "sin_x2", "sin(X2)", "sinY"},
};
static_assert(std::size(kFeatures) == kFeatureCount);

float feature_value(Feature f, float x1, float x2) {
    switch (f) {
        case Feature::X1: return x1;
        case Feature::X2: return x2;
        case Feature::X1Squared: return x1 * x1;
        case Feature::X2Squared: return x2 * x2;
        case Feature::X1TimesX2: return x1 * x2;
        case Feature::SinX1: return static_cast<float>(det::sin(x1));
        case Feature::SinX2: return static_cast<float>(det::sin(x2));
    }
    return 0.0f;
}

}  // namespace

template <>
std::span<const EnumEntry<Feature>> enum_table<Feature>() {
    return kFeatures;
}

int feature_count(FeatureMask mask) { return std::popcount(mask & kAllFeatures); }

bool feature_uses_x2(Feature f) {
    return f == Feature::X2 || f == Feature::X2Squared || f == Feature::X1TimesX2 ||
           f == Feature::SinX2;
}

void compute_features(float x1, float x2, FeatureMask mask, float* out) {
    int col = 0;
    for (int f = 0; f < kFeatureCount; ++f)
        if (mask & feature_bit(Feature(f))) out[col++] = feature_value(Feature(f), x1, x2);
}

void compute_features(const Matrix& raw, FeatureMask mask, Matrix& out) {
    assert(raw.cols() == 1 || raw.cols() == 2);
    const Eigen::Index n = raw.rows();
    out.resize(n, feature_count(mask));  // n x feature_count(mask); no allocation if unchanged
    const bool has_x2 = raw.cols() >= 2;
    // Rows are contiguous (row-major), so each output row is written in place.
    for (Eigen::Index i = 0; i < n; ++i)
        compute_features(raw(i, 0), has_x2 ? raw(i, 1) : 0.0f, mask, out.row(i).data());
}

}  // namespace nnp
