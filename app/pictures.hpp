// The pictures of one frame on the CPU side: every feature's, neuron's and the output's values
// over the input plane packed into one float atlas (uploaded as one texture), with the colour
// range and mode each is drawn with. GL-free so it is tested; heatmap_gl.cpp draws it.
#pragma once

#include "activation.hpp"
#include "dataset.hpp"
#include "grid.hpp"

#include <vector>

namespace nnp::app {

enum class PictureMode { Diverging = 0, Classes = 1 };

struct PictureInfo {
    int cell = -1;  // cell of the atlas; -1 = none
    PictureMode mode = PictureMode::Diverging;
    float lo = -1.0f, hi = 1.0f;  // value range for the diverging map
};

struct ValueRange {
    float lo = -1.0f, hi = 1.0f;
};

// The colour range of a picture of units with activation `act`: the activation's own range
// when bounded (tanh [-1, 1], sigmoid and step [0, 1]); otherwise symmetric around zero up to
// the largest magnitude among `count` values read with `stride` (at least 1e-6).
ValueRange activation_range(Activation act, const float* values, int count, int stride);
// Symmetric range [-m, m] with m the largest finite magnitude (at least 1e-6).
ValueRange symmetric_range(const float* values, int count, int stride);

// Pictures of `cell_w` x `cell_h` texels in a grid of cells; row 0 of a picture is its top.
class ValueAtlas {
public:
    void reset(int cell_w, int cell_h, int cells);  // clears; room for `cells` pictures
    // Copies a picture from `values` (cell_w * cell_h values, element i at values[i * stride]);
    // returns its cell.
    int add(const float* values, int stride);
    // Texel rectangle of a cell: x0, y0 (inclusive), x1, y1 (exclusive).
    void cell_rect(int cell, int& x0, int& y0, int& x1, int& y1) const;

    int cell_w() const { return cell_w_; }
    int cell_h() const { return cell_h_; }
    int width() const { return cols_ * cell_w_; }
    int height() const { return rows_ * cell_h_; }
    int count() const { return count_; }
    const std::vector<float>& texels() const { return texels_; }  // height x width, row-major
    std::vector<float>& texels() { return texels_; }

private:
    int cell_w_ = 1, cell_h_ = 1, cols_ = 1, rows_ = 0, count_ = 0;
    std::vector<float> texels_;
};

struct PictureSet {
    ValueAtlas atlas;
    std::vector<PictureInfo> features;             // all kFeatureCount features, by Feature
    std::vector<std::vector<PictureInfo>> units;   // [dense layer][unit], output layer last
    PictureInfo output;                            // the big picture of the prediction
    std::vector<float> scratch;                    // one picture, for class encoding
    Matrix all_features;                           // points x kFeatureCount
    Matrix resampled;                              // an output block at the cells' size
    long long version = 0;                         // increases with every fill
};

// Class-encoded picture (see colormap.hpp encode_class) of an n x k output block: the class of
// the largest output and how far it is above chance (1/k) towards certainty.
void encode_classes(const Matrix& out_rows, int rows, int k, std::vector<float>& out);

// Packs everything `g` holds for network `net`. `value_scale` is the largest magnitude of the
// regression targets (ignored for classification). `extra_cells`: room left in the atlas for
// that many more pictures (add_output_picture).
void fill_pictures(const GridPictures& g, const Mlp& net, Task task, float value_scale,
                   PictureSet& out, int extra_cells = 0);

// For a network on images (`image_w` x `image_h` pixels, row-major): one picture per first-layer
// unit of its incoming weights (what it looks for), each on its own symmetric colour range, in
// `out.units[0]`; no feature or output pictures. Empty if the first layer does not take
// image_w * image_h inputs.
void fill_weight_pictures(const Mlp& net, int image_w, int image_h, PictureSet& out);

// Adds another network's decision map to `out`'s atlas, which must have room for it; returns
// where it is. For the other runs of a race: their grid may be coarser than the atlas's cells
// (it is resampled bilinearly, before any class encoding, to the cell's size).
PictureInfo add_output_picture(const GridPictures& g, const Mlp& net, Task task, float value_scale,
                               PictureSet& out);

}  // namespace nnp::app
