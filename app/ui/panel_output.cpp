// The output panel: the big heatmap of the prediction over the input plane with the training
// points (and test points if shown), or the hovered neuron's picture; for the one-input oyster
// set a strip with the learned threshold and the hand-written 7.5 cm rule; the losses; the loss
// and accuracy charts (downsampled, linear or log); and the banner when training stopped.
// Also the share-link controls ("Copy link", "Include trained weights", the read-only link to
// copy by hand) and the dismissable banner listing the issues of the link that was opened.
#include "chart_data.hpp"
#include "colormap.hpp"
#include "compare.hpp"
#include "export.hpp"
#include "race.hpp"
#include "panels.hpp"
#include "sprites.hpp"
#include "user_points.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace nnp::app {

namespace {

// Training points with a white ring, test points with a dark ring (drawn last, on top). Data of
// more than two inputs is drawn by its input columns (cx, cy) over `dom`, the map's domain.
void draw_points(ImDrawList* dl, const Dataset& d, const ExperimentConfig& cfg, float value_scale,
                 ImVec2 mn, ImVec2 mx, PointSize size, bool strip, const Domain& dom, int cx = 0, int cy = 1) {
    // Validation points are drawn as training points: both come from the training share.
    const int n = cfg.show_test ? d.size() : d.test_begin();
    for (int i = 0; i < n; ++i) {
        const float u = (d.x(i, cx) - dom.x_min) / (dom.x_max - dom.x_min);
        const float v = strip ? 0.1f + 0.8f * float((i * 37) % 101) / 100.0f
                              : (dom.y_max - d.x(i, cy)) / (dom.y_max - dom.y_min);
        const ImVec2 c(mn.x + u * (mx.x - mn.x), mn.y + v * (mx.y - mn.y));
        const bool test = i >= d.test_begin();
        draw_point(dl, c, size, point_color(d, i, value_scale), test);
    }
}

// A click on the map while points are being added: left adds, right or Shift+left removes the
// nearest point (applied after the frame: it rebuilds the runs).
void point_click(PanelContext& c, ImVec2 mn, float side) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 m = io.MousePos;
    if (m.x < mn.x || m.x >= mn.x + side || m.y < mn.y || m.y >= mn.y + side) return;
    const bool left = ImGui::IsMouseClicked(ImGuiMouseButton_Left), right = ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    if (!left && !right) return;
    const Domain& dom = c.app.session().data().domain;
    c.req.point.set = true;
    c.req.point.remove = right || io.KeyShift;
    c.req.point.x = dom.x_min + (m.x - mn.x) / side * (dom.x_max - dom.x_min);
    c.req.point.y = dom.y_max - (m.y - mn.y) / side * (dom.y_max - dom.y_min);
}

// Under the map: "Add points by clicking", the class (a swatch a class, one more for a new
// class) or the value of the next point, and Clear.
void point_controls(PanelContext& c, float width) {
    AppState& app = c.app;
    ImGui::Checkbox(tr(Str::PointsEdit), &app.points.on);
    tooltip(Str::TipPointsEdit);
    note_ui(c, "points_edit");
    if (!app.points.on) return;
    const Dataset& d = app.session().data();
    const float em = ImGui::GetFontSize();
    if (d.task == Task::Regression) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::max(6.0f * em, width * 0.3f));
        ImGui::SliderFloat("##point_value", &app.points.value, -1.0f, 1.0f, "%.2f");
        tooltip(Str::PointsValue);
    } else {
        const int classes = std::max(2, d.num_classes);
        const int offered = std::min(classes + 1, kMaxClassColors);
        app.points.label = std::clamp(app.points.label, 0, offered - 1);
        for (int k = 0; k < offered; ++k) {
            ImGui::SameLine();
            ImGui::PushID(k);
            const Rgb col = class_color(k);
            char name[32];
            std::snprintf(name, sizeof name, tr(Str::PointsClassFmt), k);
            if (ImGui::ColorButton(name, ImVec4(col.r, col.g, col.b, 1.0f), ImGuiColorEditFlags_NoTooltip,
                                   ImVec2(1.3f * em, 1.3f * em)))
                app.points.label = k;
            if (k == app.points.label)
                ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                                    IM_COL32(20, 20, 20, 255), 0, 0, 2.5f * c.scale);
            tooltip(name);
            note_ui(c, "point_class_" + std::to_string(k));
            ImGui::PopID();
        }
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(Str::PointsClear))) c.req.clear_points = true;
    tooltip(Str::TipPointsClear);
    note_ui(c, "points_clear");
}

