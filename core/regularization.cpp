// L1 / L2 weight penalties and their gradients (definitions in regularization.hpp), plus the
// Regularization enum table. Biases are never penalised: only the weight block of each layer
// is visited, so the loops skip the bias entries of the flat parameter buffer.
#include "regularization.hpp"

#include <array>
#include <cassert>
#include <cmath>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<Regularization>, 3> kRegularizationTable = {{
    // TF Playground's URL tokens.
    {Regularization::None, "none", "None", "none"},
    {Regularization::L1, "l1", "L1", "L1"},
    {Regularization::L2, "l2", "L2", "L2"},
}};

}  // namespace

template <>
std::span<const EnumEntry<Regularization>> enum_table<Regularization>() {
    return kRegularizationTable;
}

double regularization_penalty(const Mlp& net, Regularization kind, float rate) {
    if (kind == Regularization::None || rate == 0.0f) return 0.0;
    const auto params = net.params();
    double sum = 0.0;
    for (int l = 0; l < net.num_layers(); ++l) {
        const std::size_t begin = net.weight_offset(l), end = net.bias_offset(l);
        for (std::size_t k = begin; k < end; ++k) {
            const double w = params[k];
            sum += kind == Regularization::L1 ? std::abs(w) : 0.5 * w * w;
        }
    }
    return static_cast<double>(rate) * sum;
}

void add_regularization_gradient(const Mlp& net, Regularization kind, float rate,
                                 std::span<float> grad) {
    assert(grad.size() == net.params().size());
    if (kind == Regularization::None || rate == 0.0f) return;
    const auto params = net.params();
    for (int l = 0; l < net.num_layers(); ++l) {
        const std::size_t begin = net.weight_offset(l), end = net.bias_offset(l);
        if (kind == Regularization::L1) {
            // sign(0) = 0: a weight that is exactly zero is left alone.
            for (std::size_t k = begin; k < end; ++k)
                grad[k] += rate * static_cast<float>((params[k] > 0.0f) - (params[k] < 0.0f));
        } else {
            for (std::size_t k = begin; k < end; ++k) grad[k] += rate * params[k];
        }
    }
}

}  // namespace nnp
