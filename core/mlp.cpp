// The multi-layer perceptron: parameter layout, initialisation, and the batched forward and
// backward passes over a preallocated Workspace (see mlp.hpp). forward() and backward() never
// allocate: every product is written into the first n rows of a buffer sized for max_rows. The
// products are our own kernels (narrow layers here, wide ones in dense_kernels.cpp), never
// Eigen's GEMM, whose summation order differs between instruction sets: a network trains to
// the same bits natively and in WebAssembly.
#include "mlp.hpp"

#include "dense_kernels.hpp"
#include "vec_math.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstring>
#include <type_traits>

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

// ---- Kernels for narrow layers (1 to kMaxSmallWidth units, at most kMaxSmallFanIn inputs) ----
// TF Playground's nets are 2-8 units wide and train on batches of 10: there Eigen's GEMM setup
// costs more than the arithmetic, and for a 10,000-point picture its kernels are tuned for wide
// matrices. Here the FO units of one row are one short SIMD vector (GCC/clang vector extension:
// SSE/AVX natively, wasm simd128 in the browser), so a row costs fan_in vector multiply-adds.
// Plain multiplies and adds in a fixed order (and -ffp-contract=off) give the same bits natively
// and in WebAssembly. The kernel is chosen by the layer's shape only, never by the row count,
// so a picture and a training batch compute each row identically.
constexpr int kMaxSmallWidth = 8;
constexpr int kMaxSmallFanIn = 256;  // the stack copy of W below: 256 x 32 bytes

constexpr int padded_width(int fo) { return fo <= 2 ? fo : (fo <= 4 ? 4 : 8); }

// One row's FO units, padded to a power of two lanes (padding lanes hold zeros).
template <int Lanes> struct VecOf;
template <> struct VecOf<1> { using type = float; };  // a 1-lane vector would live in memory
template <> struct VecOf<2> { typedef float type __attribute__((vector_size(8))); };
template <> struct VecOf<4> { typedef float type __attribute__((vector_size(16))); };
template <> struct VecOf<8> { typedef float type __attribute__((vector_size(32))); };
template <int FO>
using RowVec = typename VecOf<padded_width(FO)>::type;

template <int FO>
RowVec<FO> load_row(const float* p) {
    RowVec<FO> v{};
    std::memcpy(&v, p, sizeof(float) * FO);
    return v;
}

template <int FO>
void store_row(float* p, const RowVec<FO>& v) {
    std::memcpy(p, &v, sizeof(float) * FO);
}

// An elementwise activation over a contiguous array (vec_math.hpp), or null for none.
using ArrayFn = void (*)(const float*, float*, std::size_t);

// Rows per block when the activation is applied right after the dense product: the block's
// z (at most 256 x 8 floats, 8 KB) is still in L1 when the activation reads it.
constexpr int kBlockRows = 256;  // a multiple of 4 (see dense_forward_one)

// z (n x FO, row stride zs) = in (n x fi, row stride is) * W (fi x FO) + b (FO), and, if act is
// not null, h = act(z) block by block (then z and h must be contiguous: zs == FO).
template <int FO>
void dense_forward_small(const float* in, Eigen::Index is, int n, int fi, const float* w,
                         const float* b, float* z, Eigen::Index zs, ArrayFn act, float* h) {
    RowVec<FO> wv[kMaxSmallFanIn];
    for (int k = 0; k < fi; ++k) wv[k] = load_row<FO>(w + static_cast<Eigen::Index>(k) * FO);
    const RowVec<FO> bv = load_row<FO>(b);
    for (int r0 = 0; r0 < n; r0 += kBlockRows) {
        const int r1 = std::min(n, r0 + kBlockRows);
        for (int i = r0; i < r1; ++i) {
            const float* x = in + i * is;
            RowVec<FO> acc = x[0] * wv[0];
            for (int k = 1; k < fi; ++k) acc += x[k] * wv[k];
            store_row<FO>(z + i * zs, acc + bv);
        }
        if (act != nullptr)
            act(z + r0 * zs, h + r0 * zs, static_cast<std::size_t>(r1 - r0) * FO);
    }
}

