// The multi-layer perceptron: parameter layout, initialisation, and the batched forward and
// backward passes over a preallocated Workspace (see mlp.hpp). forward() and backward() never
// allocate: every product is written with .noalias() into the first n rows of a buffer sized
// for max_rows, and Eigen's GEMM blocks stay on the stack (EIGEN_STACK_ALLOCATION_LIMIT).
#include "mlp.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<Init>, 4> kInitTable = {{
    {Init::Zeros, "zeros", "Zeros", "zeros"},
    {Init::Uniform, "uniform", "Uniform", "uniform"},
    {Init::Glorot, "glorot", "Glorot uniform", "glorot"},
    {Init::He, "he", "He normal", "he"},
}};

// The input of dense layer l for the first n rows: x itself, or the previous layer's output.
ConstMatRef layer_input(ConstMatRef x, const Workspace& ws, int layer, int n) {
    if (layer == 0) return x;
    return ws.out(layer - 1, n);
}

}  // namespace

template <>
std::span<const EnumEntry<Init>> enum_table<Init>() {
    return kInitTable;
}

Mlp::Mlp(const NetworkSpec& spec) : spec_(spec) {
    assert(spec.inputs >= 1 && spec.outputs >= 1);
    std::size_t total = 0;
    offsets_.resize(static_cast<std::size_t>(num_layers()));
    for (int l = 0; l < num_layers(); ++l) {
        assert(fan_out(l) >= 1);
        offsets_[static_cast<std::size_t>(l)] = total;
        total += static_cast<std::size_t>(fan_in(l) + 1) * static_cast<std::size_t>(fan_out(l));
    }
    params_.assign(total, 0.0f);
}

int Mlp::fan_in(int layer) const {
    assert(layer >= 0 && layer < num_layers());
    return layer == 0 ? spec_.inputs : spec_.hidden[static_cast<std::size_t>(layer - 1)].width;
}

int Mlp::fan_out(int layer) const {
    assert(layer >= 0 && layer < num_layers());
    return layer == num_layers() - 1 ? spec_.outputs
                                     : spec_.hidden[static_cast<std::size_t>(layer)].width;
}

Activation Mlp::activation(int layer) const {
    assert(layer >= 0 && layer < num_layers());
    return layer == num_layers() - 1 ? spec_.output
                                     : spec_.hidden[static_cast<std::size_t>(layer)].activation;
}

float Mlp::dropout(int layer) const {
    assert(layer >= 0 && layer < num_layers());
    return layer == num_layers() - 1 ? 0.0f : spec_.hidden[static_cast<std::size_t>(layer)].dropout;
}

std::size_t Mlp::bias_offset(int layer) const {
    return offsets_[static_cast<std::size_t>(layer)] +
           static_cast<std::size_t>(fan_in(layer)) * static_cast<std::size_t>(fan_out(layer));
}

MatrixMap Mlp::weights(int layer) {
    return MatrixMap(params_.data() + weight_offset(layer), fan_in(layer), fan_out(layer));
}

ConstMatrixMap Mlp::weights(int layer) const {
    return ConstMatrixMap(params_.data() + weight_offset(layer), fan_in(layer), fan_out(layer));
}

VectorMap Mlp::bias(int layer) {
    return VectorMap(params_.data() + bias_offset(layer), fan_out(layer));
}

ConstVectorMap Mlp::bias(int layer) const {
    return ConstVectorMap(params_.data() + bias_offset(layer), fan_out(layer));
}

void Mlp::init(Init init, Rng& rng) {
    // Draw order is part of the reproducibility contract: layer by layer, weights in index order
    // (row i = input unit, column o = output unit), biases without draws.
    for (int l = 0; l < num_layers(); ++l) {
        const double fi = fan_in(l), fo = fan_out(l);
        auto w = weights(l);
        float* wp = w.data();
        const Eigen::Index count = w.size();
        float b = 0.0f;
        switch (init) {
            case Init::Zeros:
                w.setZero();
                break;
            case Init::Uniform:
                for (Eigen::Index k = 0; k < count; ++k)
                    wp[k] = static_cast<float>(rng.uniform(-0.5, 0.5));
                b = 0.1f;
                break;
            case Init::Glorot: {
                const double limit = std::sqrt(6.0 / (fi + fo));
                for (Eigen::Index k = 0; k < count; ++k)
                    wp[k] = static_cast<float>(rng.uniform(-limit, limit));
                break;
            }
            case Init::He: {
                const double stddev = std::sqrt(2.0 / fi);
                for (Eigen::Index k = 0; k < count; ++k)
                    wp[k] = static_cast<float>(rng.normal(0.0, stddev));
                break;
            }
        }
        bias(l).setConstant(b);
    }
}

bool Mlp::set_params(std::span<const float> values) {
    if (values.size() != params_.size()) return false;
    std::copy(values.begin(), values.end(), params_.begin());
    return true;
}

void Mlp::set_dropout(int hidden_layer, float p) {
    assert(hidden_layer >= 0 && hidden_layer < static_cast<int>(spec_.hidden.size()));
    assert(p >= 0.0f && p <= 0.9f);
    spec_.hidden[static_cast<std::size_t>(hidden_layer)].dropout = std::clamp(p, 0.0f, 0.9f);
}

