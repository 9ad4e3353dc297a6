// The data panel: a thumbnail per dataset (a small scatter of each set, baked in sprites.cpp), noise,
// train share, batch size, number of points and classes, regenerate, and the display toggles.
// Data edits take effect when the slider is released, so dragging does not rebuild every frame.
#include "colormap.hpp"
#include "panels.hpp"
#include "sprites.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <vector>

namespace nnp::app {

namespace {

// A dataset button: the thumbnail with a frame, highlighted when selected.
bool thumbnail_button(DatasetKind kind, bool selected, ImVec2 size) {
    ImGui::PushID(int(kind));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("##thumb", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + size.x, p.y + size.y);
    draw_thumbnail(dl, kind, p, q);
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
    const auto& kinds = enum_table<DatasetKind>();
    const float avail = ImGui::GetContentRegionAvail().x;
    const int cols = 3;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (avail - gap * float(cols - 1)) / float(cols);
    const ImVec2 size(w, std::min(w, 3.4f * em));
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const DatasetKind kind = kinds[i].value;
        if (i % cols != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        if (thumbnail_button(kind, kind == next.data.kind, size) && kind != next.data.kind) {
            const DatasetKind previous = next.data.kind;
            next.data.kind = kind;
            adapt_to_dataset(next, previous);
        }
        ImGui::EndGroup();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em * 24.0f);
            ImGui::TextUnformatted(label(kind));
            if (const char* t = tip(kind)) ImGui::TextDisabled("%s", t);
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
