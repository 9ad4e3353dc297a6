// Backpropagation step by step, in a window over the page: the sample (its number, or a click on
// the small map of training points), Back / Next (and the arrow keys), the step in words with its
// numbers, and the network with the step's neurons and edges picked out; hovering a neuron shows
// its z, a, dL/da, dL/dz and bias before and after the update.
#include "app_state.hpp"
#include "panels.hpp"
#include "sprites.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnp::app {

namespace {

constexpr int kMaxDrawnUnits = 16;  // a column draws at most this many units, then "and N more"

// The network: a column for the inputs and one for each dense layer.
void network_diagram(PanelContext& c, const BackpropView& v, ImVec2 size) {
    const BackpropWalk& w = *v.walk;
    const BpHighlight h = backprop_highlight(w, v.steps[std::size_t(v.step)]);
    const float em = ImGui::GetFontSize();
    const ImVec2 mn = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##bp_network", size);
    note_ui(c, "bp_network");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int columns = int(w.layers.size()) + 1;
    const auto units = [&](int col) { return col == 0 ? w.layers[0].fan_in : w.layers[std::size_t(col - 1)].fan_out; };
    const auto drawn = [&](int col) { return std::min(units(col), kMaxDrawnUnits); };
    const float text_h = ImGui::GetTextLineHeight();
    const auto pos = [&](int col, int u) {
        const float x = mn.x + size.x * (float(col) + 0.5f) / float(columns);
        const int n = drawn(col);
        const float y = mn.y + (size.y - text_h) * (float(u) + 0.5f) / float(n);
        return ImVec2(x, y);
    };
    int most = 1;
    for (int col = 0; col < columns; ++col) most = std::max(most, drawn(col));
    const float r = std::clamp(0.35f * (size.y - text_h) / float(most), 0.25f * em, 0.9f * em);
    const auto lit = [&](int col, int u) {
        return std::find(h.units.begin(), h.units.end(), std::pair<int, int>(col, u)) != h.units.end();
    };
    // Edges: every one faint, the step's ones coloured by the weight's sign, thicker for bigger weights.
    for (int col = 1; col < columns; ++col) {
        const LayerWalk& L = w.layers[std::size_t(col - 1)];
        for (int i = 0; i < drawn(col - 1); ++i)
            for (int o = 0; o < drawn(col); ++o) {
                const bool on = h.edge_column == col && (h.edge_from < 0 || h.edge_from == i) && (h.edge_to < 0 || h.edge_to == o);
                const float wt = L.w[std::size_t(i * L.fan_out + o)];
                if (!on) {
                    dl->AddLine(pos(col - 1, i), pos(col, o), IM_COL32(200, 200, 200, 90), 1.0f);
                    continue;
                }
                const Rgb rgb = wt >= 0 ? positive_color() : negative_color();
                dl->AddLine(pos(col - 1, i), pos(col, o), to_imgui(rgb), std::clamp(1.0f + 2.0f * std::abs(wt), 1.5f, 5.0f) * c.scale);
            }
    }
    // Units, and the value the step is about under the lit ones.
    const BpStepKind kind = v.steps[std::size_t(v.step)].kind;
    const bool backward = kind != BpStepKind::Input && kind != BpStepKind::Forward && kind != BpStepKind::Loss;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int col = 0; col < columns; ++col) {
        for (int u = 0; u < drawn(col); ++u) {
            const ImVec2 p = pos(col, u);
            const bool on = lit(col, u);
            dl->AddCircleFilled(p, r, on ? IM_COL32(255, 236, 160, 255) : IM_COL32(250, 250, 250, 255), 20);
            dl->AddCircle(p, r, on ? IM_COL32(200, 120, 0, 255) : IM_COL32(120, 120, 120, 255), 20, on ? 2.5f * c.scale : 1.0f);
            float value = 0;
            if (col == 0) value = w.layers[0].input[std::size_t(u)];
            else {
                const LayerWalk& L = w.layers[std::size_t(col - 1)];
                value = backward ? L.dl_dz[std::size_t(u)] : L.a[std::size_t(u)];
            }
            if (on || r >= 0.6f * em) {
                char t[32];
                std::snprintf(t, sizeof t, "%.3g", double(value));
                const ImVec2 ts = ImGui::CalcTextSize(t);
                dl->AddText(ImVec2(p.x - 0.5f * ts.x, p.y + r + 0.1f * em), on ? IM_COL32(20, 20, 20, 255) : IM_COL32(110, 110, 110, 255), t);
            }
            const float dx = mouse.x - p.x, dy = mouse.y - p.y;
            if (ImGui::IsItemHovered() && dx * dx + dy * dy <= r * r * 1.5f) {
                char t[320];
                if (col == 0) {
                    char b[32];
                    std::snprintf(b, sizeof b, "%.5g", double(value));
                    std::snprintf(t, sizeof t, tr(Str::BpInputTipFmt), u + 1, b);
                } else {
                    const LayerWalk& L = w.layers[std::size_t(col - 1)];
                    const auto s = [](float x) {
                        char b[32];
                        std::snprintf(b, sizeof b, "%.5g", double(x));
                        return std::string(b);
                    };
                    const std::size_t k = std::size_t(u);
                    std::snprintf(t, sizeof t, tr(Str::BpNeuronTipFmt), s(L.z[k]).c_str(), s(L.a[k]).c_str(), s(L.dl_da[k]).c_str(),
                                  s(L.dl_dz[k]).c_str(), s(L.b[k]).c_str(), s(L.b_after[k]).c_str());
                }
                std::string all = t;
                if (col > 0) {  // its incoming weights: before, after the update, and their gradients
                    const LayerWalk& L = w.layers[std::size_t(col - 1)];
                    for (int i = 0; i < L.fan_in && i < kMaxDrawnUnits; ++i) {
                        const std::size_t k = std::size_t(i * L.fan_out + u);
                        char line[160];
                        std::snprintf(line, sizeof line, tr(Str::BpWeightTipFmt), i + 1, double(L.w[k]), double(L.w_after[k]),
                                      double(L.dl_dw[k]));
                        all += '\n';
                        all += line;
                    }
                }
                ImGui::SetTooltip("%s", all.c_str());
            }
        }
        if (units(col) > drawn(col)) {
            char t[64];
            std::snprintf(t, sizeof t, tr(Str::BpMoreFmt), units(col) - drawn(col));
            const ImVec2 ts = ImGui::CalcTextSize(t);
            dl->AddText(ImVec2(pos(col, 0).x - 0.5f * ts.x, mn.y + size.y - text_h), IM_COL32(110, 110, 110, 255), t);
        }
    }
}

