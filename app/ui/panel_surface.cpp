// The optimizers on a loss surface, in a window over the page: the surface as a shaded map with
// contour lines and its minima marked, every optimizer's path in its colour with its ball at the
// current step, the start as a ring to drag; beside it the surface, play / step / reset, the
// shared rate or each optimizer's own, and a legend with each one's current loss.
#include "app_state.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnp::app {

void surface_window(PanelContext& c) {
    AppState& app = c.app;
    SurfaceView& v = app.surface;
    if (!v.open || !begin_view_window("###surface", Str::SurfaceTitle, 56.0f, 36.0f, v.open)) return;
    const float em = ImGui::GetFontSize();
    const float avail_w = ImGui::GetContentRegionAvail().x, avail_h = ImGui::GetContentRegionAvail().y;
    const bool narrow = avail_w < 34.0f * em;  // a phone: the controls go under the map
    const float side = std::max(8.0f * em, narrow ? std::min(avail_w, avail_h * 0.55f) : std::min(avail_h, avail_w - 20.0f * em));
    const SurfaceInfo& info = surface_info(v.kind);
    const Domain& d = info.domain;

    // ---- the map ----
    const ImVec2 mn = ImGui::GetCursorScreenPos(), mx(mn.x + side, mn.y + side);
    const auto to_screen = [&](double x, double y) {
        return ImVec2(mn.x + float((x - d.x_min) / (d.x_max - d.x_min)) * side,
                      mn.y + float((d.y_max - y) / (d.y_max - d.y_min)) * side);
    };
    ImGui::InvisibleButton("##surface_map", ImVec2(side, side));
    note_ui(c, "surface_map");
    tooltip(Str::TipSurfaceMap);
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        surface_set_start(v, {d.x_min + (m.x - mn.x) / side * (d.x_max - d.x_min), d.y_max - (m.y - mn.y) / side * (d.y_max - d.y_min)});
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (v.grid_ready) {
        // Shade by log(1 + f - min): blue where low, white where high.
        double lo = INFINITY, hi = -INFINITY;
        for (const double f : v.grid) lo = std::min(lo, f), hi = std::max(hi, f);
        const float cell = side / float(kSurfaceGrid - 1);
        for (int j = 0; j < kSurfaceGrid; ++j)
            for (int i = 0; i < kSurfaceGrid; ++i) {
                const double f = v.grid[std::size_t(j) * kSurfaceGrid + i];
                const float t = float(std::log1p(f - lo) / std::max(std::log1p(hi - lo), 1e-12));
                const Rgb col = mix(positive_color(), Rgb{0.98f, 0.98f, 0.98f}, std::clamp(t, 0.0f, 1.0f));
                const ImVec2 a(mn.x + (float(i) - 0.5f) * cell, mn.y + (float(j) - 0.5f) * cell);
                dl->AddRectFilled(ImVec2(std::max(a.x, mn.x), std::max(a.y, mn.y)),
                                  ImVec2(std::min(a.x + cell, mx.x), std::min(a.y + cell, mx.y)), to_imgui(col));
            }
        for (const auto& s : v.contours) dl->AddLine(to_screen(s[0], s[1]), to_screen(s[2], s[3]), IM_COL32(60, 60, 90, 90), 1.0f);
    }
    for (std::size_t k = 0; k < info.minima.size(); ++k) {
        const ImVec2 p = to_screen(info.minima[k].x, info.minima[k].y);
        dl->AddCircle(p, k == 0 ? 0.55f * em : 0.35f * em, IM_COL32(20, 20, 20, 230), 16, 2.0f);
    }
    const auto& kinds = enum_table<OptimizerKind>();
    for (std::size_t i = 0; i < v.paths.size(); ++i) {
        if (!v.shown[i] || v.paths[i].points.empty()) continue;
        const SurfacePath& path = v.paths[i];
        const ImU32 col = to_imgui(run_color(int(i)));
        // At most 2,000 vertices a path: long paths are drawn through every n-th point.
        const std::size_t stride = std::max<std::size_t>(1, path.points.size() / 2000);
        std::vector<ImVec2> line;
        for (std::size_t k = 0; k < path.points.size(); k += stride) line.push_back(to_screen(path.points[k].x, path.points[k].y));
        line.push_back(to_screen(path.points.back().x, path.points.back().y));
        dl->PushClipRect(mn, mx, true);
        dl->AddPolyline(line.data(), int(line.size()), col, 0, 2.0f * c.scale);
        dl->AddCircleFilled(line.back(), 0.4f * em, col, 12);
        dl->PopClipRect();
    }
    const ImVec2 s0 = to_screen(v.start.x, v.start.y);
    dl->AddCircle(s0, 0.6f * em, IM_COL32(255, 255, 255, 255), 16, 3.0f * c.scale);
    dl->AddCircle(s0, 0.6f * em, IM_COL32(20, 20, 20, 255), 16, 1.0f);
    dl->AddRect(mn, mx, IM_COL32(120, 120, 120, 255));

    // ---- the controls and the legend ----
    if (!narrow) ImGui::SameLine();
    ImGui::BeginGroup();
    const float w = narrow ? avail_w : avail_w - side - ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(w);
    SurfaceKind kind = v.kind;
    if (enum_combo("##surface_fn", &kind)) surface_select(v, kind);
    note_ui(c, "surface_fn");
    if (const char* t = tip(v.kind)) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextDisabled("%s", t);
        ImGui::PopTextWrapPos();
    }
    if (ImGui::Button(tr(v.playing ? Str::Pause : Str::Play))) v.playing = !v.playing;
    note_ui(c, "surface_play");
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::Step))) surface_advance(v, 1);
    note_ui(c, "surface_step");
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::Reset))) surface_reset(v);
    note_ui(c, "surface_reset");
    ImGui::SameLine();
    ImGui::Text(tr(Str::SurfaceStepsFmt), v.steps);
    ImGui::Checkbox(tr(Str::SurfaceSameRate), &v.shared_rate);
    tooltip(Str::TipSurfaceSameRate);
    if (v.shared_rate) {
        ImGui::SetNextItemWidth(w);
        ImGui::SliderFloat("##surface_rate", &v.rate, 1e-4f, 1.0f, "%.4g", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
        tooltip(Str::TipLearningRate);
    }
    for (std::size_t i = 0; i < v.paths.size() && i < kinds.size(); ++i) {
        ImGui::PushID(int(i));
        const Rgb col = run_color(int(i));
        ImGui::PushStyleColor(ImGuiCol_CheckMark, to_imgui(col));
        ImGui::Checkbox("##shown", &v.shown[i]);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, to_imgui(col));
        ImGui::TextUnformatted(label(kinds[i].value));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        const SurfacePath& path = v.paths[i];
        if (path.diverged) ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1.0f), "%s", tr(Str::SurfaceDiverged));
        else if (!path.values.empty()) ImGui::TextDisabled(tr(Str::SurfaceValueFmt), path.values.back());
        if (!v.shared_rate) {
            ImGui::SetNextItemWidth(w);
            ImGui::SliderFloat("##rate", &v.rates[i], 1e-4f, 1.0f, "%.4g", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
        }
        ImGui::PopID();
    }
    ImGui::EndGroup();
    ImGui::EndPopup();
}

}  // namespace nnp::app
