// The network's loss landscape, in a window over the page: the slice as a shaded map with
// contour lines, the run's weights as a ring in the middle and (PCA) the path training took; the
// middle row as a curve; beside it the directions, the grid, Compute / Cancel with the progress,
// and what the picture means (the explained spread, how far the path leaves the plane).
#include "app_state.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnp::app {

namespace {

// Shade of a loss between lo and hi: log-spaced, as the contours are.
ImU32 shade(double f, double lo, double hi) {
    if (!std::isfinite(f)) return IM_COL32(200, 200, 200, 255);
    const float t = float(std::log1p(f - lo) / std::max(std::log1p(hi - lo), 1e-12));
    return to_imgui(mix(positive_color(), Rgb{0.98f, 0.98f, 0.98f}, std::clamp(t, 0.0f, 1.0f)));
}

void landscape_map(PanelContext& c, const LandscapeView& v, float side) {
    const float em = ImGui::GetFontSize();
    const ImVec2 mn = ImGui::GetCursorScreenPos(), mx(mn.x + side, mn.y + side);
    ImGui::InvisibleButton("##landscape_map", ImVec2(side, side));
    note_ui(c, "landscape_map");
    tooltip(Str::TipLandscapeMap);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(mn, mx, IM_COL32(235, 235, 235, 255));
    const int n = v.grid_n;
    if (n >= 2) {
        const float cell = side / float(n - 1);
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) {
                const ImVec2 a(mn.x + (float(i) - 0.5f) * cell, mn.y + (float(j) - 0.5f) * cell);
                dl->AddRectFilled(ImVec2(std::max(a.x, mn.x), std::max(a.y, mn.y)),
                                  ImVec2(std::min(a.x + cell, mx.x), std::min(a.y + cell, mx.y)),
                                  shade(v.grid[std::size_t(j) * std::size_t(n) + std::size_t(i)], v.lo, v.hi));
            }
        for (const auto& s : v.contours)
            dl->AddLine(ImVec2(mn.x + float(s[0]) * cell, mn.y + float(s[1]) * cell),
                        ImVec2(mn.x + float(s[2]) * cell, mn.y + float(s[3]) * cell), IM_COL32(60, 60, 90, 110), 1.0f);
    }
    const LandscapeRange& r = v.range;
    const auto to_screen = [&](double a, double b) {
        return ImVec2(mn.x + float((a - r.a_lo) / (r.a_hi - r.a_lo)) * side, mn.y + float((r.b_hi - b) / (r.b_hi - r.b_lo)) * side);
    };
    if (n >= 2 && v.path.a.size() >= 2) {
        std::vector<ImVec2> line;
        for (std::size_t k = 0; k < v.path.a.size(); ++k) line.push_back(to_screen(v.path.a[k], v.path.b[k]));
        const ImU32 col = to_imgui(run_color(v.run));
        dl->PushClipRect(mn, mx, true);
        dl->AddPolyline(line.data(), int(line.size()), col, 0, 2.0f * c.scale);
        for (const ImVec2& p : line) dl->AddCircleFilled(p, 0.18f * em, col, 8);
        dl->AddCircleFilled(line.front(), 0.35f * em, IM_COL32(20, 20, 20, 255), 12);  // where training started
        dl->PopClipRect();
    }
    if (n >= 2) {
        const ImVec2 theta = to_screen(0, 0);
        dl->AddCircle(theta, 0.55f * em, IM_COL32(255, 255, 255, 255), 16, 3.0f * c.scale);
        dl->AddCircle(theta, 0.55f * em, IM_COL32(20, 20, 20, 255), 16, 1.0f);
    }
    dl->AddRect(mn, mx, IM_COL32(120, 120, 120, 255));
}

// The middle row as a curve, lowest at the bottom, the run's weights (a = 0) as a dot.
void slice_curve(PanelContext& c, const LandscapeView& v, float w) {
    const std::vector<double> row = landscape_row_at_theta(v);
    if (row.size() < 2) return;
    ImGui::TextDisabled("%s", tr(Str::LandscapeSlice));
    const float h = 4.0f * ImGui::GetFontSize();
    const ImVec2 mn = ImGui::GetCursorScreenPos(), mx(mn.x + w, mn.y + h);
    ImGui::Dummy(ImVec2(w, h));
    note_ui(c, "landscape_slice");
    double lo = INFINITY, hi = -INFINITY;
    for (const double f : row)
        if (std::isfinite(f)) lo = std::min(lo, f), hi = std::max(hi, f);
    if (!(hi > lo)) hi = lo + 1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(mn, mx, IM_COL32(160, 160, 160, 255));
    std::vector<ImVec2> line;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (!std::isfinite(row[i])) continue;
        line.push_back(ImVec2(mn.x + float(i) / float(row.size() - 1) * w, mx.y - 2 - float((row[i] - lo) / (hi - lo)) * (h - 4)));
    }
    dl->AddPolyline(line.data(), int(line.size()), to_imgui(run_color(v.run)), 0, 2.0f * c.scale);
    const std::size_t mid = row.size() / 2;
    if (std::isfinite(row[mid]))
        dl->AddCircleFilled(ImVec2(mn.x + 0.5f * w, mx.y - 2 - float((row[mid] - lo) / (hi - lo)) * (h - 4)),
                            0.3f * ImGui::GetFontSize(), IM_COL32(20, 20, 20, 255), 12);
}

