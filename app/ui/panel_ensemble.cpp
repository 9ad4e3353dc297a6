// The ensemble's parts of the output panel (ensemble_view.hpp holds their numbers): a member
// map's out-of-bag points, the members' mean beside the vote with the vote's accuracy as members
// are added, boosting's sample weights as point sizes, and the test point clicked on the vote's
// map with each member's vote; stacking's meta-learner weights.
#include "panels.hpp"
#include "sprites.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <vector>

namespace nnp::app {

// Rows `rows` of a two-input data set as small squares in their class colours over the map
// mn..mx (a member's out-of-bag points: many maps, so two triangles a point).
void draw_rows(ImDrawList* dl, const Dataset& d, std::span<const int> rows, ImVec2 mn, ImVec2 mx, float half) {
    for (const int i : rows) {
        const ImVec2 p = plane_position(d, i, mn, mx);
        dl->AddRectFilled(ImVec2(p.x - half - 0.5f, p.y - half - 0.5f), ImVec2(p.x + half + 0.5f, p.y + half + 0.5f),
                          IM_COL32(255, 255, 255, 255));
        dl->AddRectFilled(ImVec2(p.x - half, p.y - half), ImVec2(p.x + half, p.y + half), point_color(d, i, 1.0f));
    }
}

// Stacking: a bar per base learner in its run's colour for the meta-learner's weight on it,
// from a shared zero line (negative weights go left), its name and value in the bar's row.
void meta_weight_bars(PanelContext& c, float width) {
    const EnsembleView& ens = c.app.ensemble;
    if (ens.meta_weights.empty()) return;
    ImGui::TextDisabled("%s", tr(Str::MetaWeightsTitle));
    tooltip(Str::TipMetaWeights);
    const float em = ImGui::GetFontSize();
    float most = 1e-6f, least = 0.0f;
    for (const float w : ens.meta_weights) most = std::max(most, w), least = std::min(least, w);
    const float name_w = std::min(9.0f * em, 0.45f * width), value_w = 3.2f * em;
    const float bar_w = std::max(width - name_w - value_w, 2.0f * em);
    const float zero = name_w + bar_w * (-least) / (most - least);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    for (std::size_t k = 0; k < ens.meta_weights.size() && k < c.app.runs.size(); ++k) {
        const ImVec2 o = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::Dummy(ImVec2(width, h));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Str::TipMetaWeights));
        ImGui::PushClipRect(o, ImVec2(o.x + name_w - 0.3f * em, o.y + h), true);
        dl->AddText(o, to_imgui(run_color(int(k))), c.app.runs[k].name.c_str());
        ImGui::PopClipRect();
        const float w = ens.meta_weights[k];
        const float x0 = o.x + zero, x1 = o.x + zero + bar_w * w / (most - least);
        dl->AddRectFilled(ImVec2(std::min(x0, x1), o.y + 0.15f * h), ImVec2(std::max(x0, x1), o.y + 0.85f * h),
                          to_imgui(run_color(int(k))));
        char text[24];
        std::snprintf(text, sizeof text, "%.2f", double(w));
        dl->AddText(ImVec2(o.x + name_w + bar_w + 0.3f * em, o.y), IM_COL32(60, 60, 60, 255), text);
    }
    const ImVec2 bottom = ImGui::GetCursorScreenPos();
    dl->AddLine(ImVec2(top.x + zero, top.y), ImVec2(top.x + zero, bottom.y), IM_COL32(120, 120, 120, 255));
    note_ui(c, "meta_weights", top, ImVec2(top.x + width, bottom.y));
}

