// Inference for pictures: the network over a W x H grid of the input plane in one batched call,
// giving the output picture and every hidden neuron's picture at once. Grid order is row by row,
// top row (y = y_max) first, x from x_min to x_max, both ends included (as TF Playground and the
// reference workload W4).
#pragma once

#include "features.hpp"
#include "mlp.hpp"
#include "normalize.hpp"

#include <span>

namespace nnp {

struct GridPictures {
    int width = 0, height = 0;
    Domain domain;
    Matrix raw;       // (w*h) x 2, the grid points
    Matrix features;  // (w*h) x feature_count, one picture per input feature (column)
    Matrix inputs;    // the features normalised as the network sees them (empty: no normalisation)
    Workspace ws;     // ws.h[l].col(j): neuron j of dense layer l; output = ws.out(last, w*h)
    FeatureMask feature_mask = 0;  // the features in `features` (recomputed only when it changes)

    int points() const { return width * height; }
    // The network's output over the grid: (w*h) x outputs.
    Eigen::Block<const Matrix> output(const Mlp& net) const { return ws.out(net.num_layers() - 1, points()); }
};

void grid_points(const Domain& domain, int width, int height, Matrix& out);

// Recomputes everything for the current parameters; reuses buffers when the sizes are unchanged.
// For one-input data (oyster) use height 1: x2 is then ignored. `norm` is the model's input
// normalisation (the grid itself stays in the user's units).
void compute_grid(const Mlp& net, FeatureMask features, const Domain& domain, int width,
                  int height, GridPictures& out, const InputNorm& norm = InputNorm{});

// The same for data of more than two inputs (the user's columns): the grid spans input columns
// `col_x` and `col_y`, and every other input is held at `held` (one value per input, in the
// user's units: the training rows' means), so the map is a slice through the input space.
// `out.features` holds the full input rows.
void compute_grid_slice(const Mlp& net, const Domain& domain, int width, int height,
                        std::span<const float> held, int col_x, int col_y, GridPictures& out,
                        const InputNorm& norm = InputNorm{});

// For a one-row grid (one-input data): the smallest x1 where the predicted class changes, by
// linear interpolation between the two grid points around it; NaN if it never changes. The
// class boundary is 0.5 for a sigmoid or linear unit, 0 for tanh, equal scores for two outputs.
float class_boundary_1d(const Mlp& net, const GridPictures& grid);

}  // namespace nnp
