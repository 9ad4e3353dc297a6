// Input normalisation: the network's input columns shifted and scaled so that no input starts
// out saturating a tanh or sigmoid unit. The oyster set's diameters (3.5-11.5 cm) are a case in
// point: fed raw, every tanh unit starts near +-1 and training sits on a plateau for hundreds of
// epochs. The statistics come from the training rows only (validation and test rows must not
// shape the model) and belong to the trained network: predicting a new point, drawing a picture
// or sharing a model applies the same transform. Users always read inputs in their own units.
#pragma once

#include "enum_table.hpp"
#include "types.hpp"

#include <vector>

namespace nnp {

enum class Normalization {
    None,         // the inputs as they are (TF Playground's sets already lie in [-6, 6])
    Standardize,  // z-score: (x - mean) / deviation of the training rows
    MinMax,       // the training rows' [min, max] onto [-1, 1]
    // One factor for every column: the largest |x| of the training rows maps to 1, nothing is
    // shifted. For images: pixel values 0..16 become 0..1, every pixel on the same scale, so a
    // pixel that is rarely inked is not blown up (per-column statistics would divide its
    // occasional ink by a tiny spread) and a weight picture reads as a picture.
    Scale,
};

template <>
std::span<const EnumEntry<Normalization>> enum_table<Normalization>();

// x' = (x - offset[j]) * scale[j] for input column j. Empty vectors mean the identity.
struct InputNorm {
    Normalization mode = Normalization::None;
    std::vector<float> offset, scale;  // one per input column

    bool identity() const { return offset.empty(); }
    bool operator==(const InputNorm&) const = default;
};

// The transform of `mode` fitted to `train` (rows = the training samples, one column per input).
// A constant column (or no rows) gets offset 0 / scale 1 for that column, never a division by 0.
InputNorm fit_input_norm(Normalization mode, ConstMatRef train);

// Applies `norm` to every row of `x` in place (x must have as many columns as `norm` has values,
// unless `norm` is the identity, which leaves x untouched bit for bit).
void apply_input_norm(const InputNorm& norm, MatRef x);

// The same transform into `out` (resized to x's shape; no allocation when it already has it).
void apply_input_norm(const InputNorm& norm, ConstMatRef x, Matrix& out);

}  // namespace nnp
