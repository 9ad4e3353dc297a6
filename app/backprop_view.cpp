// Backpropagation step by step (see backprop_view.hpp): the steps, their words and highlights.
#include "backprop_view.hpp"

#include "strings.hpp"
#include "types.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace nnp::app {

namespace {

constexpr int kMaxTerms = 4;  // terms of a sum written out before " … (N terms)"

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

std::string list(const std::vector<float>& v) {
    std::string out;
    const int shown = std::min<int>(int(v.size()), 8);
    for (int i = 0; i < shown; ++i) out += (i ? ", " : "") + num(v[std::size_t(i)]);
    if (int(v.size()) > shown) {
        char b[64];
        std::snprintf(b, sizeof b, tr(Str::BpMoreTermsFmt), int(v.size()));
        out += b;
    }
    return out;
}

// "p0·q0 + p1·q1 + ..." over i, at most kMaxTerms written out.
template <typename P, typename Q>
std::string products(int count, P p, Q q) {
    std::string out;
    for (int i = 0; i < count && i < kMaxTerms; ++i) out += (i ? " + " : "") + num(p(i)) + "·" + num(q(i));
    if (count > kMaxTerms) {
        char b[64];
        std::snprintf(b, sizeof b, tr(Str::BpMoreTermsFmt), count);
        out += b;
    }
    return out.empty() ? "0" : out;
}

std::string layer_name(const BackpropWalk& w, int l) {
    if (l == int(w.layers.size()) - 1) return tr(Str::BpLayerOutput);
    char b[64];
    std::snprintf(b, sizeof b, tr(Str::BpLayerHiddenFmt), l + 1);
    return b;
}

template <typename... A>
std::string format(Str id, A... args) {
    char b[1024];
    std::snprintf(b, sizeof b, tr(id), args...);
    return b;
}

std::uint64_t weights_checksum(const Session& s) { return checksum(s.net().params().data(), s.net().params().size()); }

}  // namespace

std::vector<BpStep> backprop_steps(const BackpropWalk& w) {
    std::vector<BpStep> steps;
    const int layers = int(w.layers.size()), last = layers - 1;
    steps.push_back({BpStepKind::Input, 0, 0});
    for (int l = 0; l < layers; ++l)
        for (int o = 0; o < w.layers[std::size_t(l)].fan_out; ++o) steps.push_back({BpStepKind::Forward, l, o});
    steps.push_back({BpStepKind::Loss, last, 0});
    for (int o = 0; o < w.layers[std::size_t(last)].fan_out; ++o) steps.push_back({BpStepKind::OutputError, last, o});
    for (int l = last; l >= 0; --l) {
        for (int o = 0; o < w.layers[std::size_t(l)].fan_out; ++o) steps.push_back({BpStepKind::Grads, l, o});
        if (l > 0)
            for (int i = 0; i < w.layers[std::size_t(l)].fan_in; ++i) steps.push_back({BpStepKind::Signal, l - 1, i});
    }
    for (int l = 0; l < layers; ++l) steps.push_back({BpStepKind::Update, l, 0});
    return steps;
}