// The training points on the plane; a click picks the nearest.
void sample_map(PanelContext& c, BackpropView& v, const Session& s, float side) {
    const Dataset& d = s.data();
    const ImVec2 mn = ImGui::GetCursorScreenPos(), mx(mn.x + side, mn.y + side);
    ImGui::InvisibleButton("##bp_map", ImVec2(side, side));
    note_ui(c, "bp_map");
    tooltip(Str::TipBpMap);
    const Domain& dom = d.domain;
    if (ImGui::IsItemClicked()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const int k = nearest_training_sample(s, dom.x_min + (m.x - mn.x) / side * (dom.x_max - dom.x_min),
                                              dom.y_max - (m.y - mn.y) / side * (dom.y_max - dom.y_min));
        if (k >= 0) v.sample = k;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(mn, mx, IM_COL32(248, 248, 248, 255));
    dl->PushClipRect(mn, mx, true);
    const auto at = [&](int i) {
        return ImVec2(mn.x + (d.x(i, 0) - dom.x_min) / (dom.x_max - dom.x_min) * side,
                      mn.y + (dom.y_max - d.x(i, 1)) / (dom.y_max - dom.y_min) * side);
    };
    for (int i = 0; i < s.n_train(); ++i) {
        const ImU32 col = d.task == Task::Regression ? to_imgui(diverging(d.value(i, 0), -c.app.value_scale, c.app.value_scale))
                                                     : to_imgui(class_color(d.label[std::size_t(i)]));
        draw_point(dl, at(i), PointSize::Strip, col, false);
    }
    if (v.sample < s.n_train()) {
        const ImVec2 p = at(v.sample);
        dl->AddCircle(p, 0.6f * ImGui::GetFontSize(), IM_COL32(20, 20, 20, 255), 16, 2.5f * c.scale);
    }
    dl->PopClipRect();
    dl->AddRect(mn, mx, IM_COL32(120, 120, 120, 255));
}

}  // namespace

void backprop_window(PanelContext& c) {
    AppState& app = c.app;
    BackpropView& v = app.backprop;
    if (!v.open || !begin_view_window("###backprop", Str::BpTitle, 60.0f, 38.0f, v.open)) return;
    const float em = ImGui::GetFontSize();
    const Session* s = app.session_of(v.run);
    if (!s || !v.walk || v.steps.empty()) {
        ImGui::TextWrapped("%s", tr(Str::BpNoData));
        if (ImGui::Button(tr(Str::Close))) {
            v.open = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
        return;
    }
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool narrow = avail_w < 34.0f * em;
    // The sample, Back / Next, the step's number.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::BpSample));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(6.0f * em);
    int sample = v.sample;
    if (ImGui::InputInt("##bp_sample", &sample, 1, 10)) v.sample = std::clamp(sample, 0, std::max(0, s->n_train() - 1));
    tooltip(Str::TipBpSample);
    note_ui(c, "bp_sample");
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::BpPrev))) backprop_move(v, -1);
    note_ui(c, "bp_prev");
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::BpNext))) backprop_move(v, +1);
    note_ui(c, "bp_next");
    if (!ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) backprop_move(v, -1);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) backprop_move(v, +1);
    }
    ImGui::SameLine();
    ImGui::Text(tr(Str::BpStepFmt), v.step + 1, int(v.steps.size()));
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::Close))) {
        v.open = false;
        ImGui::CloseCurrentPopup();
    }
    note_ui(c, "bp_close");
    // The step in words.
    const std::string text = backprop_step_text(*v.walk, v.steps[std::size_t(v.step)]);
    // Wrapped short of the edge: a scroll bar that appears takes its room from the text.
    const float wrap = ImGui::GetCursorPosX() + avail_w - ImGui::GetStyle().ScrollbarSize;
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    char note[256];
    std::snprintf(note, sizeof note, tr(Str::BpBatchNoteFmt), s->config().batch_size);
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(note);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    // The network, and beside it (under it on a phone) the training points to pick from.
    const bool plane = s->data().x.cols() == 2;
    const float rest_h = ImGui::GetContentRegionAvail().y;
    const float map_side = plane ? std::min(narrow ? std::min(avail_w, rest_h * 0.4f) : std::min(14.0f * em, rest_h), rest_h) : 0.0f;
    const float net_w = narrow || !plane ? avail_w : avail_w - map_side - ImGui::GetStyle().ItemSpacing.x;
    const float net_h = std::max(6.0f * em, narrow && plane ? rest_h - map_side - ImGui::GetStyle().ItemSpacing.y : rest_h);
    network_diagram(c, v, ImVec2(net_w, net_h));
    if (plane) {
        if (!narrow) ImGui::SameLine();
        sample_map(c, v, *s, std::max(4.0f * em, map_side));
    }
    ImGui::EndPopup();
}

}  // namespace nnp::app
