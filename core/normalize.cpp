// Fitting and applying the input normalisation (see normalize.hpp). Statistics are accumulated
// in double, so the mean and deviation of thousands of rows do not depend on summation order
// beyond the last float bit, and are the same natively and in WebAssembly (both IEEE, no FMA).
#include "normalize.hpp"

#include <array>
#include <cassert>
#include <cmath>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<Normalization>, 4> kNormalizationTable = {{
    {Normalization::None, "none", "None", "none"},
    {Normalization::Standardize, "standardize", "Standardize", "standardize"},
    {Normalization::MinMax, "minmax", "Min-max to [-1, 1]", "minmax"},
    {Normalization::Scale, "scale", "Largest |x| to 1", "scale"},
}};

// Columns whose spread is below this are left unscaled (a constant input carries nothing).
constexpr double kMinSpread = 1e-12;

}  // namespace

template <>
std::span<const EnumEntry<Normalization>> enum_table<Normalization>() {
    return kNormalizationTable;
}

InputNorm fit_input_norm(Normalization mode, ConstMatRef train) {
    InputNorm norm;
    norm.mode = mode;
    if (mode == Normalization::None) return norm;
    const Eigen::Index n = train.rows(), cols = train.cols();
    norm.offset.assign(static_cast<std::size_t>(cols), 0.0f);
    norm.scale.assign(static_cast<std::size_t>(cols), 1.0f);
    if (n == 0) return norm;
    if (mode == Normalization::Scale) {
        double largest = 0.0;
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < cols; ++j)
                if (std::isfinite(train(i, j))) largest = std::fmax(largest, std::fabs(double(train(i, j))));
        if (largest > kMinSpread) norm.scale.assign(static_cast<std::size_t>(cols), static_cast<float>(1.0 / largest));
        return norm;
    }
    for (Eigen::Index j = 0; j < cols; ++j) {
        double offset = 0.0, spread = 0.0;
        if (mode == Normalization::Standardize) {
            double sum = 0.0;
            for (Eigen::Index i = 0; i < n; ++i) sum += double(train(i, j));
            const double mean = sum / double(n);
            double squares = 0.0;
            for (Eigen::Index i = 0; i < n; ++i) {
                const double d = double(train(i, j)) - mean;
                squares += d * d;
            }
            offset = mean;
            spread = std::sqrt(squares / double(n));  // the population deviation
        } else {
            double lo = double(train(0, j)), hi = lo;
            for (Eigen::Index i = 1; i < n; ++i) {
                lo = std::fmin(lo, double(train(i, j)));
                hi = std::fmax(hi, double(train(i, j)));
            }
            offset = 0.5 * (lo + hi);
            spread = 0.5 * (hi - lo);  // half the range maps to 1
        }
        if (!std::isfinite(offset) || !std::isfinite(spread)) continue;  // leave the column as it is
        norm.offset[std::size_t(j)] = static_cast<float>(offset);
        if (spread > kMinSpread) norm.scale[std::size_t(j)] = static_cast<float>(1.0 / spread);
    }
    return norm;
}

void apply_input_norm(const InputNorm& norm, MatRef x) {
    if (norm.identity()) return;
    assert(static_cast<std::size_t>(x.cols()) == norm.offset.size());
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.cols(); ++j)
            x(i, j) = (x(i, j) - norm.offset[std::size_t(j)]) * norm.scale[std::size_t(j)];
}

void apply_input_norm(const InputNorm& norm, ConstMatRef x, Matrix& out) {
    out.resize(x.rows(), x.cols());
    out = x;
    apply_input_norm(norm, out);
}

}  // namespace nnp
