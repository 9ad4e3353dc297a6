// The user's own data in the data panel: the CSV box (pasted text, or a file dropped on the page
// or chosen with the button), what was read (rows, columns, header), the label and the input
// columns to choose, every problem in words, and the button that trains on the chosen columns.
// Cells and names are drawn as plain text: a header of HTML is shown as the characters it is.
#include "app_state.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace nnp::app {

namespace {

// ImGui's text box over a std::string: it grows the string as the user types or pastes.
int resize_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(std::size_t(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

bool text_box(const char* id, std::string& text, ImVec2 size) {
    return ImGui::InputTextMultiline(id, text.data(), text.capacity() + 1, size,
                                     ImGuiInputTextFlags_CallbackResize, resize_string, &text);
}

void problem_list(const std::vector<CsvProblem>& problems, float height) {
    if (problems.empty()) return;
    ImGui::BeginChild("##csv_problems", ImVec2(0, height), true);
    ImGui::PushTextWrapPos(0.0f);
    for (const CsvProblem& p : problems) {
        const ImU32 colour = refuses(p.code) ? IM_COL32(190, 30, 30, 255) : IM_COL32(170, 80, 0, 255);
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(describe_csv_problem(p).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

}  // namespace

void csv_section(PanelContext& c, ExperimentConfig& next, float width) {
    CsvInput& in = c.app.csv;
    const float em = ImGui::GetFontSize();
    ImGui::TextUnformatted(tr(Str::CsvTitle));
    tooltip(Str::TipCsv);
    ImGui::PushTextWrapPos(0.0f);
    if (in.link_without_data) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 80, 0, 255));
        ImGui::TextUnformatted(tr(Str::CsvLinkNote));
        ImGui::PopStyleColor();
    }
    if (in.text.empty()) ImGui::TextDisabled("%s", tr(Str::CsvPasteHint));
    if (!in.file_name.empty())
        ImGui::TextDisabled(tr(Str::CsvFileFmt), in.file_name.c_str(), double(in.file_size) / 1024.0);
    ImGui::PopTextWrapPos();
    text_box("##csv_text", in.text, ImVec2(width, 6.0f * em));
    note_ui(c, "csv_text");

    const bool can_choose = link_platform().choose_file != nullptr;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float half = can_choose ? (width - gap) * 0.5f : width;
    if (ImGui::Button(tr(Str::CsvRead), ImVec2(half, 0))) csv_read(c.app);
    tooltip(Str::TipCsvRead);
    note_ui(c, "csv_read");
    if (can_choose) {
        ImGui::SameLine();
        if (ImGui::Button(tr(Str::CsvChooseFile), ImVec2(half, 0))) link_platform().choose_file();
        note_ui(c, "csv_choose");
    }

    if (in.read && in.table.ok) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::Text(tr(Str::CsvTableFmt), in.table.rows(), in.table.cols());
        ImGui::TextDisabled("%s", tr(in.table.has_header ? Str::CsvHeaderYes : Str::CsvHeaderNo));
        ImGui::PopTextWrapPos();
        const auto& columns = in.table.columns;
        // The label: any column.
        ImGui::TextUnformatted(tr(Str::CsvLabelColumn));
        ImGui::SetNextItemWidth(width);
        const int label = std::clamp(in.label, 0, int(columns.size()) - 1);
        if (ImGui::BeginCombo("##csv_label", columns[std::size_t(label)].c_str())) {
            for (std::size_t j = 0; j < columns.size(); ++j) {
                ImGui::PushID(int(j));
                if (ImGui::Selectable(columns[j].c_str(), int(j) == label)) {
                    if (in.label >= 0 && std::size_t(in.label) < in.inputs.size()) in.inputs[std::size_t(in.label)] = 1;
                    in.label = int(j);
                    in.inputs[j] = 0;
                }
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::TextUnformatted(tr(Str::CsvTargetKind));
        ImGui::SetNextItemWidth(width);
        const Str kinds[] = {Str::CsvTargetAuto, Str::CsvTargetClasses, Str::CsvTargetRegression};
        int kind = int(in.target);
        if (ImGui::Combo("##csv_target", &kind, [](void* d, int i) { return tr(static_cast<const Str*>(d)[i]); },
                         const_cast<Str*>(kinds), 3))
            in.target = TargetKind(kind);
        // The inputs: a checkbox per column, in a scrolling box when there are many.
        ImGui::TextUnformatted(tr(Str::CsvInputColumns));
        const float rows_h = ImGui::GetFrameHeightWithSpacing() * float(std::min<std::size_t>(columns.size(), 6));
        ImGui::BeginChild("##csv_inputs", ImVec2(width, rows_h + ImGui::GetStyle().WindowPadding.y * 2), true);
        for (std::size_t j = 0; j < columns.size() && j < in.inputs.size(); ++j) {
            if (int(j) == label) continue;
            ImGui::PushID(int(j));
            bool on = in.inputs[j] != 0;
            if (ImGui::Checkbox(columns[j].c_str(), &on)) in.inputs[j] = on ? 1 : 0;
            ImGui::PopID();
        }
        ImGui::EndChild();
        if (ImGui::Button(tr(Str::CsvUse), ImVec2(width, 0)) && csv_make(c.app)) {
            const DatasetSpec previous = next.data;
            next.data.kind = DatasetKind::Csv;
            next.data.user = in.data;
            adapt_to_dataset(next, previous);
        }
        tooltip(Str::TipCsvUse);
        note_ui(c, "csv_use");
    }
    problem_list(in.problems, std::min(8.0f * em, (float(in.problems.size()) * 2.6f + 0.6f) * em));
    if (next.data.kind == DatasetKind::Csv && next.data.user) {
        const UserData& d = *next.data.user;
        char what[96];
        if (d.task == Task::Regression) std::snprintf(what, sizeof what, "%s", d.target_name.c_str());
        else std::snprintf(what, sizeof what, "%s (%d)", d.target_name.c_str(), int(d.class_names.size()));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled(tr(Str::CsvInUseFmt), d.rows(), d.inputs(), what);
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();
}

}  // namespace nnp::app