// The single-unit layer (an output layer), four rows at a time: lane j of the vectors holds row
// i + j, so a row's sum runs ((x0 w0 + x1 w1) + ...) + b in input order, exactly as above.
// Inputs are read four at a time and transposed with shuffles (a 4 x 4 block of in).
typedef float V4 __attribute__((vector_size(16)));

inline V4 load4(const float* p) {
    V4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// Lane j of the result is row (rows[j]) . W + b for the four rows of `rows`.
inline V4 dot4(const float* const rows[4], int fi, const float* w, float b) {
    V4 acc{};
    int k = 0;
    for (; k + 4 <= fi; k += 4) {
        const V4 r0 = load4(rows[0] + k), r1 = load4(rows[1] + k);
        const V4 r2 = load4(rows[2] + k), r3 = load4(rows[3] + k);
        const V4 t0 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5);
        const V4 t1 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5);
        const V4 t2 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);
        const V4 t3 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
        const V4 c0 = __builtin_shufflevector(t0, t1, 0, 1, 4, 5);  // input k of the 4 rows
        const V4 c1 = __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
        const V4 c2 = __builtin_shufflevector(t2, t3, 0, 1, 4, 5);
        const V4 c3 = __builtin_shufflevector(t2, t3, 2, 3, 6, 7);
        acc = k == 0 ? c0 * w[0] : acc + c0 * w[k];
        acc += c1 * w[k + 1];
        acc += c2 * w[k + 2];
        acc += c3 * w[k + 3];
    }
    for (; k < fi; ++k) {
        const V4 c = {rows[0][k], rows[1][k], rows[2][k], rows[3][k]};
        acc = k == 0 ? c * w[0] : acc + c * w[k];
    }
    return acc + b;
}

// z (n x 1, row stride zs) = in W + b, and h = act(z) block by block if act is not null (then
// zs == 1).
void dense_forward_one(const float* in, Eigen::Index is, int n, int fi, const float* w,
                       const float* b, float* z, Eigen::Index zs, ArrayFn act, float* h) {
    for (int r0 = 0; r0 < n; r0 += kBlockRows) {
        const int r1 = std::min(n, r0 + kBlockRows);
        int i = r0;
        for (; i + 4 <= r1; i += 4) {
            const float* rows[4] = {in + i * is, in + (i + 1) * is, in + (i + 2) * is,
                                    in + (i + 3) * is};
            const V4 v = dot4(rows, fi, w, b[0]);
            z[i * zs] = v[0];
            z[(i + 1) * zs] = v[1];
            z[(i + 2) * zs] = v[2];
            z[(i + 3) * zs] = v[3];
        }
        if (i < r1) {
            // The last one to three rows (kBlockRows is a multiple of 4): the missing ones are
            // a row of zeros, whose lanes are dropped.
            static constexpr float kZeros[kMaxSmallFanIn] = {};
            const float* rows[4];
            for (int j = 0; j < 4; ++j) rows[j] = i + j < r1 ? in + (i + j) * is : kZeros;
            const V4 v = dot4(rows, fi, w, b[0]);
            for (int j = 0; i + j < r1; ++j) z[(i + j) * zs] = v[j];
        }
        if (act != nullptr) act(z + r0, h + r0, static_cast<std::size_t>(r1 - r0));
    }
}

