// The data panel: a thumbnail per dataset (a small scatter of each set, drawn once), noise,
// train share, batch size, number of points and classes, regenerate, and the display toggles.
// Data edits take effect when the slider is released, so dragging does not rebuild every frame.
#include "colormap.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <vector>

namespace nnp::app {

namespace {

struct Thumb {
    DatasetKind kind;
    std::vector<ImVec2> points;  // in [0, 1]^2, y down
    std::vector<ImU32> colors;
};

const std::vector<Thumb>& thumbnails() {
    static std::vector<Thumb> thumbs;
    if (!thumbs.empty()) return thumbs;
    for (const auto& e : enum_table<DatasetKind>()) {
        DatasetSpec spec;
        spec.kind = e.value;
        spec.points = 160;
        spec.noise = 5.0f;
        spec.classes = 4;
        const Dataset d = generate_dataset(spec);
        Thumb t{e.value, {}, {}};
        float m = 1e-6f;
        for (Eigen::Index i = 0; i < d.value.size(); ++i) m = std::max(m, std::abs(d.value.data()[i]));
        for (int i = 0; i < d.size(); ++i) {
            const float x = (d.x(i, 0) - d.domain.x_min) / (d.domain.x_max - d.domain.x_min);
            // One-input data: spread the points over the height by a fixed, even sequence.
            const float y = d.input_dims == 2
                                ? (d.domain.y_max - d.x(i, 1)) / (d.domain.y_max - d.domain.y_min)
                                : 0.1f + 0.8f * float((i * 37) % 101) / 100.0f;
            t.points.emplace_back(std::clamp(x, 0.0f, 1.0f), std::clamp(y, 0.0f, 1.0f));
            const Rgb c = d.task == Task::Regression ? diverging(d.value(i, 0), -m, m)
                                                     : class_color(d.label[std::size_t(i)]);
            t.colors.push_back(to_imgui(c));
        }
        thumbs.push_back(std::move(t));
    }
    return thumbs;
}

// A dataset button: the thumbnail with a frame, highlighted when selected.
bool thumbnail_button(const Thumb& t, bool selected, ImVec2 size) {
    ImGui::PushID(int(t.kind));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("##thumb", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + size.x, p.y + size.y);
    dl->AddRectFilled(p, q, IM_COL32(250, 250, 250, 255));
    const float r = std::max(1.0f, size.x / 70.0f);
    for (std::size_t i = 0; i < t.points.size(); ++i) {
        const ImVec2 c(p.x + 2 + t.points[i].x * (size.x - 4), p.y + 2 + t.points[i].y * (size.y - 4));
        dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), t.colors[i]);
    }
    const bool hovered = ImGui::IsItemHovered();
    const ImU32 frame = selected ? ImGui::GetColorU32(ImGuiCol_ButtonActive)
                                 : hovered ? ImGui::GetColorU32(ImGuiCol_ButtonHovered)
                                           : IM_COL32(120, 120, 120, 255);
    dl->AddRect(p, q, frame, 0.0f, 0, selected ? 3.0f : 1.0f);
    ImGui::PopID();
    return clicked;
}

}  // namespace

void panel_data(PanelContext& c, const Rect& r) {
    ExperimentConfig& next = c.req.next;
    const float em = ImGui::GetFontSize();
    if (!begin_panel(tr(Str::PanelData), r)) {
        ImGui::End();
        return;
    }
    ImGui::TextUnformatted(tr(Str::Dataset));
    tooltip(Str::TipDataset);
    const auto& thumbs = thumbnails();
    const float avail = ImGui::GetContentRegionAvail().x;
    const int cols = 3;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (avail - gap * float(cols - 1)) / float(cols);
    const ImVec2 size(w, std::min(w, 3.4f * em));
    for (std::size_t i = 0; i < thumbs.size(); ++i) {
        if (i % cols != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        if (thumbnail_button(thumbs[i], thumbs[i].kind == next.data.kind, size) &&
            thumbs[i].kind != next.data.kind) {
            const DatasetKind previous = next.data.kind;
            next.data.kind = thumbs[i].kind;
            adapt_to_dataset(next, previous);
        }
        ImGui::EndGroup();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em * 24.0f);
            ImGui::TextUnformatted(label(thumbs[i].kind));
            if (const char* t = tip(thumbs[i].kind)) ImGui::TextDisabled("%s", t);
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    ImGui::TextDisabled("%s", label(next.data.kind));
    ImGui::Separator();

    // Data edits apply when released (IsItemDeactivatedAfterEdit), live ones at once.
    const float label_w = 5.5f * em;
    const float field_w = std::max(avail - label_w - gap, 4.0f * em);
    auto row_label = [&](Str s) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(s));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(field_w);
    };
    static DatasetSpec editing;  // the slider values while dragging
    static bool dragging = false;
    if (!dragging) editing = next.data;
    bool released = false, active = false;

    row_label(Str::Noise);
    ImGui::SliderFloat("##noise", &editing.noise, 0.0f, 50.0f, "%.0f", ImGuiSliderFlags_AlwaysClamp);
    active |= ImGui::IsItemActive();
    released |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip(Str::TipNoise);
    row_label(Str::TrainPercent);
    ImGui::SliderFloat("##train", &editing.train_percent, 10.0f, 90.0f, "%.0f%%",
                       ImGuiSliderFlags_AlwaysClamp);
    active |= ImGui::IsItemActive();
    released |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip(Str::TipTrainPercent);
    row_label(Str::Points);
    ImGui::SliderInt("##points", &editing.points, 20, 5000, "%d",
                     ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    active |= ImGui::IsItemActive();
    released |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip(Str::TipPoints);
    if (next.data.kind == DatasetKind::Blobs || next.data.kind == DatasetKind::KSpiral) {
        row_label(Str::Classes);
        ImGui::SliderInt("##classes", &editing.classes, 3, 6, "%d", ImGuiSliderFlags_AlwaysClamp);
        active |= ImGui::IsItemActive();
        released |= ImGui::IsItemDeactivatedAfterEdit();
        tooltip(Str::TipClasses);
    }
    dragging = active;
    if (released) {
        editing.kind = next.data.kind;
        editing.seed = next.data.seed;
        next.data = editing;
    }

    row_label(Str::BatchSize);
    ImGui::SliderInt("##batch", &next.batch_size, 1, 500, "%d",
                     ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    tooltip(Str::TipBatchSize);

    if (ImGui::Button(tr(Str::Regenerate), ImVec2(avail, 0))) next.data.seed += 1;
    tooltip(Str::TipRegenerate);
    ImGui::Checkbox(tr(Str::ShowTest), &next.show_test);
    tooltip(Str::TipShowTest);
    ImGui::End();
}

}  // namespace nnp::app
