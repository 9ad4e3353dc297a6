// Input features computed from the raw inputs (x1, x2), as TF Playground offers them. The
// network sees one column per enabled feature, in the order of the Feature enum.
#pragma once

#include "types.hpp"
#include "enum_table.hpp"

namespace nnp {

enum class Feature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };
constexpr int kFeatureCount = 7;

using FeatureMask = std::uint32_t;  // bit i = Feature(i) enabled

constexpr FeatureMask feature_bit(Feature f) { return FeatureMask(1) << static_cast<int>(f); }
constexpr FeatureMask kDefaultFeatures = feature_bit(Feature::X1) | feature_bit(Feature::X2);
constexpr FeatureMask kAllFeatures = (FeatureMask(1) << kFeatureCount) - 1;

template <>
std::span<const EnumEntry<Feature>> enum_table<Feature>();

int feature_count(FeatureMask mask);  // enabled known features (unknown bits are ignored)
bool feature_uses_x2(Feature f);

// raw: n x (1 or 2). With one raw column, x2 is taken as 0. out: resized to n x feature_count.
void compute_features(const Matrix& raw, FeatureMask mask, Matrix& out);
// The same for one point; `out` must have room for feature_count(mask) floats.
void compute_features(float x1, float x2, FeatureMask mask, float* out);

}  // namespace nnp