// Under the members' maps: the members' mean test accuracy beside the vote's, and a bar per
// k = 1..members of the vote's test accuracy with the first k members, the mean as a line.
void ensemble_summary(PanelContext& c, float width) {
    const EnsembleView& ens = c.app.ensemble;
    const EnsembleRun& run = *ens.run;
    if (run.data().task == Task::Regression) return;
    const EnsembleRecord& r = ens.record;
    const bool stacking = run.stacking();
    ImGui::TextWrapped(tr(stacking ? Str::StackingSummaryFmt : Str::EnsembleSummaryFmt),
                       double(r.members_mean_test_accuracy) * 100.0, double(r.test_accuracy) * 100.0);
    if (stacking) meta_weight_bars(c, width);
    if (ens.boosting() && run.finished()) {
        const int k = int(run.members().size());
        if (k < run.config().ensemble.members) ImGui::TextDisabled(tr(Str::BoostingUselessFmt), k, r.error);
        else ImGui::TextDisabled(tr(Str::BoostingDoneFmt), k);
    }
    if (ens.curve.empty()) return;
    const Str curve_tip = stacking ? Str::TipStackingCurve : Str::TipEnsembleCurve;
    ImGui::TextDisabled("%s", tr(stacking ? Str::StackingCurveTitle : Str::EnsembleCurveTitle));
    tooltip(curve_tip);
    const float em = ImGui::GetFontSize();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float h = 3.5f * em, label_w = 2.6f * em;
    ImGui::Dummy(ImVec2(width, h + ImGui::GetTextLineHeight()));
    tooltip(curve_tip);
    note_ui(c, "ensemble_curve", o, ImVec2(o.x + width, o.y + h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The axis spans the bars' and the mean's range (padded), so small gains are visible.
    float lo = r.members_mean_test_accuracy, hi = r.members_mean_test_accuracy;
    for (const float v : ens.curve) lo = std::min(lo, v), hi = std::max(hi, v);
    lo = std::max(0.0f, lo - 0.05f);
    hi = std::min(1.0f, hi + 0.02f);
    if (hi - lo < 0.05f) lo = std::max(0.0f, hi - 0.05f);
    const auto y_of = [&](float v) { return o.y + h - (v - lo) / std::max(hi - lo, 1e-6f) * h; };
    char text[32];
    std::snprintf(text, sizeof text, "%.0f%%", double(hi) * 100.0);
    dl->AddText(ImVec2(o.x, o.y - 0.2f * em), IM_COL32(110, 110, 110, 255), text);
    std::snprintf(text, sizeof text, "%.0f%%", double(lo) * 100.0);
    dl->AddText(ImVec2(o.x, o.y + h - em), IM_COL32(110, 110, 110, 255), text);
    const int k = int(ens.curve.size());
    const float x0 = o.x + label_w, bar_w = (width - label_w) / float(std::max(k, 1));
    for (int i = 0; i < k; ++i) {
        const float x = x0 + float(i) * bar_w;
        dl->AddRectFilled(ImVec2(x + 0.15f * bar_w, y_of(ens.curve[std::size_t(i)])), ImVec2(x + 0.85f * bar_w, o.y + h),
                          IM_COL32(80, 120, 170, 255));
        std::snprintf(text, sizeof text, "%d", i + 1);
        const float tw = ImGui::CalcTextSize(text).x;
        dl->AddText(ImVec2(x + 0.5f * (bar_w - tw), o.y + h), IM_COL32(110, 110, 110, 255), text);
    }
    const float my = y_of(r.members_mean_test_accuracy);
    dl->AddLine(ImVec2(x0, my), ImVec2(o.x + width, my), IM_COL32(200, 60, 30, 255), 2.0f * c.scale);
    dl->AddLine(ImVec2(x0, o.y + h), ImVec2(o.x + width, o.y + h), IM_COL32(150, 150, 150, 255));
}

// Boosting's training points sized by their sample weights (the area grows with the weight,
// a point of the mean weight at the usual size), test points as usual.
void draw_weighted_points(ImDrawList* dl, const Dataset& d, const ExperimentConfig& cfg, std::span<const float> w,
                          ImVec2 mn, ImVec2 mx, float scale) {
    const int n = cfg.show_test ? d.size() : d.test_begin();
    const float base = 3.0f * scale;
    for (int i = 0; i < n; ++i) {
        const ImVec2 p = plane_position(d, i, mn, mx);
        if (i < d.n_train && std::size_t(i) < w.size()) {
            const float rel = w[std::size_t(i)] * float(w.size());
            const float radius = std::clamp(base * std::sqrt(std::max(rel, 0.0f)), 1.2f * scale, 5.0f * base);
            dl->AddCircleFilled(p, radius, point_color(d, i, 1.0f), 12);
            dl->AddCircle(p, radius, IM_COL32(255, 255, 255, 255), 12, 1.0f * scale);
        } else if (i >= d.test_begin()) {
            draw_point(dl, p, PointSize::Output, point_color(d, i, 1.0f), true);
        }
    }
}

// A click on the ensemble's map picks the nearest test point (within a few pixels), or none.
void pick_click(PanelContext& c, const Dataset& d, ImVec2 mn, float side) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left) || m.x < mn.x || m.x >= mn.x + side || m.y < mn.y ||
        m.y >= mn.y + side)
        return;
    int best = -1;
    float best_d2 = std::pow(0.8f * ImGui::GetFontSize(), 2.0f);
    for (int i = d.test_begin(); i < d.size(); ++i) {
        const ImVec2 p = plane_position(d, i, mn, ImVec2(mn.x + side, mn.y + side));
        const float d2 = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
        if (d2 < best_d2) best_d2 = d2, best = i;
    }
    c.app.ensemble.picked = best;
}

// The picked test point's votes: a swatch of each member's class, then the ensemble's.
void vote_box(PanelContext& c, ImVec2 mn, float side) {
    EnsembleView& ens = c.app.ensemble;
    const Dataset& d = ens.run->data();
    if (d.task == Task::Regression) return;
    if (ens.picked < d.test_begin() || ens.picked >= d.size()) {
        ens.picked = -1;
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(Str::VotePickHint));
        ImGui::PopTextWrapPos();
        return;
    }
    const int i = ens.picked;
    const ImVec2 p = plane_position(d, i, mn, ImVec2(mn.x + side, mn.y + side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircle(p, 0.7f * ImGui::GetFontSize(), IM_COL32(20, 20, 20, 255), 20, 2.5f * c.scale);
    const bool stacking = ens.stacking();
    ImGui::Text(tr(stacking ? Str::StackingVotesTitleFmt : Str::VotesTitleFmt), i - d.test_begin() + 1,
                d.label[std::size_t(i)]);
    const std::vector<int> votes = ens.run->member_votes(i);
    const float em = ImGui::GetFontSize();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (std::size_t m = 0; m < votes.size(); ++m) {
        if (m > 0) ImGui::SameLine(0.0f, 0.25f * em);
        if (ImGui::GetCursorScreenPos().x + 1.4f * em > right) ImGui::NewLine();
        const ImVec2 a = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(1.2f * em, 1.2f * em));
        dl->AddRectFilled(a, ImVec2(a.x + 1.2f * em, a.y + 1.2f * em), to_imgui(class_color(votes[m])));
        dl->AddRect(a, ImVec2(a.x + 1.2f * em, a.y + 1.2f * em), to_imgui(run_color(int(m))), 0.0f, 0, 2.0f * c.scale);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.app.runs[m].name.c_str());
    }
    ImGui::Text(tr(stacking ? Str::StackingResultFmt : Str::VoteResultFmt), ens.run->vote(i));
}

}  // namespace nnp::app
