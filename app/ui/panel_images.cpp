// The output panel's view of an image data set, in place of the map over the plane: the image on
// show (a test image or the drawing pad) beside its ten class probabilities, the same image as
// the row of numbers the network gets, a confusion matrix of the test images and a gallery of the
// misclassified ones. The numbers come from image_view.cpp; this file only draws and edits.
#include "colormap.hpp"
#include "panels.hpp"
#include "raster.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnp::app {

void draw_values(ImDrawList* dl, ImVec2 mn, ImVec2 mx, const float* values, int w, int h, int stride,
                 ValueStyle style, float lo, float hi) {
    // Cells of at least 1.5 screen pixels: a 28x28 picture in a small square is drawn as the
    // means of 2x2, 3x3, ... blocks (a frame would otherwise draw tens of thousands of rects).
    const auto step_for = [](int n, float extent) { return std::max(1, int(std::ceil(float(n) * 1.5f / std::max(extent, 1.0f)))); };
    const int sx = step_for(w, mx.x - mn.x), sy = step_for(h, mx.y - mn.y);
    const int cols = (w + sx - 1) / sx, rows = (h + sy - 1) / sy;
    const float cw = (mx.x - mn.x) / float(w) * float(sx), ch = (mx.y - mn.y) / float(h) * float(sy);
    // Ink on paper: the paper once, then only the inked cells (most of an MNIST image is blank).
    if (style == ValueStyle::Ink) dl->AddRectFilled(mn, mx, ink_color(lo, lo, hi));
    for (int by = 0; by < rows; ++by) {
        for (int bx = 0; bx < cols; ++bx) {
            float sum = 0.0f;
            int count = 0;
            for (int y = by * sy; y < std::min(h, (by + 1) * sy); ++y)
                for (int x = bx * sx; x < std::min(w, (bx + 1) * sx); ++x, ++count)
                    sum += values[std::size_t(y * w + x) * std::size_t(stride)];
            const float v = sum / float(std::max(count, 1));
            if (style == ValueStyle::Ink && !(v > lo)) continue;
            const ImU32 col = style == ValueStyle::Ink ? ink_color(v, lo, hi) : to_imgui(diverging(v, lo, hi));
            const ImVec2 a(mn.x + float(bx) * cw, mn.y + float(by) * ch);
            dl->AddRectFilled(a, ImVec2(std::min(a.x + cw, mx.x), std::min(a.y + ch, mx.y)), col);
        }
    }
}

