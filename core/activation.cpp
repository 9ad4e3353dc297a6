// Activation functions on whole batches (rows = samples), forward and backward side by side,
// plus the Activation enum table. Everything is coefficient-wise except Softmax, which works
// row by row. Nothing here allocates: the caller owns every buffer.
#include "activation.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<Activation>, 7> kActivationTable = {{
    // URL tokens are TF Playground's where it has the function.
    {Activation::Linear, "linear", "Linear", "linear"},
    {Activation::Step, "step", "Step", "step"},
    {Activation::Sigmoid, "sigmoid", "Sigmoid", "sigmoid"},
    {Activation::Tanh, "tanh", "Tanh", "tanh"},
    {Activation::Relu, "relu", "ReLU", "relu"},
    {Activation::LeakyRelu, "leaky_relu", "Leaky ReLU", "lrelu"},
    {Activation::Softmax, "softmax", "Softmax", "softmax"},
}};

bool is_flat(const ConstMatRef& m) { return m.rows() <= 1 || m.outerStride() == m.cols(); }
bool is_flat(const MatRef& m) { return m.rows() <= 1 || m.outerStride() == m.cols(); }

// Applies op(out, in...) to arrays: one flat array per matrix when the rows are contiguous
// (always true for a workspace's topRows), so Eigen vectorises across row ends even for layers
// narrower than a SIMD packet (8 units vs 16 floats with AVX-512); row by row otherwise.
template <typename Op, typename... In>
void cwise(Op op, MatRef out, const In&... in) {
    if (is_flat(out) && (is_flat(in) && ...)) {
        Eigen::Map<Eigen::ArrayXf> o(out.data(), out.size());
        op(o, Eigen::Map<const Eigen::ArrayXf>(in.data(), in.size())...);
    } else {
        auto o = out.array();
        op(o, in.array()...);
    }
}

// tanh from float operations only, so that its loop vectorises on both platforms (libm's tanhf
// does not) and gives the same bits natively and in WebAssembly (the core is compiled with
// -ffp-contract=off). With y = -2|x| and m = expm1(y) in (-1, 0], tanh|x| = -m / (2 + m), which
// has no cancellation near 0. expm1: y = k ln2 + r with |r| <= ln2 / 2, expm1(r) by its Taylor
// series to r^8 (relative error below 2e-9), then expm1(y) = 2^k expm1(r) + (2^k - 1), exact in
// its last step for k = 0. Only selects of computed values, no branches. NaN stays NaN.
inline float tanh_float(float x) {
    constexpr float kLog2e = 1.44269504f;
    constexpr float kLn2Hi = 0.693145752f;  // ln 2 split so that k * kLn2Hi is exact
    constexpr float kLn2Lo = 1.42860677e-6f;
    const float ax = x < 0.0f ? -x : x;
    const float y_raw = -2.0f * ax;
    const float y = y_raw < -18.0f ? -18.0f : y_raw;      // tanh is 1 in float from |x| = 9 on
    const float y_k = y >= -18.0f ? y : -18.0f;           // finite even for NaN
    const float k = static_cast<float>(static_cast<int>(y_k * kLog2e - 0.5f));  // y <= 0: rounds
    const float r = (y - k * kLn2Hi) - k * kLn2Lo;
    float p = r * (1.0f / 40320.0f) + (1.0f / 5040.0f);
    p = p * r + (1.0f / 720.0f);
    p = p * r + (1.0f / 120.0f);
    p = p * r + (1.0f / 24.0f);
    p = p * r + (1.0f / 6.0f);
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r;  // expm1(r)
    const std::uint32_t bits = static_cast<std::uint32_t>(static_cast<int>(k) + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    const float m = scale * p + (scale - 1.0f);
    const float t = -m / (2.0f + m);
    return x < 0.0f ? -t : t;
}

// out[i] = f(in[i]) over flat arrays, or row by row when a matrix has padding between rows.
template <typename F>
void map_flat(F f, ConstMatRef in, MatRef out) {
    if (is_flat(in) && is_flat(out)) {
        const float* src = in.data();
        float* dst = out.data();
        const Eigen::Index count = in.size();
        for (Eigen::Index i = 0; i < count; ++i) dst[i] = f(src[i]);
        return;
    }
    for (Eigen::Index r = 0; r < in.rows(); ++r)
        for (Eigen::Index c = 0; c < in.cols(); ++c) out(r, c) = f(in(r, c));
}

}  // namespace

