// Bagging's bootstrap and votes, and boosting's SAMME step (see ensemble.hpp).
#include "ensemble.hpp"

#include "det_math.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace nnp {

std::vector<int> bootstrap_rows(int n, Rng& rng) {
    std::vector<int> rows(std::size_t(std::max(n, 0)));
    for (int& r : rows) r = static_cast<int>(rng.below(static_cast<std::uint32_t>(n)));
    return rows;
}

std::vector<int> out_of_bag_rows(int n, std::span<const int> rows) {
    std::vector<char> drawn(std::size_t(std::max(n, 0)), 0);
    for (const int r : rows)
        if (r >= 0 && r < n) drawn[std::size_t(r)] = 1;
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
        if (!drawn[std::size_t(i)]) out.push_back(i);
    return out;
}

int predicted_class(const float* out, int outputs, Activation output) {
    if (outputs == 1) return out[0] > (output == Activation::Tanh ? 0.0f : 0.5f) ? 1 : 0;
    return static_cast<int>(std::max_element(out, out + outputs) - out);
}

float class_probability(const float* out, int outputs, Activation output, int c) {
    if (outputs > 1) return c >= 0 && c < outputs ? out[c] : 0.0f;
    const float p1 = output == Activation::Tanh ? 0.5f * (1.0f + out[0]) : out[0];
    return c == 1 ? p1 : 1.0f - p1;
}

std::vector<int> majority_vote(std::span<const Matrix* const> outputs, Activation output, int classes) {
    if (outputs.empty()) return {};
    const int n = static_cast<int>(outputs[0]->rows());
    const int units = static_cast<int>(outputs[0]->cols());
    std::vector<int> result(std::size_t(n), 0);
    std::vector<int> votes(static_cast<std::size_t>(classes));
    std::vector<double> prob(static_cast<std::size_t>(classes));
    for (int i = 0; i < n; ++i) {
        std::fill(votes.begin(), votes.end(), 0);
        std::fill(prob.begin(), prob.end(), 0.0);
        for (const Matrix* m : outputs) {
            assert(m->rows() == n && m->cols() == units);
            const float* row = m->row(i).data();
            const int c = predicted_class(row, units, output);
            if (c >= 0 && c < classes) ++votes[std::size_t(c)];
            for (int k = 0; k < classes; ++k) prob[std::size_t(k)] += double(class_probability(row, units, output, k));
        }
        int best = 0;
        for (int k = 1; k < classes; ++k) {
            const auto ki = std::size_t(k), bi = std::size_t(best);
            if (votes[ki] > votes[bi] || (votes[ki] == votes[bi] && prob[ki] > prob[bi])) best = k;
        }
        result[std::size_t(i)] = best;
    }
    return result;
}

std::vector<float> mean_vote(std::span<const Matrix* const> outputs) {
    if (outputs.empty()) return {};
    const int n = static_cast<int>(outputs[0]->rows());
    std::vector<float> result(std::size_t(n), 0.0f);
    for (int i = 0; i < n; ++i) {
        double sum = 0.0;
        for (const Matrix* m : outputs) sum += double((*m)(i, 0));
        result[std::size_t(i)] = static_cast<float>(sum / double(outputs.size()));
    }
    return result;
}

SammeStep samme_step(std::span<float> weights, std::span<const bool> wrong, int classes) {
    assert(weights.size() == wrong.size() && classes >= 2);
    SammeStep s;
    double total = 0.0, missed = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        total += double(weights[i]);
        if (wrong[i]) missed += double(weights[i]);
    }
    if (!(total > 0.0)) return s;
    s.error = std::clamp(missed / total, 1e-10, 1.0);
    // log((1 - err) / err) + log(k - 1) > 0  <=>  err < 1 - 1/k.
    s.useful = s.error < 1.0 - 1.0 / double(classes);
    if (!s.useful) {
        s.alpha = s.error >= 1.0 ? 0.0 : det::log((1.0 - s.error) / s.error) + det::log(double(classes - 1));
        return s;
    }
    s.alpha = det::log((1.0 - s.error) / s.error) + det::log(double(classes - 1));
    const double grow = det::exp(s.alpha);
    double sum = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double w = double(weights[i]) * (wrong[i] ? grow : 1.0);
        weights[i] = static_cast<float>(w);
        sum += w;
    }
    for (float& w : weights) w = static_cast<float>(double(w) / sum);
    return s;
}

std::vector<int> weighted_vote(std::span<const Matrix* const> outputs, std::span<const double> alphas,
                               Activation output, int classes) {
    assert(outputs.size() == alphas.size());
    if (outputs.empty()) return {};
    const int n = static_cast<int>(outputs[0]->rows());
    const int units = static_cast<int>(outputs[0]->cols());
    std::vector<int> result(std::size_t(n), 0);
    std::vector<double> score(static_cast<std::size_t>(classes));
    for (int i = 0; i < n; ++i) {
        std::fill(score.begin(), score.end(), 0.0);
        for (std::size_t m = 0; m < outputs.size(); ++m) {
            const int c = predicted_class(outputs[m]->row(i).data(), units, output);
            if (c >= 0 && c < classes) score[std::size_t(c)] += alphas[m];
        }
        result[std::size_t(i)] = static_cast<int>(std::max_element(score.begin(), score.end()) - score.begin());
    }
    return result;
}

}  // namespace nnp