namespace {

constexpr int kGalleryMax = 24;      // misclassified images drawn at most
constexpr std::size_t kPadMaxPoints = 4000;  // points of a drawing kept at most (Clear starts again)

// The input on show, `side` pixels square, or the drawing pad in its place while drawing.
void image_or_pad(PanelContext& c, float side) {
    AppState& app = c.app;
    ImageView& v = app.images;
    const Dataset& d = app.session().data();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mn = ImGui::GetCursorScreenPos();
    const ImVec2 mx(mn.x + side, mn.y + side);
    if (v.drawing) {
        ImGui::InvisibleButton("##pad", ImVec2(side, side));  // no tooltip: it would cover the drawing
        note_ui(c, "pad");
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (ImGui::IsItemActivated()) v.strokes.emplace_back();
        if (ImGui::IsItemActive() && !v.strokes.empty()) {
            const PadPoint p{(m.x - mn.x) / side, (m.y - mn.y) / side};
            PadStroke& stroke = v.strokes.back();
            const float min_step = 0.004f;
            std::size_t points = 0;  // a drawing is capped, so its reduction stays cheap every frame
            for (const PadStroke& s : v.strokes) points += s.size();
            if (points < kPadMaxPoints &&
                (stroke.empty() || std::hypot(p.x - stroke.back().x, p.y - stroke.back().y) > min_step)) {
                stroke.push_back(p);
                app.pictures_dirty = true;  // classified as it is drawn
            }
        }
        dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 255));
        // The strokes as drawn, about as thick as the pen is in the 32x32 scan of a digit that
        // fills the box.
        const float thick = std::max(2.0f, side / 32.0f * 2.0f * kOptdigitsPenRadius);
        for (const PadStroke& stroke : v.strokes) {
            for (std::size_t i = 0; i < stroke.size(); ++i) {
                const ImVec2 a(mn.x + stroke[i].x * side, mn.y + stroke[i].y * side);
                if (i + 1 < stroke.size())
                    dl->AddLine(a, ImVec2(mn.x + stroke[i + 1].x * side, mn.y + stroke[i + 1].y * side),
                                IM_COL32(30, 30, 30, 255), thick);
                dl->AddCircleFilled(a, 0.5f * thick, IM_COL32(30, 30, 30, 255));
            }
        }
        if (v.strokes.empty()) {
            const ImVec2 ts = ImGui::CalcTextSize(tr(Str::PadEmpty), nullptr, false, side - 8.0f);
            dl->AddText(nullptr, 0.0f, ImVec2(mn.x + 4, mn.y + 0.5f * (side - ts.y)), IM_COL32(140, 140, 140, 255),
                        tr(Str::PadEmpty), nullptr, side - 8.0f);
        }
        dl->AddRect(mn, mx, IM_COL32(60, 60, 60, 255), 0, 0, 2.0f * c.scale);
        return;
    }
    ImGui::Dummy(ImVec2(side, side));
    if (!v.pixels.empty())
        draw_values(dl, mn, mx, v.pixels.data(), d.image_width, d.image_height, 1, ValueStyle::Ink, 0.0f,
                    d.pixel_max);
    dl->AddRect(mn, mx, IM_COL32(120, 120, 120, 255));
    // Hovering a pixel names its place in the vector (the row below highlights it).
    if (ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const int x = std::clamp(int((m.x - mn.x) / side * float(d.image_width)), 0, d.image_width - 1);
        const int y = std::clamp(int((m.y - mn.y) / side * float(d.image_height)), 0, d.image_height - 1);
        const int i = y * d.image_width + x;
        c.state.image_hover = i;
        const float cell = side / float(d.image_width);
        dl->AddRect(ImVec2(mn.x + float(x) * cell, mn.y + float(y) * cell),
                    ImVec2(mn.x + float(x + 1) * cell, mn.y + float(y + 1) * cell), IM_COL32(220, 30, 30, 255), 0, 0,
                    2.0f * c.scale);
        ImGui::SetTooltip(tr(Str::PixelTipFmt), y + 1, x + 1, i + 1, double(v.pixels[std::size_t(i)]));
    }
}

// One bar per class: its probability, the network's answer strong, the true class marked.
void class_bars(const ImageView& v, float width) {
    const float em = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float row_h = ImGui::GetTextLineHeight();
    const float bar_x = 1.2f * em, pct_w = ImGui::CalcTextSize("100%").x + 0.3f * em;
    const float bar_w = std::max(width - bar_x - pct_w, 2.0f * em);
    for (int k = 0; k < int(v.probabilities.size()); ++k) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float prob = std::isfinite(v.probabilities[std::size_t(k)]) ? v.probabilities[std::size_t(k)] : 0.0f;
        const bool answer = k == v.predicted, truth = k == v.label;
        char digit[16];
        std::snprintf(digit, sizeof digit, "%d", k);
        dl->AddText(p, truth ? IM_COL32(20, 120, 40, 255) : ImGui::GetColorU32(ImGuiCol_Text), digit);
        const ImVec2 a(p.x + bar_x, p.y + 0.15f * row_h), b(a.x + bar_w, p.y + 0.85f * row_h);
        dl->AddRectFilled(a, b, IM_COL32(235, 235, 235, 255));
        dl->AddRectFilled(a, ImVec2(a.x + bar_w * std::clamp(prob, 0.0f, 1.0f), b.y),
                          answer ? to_imgui(positive_color()) : IM_COL32(150, 170, 190, 255));
        if (truth) dl->AddRect(a, b, IM_COL32(20, 120, 40, 255), 0, 0, 1.5f);
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f%%", double(prob * 100.0f));
        dl->AddText(ImVec2(b.x + 0.3f * em, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), pct);
        ImGui::Dummy(ImVec2(width, row_h));
    }
}