// da (n x fi, row stride das) = dz (n x FO) W^T, the gradient into the previous layer. Each
// da(i, k) = ((dz(i,0) W(k,0) + dz(i,1) W(k,1)) + ...) in unit order; that order is fixed, but
// running it along k, eight inputs at a time over W^T held on the stack, costs a multiply-add
// per unit and eight inputs instead of a horizontal sum per input.
inline VecOf<8>::type load_chunk(const float* p) {
    VecOf<8>::type v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <int FO>
void dense_backward_input_small(int n, int fi, const float* dz, Eigen::Index dzs, const float* w,
                                float* da, Eigen::Index das) {
    using Chunk = VecOf<8>::type;
    constexpr int kChunk = 8;
    static_assert(kMaxSmallFanIn % kChunk == 0, "W^T rows are whole chunks");
    const int chunks = (fi + kChunk - 1) / kChunk;
    // Plain floats, read back as whole chunks: single lanes of a vector written one by one
    // compile to spills under WebAssembly.
    alignas(sizeof(Chunk)) float wt[FO][kMaxSmallFanIn];  // wt[o][k] = W(k, o), zero past fi
    for (int o = 0; o < FO; ++o) {
        for (int k = 0; k < fi; ++k) wt[o][k] = w[static_cast<Eigen::Index>(k) * FO + o];
        for (int k = fi; k < chunks * kChunk; ++k) wt[o][k] = 0.0f;
    }
    for (int i = 0; i < n; ++i) {
        const float* d = dz + i * dzs;
        float* di = da + i * das;
        for (int c = 0; c < chunks; ++c) {
            Chunk acc = d[0] * load_chunk(wt[0] + c * kChunk);
            for (int o = 1; o < FO; ++o) acc += d[o] * load_chunk(wt[o] + c * kChunk);
            const int valid = std::min(kChunk, fi - c * kChunk);
            if (valid == kChunk) {
                std::memcpy(di + c * kChunk, &acc, sizeof acc);
            } else {
                float part[kChunk];
                std::memcpy(part, &acc, sizeof acc);
                for (int j = 0; j < valid; ++j) di[c * kChunk + j] = part[j];
            }
        }
    }
}

// From dz (n x FO) and the layer's input (n x fi): gw (fi x FO) = in^T dz, gb (FO) = column sums
// of dz, and, unless da is null, da (n x fi) = dz W^T (see above).
template <int FO>
void dense_backward_small(const float* in, Eigen::Index is, int n, int fi, const float* dz,
                          Eigen::Index dzs, const float* w, float* gw, float* gb, float* da,
                          Eigen::Index das) {
    RowVec<FO> gv[kMaxSmallFanIn];
    for (int k = 0; k < fi; ++k) gv[k] = RowVec<FO>{};
    RowVec<FO> bsum{};
    for (int i = 0; i < n; ++i) {
        const float* x = in + i * is;
        const RowVec<FO> d = load_row<FO>(dz + i * dzs);
        bsum += d;
        for (int k = 0; k < fi; ++k) gv[k] += x[k] * d;
    }
    for (int k = 0; k < fi; ++k) store_row<FO>(gw + static_cast<Eigen::Index>(k) * FO, gv[k]);
    store_row<FO>(gb, bsum);
    if (da != nullptr) dense_backward_input_small<FO>(n, fi, dz, dzs, w, da, das);
}

// Calls f(std::integral_constant<int, FO>) for a narrow layer (fo in 1..kMaxSmallWidth, fi at
// most kMaxSmallFanIn); false (and f not called) for other shapes (dense_kernels.cpp).
template <typename F>
bool with_small_width(int fi, int fo, F&& f) {
    if (fi > kMaxSmallFanIn) return false;
    switch (fo) {
        case 1: f(std::integral_constant<int, 1>{}); return true;
        case 2: f(std::integral_constant<int, 2>{}); return true;
        case 3: f(std::integral_constant<int, 3>{}); return true;
        case 4: f(std::integral_constant<int, 4>{}); return true;
        case 5: f(std::integral_constant<int, 5>{}); return true;
        case 6: f(std::integral_constant<int, 6>{}); return true;
        case 7: f(std::integral_constant<int, 7>{}); return true;
        case 8: f(std::integral_constant<int, 8>{}); return true;
        default: return false;
    }
    static_assert(kMaxSmallWidth == 8, "the cases above list the widths 1..kMaxSmallWidth");
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
        const int fi = net.fan_in(l);
        const float* w = net.params().data() + net.weight_offset(l);
        const float* b = net.params().data() + net.bias_offset(l);
        // Tanh and sigmoid are applied block by block inside the narrow kernel (the same
        // lanewise vec_math functions activation_forward uses, so the same bits).
        const Activation act = net.activation(l);
        ArrayFn fused = nullptr;
        if (z.outerStride() == z.cols() && h.outerStride() == h.cols()) {
            if (act == Activation::Tanh) fused = vec::tanh;
            if (act == Activation::Sigmoid) fused = vec::sigmoid;
        }
        bool applied = false;
        const bool small = with_small_width(fi, net.fan_out(l), [&](auto fo) {
            if constexpr (fo() == 1) {
                dense_forward_one(in.data(), in.outerStride(), n, fi, w, b, z.data(),
                                  z.outerStride(), fused, h.data());
            } else {
                dense_forward_small<fo()>(in.data(), in.outerStride(), n, fi, w, b, z.data(),
                                          z.outerStride(), fused, h.data());
            }
            applied = fused != nullptr;
        });
        if (!small)
            kernels::dense_forward_wide(in.data(), in.outerStride(), n, fi, net.fan_out(l), w, b, z.data(),
                                        z.outerStride());
        if (!applied) activation_forward(act, z, h);

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

double backward(const Mlp& net, ConstMatRef x, ConstMatRef targets, Loss loss, Workspace& ws,
                const float* row_weights) {
    const int n = static_cast<int>(x.rows());
    const int last = net.num_layers() - 1;
    const auto lasti = static_cast<std::size_t>(last);
    assert(n > 0 && n <= ws.max_rows && !ws.dz.empty() && "needs a training workspace");
    assert(targets.rows() == n && targets.cols() == net.fan_out(last));

    const Activation out_act = net.activation(last);
    const auto z_out = ws.z[lasti].topRows(n);
    const auto h_out = ws.h[lasti].topRows(n);
    double total = 0.0;
    if (!row_weights) {
        total = loss_sum(loss, out_act, z_out, h_out, targets);
        loss_backward(loss, out_act, z_out, h_out, targets, static_cast<float>(n),
                      ws.dz[lasti].topRows(n), ws.da[lasti].topRows(n));
    } else {
        // Each row's gradient is its own loss's (scale 1), times w_i / sum(w).
        double weight_sum = 0.0;
        for (int i = 0; i < n; ++i) {
            weight_sum += double(row_weights[i]);
            total += double(row_weights[i]) * loss_sum(loss, out_act, z_out.middleRows(i, 1), h_out.middleRows(i, 1),
                                                       targets.middleRows(i, 1));
        }
        loss_backward(loss, out_act, z_out, h_out, targets, 1.0f, ws.dz[lasti].topRows(n), ws.da[lasti].topRows(n));
        const float inv = weight_sum > 0.0 ? float(1.0 / weight_sum) : 0.0f;
        for (int i = 0; i < n; ++i) ws.dz[lasti].row(i) *= row_weights[i] * inv;
    }

    for (int l = last; l >= 0; --l) {
        const auto li = static_cast<std::size_t>(l);
        const ConstMatRef in = layer_input(x, ws, l, n);  // n x fan_in
        const auto dz = ws.dz[li].topRows(n);             // n x fan_out
        float* gw = ws.grad.data() + net.weight_offset(l);
        float* gb = ws.grad.data() + net.bias_offset(l);
        const float* w = net.params().data() + net.weight_offset(l);
        const int fi = net.fan_in(l), fo = net.fan_out(l);
        const auto pi = li - 1;  // the previous layer, when l > 0
        float* da_out = l > 0 ? ws.da[pi].data() : nullptr;  // n x fan_in(l), row stride fan_in
        const bool small = with_small_width(fi, fo, [&](auto k) {
            dense_backward_small<k()>(in.data(), in.outerStride(), n, fi, dz.data(),
                                      dz.outerStride(), w, gw, gb, da_out, fi);
        });
        if (!small)
            kernels::dense_backward_wide(in.data(), in.outerStride(), n, fi, fo, dz.data(), dz.outerStride(), w,
                                         gw, gb, da_out, fi);
        if (l == 0) break;

        // Into the previous layer: dL/d(its output), through its dropout mask and activation.
        auto da = ws.da[pi].topRows(n);  // n x fan_in(l)
        if (ws.dropped[pi]) da.array() *= ws.mask[pi].topRows(n).array();
        activation_backward(net.activation(l - 1), ws.z[pi].topRows(n), ws.h[pi].topRows(n), da,
                            ws.dz[pi].topRows(n));
    }
    return total;
}

}  // namespace nnp