template <>
std::span<const EnumEntry<Activation>> enum_table<Activation>() {
    return kActivationTable;
}

bool allowed_in_hidden(Activation a) {
    return enum_entry(a) != nullptr && a != Activation::Softmax;
}

bool allowed_in_output(Activation a) {
    return a == Activation::Linear || a == Activation::Sigmoid || a == Activation::Tanh ||
           a == Activation::Softmax;
}

void activation_forward(Activation act, ConstMatRef z, MatRef a) {
    assert(z.rows() == a.rows() && z.cols() == a.cols());
    assert(z.data() != a.data());
    switch (act) {
        case Activation::Linear:
            a = z;
            return;
        case Activation::Step:
            // z > 0 ? 1 : 0 (NaN gives 0).
            cwise([](auto& o, const auto& x) { o = (x > 0.0f).template cast<float>(); }, a, z);
            return;
        case Activation::Sigmoid:
            // Never evaluates exp of a positive number: with e = exp(-|z|) in (0, 1],
            // sigmoid(z) = 1 / (1 + e) for z >= 0 and e / (1 + e) for z < 0. So a large |z|
            // gives exactly 0 or 1 (or the tiny true value), never inf / inf.
            cwise([](auto& o, const auto& x) { o = (-x.abs()).exp(); }, a, z);
            cwise([](auto& o, const auto& x) {
                o = (x >= 0.0f).select((1.0f + o).inverse(), o / (1.0f + o));
            }, a, z);
            return;
        case Activation::Tanh:
            map_flat([](float v) { return tanh_float(v); }, z, a);
            return;
        case Activation::Relu:
            cwise([](auto& o, const auto& x) { o = x.cwiseMax(0.0f); }, a, z);
            return;
        case Activation::LeakyRelu:
            cwise([](auto& o, const auto& x) { o = (x > 0.0f).select(x, kLeakyReluSlope * x); },
                  a, z);
            return;
        case Activation::Softmax:
            // Row-wise, shifted by the row's maximum so exp never overflows; the largest term
            // is exp(0) = 1, so the sum is in [1, m] and the division is safe.
            for (Eigen::Index i = 0; i < z.rows(); ++i) {
                const float m = z.row(i).maxCoeff();
                a.row(i).array() = (z.row(i).array() - m).exp();
                a.row(i) /= a.row(i).sum();
            }
            return;
    }
    assert(false && "unknown activation");
}

void activation_backward(Activation act, ConstMatRef z, ConstMatRef a, ConstMatRef da, MatRef dz) {
    assert(z.rows() == dz.rows() && z.cols() == dz.cols());
    assert(a.rows() == dz.rows() && da.rows() == dz.rows());
    switch (act) {
        case Activation::Linear:
            dz = da;
            return;
        case Activation::Step:
            // The derivative is zero everywhere (undefined at 0): no gradient flows through.
            dz.setZero();
            return;
        case Activation::Sigmoid:
            cwise([](auto& o, const auto& y, const auto& g) { o = g * y * (1.0f - y); }, dz, a, da);
            return;
        case Activation::Tanh:
            cwise([](auto& o, const auto& y, const auto& g) { o = g * (1.0f - y.square()); },
                  dz, a, da);
            return;
        case Activation::Relu:
            // Derivative 0 at z = 0, as TensorFlow.
            cwise([](auto& o, const auto& x, const auto& g) { o = (x > 0.0f).select(g, 0.0f); },
                  dz, z, da);
            return;
        case Activation::LeakyRelu:
            cwise([](auto& o, const auto& x, const auto& g) {
                o = (x > 0.0f).select(g, kLeakyReluSlope * g);
            }, dz, z, da);
            return;
        case Activation::Softmax:
            // Jacobian-vector product per row: dz_j = a_j (da_j - sum_k da_k a_k).
            for (Eigen::Index i = 0; i < z.rows(); ++i) {
                const float s = da.row(i).dot(a.row(i));
                dz.row(i).array() = a.row(i).array() * (da.row(i).array() - s);
            }
            return;
    }
    assert(false && "unknown activation");
}

}  // namespace nnp