void Workspace::resize(const Mlp& net, int rows, bool with_gradients) {
    assert(rows >= 0);
    const auto layers = static_cast<std::size_t>(net.num_layers());
    max_rows = rows;
    z.resize(layers);
    h.resize(layers);
    dropped.assign(layers, 0);
    if (with_gradients) {
        a.resize(layers);
        mask.resize(layers);
        dz.resize(layers);
        da.resize(layers);
        grad.resize(net.params().size());
    } else {
        a.clear();
        mask.clear();
        dz.clear();
        da.clear();
        grad.clear();
    }
    // Eigen's resize() keeps the buffer when the size is unchanged, so this is free on a repeat.
    for (std::size_t l = 0; l < layers; ++l) {
        const int cols = net.fan_out(static_cast<int>(l));
        z[l].resize(rows, cols);
        h[l].resize(rows, cols);
        if (!with_gradients) continue;
        const bool hidden = l + 1 < layers;
        a[l].resize(hidden ? rows : 0, hidden ? cols : 0);
        mask[l].resize(hidden ? rows : 0, hidden ? cols : 0);
        dz[l].resize(rows, cols);
        da[l].resize(rows, cols);
    }
}

Eigen::Block<const Matrix> Workspace::out(int layer, int n) const {
    const auto l = static_cast<std::size_t>(layer);
    const Matrix& m = dropped[l] ? a[l] : h[l];
    return m.block(0, 0, n, m.cols());
}

void forward(const Mlp& net, ConstMatRef x, Workspace& ws, DropoutMode mode, Rng* rng) {
    const int n = static_cast<int>(x.rows());
    const int layers = net.num_layers();
    assert(n <= ws.max_rows && static_cast<int>(ws.z.size()) == layers);
    assert(x.cols() == net.fan_in(0));
    for (int l = 0; l < layers; ++l) {
        const auto li = static_cast<std::size_t>(l);
        const ConstMatRef in = layer_input(x, ws, l, n);
        auto z = ws.z[li].topRows(n);  // n x fan_out
        auto h = ws.h[li].topRows(n);  // n x fan_out
        z.noalias() = in * net.weights(l);
        z.rowwise() += net.bias(l);
        activation_forward(net.activation(l), z, h);

        const float p = net.dropout(l);
        ws.dropped[li] = 0;
        if (p <= 0.0f || mode == DropoutMode::Off) continue;
        assert(ws.mask.size() == ws.z.size() && "inference-only workspace cannot do dropout");
        auto mask = ws.mask[li].topRows(n);
        if (mode == DropoutMode::Sample) {
            assert(rng != nullptr);
            // Keep a unit when a 32-bit draw is >= p * 2^32 (probability 1 - p); kept units are
            // scaled by 1/(1-p) so that the expected activation equals h (inverted dropout).
            const auto threshold = static_cast<std::uint32_t>(
                std::min(static_cast<double>(p) * 4294967296.0, 4294967295.0));
            const float scale = 1.0f / (1.0f - p);
            for (int i = 0; i < n; ++i)
                for (Eigen::Index j = 0; j < mask.cols(); ++j)
                    mask(i, j) = rng->next_u32() >= threshold ? scale : 0.0f;
        }
        ws.a[li].topRows(n).array() = h.array() * mask.array();
        ws.dropped[li] = 1;
    }
}

double backward(const Mlp& net, ConstMatRef x, ConstMatRef targets, Loss loss, Workspace& ws) {
    const int n = static_cast<int>(x.rows());
    const int last = net.num_layers() - 1;
    const auto lasti = static_cast<std::size_t>(last);
    assert(n > 0 && n <= ws.max_rows && !ws.dz.empty() && "needs a training workspace");
    assert(targets.rows() == n && targets.cols() == net.fan_out(last));

    const Activation out_act = net.activation(last);
    const auto z_out = ws.z[lasti].topRows(n);
    const auto h_out = ws.h[lasti].topRows(n);
    const double total = loss_sum(loss, out_act, z_out, h_out, targets);
    loss_backward(loss, out_act, z_out, h_out, targets, static_cast<float>(n),
                  ws.dz[lasti].topRows(n), ws.da[lasti].topRows(n));

    for (int l = last; l >= 0; --l) {
        const auto li = static_cast<std::size_t>(l);
        const ConstMatRef in = layer_input(x, ws, l, n);  // n x fan_in
        const auto dz = ws.dz[li].topRows(n);             // n x fan_out
        MatrixMap grad_w(ws.grad.data() + net.weight_offset(l), net.fan_in(l), net.fan_out(l));
        VectorMap grad_b(ws.grad.data() + net.bias_offset(l), net.fan_out(l));
        grad_w.noalias() = in.transpose() * dz;
        grad_b.noalias() = dz.colwise().sum();
        if (l == 0) break;

        // Into the previous layer: dL/d(its output), through its dropout mask and activation.
        const auto pi = li - 1;
        auto da = ws.da[pi].topRows(n);  // n x fan_in(l)
        da.noalias() = dz * net.weights(l).transpose();
        if (ws.dropped[pi]) da.array() *= ws.mask[pi].topRows(n).array();
        activation_backward(net.activation(l - 1), ws.z[pi].topRows(n), ws.h[pi].topRows(n), da,
                            ws.dz[pi].topRows(n));
    }
    return total;
}

}  // namespace nnp
