// Packing of grid pictures into a value atlas (see pictures.hpp).
#include "pictures.hpp"

#include "colormap.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace nnp::app {

namespace {
constexpr int kAtlasMaxWidth = 1024;  // texels; WebGL2 guarantees at least 2048
}

ValueRange symmetric_range(const float* values, int count, int stride) {
    float m = 1e-6f;
    for (int i = 0; i < count; ++i) {
        const float v = std::fabs(values[std::size_t(i) * stride]);
        if (std::isfinite(v)) m = std::max(m, v);
    }
    return {-m, m};
}

ValueRange activation_range(Activation act, const float* values, int count, int stride) {
    switch (act) {
        case Activation::Tanh: return {-1.0f, 1.0f};
        case Activation::Sigmoid:
        case Activation::Step:
        case Activation::Softmax: return {0.0f, 1.0f};
        case Activation::Linear:
        case Activation::Relu:
        case Activation::LeakyRelu: break;
    }
    return symmetric_range(values, count, stride);
}

void ValueAtlas::reset(int cell_w, int cell_h, int cells) {
    assert(cell_w > 0 && cell_h > 0 && cells >= 0);
    cell_w_ = cell_w;
    cell_h_ = cell_h;
    cols_ = std::max(1, kAtlasMaxWidth / cell_w);
    rows_ = std::max(1, (cells + cols_ - 1) / cols_);
    count_ = 0;
    texels_.assign(std::size_t(width()) * std::size_t(height()), 0.0f);
}

int ValueAtlas::add(const float* values, int stride) {
    const int cell = count_;
    assert(cell < cols_ * rows_);
    int x0, y0, x1, y1;
    cell_rect(cell, x0, y0, x1, y1);
    const std::size_t w = std::size_t(width());
    for (int y = 0; y < cell_h_; ++y)
        for (int x = 0; x < cell_w_; ++x)
            texels_[std::size_t(y0 + y) * w + std::size_t(x0 + x)] =
                values[std::size_t(y * cell_w_ + x) * stride];
    ++count_;
    return cell;
}

void ValueAtlas::cell_rect(int cell, int& x0, int& y0, int& x1, int& y1) const {
    x0 = (cell % cols_) * cell_w_;
    y0 = (cell / cols_) * cell_h_;
    x1 = x0 + cell_w_;
    y1 = y0 + cell_h_;
}

void encode_classes(const Matrix& out_rows, int rows, int k, std::vector<float>& out) {
    out.resize(std::size_t(rows));
    const float chance = 1.0f / float(std::max(k, 1));
    for (int i = 0; i < rows; ++i) {
        int best = 0;
        for (int c = 1; c < k; ++c)
            if (out_rows(i, c) > out_rows(i, best)) best = c;
        const float p = out_rows(i, best);
        const float confidence = k > 1 ? (p - chance) / (1.0f - chance) : p;
        out[std::size_t(i)] = encode_class(best, std::isfinite(confidence) ? confidence : 0.0f);
    }
}

namespace {

// Bilinear resampling of a grid's rows (grid order: rows top first, both ends included) from
// sw x sh points to dw x dh, every column (output) alike. dst: (dw*dh) x cols.
void resample(const Matrix& src, int sw, int sh, int dw, int dh, Matrix& dst) {
    const Eigen::Index cols = src.cols();
    dst.resize(Eigen::Index(dw) * dh, cols);
    const auto pos = [](int i, int from, int to) { return to > 1 ? float(i) * float(from - 1) / float(to - 1) : 0.0f; };
    for (int r = 0; r < dh; ++r) {
        const float y = pos(r, sh, dh);
        const int y0 = std::min(int(y), sh - 1), y1 = std::min(y0 + 1, sh - 1);
        const float fy = y - float(y0);
        for (int c = 0; c < dw; ++c) {
            const float x = pos(c, sw, dw);
            const int x0 = std::min(int(x), sw - 1), x1 = std::min(x0 + 1, sw - 1);
            const float fx = x - float(x0);
            for (Eigen::Index k = 0; k < cols; ++k) {
                const float top = src(y0 * sw + x0, k) * (1 - fx) + src(y0 * sw + x1, k) * fx;
                const float bottom = src(y1 * sw + x0, k) * (1 - fx) + src(y1 * sw + x1, k) * fx;
                dst(Eigen::Index(r) * dw + c, k) = top * (1 - fy) + bottom * fy;
            }
        }
    }
}

}  // namespace

