// The data panel: a thumbnail per dataset (a small scatter of each set, baked in sprites.cpp), noise,
// train share, batch size, number of points and classes, regenerate, and the display toggles.
// Data edits take effect when the slider is released, so dragging does not rebuild every frame.
#include "colormap.hpp"
#include "compare.hpp"
#include "fields.hpp"
#include "panels.hpp"
#include "sprites.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cstdio>
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

// Compare: which setting the runs differ in, their values, and the button that starts the race.
void compare_controls(AppState& app, ExperimentConfig& next, float width) {
    AppState::CompareEdit& edit = app.compare;
    const auto choices = race_choices();
    if (!ImGui::IsAnyItemActive()) {  // follow a race that came from a link
        const int from_config = race_choice_of(app.config.race);
        if (from_config != 0 && edit.choice != from_config) {
            edit.choice = from_config;
            edit.values = race_values_text(app.config.race);
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr(Str::Compare));
    tooltip(Str::TipCompare);
    const auto label_of = [](const RaceChoice& ch) {
        const auto id = str_by_name(ch.label);
        return id ? tr(*id) : ch.key;
    };
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##race", label_of(choices[std::size_t(edit.choice)]))) {
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (ImGui::Selectable(label_of(choices[i]), int(i) == edit.choice) && int(i) != edit.choice) {
                edit.choice = int(i);
                edit.values = choices[i].values;
                if (i == 0) next.race = {};  // back to one run at once
            }
        }
        ImGui::EndCombo();
    }
    if (edit.choice == 0) return;
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%s", edit.values.c_str());
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputText("##values", buffer, sizeof buffer)) edit.values = buffer;
    tooltip(Str::TipCompareValues);
    const bool stacking = next.ensemble.kind == EnsembleKind::Stacking;
    if (ImGui::Button(tr(stacking ? Str::StackingStart : Str::CompareStart), ImVec2(width, 0))) {
        next.race = race_from_text(choices[std::size_t(edit.choice)].key, edit.values);
        // A race and bagging or boosting do not combine; stacking's base learners are the race.
        if (next.ensemble.kind != EnsembleKind::Stacking) next.ensemble.kind = EnsembleKind::None;
        // What validation will change or drop is said here, not lost.
        ExperimentConfig checked = next;
        edit.problems.clear();
        for (const ConfigIssue& i : validate(checked))
            if (i.field.rfind("race", 0) == 0) edit.problems.push_back(describe_issue(i));
    }
    tooltip(Str::TipCompareStart);
    if (!edit.problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 80, 0, 255));
        ImGui::PushTextWrapPos(0.0f);
        for (const std::string& p : edit.problems) ImGui::TextUnformatted(p.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
}

// Ensemble: none, bagging, boosting (not for a value set) or stacking, its members and, for
// boosting, each learner's epochs, for stacking its folds.
void ensemble_controls(ExperimentConfig& next, float width) {
    ImGui::Separator();
    ImGui::TextUnformatted(field_label("ens"));
    tooltip(field_tip("ens"));
    const bool regression = task_of(next) == Task::Regression;
    ImGui::SetNextItemWidth(width);
    const EnsembleKind before = next.ensemble.kind;
    enum_combo("##ens", &next.ensemble.kind,
               [regression](EnsembleKind k) { return !(regression && k == EnsembleKind::Boosting); });
    tooltip(field_tip("ens"));
    // Bagging and boosting end a race; stacking takes the race's runs as its base learners
    // (validation gives it some when there is no race).
    if (next.ensemble.kind != before && next.ensemble.kind != EnsembleKind::None &&
        next.ensemble.kind != EnsembleKind::Stacking)
        next.race = {};
    if (next.ensemble.kind == EnsembleKind::None) return;
    const float label_w = 0.45f * width;
    const auto int_row = [&](const char* key, int* v) {
        const Field& f = field(key);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(field_label(key));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(width - label_w);
        ImGui::SliderInt((std::string("##") + key).c_str(), v, int(f.lo), int(std::min(f.hi, 200.0)), "%d",
                         ImGuiSliderFlags_AlwaysClamp);
        tooltip(field_tip(key));
    };
    if (next.ensemble.kind == EnsembleKind::Stacking) {
        int_row("folds", &next.ensemble.folds);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(Str::StackingBaseHint));
        ImGui::PopTextWrapPos();
        return;
    }
    int_row("members", &next.ensemble.members);
    if (next.ensemble.kind == EnsembleKind::Boosting) int_row("lepochs", &next.ensemble.learner_epochs);
}

}  // namespace

