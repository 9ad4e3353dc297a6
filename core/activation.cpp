// Activation functions on whole batches (rows = samples), forward and backward side by side,
// plus the Activation enum table. Everything is coefficient-wise except Softmax, which works
// row by row. Nothing here allocates: the caller owns every buffer.
#include "activation.hpp"

#include "vec_math.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>

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

// out = f(in) through one of vec_math's array functions: one call over the whole matrix when
// both are flat, else one per row. Every value goes through the same lane arithmetic either way.
void map_flat(void (*f)(const float*, float*, std::size_t), ConstMatRef in, MatRef out) {
    if (is_flat(in) && is_flat(out)) {
        f(in.data(), out.data(), static_cast<std::size_t>(in.size()));
        return;
    }
    for (Eigen::Index r = 0; r < in.rows(); ++r)
        f(in.row(r).data(), out.row(r).data(), static_cast<std::size_t>(in.cols()));
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
            // Our own exp (vec_math.cpp): libm's expf is scalar, 11 ns a call under node, and
            // differs between glibc and musl in the last bit.
            map_flat(vec::sigmoid, z, a);
            return;
        case Activation::Tanh:
            map_flat(vec::tanh, z, a);
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
            // is exp(0) = 1, so the sum is in [1, m] and the division is safe. Every shifted
            // value is <= 0, so exp(x) = exp(-|x|) from vec_math, and the sum runs in unit
            // order: Eigen's exp and its vectorised sum round differently natively and in
            // WebAssembly, and the probabilities must be the same bits on both.
            for (Eigen::Index i = 0; i < z.rows(); ++i) {
                const Eigen::Index k = z.cols();
                const float m = z.row(i).maxCoeff();
                float* out = &a(i, 0);
                for (Eigen::Index j = 0; j < k; ++j) out[j] = z(i, j) - m;
                vec::exp_neg_abs(out, out, static_cast<std::size_t>(k));
                float sum = 0.0f;
                for (Eigen::Index j = 0; j < k; ++j) sum += out[j];
                for (Eigen::Index j = 0; j < k; ++j) out[j] /= sum;
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