// The image as the network gets it: one row of numbers, each cell the pixel's grey.
void vector_row(PanelContext& c, float width) {
    const ImageView& v = c.app.images;
    const Dataset& d = c.app.session().data();
    const int n = int(v.pixels.size());
    if (n == 0) return;
    char title[128];
    std::snprintf(title, sizeof title, tr(Str::VectorTitleFmt), n);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextDisabled("%s", title);
    ImGui::PopTextWrapPos();
    const float em = ImGui::GetFontSize();
    const ImVec2 mn = ImGui::GetCursorScreenPos();
    const float cell = width / float(n);
    const ImVec2 mx(mn.x + width, mn.y + 1.6f * em);
    ImGui::InvisibleButton("##vector", ImVec2(width, mx.y - mn.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_values(dl, mn, mx, v.pixels.data(), n, 1, 1, ValueStyle::Ink, 0.0f, d.pixel_max);
    dl->AddRect(mn, mx, IM_COL32(120, 120, 120, 255));
    int hovered = c.state.image_hover;
    if (ImGui::IsItemHovered()) {
        hovered = std::clamp(int((ImGui::GetIO().MousePos.x - mn.x) / cell), 0, n - 1);
        c.state.image_hover = hovered;
        const int w = c.app.session().data().image_width;
        ImGui::SetTooltip(tr(Str::PixelTipFmt), hovered / w + 1, hovered % w + 1, hovered + 1,
                          double(v.pixels[std::size_t(hovered)]));
    }
    if (hovered >= 0 && hovered < n)
        dl->AddRect(ImVec2(mn.x + float(hovered) * cell - 1, mn.y - 2), ImVec2(mn.x + float(hovered + 1) * cell + 1, mx.y + 2),
                    IM_COL32(220, 30, 30, 255), 0, 0, 2.0f * c.scale);
}

void confusion_matrix(const ImageView& v, float width) {
    const int k = v.classes;
    if (k <= 0 || v.confusion.size() != std::size_t(k * k)) return;
    ImGui::TextUnformatted(tr(Str::ConfusionTitle));
    tooltip(Str::TipConfusion);
    const float em = ImGui::GetFontSize();
    const float cell = std::min(width / float(k + 1), 2.0f * em);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    int row_total_max = 1;
    for (int t = 0; t < k; ++t) {
        int total = 0;
        for (int p = 0; p < k; ++p) total += v.confusion[std::size_t(t * k + p)];
        row_total_max = std::max(row_total_max, total);
    }
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    int hovered_t = -1, hovered_p = -1;
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (int i = 0; i < k; ++i) {  // the digits along both edges
        char digit[16];
        std::snprintf(digit, sizeof digit, "%d", i);
        const ImVec2 ts = ImGui::CalcTextSize(digit);
        dl->AddText(ImVec2(o.x + 0.5f * (cell - ts.x), o.y + cell * float(i + 1) + 0.5f * (cell - ts.y)), text, digit);
        dl->AddText(ImVec2(o.x + cell * float(i + 1) + 0.5f * (cell - ts.x), o.y + 0.5f * (cell - ts.y)), text, digit);
    }
    for (int t = 0; t < k; ++t) {
        for (int p = 0; p < k; ++p) {
            const int count = v.confusion[std::size_t(t * k + p)];
            const ImVec2 a(o.x + cell * float(p + 1), o.y + cell * float(t + 1)), b(a.x + cell - 1, a.y + cell - 1);
            const float share = float(count) / float(row_total_max);
            // Right answers in blue, mistakes in orange, stronger for more images.
            const Rgb base = t == p ? positive_color() : negative_color();
            dl->AddRectFilled(a, b, count == 0 ? IM_COL32(246, 246, 246, 255)
                                               : to_imgui(base, std::clamp(0.15f + 0.85f * (t == p ? share : std::sqrt(share * 4.0f)), 0.15f, 1.0f)));
            if (count > 0 && cell >= 1.3f * em) {
                char num[16];
                std::snprintf(num, sizeof num, "%d", count);
                const ImVec2 ts = ImGui::CalcTextSize(num);
                dl->AddText(ImVec2(a.x + 0.5f * (cell - ts.x), a.y + 0.5f * (cell - ts.y)),
                            t == p && share > 0.5f ? IM_COL32(255, 255, 255, 255) : IM_COL32(20, 20, 20, 255), num);
            }
            if (m.x >= a.x && m.x < b.x && m.y >= a.y && m.y < b.y) hovered_t = t, hovered_p = p;
        }
    }
    ImGui::Dummy(ImVec2(cell * float(k + 1), cell * float(k + 1)));
    if (hovered_t >= 0 && ImGui::IsItemHovered())
        ImGui::SetTooltip(tr(Str::ConfusionCellFmt), v.confusion[std::size_t(hovered_t * k + hovered_p)], hovered_t, hovered_p);
}

// Thumbnails of the misclassified test images, "answer > truth" under each; a click shows one.
void gallery(PanelContext& c, float width) {
    ImageView& v = c.app.images;
    const Dataset& d = c.app.session().data();
    char title[96];
    std::snprintf(title, sizeof title, tr(Str::WrongTitleFmt), int(v.wrong.size()));
    ImGui::TextUnformatted(title);
    tooltip(Str::TipWrong);
    if (v.wrong.empty()) return;
    const float em = ImGui::GetFontSize();
    const float side = 2.4f * em, gap = 0.3f * em;
    const int cols = std::max(1, int((width + gap) / (side + gap)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int shown = std::min(int(v.wrong.size()), kGalleryMax);
    std::vector<float> px(std::size_t(d.input_dims));
    for (int i = 0; i < shown; ++i) {
        const int row = v.wrong[std::size_t(i)];
        if (i % cols != 0) ImGui::SameLine(0.0f, gap);
        ImGui::BeginGroup();
        ImGui::PushID(row);
        const ImVec2 mn = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##wrong", ImVec2(side, side))) {
            v.row = row;
            v.drawing = false;
            c.app.pictures_dirty = true;
        }
        for (int j = 0; j < d.input_dims; ++j) px[std::size_t(j)] = d.x(row, j);
        draw_values(dl, mn, ImVec2(mn.x + side, mn.y + side), px.data(), d.image_width, d.image_height, 1,
                    ValueStyle::Ink, 0.0f, d.pixel_max);
        dl->AddRect(mn, ImVec2(mn.x + side, mn.y + side),
                    row == shown_row(c.app.session(), v) && !v.drawing ? IM_COL32(220, 30, 30, 255) : IM_COL32(160, 160, 160, 255));
        char caption[24];
        std::snprintf(caption, sizeof caption, "%d>%d", v.wrong_answer.empty() ? -1 : v.wrong_answer[std::size_t(i)],
                      d.label[std::size_t(row)]);
        ImGui::TextDisabled("%s", caption);
        ImGui::PopID();
        ImGui::EndGroup();
    }
}

}  // namespace

void image_output(PanelContext& c, float width) {
    AppState& app = c.app;
    ImageView& v = app.images;
    const Session& s = app.session();
    const Dataset& d = s.data();
    const float em = ImGui::GetFontSize();
    // Set again below while the mouse is on a pixel; the network panel, drawn first, frames that
    // pixel's weights a frame later.
    c.state.image_hover = -1;
    if (d.size() == 0) {  // MNIST before its images arrived (or without them)
        char text[256];
        if (app.fetch.failed) std::snprintf(text, sizeof text, tr(Str::MnistFailedFmt), app.fetch.error.c_str());
        else std::snprintf(text, sizeof text, "%s", tr(app.fetch.requested ? Str::MnistLoading : Str::MnistMissing));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        return;
    }
    if (app.fetch.bytes > 0 && d.image_width == kMnistSide && app.fetch.arrived_ms > app.fetch.requested_ms) {
        char text[96];
        std::snprintf(text, sizeof text, tr(Str::MnistArrivedFmt), double(app.fetch.bytes) / 1e6,
                      (app.fetch.arrived_ms - app.fetch.requested_ms) / 1000.0);
        ImGui::TextDisabled("%s", text);
    }

    // Which input: step through the test images, or draw one.
    if (ImGui::Button(tr(Str::ImagePrevious))) {
        step_image(s, v, -1);
        app.pictures_dirty = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::ImageNext))) {
        step_image(s, v, +1);
        app.pictures_dirty = true;
    }
    note_ui(c, "next_image");
    Flow flow;
    flow.next(0.0f);
    flow.next(button_width({tr(Str::DrawDigit), tr(Str::ClearDrawing)}));
    if (!v.drawing) {
        if (ImGui::Button(tr(Str::DrawDigit))) {
            v.drawing = true;
            app.pictures_dirty = true;
        }
        note_ui(c, "draw_digit");
        tooltip(Str::TipDrawDigit);
    } else {
        if (ImGui::Button(tr(Str::ClearDrawing))) {
            v.strokes.clear();
            app.pictures_dirty = true;
        }
        note_ui(c, "clear_drawing");
        flow.next(button_width({tr(Str::BackToTest)}));
        if (ImGui::Button(tr(Str::BackToTest))) {
            v.drawing = false;
            app.pictures_dirty = true;
        }
    }
    char caption[128];
    if (v.drawing) {
        std::snprintf(caption, sizeof caption, "%s", tr(Str::YourDrawing));
    } else {
        const int row = shown_row(s, v);
        std::snprintf(caption, sizeof caption, tr(Str::TestImageFmt), row - d.test_begin() + 1, d.n_test(),
                      v.label);
    }
    ImGui::TextUnformatted(caption);

    // The image (or pad) and the class bars side by side where they fit, else one under the other.
    const float bars_w = 9.0f * em;
    const bool side_by_side = width >= 7.0f * em + bars_w + em;
    const float side = side_by_side ? std::min(width - bars_w - em, 12.0f * em) : std::min(width, 14.0f * em);
    ImGui::BeginGroup();
    image_or_pad(c, side);
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine(0.0f, em);
    ImGui::BeginGroup();
    if (v.predicted >= 0 && !(v.drawing && v.strokes.empty())) {
        std::snprintf(caption, sizeof caption, tr(Str::PredictedFmt), v.predicted,
                      double(v.probabilities[std::size_t(v.predicted)] * 100.0f));
        ImGui::TextUnformatted(caption);
    }
    class_bars(v, side_by_side ? bars_w : width);
    if (v.drawing) {
        ImGui::TextDisabled(tr(Str::PadSeesItFmt), d.image_width, d.image_height);
        const ImVec2 mn = ImGui::GetCursorScreenPos();
        const float small = 4.0f * em;
        ImGui::Dummy(ImVec2(small, small));
        if (!v.pixels.empty())
            draw_values(ImGui::GetWindowDrawList(), mn, ImVec2(mn.x + small, mn.y + small), v.pixels.data(),
                        d.image_width, d.image_height, 1, ValueStyle::Ink, 0.0f, d.pixel_max);
        ImGui::GetWindowDrawList()->AddRect(mn, ImVec2(mn.x + small, mn.y + small), IM_COL32(120, 120, 120, 255));
    }
    ImGui::EndGroup();
    if (v.drawing) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextDisabled("%s", tr(Str::PadNote));
        ImGui::PopTextWrapPos();
    }
    vector_row(c, width);
}

void image_results(PanelContext& c, float width) {
    if (c.app.session().data().size() == 0) return;
    confusion_matrix(c.app.images, width);
    gallery(c, width);
}

}  // namespace nnp::app