std::string backprop_step_text(const BackpropWalk& w, const BpStep& st) {
    const std::size_t l = std::size_t(st.layer), o = std::size_t(st.unit);
    const LayerWalk& L = w.layers[l];
    const int unit = st.unit + 1;
    switch (st.kind) {
        case BpStepKind::Input:
            return format(Str::BpInputFmt, w.sample, int(w.layers[0].input.size()), list(w.layers[0].input).c_str(),
                          list(w.target).c_str());
        case BpStepKind::Forward: {
            const std::string sum = products(L.fan_in, [&](int i) { return L.w[std::size_t(i * L.fan_out) + o]; },
                                             [&](int i) { return L.input[std::size_t(i)]; });
            return format(Str::BpForwardFmt, layer_name(w, st.layer).c_str(), unit, sum.c_str(), num(L.b[o]).c_str(),
                          num(L.z[o]).c_str(), label(L.activation), num(L.a[o]).c_str());
        }
        case BpStepKind::Loss:
            return format(Str::BpLossFmt, label(w.loss), list(L.a).c_str(), list(w.target).c_str(), num(w.loss_value).c_str());
        case BpStepKind::OutputError: {
            const bool fused = is_fused(L.activation, w.loss);
            if (fused && !L.slope.empty())
                return format(Str::BpFusedFmt, unit, label(L.activation), num(L.a[o]).c_str(), num(w.target[o]).c_str(),
                              num(L.dl_dz[o]).c_str(), num(L.dl_da[o]).c_str(), num(L.slope[o]).c_str());
            if (fused)
                return format(Str::BpFusedSoftmaxFmt, unit, num(L.a[o]).c_str(), num(w.target[o]).c_str(), num(L.dl_dz[o]).c_str());
            if (!L.slope.empty())
                return format(Str::BpOutputFmt, unit, num(L.dl_da[o]).c_str(), num(L.dl_da[o]).c_str(), num(L.slope[o]).c_str(),
                              num(L.dl_dz[o]).c_str());
            return format(Str::BpOutputSoftmaxFmt, unit, num(L.dl_da[o]).c_str(), num(L.dl_dz[o]).c_str());
        }
        case BpStepKind::Grads: {
            std::string terms;
            for (int i = 0; i < L.fan_in && i < kMaxTerms; ++i)
                terms += (i ? ", " : "") + num(L.input[std::size_t(i)]) + "·" + num(L.dl_dz[o]) + " = " +
                         num(L.dl_dw[std::size_t(i * L.fan_out) + o]);
            if (L.fan_in > kMaxTerms) terms += format(Str::BpMoreTermsFmt, L.fan_in);
            return format(Str::BpGradsFmt, layer_name(w, st.layer).c_str(), unit, num(L.dl_dz[o]).c_str(), terms.c_str(),
                          num(L.dl_db[o]).c_str());
        }
        case BpStepKind::Signal: {
            // Unit o of layer l sends its error back from every unit of layer l + 1.
            const LayerWalk& next = w.layers[l + 1];
            const std::string sum = products(next.fan_out, [&](int k) { return next.w[o * std::size_t(next.fan_out) + std::size_t(k)]; },
                                             [&](int k) { return next.dl_dz[std::size_t(k)]; });
            const double slope = L.slope.empty() ? 0.0 : double(L.slope[o]);
            return format(Str::BpSignalFmt, layer_name(w, st.layer).c_str(), unit, sum.c_str(), num(next.dl_dinput[o]).c_str(),
                          num(L.dl_da[o]).c_str(), num(slope).c_str(), num(L.dl_dz[o]).c_str());
        }
        case BpStepKind::Update: {
            std::size_t k = 0;
            for (std::size_t i = 1; i < L.w.size(); ++i)
                if (std::abs(L.w_after[i] - L.w[i]) > std::abs(L.w_after[k] - L.w[k])) k = i;
            std::string text = format(Str::BpUpdateFmt, layer_name(w, st.layer).c_str(), label(w.optimizer.kind),
                                      num(w.optimizer.learning_rate).c_str(), num(L.w[k]).c_str(), num(L.w_after[k]).c_str(),
                                      num(L.dl_dw[k]).c_str());
            return text;
        }
    }
    return {};
}

BpHighlight backprop_highlight(const BackpropWalk& w, const BpStep& st) {
    BpHighlight h;
    const int col = st.layer + 1;  // the step's layer's column
    switch (st.kind) {
        case BpStepKind::Input:
            for (int i = 0; i < w.layers[0].fan_in; ++i) h.units.push_back({0, i});
            break;
        case BpStepKind::Forward:
        case BpStepKind::Grads:
            h.units.push_back({col, st.unit});
            h.edge_column = col, h.edge_from = -1, h.edge_to = st.unit;
            break;
        case BpStepKind::Loss:
            for (int o = 0; o < w.layers[std::size_t(st.layer)].fan_out; ++o) h.units.push_back({col, o});
            break;
        case BpStepKind::OutputError:
            h.units.push_back({col, st.unit});
            break;
        case BpStepKind::Signal:
            h.units.push_back({col, st.unit});
            h.edge_column = col + 1, h.edge_from = st.unit, h.edge_to = -1;
            break;
        case BpStepKind::Update:
            h.edge_column = col, h.edge_from = -1, h.edge_to = -1;
            break;
    }
    return h;
}

void backprop_frame(BackpropView& v, const Session* s, std::uint64_t built) {
    if (!v.open) return;
    if (!s) {
        v.walk.reset();
        v.steps.clear();
        v.session = nullptr;
        return;
    }
    v.sample = std::clamp(v.sample, 0, std::max(0, s->n_train() - 1));
    const bool same = v.walk && v.session == s && v.built == built && v.session_steps == s->steps() &&
                      v.walk_sample == v.sample && v.weights_sum == weights_checksum(*s);
    if (!same) {
        const bool same_net = v.walk && v.session == s && v.built == built;
        v.walk = backprop_walk(*s, v.sample);
        v.steps = v.walk ? backprop_steps(*v.walk) : std::vector<BpStep>{};
        if (!same_net && v.session != nullptr) v.step = 0;  // the first walk keeps a link's bpstep=
        v.session = s;
        v.built = built;
        v.session_steps = s->steps();
        v.walk_sample = v.sample;
        v.weights_sum = weights_checksum(*s);
    }
    v.step = std::clamp(v.step, 0, std::max(0, int(v.steps.size()) - 1));
}

void backprop_move(BackpropView& v, int by) { v.step = std::clamp(v.step + by, 0, std::max(0, int(v.steps.size()) - 1)); }

int nearest_training_sample(const Session& s, float x, float y) {
    const Dataset& d = s.data();
    if (d.x.cols() < 2 || s.n_train() == 0) return -1;
    int best = -1;
    float best_d = std::numeric_limits<float>::infinity();
    for (int i = 0; i < s.n_train(); ++i) {
        const float dx = d.x(i, 0) - x, dy = d.x(i, 1) - y, dd = dx * dx + dy * dy;
        if (dd < best_d) best_d = dd, best = i;
    }
    return best;
}

}  // namespace nnp::app