void wrapped(const char* text, float w) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextWrapped("%s", text);
    ImGui::PopTextWrapPos();
}

}  // namespace

void landscape_window(PanelContext& c) {
    AppState& app = c.app;
    LandscapeView& v = app.landscape;
    if (!v.open) return;
    if (!begin_view_window("###landscape", Str::LandscapeTitle, 56.0f, 36.0f, v.open)) {
        landscape_cancel(v);  // closed: a computation stops, what it computed stays
        return;
    }
    const float em = ImGui::GetFontSize();
    const float avail_w = ImGui::GetContentRegionAvail().x, avail_h = ImGui::GetContentRegionAvail().y;
    const bool narrow = avail_w < 34.0f * em;  // a phone: the controls go under the map
    const float side = std::max(8.0f * em, narrow ? std::min(avail_w, avail_h * 0.5f) : std::min(avail_h, avail_w - 22.0f * em));
    landscape_map(c, v, side);

    if (!narrow) ImGui::SameLine();
    ImGui::BeginGroup();
    const float w = narrow ? avail_w : avail_w - side - ImGui::GetStyle().ItemSpacing.x;
    const bool computing = v.status == LandscapeStatus::Computing;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::LandscapeDirs));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(4.0f * em, ImGui::GetContentRegionAvail().x));
    ImGui::BeginDisabled(computing);
    enum_combo("##landscape_dirs", &v.dirs);
    tooltip(Str::TipLandscapeDirs);
    note_ui(c, "landscape_dirs");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::LandscapeGrid));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(10.0f * em, w * 0.5f));
    if (ImGui::SliderInt("##landscape_grid", &v.n, kMinLandscapeGrid, kMaxLandscapeGrid, "%d", ImGuiSliderFlags_AlwaysClamp))
        v.n |= 1;
    tooltip(Str::TipLandscapeGrid);
    note_ui(c, "landscape_grid");
    ImGui::EndDisabled();
    if (!computing) {
        if (ImGui::Button(tr(Str::LandscapeCompute))) landscape_start(v, app.session(), app.selected, app.built);
        note_ui(c, "landscape_compute");
    } else {
        if (ImGui::Button(tr(Str::LandscapeCancel))) landscape_cancel(v);
        note_ui(c, "landscape_cancel");
        if (v.job) {
            const int cells = v.job->n() * v.job->n();
            char text[64];
            std::snprintf(text, sizeof text, tr(Str::LandscapeProgressFmt), int(std::lround(v.job->progress() * float(cells))), cells);
            ImGui::SameLine();
            ImGui::ProgressBar(v.job->progress(), ImVec2(std::max(4.0f * em, ImGui::GetContentRegionAvail().x), 0), text);
        }
    }
    char text[320];
    switch (v.status) {
        case LandscapeStatus::Idle: wrapped(tr(Str::LandscapeIdle), w); break;
        case LandscapeStatus::NoTrajectory: wrapped(tr(Str::LandscapeNoTrajectory), w); break;
        case LandscapeStatus::Stale: wrapped(tr(Str::LandscapeStale), w); break;
        case LandscapeStatus::Cancelled: wrapped(tr(Str::LandscapeCancelled), w); break;
        case LandscapeStatus::Computing:
        case LandscapeStatus::Done: break;
    }
    if (v.grid_n > 0 || computing) {
        std::snprintf(text, sizeof text, tr(Str::LandscapeEpochFmt), static_cast<long long>(v.epoch), v.run_loss);
        wrapped(text, w);
        if (v.run == app.selected && app.session().epoch() != v.epoch) wrapped(tr(Str::LandscapeMovedOn), w);
        if (v.clamped) {
            std::snprintf(text, sizeof text, tr(Str::LandscapeClampedFmt), v.job ? v.job->n() : v.grid_n);
            wrapped(text, w);
        }
        std::snprintf(text, sizeof text, tr(Str::LandscapeRangeFmt), v.range.a_lo, v.range.a_hi, v.range.b_lo, v.range.b_hi);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped(text, w);
        ImGui::PopStyleColor();
    }
    if (v.grid_n > 0 && v.hi > v.lo) {
        std::snprintf(text, sizeof text, tr(Str::LandscapeLowHighFmt), v.lo, v.hi);
        wrapped(text, w);
    }
    if (v.dirs == LandscapeDirs::Pca && v.directions.ok && (v.grid_n > 0 || computing)) {
        std::snprintf(text, sizeof text, tr(Str::LandscapeExplainedFmt), 100.0 * v.directions.explained1,
                      100.0 * v.directions.explained2);
        wrapped(text, w);
        std::snprintf(text, sizeof text, tr(Str::LandscapeOffPlaneFmt), 100.0 * v.path.max_off_plane,
                      100.0 * v.path.mean_off_plane, int(v.directions.d1.size()));
        wrapped(text, w);
    }
    slice_curve(c, v, w);
    if (ImGui::Button(tr(Str::Close))) {
        v.open = false;
        landscape_cancel(v);
        ImGui::CloseCurrentPopup();
    }
    note_ui(c, "landscape_close");
    ImGui::EndGroup();
    ImGui::EndPopup();
}

}  // namespace nnp::app