PictureInfo add_output_picture(const GridPictures& g, const Mlp& net, Task task, float value_scale,
                               PictureSet& out) {
    const int layers = net.num_layers();
    const Matrix* h = &g.ws.h[std::size_t(layers - 1)];
    int n = g.points();
    if (g.width != out.atlas.cell_w() || g.height != out.atlas.cell_h()) {
        // Only the first g.points() rows of the workspace are this grid's.
        const Matrix rows = h->topRows(n);
        resample(rows, g.width, g.height, out.atlas.cell_w(), out.atlas.cell_h(), out.resampled);
        h = &out.resampled;
        n = out.atlas.cell_w() * out.atlas.cell_h();
    }
    const int outputs = net.fan_out(layers - 1);
    if (outputs > 1) {
        encode_classes(*h, n, outputs, out.scratch);
        return {out.atlas.add(out.scratch.data(), 1), PictureMode::Classes, 0.0f, 1.0f};
    }
    PictureInfo p{out.atlas.add(h->data(), static_cast<int>(h->cols())), PictureMode::Diverging, 0.0f, 1.0f};
    const ValueRange r = activation_range(net.activation(layers - 1), h->data(), n, static_cast<int>(h->cols()));
    p.lo = r.lo;
    p.hi = r.hi;
    if (task == Task::Regression) {
        const float m = std::max(value_scale, 1e-6f);
        p.lo = -m;
        p.hi = m;
    }
    return p;
}

void fill_weight_pictures(const Mlp& net, int image_w, int image_h, PictureSet& out) {
    out.features.clear();
    out.units.clear();
    out.output = {};
    const bool fits = image_w > 0 && image_h > 0 && net.num_layers() > 0 && net.fan_in(0) == image_w * image_h;
    const int units = fits ? net.fan_out(0) : 0;
    out.atlas.reset(fits ? image_w : 1, fits ? image_h : 1, units);
    ++out.version;
    if (!fits) return;
    const auto W = net.weights(0);  // inputs x units, row-major: unit j's weights at stride `units`
    out.units.emplace_back();
    for (int j = 0; j < units; ++j) {
        const ValueRange r = symmetric_range(W.data() + j, net.fan_in(0), units);
        out.units[0].push_back({out.atlas.add(W.data() + j, units), PictureMode::Diverging, r.lo, r.hi});
    }
}

void fill_pictures(const GridPictures& g, const Mlp& net, Task task, float value_scale,
                   PictureSet& out, int extra_cells) {
    const int n = g.points();
    const int layers = net.num_layers();
    // Every feature's picture, enabled or not, so the toggles can show what they would add.
    compute_features(g.raw, kAllFeatures, out.all_features);
    const int features = static_cast<int>(out.all_features.cols());
    int cells = features + 1 + std::max(extra_cells, 0);
    for (int l = 0; l < layers; ++l) cells += net.fan_out(l);
    out.atlas.reset(g.width, g.height, cells);

    out.features.assign(std::size_t(features), {});
    for (int f = 0; f < features; ++f) {
        const float* col = out.all_features.data() + f;  // row-major: column f, stride = cols
        const ValueRange r = symmetric_range(col, n, features);
        out.features[std::size_t(f)] = {out.atlas.add(col, features), PictureMode::Diverging, r.lo, r.hi};
    }

    out.units.assign(std::size_t(layers), {});
    for (int l = 0; l < layers; ++l) {
        const Matrix& h = g.ws.h[std::size_t(l)];
        const int units = net.fan_out(l);
        const int stride = static_cast<int>(h.cols());
        for (int j = 0; j < units; ++j) {
            const float* col = h.data() + j;
            const ValueRange r = activation_range(net.activation(l), col, n, stride);
            out.units[std::size_t(l)].push_back(
                {out.atlas.add(col, stride), PictureMode::Diverging, r.lo, r.hi});
        }
    }

    // The big picture: a class map for k outputs, the single output unit's picture otherwise.
    const int outputs = net.fan_out(layers - 1);
    if (outputs > 1) {
        const Matrix& h = g.ws.h[std::size_t(layers - 1)];
        encode_classes(h, n, outputs, out.scratch);
        out.output = {out.atlas.add(out.scratch.data(), 1), PictureMode::Classes, 0.0f, 1.0f};
    } else {
        out.output = out.units.back().front();
        if (task == Task::Regression) {
            const float m = std::max(value_scale, 1e-6f);
            out.output.lo = -m;
            out.output.hi = m;
        }
    }
    ++out.version;
}

}  // namespace nnp::app
