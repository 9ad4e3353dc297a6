// Pictures of the network over the input plane: the grid points in TF Playground's order, their
// features, and one batched forward pass (dropout off) whose workspace holds every neuron's
// picture. Buffers are reused between calls, so redrawing after each step does not allocate.
#include "grid.hpp"

#include <cassert>
#include <limits>

namespace nnp {

void grid_points(const Domain& domain, int width, int height, Matrix& out) {
    assert(width >= 1 && height >= 1);
    out.resize(static_cast<Eigen::Index>(width) * height, 2);  // (w*h) x 2
    // Computed in double and rounded once, which reproduces the reference grid (W4) bit for bit.
    // A single column or row sits in the middle of the domain.
    const double x0 = domain.x_min, x1 = domain.x_max, y0 = domain.y_min, y1 = domain.y_max;
    for (int r = 0; r < height; ++r) {
        const double y = height > 1 ? y1 - (y1 - y0) * r / (height - 1) : 0.5 * (y0 + y1);
        for (int c = 0; c < width; ++c) {
            const double x = width > 1 ? x0 + (x1 - x0) * c / (width - 1) : 0.5 * (x0 + x1);
            const Eigen::Index i = static_cast<Eigen::Index>(r) * width + c;
            out(i, 0) = static_cast<float>(x);
            out(i, 1) = static_cast<float>(y);
        }
    }
}

void compute_grid(const Mlp& net, FeatureMask features, const Domain& domain, int width,
                  int height, GridPictures& out, const InputNorm& norm) {
    assert(width >= 1 && height >= 1);
    assert(feature_count(features) == net.fan_in(0));
    const bool same_points = out.width == width && out.height == height && out.domain == domain &&
                             out.raw.rows() == static_cast<Eigen::Index>(width) * height;
    if (!same_points) {
        out.width = width;
        out.height = height;
        out.domain = domain;
        grid_points(domain, width, height, out.raw);
        // One-input data: x2 does not exist, and compute_features takes a missing x2 as 0.
        if (height == 1) out.raw.col(1).setZero();
    }
    if (!same_points || out.feature_mask != features || out.features.rows() != out.raw.rows()) {
        compute_features(out.raw, features, out.features);
        out.feature_mask = features;
    }
    out.ws.resize(net, out.points(), /*with_gradients=*/false);
    if (norm.identity()) {
        forward(net, out.features, out.ws, DropoutMode::Off);
    } else {
        apply_input_norm(norm, out.features, out.inputs);
        forward(net, out.inputs, out.ws, DropoutMode::Off);
    }
}

void compute_grid_slice(const Mlp& net, const Domain& domain, int width, int height,
                        std::span<const float> held, int col_x, int col_y, GridPictures& out,
                        const InputNorm& norm) {
    assert(width >= 1 && height >= 1);
    const int dims = static_cast<int>(held.size());
    assert(dims == net.fan_in(0) && col_x >= 0 && col_x < dims && col_y >= 0 && col_y < dims);
    out.width = width;
    out.height = height;
    out.domain = domain;
    grid_points(domain, width, height, out.raw);
    out.features.resize(out.raw.rows(), dims);  // (w*h) x inputs
    for (Eigen::Index i = 0; i < out.raw.rows(); ++i) {
        out.features.row(i) = ConstVectorMap(held.data(), dims);
        out.features(i, col_x) = out.raw(i, 0);
        out.features(i, col_y) = out.raw(i, 1);
    }
    out.feature_mask = 0;  // not features of the plane: compute_grid recomputes its own
    out.ws.resize(net, out.points(), /*with_gradients=*/false);
    if (norm.identity()) {
        forward(net, out.features, out.ws, DropoutMode::Off);
    } else {
        apply_input_norm(norm, out.features, out.inputs);
        forward(net, out.inputs, out.ws, DropoutMode::Off);
    }
}

float class_boundary_1d(const Mlp& net, const GridPictures& grid) {
    const auto out = grid.output(net);
    const Activation act = net.spec().output;
    // A signed margin that crosses zero where the predicted class changes.
    const auto margin = [&](int i) {
        if (out.cols() == 1) return out(i, 0) - (act == Activation::Tanh ? 0.0f : 0.5f);
        return out(i, 1) - out(i, 0);
    };
    for (int i = 1; i < grid.width; ++i) {
        const float m0 = margin(i - 1), m1 = margin(i);
        if ((m0 > 0.0f) != (m1 > 0.0f)) {
            const float x0 = grid.raw(i - 1, 0), x1 = grid.raw(i, 0);
            const float t = m0 / (m0 - m1);  // linear interpolation of the crossing
            return x0 + t * (x1 - x0);
        }
    }
    return std::numeric_limits<float>::quiet_NaN();
}

}  // namespace nnp