void panel_data(PanelContext& c, const Rect& r) {
    ExperimentConfig& next = c.req.next;
    const float em = ImGui::GetFontSize();
    if (!begin_panel(c, tr(Str::PanelData), r)) {
        end_panel(c);
        return;
    }
    lesson_card(c, ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(tr(Str::Dataset));
    tooltip(Str::TipDataset);
    const auto& kinds = enum_table<DatasetKind>();
    const float avail = ImGui::GetContentRegionAvail().x;
    // Four thumbnails a row in the side column (three rows for the ten sets, so the controls
    // below fit a laptop's height), up to five in a wide stacked panel.
    const int cols = std::clamp(int(avail / (3.6f * em)), 3, 5);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (avail - gap * float(cols - 1)) / float(cols);
    const ImVec2 size(w, std::min(w, 3.4f * em));
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const DatasetKind kind = kinds[i].value;
        if (i % cols != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        const bool picked = thumbnail_button(kind, kind == next.data.kind, size);
        note_ui(c, std::string("data_") + kinds[i].url);
        if (picked && kind != next.data.kind) {
            const DatasetSpec previous = next.data;
            next.data.kind = kind;
            if (kind == DatasetKind::Csv) next.data.user = c.app.csv.data;  // the data last given, if any
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
    // The labels' column is as wide as the widest label (at most 45% of the panel).
    float widest = 0.0f;
    for (const char* key : {"noise", "train", "val", "points", "classes", "batch", "norm"})
        widest = std::max(widest, ImGui::CalcTextSize(field_label(key)).x);
    const float label_w = std::min(widest + gap, 0.45f * avail);
    const float field_w = std::max(avail - label_w - gap, 4.0f * em);
    // A label wider than the column (a narrow panel, a long translation) gets a row of its own,
    // with its widget below at the full width, rather than a widget drawn over it.
    auto row_label = [&](const char* text) {
        const float x0 = ImGui::GetCursorPosX();  // SameLine's offsets count from the window's edge
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        if (ImGui::CalcTextSize(text).x + gap <= label_w) {
            ImGui::SameLine(x0 + label_w);
            ImGui::SetNextItemWidth(field_w);
        } else {
            ImGui::SetNextItemWidth(avail);
        }
    };
    ExperimentConfig& editing = c.state.data_editing;  // the slider values while dragging
    bool& dragging = c.state.data_dragging;
    if (!dragging) editing = next;
    bool released = false, active = false;
    // A slider over a field's own range, label and tooltip (its row in the field table), applied
    // when released.
    const auto slider = [&](const char* key, const char* fmt, bool log) {
        const Field& f = field(key);
        row_label(field_label(key));
        ImGui::PushID(key);
        const ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp | (log ? ImGuiSliderFlags_Logarithmic : 0);
        if (f.type == FieldType::Int) {
            int v = int(f.get(editing));
            if (ImGui::SliderInt("##s", &v, int(f.lo), int(f.hi), fmt, flags)) f.set(editing, v);
        } else {
            float v = float(f.get(editing));
            if (ImGui::SliderFloat("##s", &v, float(f.lo), float(f.hi), fmt, flags)) f.set(editing, v);
        }
        ImGui::PopID();
        active |= ImGui::IsItemActive();
        released |= ImGui::IsItemDeactivatedAfterEdit();
        tooltip(field_tip(key));
        note_ui(c, std::string("slider_") + key);
    };
    // An image set has its images as they are: no noise to add, no number of points to draw.
    const bool images = is_image_set(next.data.kind);
    const bool own = next.data.kind == DatasetKind::Csv;  // the user's rows, as they are
    if (own) csv_section(c, next, avail);
    if (!images && !own) slider("noise", "%.0f", false);
    slider("train", "%.0f%%", false);
    slider("val", "%.0f%%", false);
    if (!images && !own) slider("points", "%d", true);
    if (next.data.kind == DatasetKind::Blobs || next.data.kind == DatasetKind::KSpiral) slider("classes", "%d", false);
    dragging = active;
    if (released) {
        editing.data.kind = next.data.kind;
        editing.data.seed = next.data.seed;
        next.data = editing.data;
        next.validation_percent = editing.validation_percent;
    }

    row_label(field_label("batch"));
    const Field& batch = field("batch");
    ImGui::SliderInt("##batch", &next.batch_size, int(batch.lo), int(batch.hi), "%d",
                     ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    tooltip(field_tip("batch"));
    row_label(field_label("norm"));
    enum_combo("##norm", &next.normalization);
    tooltip(field_tip("norm"));

    if (ImGui::Button(tr(Str::Regenerate), ImVec2(avail, 0))) next.data.seed += 1;
    tooltip(Str::TipRegenerate);
    note_ui(c, "regenerate");
    if (!images) {  // the test points are drawn on the plane
        ImGui::Checkbox(tr(Str::ShowTest), &next.show_test);
        tooltip(Str::TipShowTest);
        note_ui(c, "show_test");
    }
    compare_controls(c.app, next, avail);
    ensemble_controls(next, avail);
    end_panel(c, &c.state.heights.data);
}

}  // namespace nnp::app