// Which two inputs the map of data with more inputs spans, and what it holds the others at.
void map_columns(PanelContext& c, float width) {
    AppState& app = c.app;
    const Dataset& d = app.session().data();
    const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const auto name = [&](int j) {
        return std::size_t(j) < d.input_names.size() ? d.input_names[std::size_t(j)].c_str() : "?";
    };
    const auto pick = [&](const char* id, Str what, int* col) {
        ImGui::BeginGroup();
        ImGui::TextDisabled("%s", tr(what));
        ImGui::SetNextItemWidth(half);
        if (ImGui::BeginCombo(id, name(*col))) {
            for (int j = 0; j < d.input_dims; ++j) {
                ImGui::PushID(j);
                if (ImGui::Selectable(name(j), j == *col) && j != *col) {
                    *col = j;
                    for (Run& r : app.runs) r.dirty = true;
                    app.pictures_dirty = true;
                }
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::EndGroup();
    };
    pick("##map_x", Str::MapAcross, &app.map_x);
    ImGui::SameLine();
    pick("##map_y", Str::MapUp, &app.map_y);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(tr(Str::MapSliceFmt), d.input_dims - 2);
    ImGui::PopTextWrapPos();
    tooltip(Str::TipMapSlice);
}

void dashed_vline(ImDrawList* dl, float x, float y0, float y1, ImU32 col, float dash, float width) {
    for (float y = y0; y < y1; y += 2.0f * dash)
        dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + dash, y1)), col, width);
}

// A line of a chart: whose history, which series, its colour and its name in the legend.
struct ChartLine {
    const Session* session;
    Series series;
    ImU32 color;
    const char* name;
};
constexpr std::size_t kMaxChartLines = std::size_t(kMaxRaceRuns) > 3 ? std::size_t(kMaxRaceRuns) : 3;

// The value of a downsampled line at the point nearest to `epoch` (NaN if it has none).
float value_near(const std::vector<ChartPoint>& v, double epoch) {
    float best = std::numeric_limits<float>::quiet_NaN();
    double gap = std::numeric_limits<double>::infinity();
    for (const ChartPoint& p : v)
        if (std::fabs(p.x - epoch) < gap) gap = std::fabs(p.x - epoch), best = p.y;
    return best;
}

