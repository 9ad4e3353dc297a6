// The compare view's logic (see compare.hpp).
#include "compare.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace nnp::app {

namespace {

constexpr std::array<RaceChoice, 11> kChoices = {{
    {"", "CompareNone", ""},
    {"opt", "Optimizer", "sgd,mom,nag,adag,rms,adam"},
    {"seed", "Seed", "1,2,3,4"},
    {"lr", "LearningRate", "0.3,0.03,0.003"},
    {"batch", "BatchSize", "1,10,100"},
    {"act", "Activation", "tanh,relu,sigmoid"},
    {"init", "InitLabel", "zeros,uniform,glorot,he"},
    {"drop", "Dropout", "0,0.2,0.5"},
    {"rr", "RegRate", "0/reg=L2,0.003/reg=L2,0.03/reg=L2"},
    {"width", "RaceWidth", "2,4,8"},
    {"depth", "RaceDepth", "0,1,2,3"},
}};

}  // namespace

std::span<const RaceChoice> race_choices() { return kChoices; }

int race_choice_of(const RaceSpec& race) {
    for (std::size_t i = 1; i < kChoices.size(); ++i)
        if (race.key == kChoices[i].key) return int(i);
    return 0;
}

RaceSpec race_from_text(const char* key, const std::string& values) {
    RaceSpec race;
    if (key == nullptr || key[0] == '\0') return race;
    race.key = key;
    std::string item;
    for (std::size_t i = 0; i <= values.size(); ++i) {
        const char c = i < values.size() ? values[i] : ',';
        if (c == ',') {
            if (!item.empty()) race.values.push_back(item);
            item.clear();
        } else if (c != ' ' && c != '\t') {
            item += c;
        }
    }
    return race;
}

std::string race_values_text(const RaceSpec& race) {
    std::string text;
    for (std::size_t i = 0; i < race.values.size(); ++i) text += (i ? ", " : "") + race.values[i];
    return text;
}

LossSpread loss_spread(const AppState& app) {
    std::vector<float> losses;
    for (const Run& r : app.runs) {
        const float l = r.session->watched_value();
        if (std::isfinite(l)) losses.push_back(l);
    }
    if (losses.empty()) return {};
    std::sort(losses.begin(), losses.end());
    const std::size_t n = losses.size();
    const float median = n % 2 ? losses[n / 2] : 0.5f * (losses[n / 2 - 1] + losses[n / 2]);
    return {losses.front(), median, losses.back()};
}

std::vector<float> weight_distances(const AppState& app) {
    const std::size_t n = app.runs.size();
    std::vector<float> d(n * n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            const auto a = app.runs[i].session->net().params(), b = app.runs[j].session->net().params();
            float dist = -1.0f;
            if (a.size() == b.size()) {
                double sum = 0.0;
                for (std::size_t k = 0; k < a.size(); ++k) sum += double(a[k] - b[k]) * double(a[k] - b[k]);
                dist = static_cast<float>(std::sqrt(sum));
            }
            d[i * n + j] = d[j * n + i] = dist;
        }
    }
    return d;
}

}  // namespace nnp::app
