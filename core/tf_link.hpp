// TensorFlow Playground links (playground.tensorflow.org/#activation=tanh&batchSize=10&...)
// translated into our experiment config with TF Playground's semantics, so that such a link opens
// as the same experiment here. decode_config() routes them here automatically (see is_tf_link).
//
// Mapping (TF key -> ours; TF's defaults apply to keys that are missing):
//   problem=classification|regression -> data from `dataset` (circle, xor, gauss, spiral) or from
//       `regDataset` (reg-plane, reg-gauss); 500 points for classification, 1200 for regression
//       (TF's NUM_SAMPLES_CLASSIFY / NUM_SAMPLES_REGRESS); our generators follow TF's geometry.
//   output and loss: classification -> tanh output on +-1 labels with squared error (Loss::Mse,
//       1/2 (a-t)^2 as TF's); regression -> linear output, squared error.
//   networkShape=4,2 -> hidden layers of those widths, all with `activation` (relu, tanh,
//       sigmoid, linear), no dropout; "networkShape=" is no hidden layer, as in TF.
//   initZero=false -> Init::Uniform (weights U(-0.5, 0.5), biases 0.1); true -> Init::Zeros.
//   learningRate -> plain SGD with that rate; batchSize; regularization=none|L1|L2 and
//       regularizationRate; noise (0..50) and percTrainData (10..90) as they are.
//   x, y, xSquared, ySquared, xTimesY, sinX, sinY -> the same seven input features.
//   seed -> TF's seed is a string ("0.12345"); its 32-bit FNV-1a hash becomes both our weight
//       seed and our data seed (tf_seed). Without a seed, TF picks a random one; we keep seed 1.
//   showTestData, discretize -> the display toggles.
//   Training order: TF shuffles the data once and then visits it in the same order every epoch,
//       so shuffle is off.
// What cannot carry over, reported as issues: cosX and cosY (we have no cosine inputs: left out,
// IssueCode::Incompatible), regDataset=reg-maximum|reg-argmax (not available: reg-plane),
// unknown names (UnknownName, TF's default kept), booleans other than true/false and numbers
// that are not numbers (Malformed, TF's default kept). The exact points and initial weights differ
// from TF's (it uses seedrandom's generator; we use our own), but a link always gives the same
// experiment here, in every browser. Ignored without a notice (display of TF's page only):
// collectStats, hideText, tutorial and every key ending in _hide. Other keys: UnknownKey notice.
#pragma once

#include "config_codec.hpp"

#include <cstdint>
#include <string_view>

namespace nnp {

constexpr int kTfPointsClassify = 500;   // TF's NUM_SAMPLES_CLASSIFY
constexpr int kTfPointsRegress = 1200;   // TF's NUM_SAMPLES_REGRESS

// True when `fragment` (without the part before '#') has no `v` key and at least one key that
// only TF Playground uses (any TF key but `noise` and `seed`, which both formats have).
bool is_tf_link(std::string_view fragment);

// Translates a TF Playground link (a whole URL, a fragment or bare pairs); never throws. The
// result's tf_playground is true; params stay empty (TF links carry no weights).
DecodedConfig decode_tf_link(std::string_view text);

// The experiment a TF Playground link without any key means (TF's defaults, seed 1).
ExperimentConfig tf_default_config();

// Our uint32 seed for TF's seed string: 32-bit FNV-1a over its bytes.
std::uint32_t tf_seed(std::string_view seed_text);

}  // namespace nnp