// A chart of up to kMaxChartLines series (downsampled to the chart's width in pixels): the
// value labels in a margin of their own, so no curve runs over them; an accuracy chart's axis
// ends at 100%. With `marks`, the best epoch where early stopping uses it and the epoch where
// it stopped. Hovering shows the epoch under the mouse and every line's value there.
void chart(PanelContext& c, const char* id, const Session* marks, std::span<const ChartLine> lines, bool log,
           bool accuracy, ImVec2 size) {
    const float scale = c.scale;
    std::vector<ChartPoint>* points = c.state.chart_points;
    const std::size_t count = std::min(lines.size(), kMaxChartLines);
    // A min and a max per 4 pixels: every spike stays visible, and the line costs at most one
    // segment per 2 pixels of width however long the history is.
    const int buckets = std::max(8, int(size.x / 4.0f));
    for (std::size_t k = 0; k < count; ++k) {
        std::vector<ChartPoint>& v = points[k];
        const History& history = lines[k].session->history();
        downsample_minmax(history.records(), lines[k].series, buckets, v);
        if (const EpochRecord* last = history.latest()) {
            const float y = series_value(*last, lines[k].series);
            if (std::isfinite(y) && (v.empty() || v.back().x < double(last->epoch)))
                v.push_back({double(last->epoch), y});
        }
    }
    std::span<const ChartPoint> shown[kMaxChartLines];
    for (std::size_t k = 0; k < count; ++k) shown[k] = points[k];
    ChartScale sc = chart_scale(std::span(shown, count), log);
    if (accuracy) {  // a share: never above 100% or below 0
        sc.y_max = std::min(sc.y_max, 1.0f);
        sc.y_min = std::max(sc.y_min, 0.0f);
    }
    const auto label = [&](float v, char* text, std::size_t n) {
        if (accuracy) std::snprintf(text, n, "%.0f%%", double(v) * 100.0);
        else std::snprintf(text, n, "%.3g", double(v));
    };
    char top[32], bottom[32], right[32];
    label(sc.y_max, top, sizeof top);
    label(sc.y_min, bottom, sizeof bottom);
    std::snprintf(right, sizeof right, "%.0f", sc.x_max);
    const float margin = std::max(ImGui::CalcTextSize(top).x, ImGui::CalcTextSize(bottom).x) + 4.0f * scale;
    const float text_h = ImGui::GetFontSize();

    ImGui::PushID(id);
    const ImVec2 outer = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##chart", size);
    const bool hovered = ImGui::IsItemHovered();
    // The plot: right of the value labels, above the epoch label.
    const ImVec2 mn(outer.x + margin, outer.y);
    const ImVec2 mx(outer.x + size.x, outer.y + size.y - text_h);
    const float w = std::max(mx.x - mn.x, 1.0f), h = std::max(mx.y - mn.y, 1.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 255));
    dl->AddRect(mn, mx, IM_COL32(180, 180, 180, 255));
    const auto to_screen = [&](const ChartPoint& p) {
        return ImVec2(mn.x + chart_u(sc, p.x) * w, mx.y - chart_v(sc, p.y) * h);
    };
    const auto epoch_x = [&](std::int64_t e) { return mn.x + chart_u(sc, double(e)) * w; };
    if (marks && marks->config().early_stopping && marks->has_best())
        dashed_vline(dl, epoch_x(marks->best_epoch()), mn.y, mx.y, IM_COL32(30, 150, 60, 255), 3.0f * scale, 1.5f * scale);
    if (marks && marks->stop_reason() == StopReason::EarlyStopped)
        dashed_vline(dl, epoch_x(marks->stop_epoch()), mn.y, mx.y, IM_COL32(150, 30, 30, 255), 3.0f * scale, 1.5f * scale);
    std::vector<ImVec2>& pts = c.state.chart_screen;
    dl->PushClipRect(mn, mx, true);
    for (std::size_t k = 0; k < count; ++k) {
        pts.clear();
        for (const auto& p : points[k]) pts.push_back(to_screen(p));
        // A whole-pixel width takes ImGui's textured line path: 2 triangles a segment instead of 6.
        if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), lines[k].color, 0, std::round(1.5f * scale));
    }
    dl->PopClipRect();
    const ImU32 grey = IM_COL32(120, 120, 120, 255);
    dl->AddText(ImVec2(outer.x + 1, mn.y), grey, top);
    dl->AddText(ImVec2(outer.x + 1, mx.y - text_h), grey, bottom);
    dl->AddText(ImVec2(mx.x - ImGui::CalcTextSize(right).x, mx.y), grey, right);
    dl->AddText(ImVec2(mn.x, mx.y), grey, "0");
    if (hovered && count > 0) {
        const float mouse_x = ImGui::GetIO().MousePos.x;
        const float u = std::clamp((mouse_x - mn.x) / w, 0.0f, 1.0f);
        const double epoch = std::round(sc.x_min + u * (sc.x_max - sc.x_min));
        dl->AddLine(ImVec2(epoch_x(std::int64_t(epoch)), mn.y), ImVec2(epoch_x(std::int64_t(epoch)), mx.y),
                    IM_COL32(0, 0, 0, 90), 1.0f);
        ImGui::BeginTooltip();
        ImGui::Text(tr(Str::EpochFmt), static_cast<long long>(epoch));
        for (std::size_t k = 0; k < count; ++k) {
            const float v = value_near(points[k], epoch);
            ImGui::PushStyleColor(ImGuiCol_Text, lines[k].color);
            if (accuracy) ImGui::Text("%s  %.1f%%", lines[k].name, double(v) * 100.0);
            else ImGui::Text("%s  %.4g", lines[k].name, double(v));
            ImGui::PopStyleColor();
        }
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

// The series of the loss or accuracy chart: training, validation (when there is a validation
// split) and test, with their colours.
constexpr ImU32 kTrainColor = IM_COL32(60, 60, 60, 255);
constexpr ImU32 kValColor = IM_COL32(170, 110, 20, 255);

std::size_t chart_lines(const Session& s, bool accuracy, ChartLine (&out)[kMaxChartLines]) {
    std::size_t n = 0;
    out[n++] = {&s, accuracy ? Series::TrainAccuracy : Series::TrainLoss, kTrainColor, tr(Str::TrainLegend)};
    if (s.n_val() > 0)
        out[n++] = {&s, accuracy ? Series::ValAccuracy : Series::ValLoss, kValColor, tr(Str::ValLegend)};
    out[n++] = {&s, accuracy ? Series::TestAccuracy : Series::TestLoss, to_imgui(positive_color()), tr(Str::TestLegend)};
    return n;
}

// A race: each run's watched loss (validation, else training) or accuracy, in the run's colour.
std::size_t race_lines(const AppState& app, bool accuracy, ChartLine (&out)[kMaxChartLines]) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < app.runs.size() && n < kMaxChartLines; ++i) {
        const Session& s = *app.runs[i].session;
        const bool val = s.n_val() > 0;
        const Series series = accuracy ? (val ? Series::ValAccuracy : Series::TrainAccuracy)
                                       : (val ? Series::ValLoss : Series::TrainLoss);
        out[n++] = {&s, series, to_imgui(run_color(int(i))), app.runs[i].name.c_str()};
    }
    return n;
}

