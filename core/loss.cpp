// Loss values and gradients (conventions in loss.hpp), plus the Loss enum table. Values are
// summed in double so that a finite-difference check and the reported epoch loss do not lose
// digits over thousands of samples; gradients are float and written into caller buffers.
#include "loss.hpp"

#include "vec_math.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<Loss>, 3> kLossTable = {{
    {Loss::Mse, "mse", "Mean squared error", "mse"},
    {Loss::BinaryCrossEntropy, "bce", "Binary cross-entropy", "bce"},
    {Loss::CategoricalCrossEntropy, "cce", "Categorical cross-entropy", "cce"},
}};

constexpr double kLo = kLossEpsilon, kHi = 1.0 - static_cast<double>(kLossEpsilon);

double clip_probability(double a) { return std::clamp(a, kLo, kHi); }

// d(clip(a))/da is 1 inside [eps, 1-eps] and 0 outside (as TensorFlow's clip_by_value), so the
// gradient is the exact derivative of the clipped value that loss_sum reports.
bool inside_clip(float a) { return a >= static_cast<float>(kLo) && a <= static_cast<float>(kHi); }

// log(1 + u) for u in [0, 1]: 2 atanh(s) with s = u / (2 + u) in [0, 1/3], by the series
// 2 (s + s^3/3 + ... + s^17/17). The terms left out add up to less than s^18 / 19 / (1 - s^2)
// <= 1.6e-10 relative. Only +, *, /: libm's log1p differs between glibc and musl.
double log1p_unit(double u) {
    const double s = u / (2.0 + u), s2 = s * s;
    double p = 1.0 / 17;
    for (int k = 15; k >= 1; k -= 2) p = p * s2 + 1.0 / k;
    return 2.0 * s * p;
}

// Fused sigmoid + BCE per output: -[t log s(z) + (1-t) log(1-s(z))] = max(z,0) - z t + log(1 +
// exp(-|z|)), never log(0). exp(-|z|) is vec_math's float one (within 1e-7 relative, so the last
// term is within 1e-7 absolute), vectorised a chunk at a time; the sum is in double.
double bce_from_logits_sum(const float* z, const float* t, Eigen::Index count) {
    constexpr Eigen::Index kChunk = 64;
    float e[kChunk];
    double sum = 0.0;
    for (Eigen::Index begin = 0; begin < count; begin += kChunk) {
        const Eigen::Index len = std::min(kChunk, count - begin);
        vec::exp_neg_abs(z + begin, e, static_cast<std::size_t>(len));
        for (Eigen::Index j = 0; j < len; ++j) {
            const double zz = z[begin + j], tt = t[begin + j];
            sum += std::max(zz, 0.0) - zz * tt + log1p_unit(e[j]);
        }
    }
    return sum;
}

}  // namespace

template <>
std::span<const EnumEntry<Loss>> enum_table<Loss>() {
    return kLossTable;
}

bool is_fused(Activation output, Loss loss) {
    return (output == Activation::Sigmoid && loss == Loss::BinaryCrossEntropy) ||
           (output == Activation::Softmax && loss == Loss::CategoricalCrossEntropy);
}

double loss_sum(Loss loss, Activation output, ConstMatRef z, ConstMatRef a, ConstMatRef t) {
    assert(z.rows() == t.rows() && z.cols() == t.cols());
    assert(a.rows() == t.rows() && a.cols() == t.cols());
    const Eigen::Index n = t.rows(), m = t.cols();
    double sum = 0.0;
    switch (loss) {
        case Loss::Mse:
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index j = 0; j < m; ++j) {
                    const double d = static_cast<double>(a(i, j)) - t(i, j);
                    sum += 0.5 * d * d;
                }
            return sum;
        case Loss::BinaryCrossEntropy:
            if (is_fused(output, loss)) {
                const bool flat = n <= 1 || (z.outerStride() == m && t.outerStride() == m);
                if (flat) return bce_from_logits_sum(z.data(), t.data(), n * m);
                for (Eigen::Index i = 0; i < n; ++i)
                    sum += bce_from_logits_sum(z.row(i).data(), t.row(i).data(), m);
                return sum;
            }
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index j = 0; j < m; ++j) {
                    const double p = clip_probability(a(i, j)), tt = t(i, j);
                    sum -= tt * std::log(p) + (1.0 - tt) * std::log(1.0 - p);
                }
            return sum;
        case Loss::CategoricalCrossEntropy:
            if (is_fused(output, loss)) {
                // -sum t_j log softmax(z)_j = sum t_j (logsumexp(z) - z_j), shifted by the max.
                for (Eigen::Index i = 0; i < n; ++i) {
                    const double zmax = z.row(i).maxCoeff();
                    double e = 0.0;
                    for (Eigen::Index j = 0; j < m; ++j) e += std::exp(z(i, j) - zmax);
                    const double lse = zmax + std::log(e);
                    for (Eigen::Index j = 0; j < m; ++j) sum += t(i, j) * (lse - z(i, j));
                }
                return sum;
            }
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index j = 0; j < m; ++j)
                    sum -= t(i, j) * std::log(clip_probability(a(i, j)));
            return sum;
    }
    assert(false && "unknown loss");
    return 0.0;
}

void loss_backward(Loss loss, Activation output, ConstMatRef z, ConstMatRef a, ConstMatRef t,
                   float scale_n, MatRef dz, MatRef da_scratch) {
    assert(scale_n > 0.0f);
    assert(dz.rows() == t.rows() && dz.cols() == t.cols());
    assert(da_scratch.rows() == t.rows() && da_scratch.cols() == t.cols());
    const float inv_n = 1.0f / scale_n;

    if (is_fused(output, loss)) {
        if (loss == Loss::BinaryCrossEntropy) {
            dz.array() = (a.array() - t.array()) * inv_n;
        } else {
            // d/dz_j of sum_k t_k (lse - z_k) = a_j sum_k t_k - t_j: a - t for one-hot rows, and
            // still exact for targets that do not sum to 1.
            for (Eigen::Index i = 0; i < t.rows(); ++i) {
                const float tsum = t.row(i).sum();
                dz.row(i).array() = (a.row(i).array() * tsum - t.row(i).array()) * inv_n;
            }
        }
        return;
    }

    // Unfused: dL/da, then back through the output activation.
    switch (loss) {
        case Loss::Mse:
            da_scratch.array() = (a.array() - t.array()) * inv_n;
            break;
        case Loss::BinaryCrossEntropy:
            for (Eigen::Index i = 0; i < t.rows(); ++i)
                for (Eigen::Index j = 0; j < t.cols(); ++j) {
                    const float p = a(i, j), tt = t(i, j);
                    da_scratch(i, j) =
                        inside_clip(p) ? (-tt / p + (1.0f - tt) / (1.0f - p)) * inv_n : 0.0f;
                }
            break;
        case Loss::CategoricalCrossEntropy:
            for (Eigen::Index i = 0; i < t.rows(); ++i)
                for (Eigen::Index j = 0; j < t.cols(); ++j) {
                    const float p = a(i, j);
                    da_scratch(i, j) = inside_clip(p) ? -t(i, j) / p * inv_n : 0.0f;
                }
            break;
    }
    activation_backward(output, z, a, da_scratch, dz);
}

}  // namespace nnp