// One small decision map per run, with its name, loss and the leader marked; a click selects
// the run.
void run_maps(PanelContext& c, float width) {
    AppState& app = c.app;
    const float em = ImGui::GetFontSize();
    const int n = int(app.runs.size());
    const EnsembleView& ens = app.ensemble;
    const int cols = std::min(n, n > 8 ? 5 : 4);
    const float gap = 0.4f * em;
    const float side = (width - gap * float(cols - 1)) / float(cols);
    const int lead = leader(app);
    ImGui::TextDisabled("%s", tr(ens.stacking() ? Str::BaseLearnersTitle : ens ? Str::MembersTitle : Str::RunsTitle));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < n; ++i) {
        const Run& run = app.runs[std::size_t(i)];
        const Session& s = *run.session;
        if (i % cols != 0) ImGui::SameLine(0.0f, gap);
        ImGui::BeginGroup();
        ImGui::PushID(i);
        const ImVec2 mn = ImGui::GetCursorScreenPos();
        const float map_h = s.data().input_dims == 1 ? 1.2f * em : side;
        if (ImGui::InvisibleButton("##run", ImVec2(side, map_h))) c.req.select_run = i;
        const ImVec2 mx(mn.x + side, mn.y + map_h);
        if (s.data().image_width > 0) {
            // No map over a plane for images: the run's test accuracy, as large as fits.
            dl->AddRectFilled(mn, mx, IM_COL32(246, 246, 246, 255));
            char acc[32];
            std::snprintf(acc, sizeof acc, "%.1f%%", double(s.current().test_accuracy * 100.0f));
            const float size = std::min(ImGui::GetFontSize() * 1.6f, side / 4.0f);
            const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, acc);
            dl->AddText(ImGui::GetFont(), size, ImVec2(mn.x + 0.5f * (side - ts.x), mn.y + 0.5f * (map_h - ts.y)),
                        IM_COL32(30, 30, 30, 255), acc);
        } else {
            picture_at(dl, c.heat, run.output, mn, mx, c.req.next.discretize);
            if (std::size_t(i) < ens.out_of_bag.size() && s.data().input_dims == 2)
                draw_rows(dl, s.data(), ens.out_of_bag[std::size_t(i)], mn, mx, std::max(1.0f, 1.5f * c.scale));
        }
        const ImU32 color = to_imgui(run_color(i));
        dl->AddRect(mn, mx, color, 0.0f, 0, i == app.selected ? 3.0f * c.scale : 1.5f * c.scale);
        tooltip(ens ? Str::TipMemberMap : Str::TipRunMap);
        note_ui(c, "run_map_" + std::to_string(i), mn, mx);
        const float loss = s.watched_value();
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);  // every line within the map's width
        ImGui::TextUnformatted(run.name.c_str());
        ImGui::PopStyleColor();
        if (s.stop_reason() == StopReason::NonFiniteLoss) ImGui::TextDisabled("NaN");
        else if (ens && s.data().task != Task::Regression) {
            ImGui::TextDisabled("%.1f%%", double(s.current().test_accuracy) * 100.0);
            if (ens.boosting() && std::size_t(i) < ens.run->errors().size())
                ImGui::TextDisabled(tr(Str::LearnerErrorFmt), ens.run->errors()[std::size_t(i)]);
        } else if (ens) ImGui::TextDisabled("%.3g", double(s.current().test_loss));
        else if (i == lead) ImGui::Text("%.3g %s", double(loss), tr(Str::LeaderMark));
        else ImGui::TextDisabled("%.3g", double(loss));
        ImGui::PopTextWrapPos();
        ImGui::PopID();
        ImGui::EndGroup();
    }
}

// A seed race's extras: the spread of the final losses, and how far apart the weights are.
void seed_extras(const AppState& app, float width) {
    const LossSpread spread = loss_spread(app);
    ImGui::TextDisabled(tr(Str::SeedSpreadFmt), double(spread.min), double(spread.median), double(spread.max));
    ImGui::TextDisabled("%s", tr(Str::WeightDistancesTitle));
    tooltip(Str::TipWeightDistances);
    const std::vector<float> d = weight_distances(app);
    const int n = int(app.runs.size());
    float top = 1e-6f;
    for (const float v : d) top = std::max(top, v);
    const float em = ImGui::GetFontSize();
    const float cell = std::min(width / float(n + 1), 2.2f * em);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            const float v = d[std::size_t(i * n + j)];
            const ImVec2 a(o.x + float(j) * cell, o.y + float(i) * cell), b(a.x + cell - 1, a.y + cell - 1);
            const float t = v < 0 ? 0.0f : v / top;  // darker = further apart
            const int g = int(255.0f - 200.0f * t);
            dl->AddRectFilled(a, b, IM_COL32(g, g, g, 255));
            if (cell > 1.6f * em) {
                char text[16];
                std::snprintf(text, sizeof text, "%.1f", double(v));
                dl->AddText(ImVec2(a.x + 2, a.y + 2), t > 0.5f ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255), text);
            }
        }
        dl->AddRectFilled(ImVec2(o.x + float(n) * cell + 2, o.y + float(i) * cell),
                          ImVec2(o.x + float(n) * cell + 0.5f * cell, o.y + float(i + 1) * cell - 1), to_imgui(run_color(i)));
    }
    ImGui::Dummy(ImVec2(cell * float(n + 1), cell * float(n)));
    tooltip(Str::TipWeightDistances);
}

// The lines' names in their colours after a swatch each, wrapped to the panel's width.
void chart_legend(std::span<const ChartLine> lines) {
    const float em = ImGui::GetFontSize();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (const ChartLine& line : lines) {
        const float item_w = 1.5f * em + ImGui::CalcTextSize(line.name).x + ImGui::GetStyle().ItemSpacing.x;
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + item_w > right) ImGui::NewLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + 0.5f * ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, y), ImVec2(p.x + 1.2f * em, y), line.color, 2.0f);
        ImGui::Dummy(ImVec2(1.3f * em, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0.0f, 0.2f * em);
        ImGui::TextDisabled("%s", line.name);
    }
}

void oyster_strip(PanelContext& c, ImVec2 size) {
    const Session& s = c.app.session();
    const Dataset& d = s.data();
    const ExperimentConfig& cfg = c.req.next;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::TextUnformatted(tr(Str::OysterTitle));
    tooltip(Str::TipOyster);
    const ImVec2 mn = ImGui::GetCursorScreenPos();
    const ImVec2 mx(mn.x + size.x, mn.y + size.y);
    ImGui::Dummy(size);
    tooltip(Str::TipOyster);
    picture_at(dl, c.heat, c.app.pictures.output, mn, mx, cfg.discretize);
    draw_points(dl, d, cfg, c.app.value_scale, mn, mx, PointSize::Strip, true, d.domain);
    const auto x_of = [&](float cm) {
        return mn.x + (cm - d.domain.x_min) / (d.domain.x_max - d.domain.x_min) * size.x;
    };
    const float rule_x = x_of(kOysterRuleCm);
    dashed_vline(dl, rule_x, mn.y - 4, mx.y + 4, IM_COL32(20, 20, 20, 255), 4.0f * c.scale, 2.0f * c.scale);
    const float learned = c.app.run().learned_threshold;  // computed with the pictures
    if (std::isfinite(learned))
        dl->AddLine(ImVec2(x_of(learned), mn.y - 4), ImVec2(x_of(learned), mx.y + 4),
                    IM_COL32(200, 20, 20, 255), 2.5f * c.scale);
    // Axis: the ends of the domain in cm.
    char text[64];
    std::snprintf(text, sizeof text, "%.1f", double(d.domain.x_min));
    ImGui::TextDisabled("%s", text);
    std::snprintf(text, sizeof text, "%.1f", double(d.domain.x_max));
    ImGui::SameLine(size.x - ImGui::CalcTextSize(text).x);
    ImGui::TextDisabled("%s", text);
    const int n = d.size();
    if (std::isfinite(learned)) {
        ImGui::TextColored(ImVec4(0.78f, 0.08f, 0.08f, 1.0f), tr(Str::OysterLearnedFmt),
                           double(learned), count_threshold_errors(d, learned, 0, n));
    } else {
        ImGui::TextDisabled("%s", tr(Str::OysterNoThreshold));  // not an error: training has not found one yet
    }
    ImGui::Text(tr(Str::OysterRuleFmt), double(kOysterRuleCm), count_threshold_errors(d, kOysterRuleCm, 0, n));
}


// "Copy link" and its options; after a copy, the link in a read-only box (selected, so Ctrl+C
// copies it by hand when the clipboard is not available) with what became of the copy.
// Save: the model, the history, the data, the map and the page, and what the last save did.
void save_controls(PanelContext& c) {
    AppState& app = c.app;
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr(Str::ExportTitle));
    tooltip(Str::TipExport);
    const struct {
        Str label;
        const char* ui;
        int kind;  // an ExportKind, or -1 for the page
    } buttons[] = {{Str::ExportModel, "save_model", int(ExportKind::Model)},
                   {Str::ExportHistory, "save_history", int(ExportKind::History)},
                   {Str::ExportData, "save_data", int(ExportKind::Data)},
                   {Str::ExportMap, "save_map", int(ExportKind::Map)},
                   {Str::ExportScreen, "save_screen", -1}};
    for (const auto& b : buttons) {
        if (b.kind == int(ExportKind::Map) && app.pictures.output.cell < 0) continue;  // images: no map
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(b.label))) {
            if (b.kind < 0) app.save_screen = true;
            else app_export(app, ExportKind(b.kind));
        }
        tooltip(Str::TipExport);
        note_ui(c, b.ui);
    }
    if (!app.export_note.empty()) ImGui::TextDisabled("%s", app.export_note.c_str());
    // Views of what training does inside the selected run.
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr(Str::InsideTitle));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(Str::Landscape))) {
        app.landscape.open = true;
        // A first look computes at once; an earlier slice stays on show until Compute.
        if (app.landscape.status == LandscapeStatus::Idle) {
            if (app.session().trajectory().size() < 3) app.landscape.dirs = LandscapeDirs::Random;
            landscape_start(app.landscape, app.session(), app.selected, app.built);
        }
    }
    tooltip(Str::TipLandscape);
    note_ui(c, "landscape");
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(Str::Backprop))) {
        app.backprop.open = true;
        app.backprop.run = app.selected;
    }
    tooltip(Str::TipBackprop);
    note_ui(c, "backprop");
}

void link_controls(PanelContext& c, float width) {
    AppState& app = c.app;
    LinkState& link = app.link;
    // The note of a copy stays until the experiment changes (or it is closed).
    if (!link.copied.empty() && !(app.config == link.copied_config)) {
        link.copied.clear();
        link.copy = CopyStatus::None;
    }
    if (ImGui::Button(tr(Str::CopyLink))) {
        // The whole address on the web (the page's URL and the fragment); natively the fragment,
        // which nnp_run and the app's open_link read.
        const LinkPlatform& page = link_platform();
        const std::string address = page.page_address ? page.page_address() : std::string();
        link.copied = address.empty() ? app_share_link(app) : address + "#" + app_share_link(app);
        link.copied_config = app.config;
        if (page.copy) {
            page.copy(link.copied);
            link.copy = CopyStatus::Pending;
        } else {
            link.copy = CopyStatus::Failed;  // no clipboard here (native): copy by hand
        }
    }
    tooltip(Str::TipCopyLink);
    note_ui(c, "copy_link");
    if (link_can_carry_weights(app)) {  // only offered when the weights fit in a link
        ImGui::SameLine();
        ImGui::Checkbox(tr(Str::IncludeWeights), &link.include_weights);
        tooltip(Str::TipIncludeWeights);
    }
    save_controls(c);
    if (app.config.data.kind == DatasetKind::Csv && app.config.data.user) {  // what the link leaves out
        const UserData& d = *app.config.data.user;
        ImGui::PushTextWrapPos(0.0f);
        if (!d.plane) ImGui::TextDisabled("%s", tr(Str::CsvNotInLink));
        else if (!link_can_carry_points(d)) ImGui::TextDisabled(tr(Str::PointsNotInLinkFmt), d.rows());
        ImGui::PopTextWrapPos();
    }
    if (link.copied.empty()) return;
    const Str status = link.copy == CopyStatus::Copied    ? Str::LinkCopied
                       : link.copy == CopyStatus::Pending ? Str::LinkCopying
                                                          : Str::LinkCopyByHand;
    if (ImGui::SmallButton(tr(Str::Close))) {
        link.copied.clear();
        link.copy = CopyStatus::None;
        return;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(status));
    // Only a failed copy takes the keyboard (the link selected, for Ctrl+C by hand): otherwise
    // space, s and r keep working.
    if (link.copy == CopyStatus::Failed && !c.state.link_box_focused) ImGui::SetKeyboardFocusHere();
    c.state.link_box_focused = link.copy == CopyStatus::Failed;
    ImGui::SetNextItemWidth(width);
    // Read-only: ImGui never writes into the buffer, so the string's own storage serves.
    ImGui::InputText("##link", link.copied.data(), link.copied.size() + 1,
                     ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
}

// The coach's first note on the run shown (the most fundamental), with the lesson on it.
void coach_box(PanelContext& c, float width) {
    const Run& run = c.app.run();
    if (run.coach.empty()) return;
    const CoachNote& note = run.coach.front();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 244, 220, 255));
    ImGui::BeginChild("##coach", ImVec2(width, 0.0f),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::TextUnformatted(tr(Str::CoachTitle));
    tooltip(Str::TipCoach);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(describe_note(note).c_str());
    ImGui::PopTextWrapPos();
    const LessonKey lesson = lesson_for_note(note);
    if (lesson.lesson >= 0 && c.app.lesson.lesson != lesson.lesson && ImGui::SmallButton(tr(Str::CoachLesson)))
        c.req.open_lesson = lesson;
    note_ui(c, "coach_lesson");
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// The issues of the link that was opened, as plain text (never markup), until dismissed. Placed
// at the bottom of the display, over the network panel's free space, so it never hides the
// layer buttons; long lists scroll.
void draw_link_banner(AppState& app) {
    LinkState& link = app.link;
    if (!link.show_issues) return;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float w = std::min(display.x - 2.0f * em, 44.0f * em);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - 0.5f * em), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0.0f), ImVec2(w, std::max(display.y * 0.5f, 6.0f * em)));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(255, 243, 205, 245));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(60, 45, 0, 255));
    ImGui::Begin("##link_issues", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    if (ImGui::Button(tr(Str::Dismiss))) link.show_issues = false;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(link.issues.empty() ? Str::LinkTfOpened : Str::LinkIssuesTitle));
    if (link.tf_playground && !link.issues.empty()) ImGui::TextUnformatted(tr(Str::LinkTfOpened));
    ImGui::PushTextWrapPos(0.0f);
    for (const ConfigIssue& issue : link.issues) {
        ImGui::Bullet();
        ImGui::TextUnformatted(describe_issue(issue).c_str());  // never a format string
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
    ImGui::PopStyleColor(2);
}

}  // namespace

void panel_output(PanelContext& c, const Rect& r) {
    AppState& app = c.app;
    const Session& s = app.session();
    ExperimentConfig& next = c.req.next;
    const float em = ImGui::GetFontSize();
    if (!begin_panel(c, tr(Str::PanelOutput), r)) {
        end_panel(c);
        return;
    }
    const EpochRecord& cur = s.current();
    const bool classify = s.data().task != Task::Regression;
    // The readouts in two columns where they fit, else one under the other.
    const float x0 = ImGui::GetCursorPosX();  // SameLine's offsets count from the window's edge
    const float half = ImGui::GetContentRegionAvail().x * 0.5f;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const auto pair = [&](const char* left, const char* right) {
        ImGui::TextUnformatted(left);
        if (!right) return;
        if (ImGui::CalcTextSize(left).x + gap <= half && ImGui::CalcTextSize(right).x <= half) ImGui::SameLine(x0 + half);
        ImGui::TextUnformatted(right);
    };
    char a[96], b[96];
    std::snprintf(a, sizeof a, tr(Str::TestLossFmt), double(cur.test_loss));
    std::snprintf(b, sizeof b, tr(Str::TrainLossFmt), double(cur.train_loss));
    pair(a, b);
    if (classify) {
        std::snprintf(a, sizeof a, tr(Str::TestAccFmt), double(cur.test_accuracy * 100.0f));
        std::snprintf(b, sizeof b, tr(Str::TrainAccFmt), double(cur.train_accuracy * 100.0f));
        pair(a, b);
    }
    if (s.n_val() > 0) {
        std::snprintf(a, sizeof a, tr(Str::ValLossFmt), double(cur.val_loss));
        std::snprintf(b, sizeof b, tr(Str::ValAccFmt), double(cur.val_accuracy * 100.0f));
        pair(a, classify ? b : nullptr);
    }
    link_controls(c, ImGui::GetContentRegionAvail().x);
    coach_box(c, ImGui::GetContentRegionAvail().x);

    if (app.ensemble) {
        run_maps(c, ImGui::GetContentRegionAvail().x);
        ensemble_summary(c, ImGui::GetContentRegionAvail().x);
    } else if (app.racing()) {
        run_maps(c, ImGui::GetContentRegionAvail().x);
        if (app.config.race.key == "seed") seed_extras(app, ImGui::GetContentRegionAvail().x);
    }
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    app.output_view = {};
    const bool images = s.data().image_width > 0;
    const bool empty_plane = next.data.user && next.data.user->plane;  // points to click in
    if (s.data().size() == 0 && next.data.kind == DatasetKind::Csv && !empty_plane) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(tr(app.csv.link_without_data ? Str::CsvLinkNote : Str::CsvNoData));
        ImGui::PopTextWrapPos();
    } else if (s.data().input_dims == 1) {
        oyster_strip(c, ImVec2(avail_w, 4.0f * em));
    } else if (images) {
        image_output(c, avail_w);
    } else {
        if (s.data().input_dims > 2) map_columns(c, avail_w);
        // The big view: the prediction, or the hovered neuron's / feature's own picture.
        // Side by side the charts keep 20 lines of height; stacked, the map takes the width.
        // An ensemble's vote keeps at least half the width under its members' maps.
        const float least = app.ensemble ? 0.5f * avail_w : 4.0f * em;
        const float side = c.stacked ? std::min(avail_w, 0.8f * ImGui::GetIO().DisplaySize.y)
                                     : std::max(std::min(avail_w, avail_h - 20.0f * em), least);
        const PictureSet& pics = app.pictures;
        const bool vote = app.ensemble.picture.cell >= 0;  // an ensemble's map is its vote
        const PictureInfo* shown = vote ? &app.ensemble.picture : &pics.output;
        bool discretize = next.discretize;
        char caption[96] = "";
        if (vote)
            std::snprintf(caption, sizeof caption, "%s",
                          tr(app.ensemble.stacking() ? Str::StackingMapCaption : Str::EnsembleMapCaption));
        if (app.hover_layer >= 0 && std::size_t(app.hover_layer) < pics.units.size() &&
            std::size_t(app.hover_unit) < pics.units[std::size_t(app.hover_layer)].size()) {
            shown = &pics.units[std::size_t(app.hover_layer)][std::size_t(app.hover_unit)];
            std::snprintf(caption, sizeof caption, tr(Str::NeuronTitleFmt), app.hover_layer + 1,
                          app.hover_unit + 1);
        } else if (app.hover_layer == -2 && std::size_t(app.hover_unit) < pics.features.size()) {
            shown = &pics.features[std::size_t(app.hover_unit)];
            discretize = false;
            std::snprintf(caption, sizeof caption, "%s", label(Feature(app.hover_unit)));
        }
        const ImVec2 mn(ImGui::GetCursorScreenPos().x + (avail_w - side) * 0.5f, ImGui::GetCursorScreenPos().y);
        const ImVec2 mx(mn.x + side, mn.y + side);
        ImGui::Dummy(ImVec2(avail_w, side));
        tooltip(shown == &app.ensemble.picture ? (app.ensemble.stacking() ? Str::TipStackingMap : Str::TipEnsembleMap)
                                                 : Str::TipOutputView);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        picture_at(dl, c.heat, *shown, mn, mx, discretize);
        if (shown == &pics.output || shown == &app.ensemble.picture) app.output_view = {mn.x, mn.y, side, side};
        if (vote) note_ui(c, "ensemble_map", mn, mx);
        if (app.points.on && ImGui::IsWindowHovered()) point_click(c, mn, side);
        const bool slice = s.data().input_dims > 2;
        if (vote && !app.points.on && ImGui::IsWindowHovered() && !slice) pick_click(c, s.data(), mn, side);
        if (vote && app.ensemble.boosting() && !slice)
            draw_weighted_points(dl, s.data(), next, app.ensemble.run->sample_weights(), mn, mx, c.scale);
        else
            draw_points(dl, s.data(), next, app.value_scale, mn, mx, PointSize::Output, false,
                        slice ? app.run().grid.domain : s.data().domain, slice ? app.map_x : 0, slice ? app.map_y : 1);
        dl->AddRect(mn, mx, IM_COL32(120, 120, 120, 255));
        if (vote && !slice) {
            if (app.ensemble.boosting()) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextDisabled("%s", tr(Str::BoostingWeightsNote));
                ImGui::PopTextWrapPos();
            }
            vote_box(c, mn, side);
        }
        if (points_editable(app)) point_controls(c, avail_w);
        if (caption[0]) {
            const ImVec2 ts = ImGui::CalcTextSize(caption);
            dl->AddRectFilled(ImVec2(mn.x, mn.y), ImVec2(mn.x + ts.x + 8, mn.y + ts.y + 4), IM_COL32(255, 255, 255, 220));
            dl->AddText(ImVec2(mn.x + 4, mn.y + 2), IM_COL32(20, 20, 20, 255), caption);
        }
    }
    if (!images) {  // a picture over the plane to discretize
        ImGui::Checkbox(tr(Str::Discretize), &next.discretize);
        tooltip(Str::TipDiscretize);
        ImGui::SameLine();
    }
    ImGui::Checkbox(tr(Str::LogScale), &app.log_scale);
    tooltip(Str::TipLogScale);

    // The loss chart's label, legend and marks, then the charts share the rest of the height.
    ImGui::TextUnformatted(tr(Str::LossChart));
    tooltip(Str::TipLossChart);
    ChartLine lines[kMaxChartLines];
    const auto line_set = [&](bool accuracy) {
        return std::span(lines, app.race() ? race_lines(app, accuracy, lines) : chart_lines(s, accuracy, lines));
    };
    chart_legend(line_set(false));
    // The marks' meaning, on their own line, in the marks' colours.
    if (!app.race() && s.config().early_stopping && s.has_best()) {
        ImGui::TextColored(ImVec4(0.12f, 0.59f, 0.24f, 1.0f), tr(Str::BestEpochFmt),
                           static_cast<long long>(s.best_epoch()));
        if (s.stop_reason() == StopReason::EarlyStopped) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.59f, 0.12f, 0.12f, 1.0f), tr(Str::StopEpochFmt),
                               static_cast<long long>(s.stop_epoch()));
        }
    }
    const int charts = classify ? 2 : 1;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float labels = classify ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;  // the accuracy chart's
    // Stacked, the panel is as tall as its content: the charts get a fixed height.
    // So do an image set's, whose view of the test images follows them.
    const float chart_h = c.stacked || images ? (images ? 7.0f : 8.0f) * em
                                    : std::max((ImGui::GetContentRegionAvail().y - labels - float(charts) * spacing) / float(charts),
                                               5.0f * em);  // under an ensemble's maps: the panel scrolls
    const Session* marks = app.race() ? nullptr : &s;
    chart(c, "loss", marks, line_set(false), app.log_scale, false, ImVec2(avail_w, chart_h));
    if (classify) {
        ImGui::TextUnformatted(tr(Str::AccuracyChart));
        tooltip(Str::TipAccuracyChart);
        chart(c, "acc", marks, line_set(true), false, true, ImVec2(avail_w, chart_h));
    }
    if (images) image_results(c, avail_w);
    end_panel(c, &c.state.heights.output);
}

void link_banner(PanelContext& c) { draw_link_banner(c.app); }

void stop_banner(PanelContext& c, const Rect& r) {
    const Session& s = c.app.session();
    if (s.stop_reason() == StopReason::None) return;
    const float em = ImGui::GetFontSize();
    const bool diverged = s.stop_reason() == StopReason::NonFiniteLoss;
    const std::string text = describe_stop(s);
    const float w = std::min(r.w - 2.0f * em, 40.0f * em);
    ImGui::SetNextWindowPos(ImVec2(r.x + (r.w - w) * 0.5f, r.y + r.h - 6.0f * em), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, 0), ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, diverged ? IM_COL32(190, 40, 40, 240) : IM_COL32(40, 120, 60, 240));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    ImGui::Begin("##banner", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PushTextWrapPos(w - ImGui::GetStyle().WindowPadding.x);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor(2);
    if (ImGui::Button(tr(Str::Reset))) c.req.reset = true;
    tooltip(Str::TipReset);
    if (!diverged) {
        ImGui::SameLine();
        if (ImGui::Button(tr(Str::Resume))) c.req.toggle_play = true;
    }
    ImGui::End();
}

}  // namespace nnp::app
