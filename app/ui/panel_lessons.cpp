// The lessons in the UI (lessons.hpp has the lessons themselves): a picker listing them with
// their progress, and the card of the lesson being followed, at the top of the data panel.
#include "lessons.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <cstdio>

namespace nnp::app {

void lesson_picker(PanelContext& c) {
    const LessonState& ls = c.app.lesson;
    if (c.state.lesson_picker_open) {
        ImGui::OpenPopup("##lessons");
        c.state.lesson_picker_open = false;
    }
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(24.0f * em, display.x - 2.0f * em), 0.0f),
                                        ImVec2(display.x - 2.0f * em, display.y - 4.0f * em));
    if (!ImGui::BeginPopup("##lessons")) return;
    ImGui::TextUnformatted(tr(Str::LessonsPickTitle));
    ImGui::Separator();
    const Language lang = language();
    for (std::size_t i = 0; i < lessons().size(); ++i) {
        const Lesson& l = lessons()[i];
        int met = 0;
        for (std::size_t k = 0; k < l.steps.size(); ++k) met += step_met(ls, l.id, int(k) + 1) ? 1 : 0;
        char line[320], progress[64];
        std::snprintf(progress, sizeof progress, tr(Str::LessonProgressFmt), met, int(l.steps.size()));
        std::snprintf(line, sizeof line, "%zu. %s", i + 1, l.title.in(lang).c_str());
        ImGui::PushID(int(i));
        if (ImGui::Selectable(line, int(i) == ls.lesson)) c.req.open_lesson = LessonKey{int(i), 0};
        note_ui(c, "lesson_" + l.id);
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s%s", met == int(l.steps.size()) ? tr(Str::MetMark) : "",
                            met == int(l.steps.size()) ? " " : "", progress);  // all met
        ImGui::PopID();
    }
    ImGui::EndPopup();
}

void lesson_card(PanelContext& c, float width) {
    const LessonState& ls = c.app.lesson;
    if (ls.lesson < 0 || ls.lesson >= int(lessons().size())) return;
    const Lesson& l = lessons()[std::size_t(ls.lesson)];
    const int steps = int(l.steps.size());
    const int k = std::clamp(ls.step, 0, steps - 1);
    const LessonStep& step = l.steps[std::size_t(k)];
    const Language lang = language();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(232, 242, 252, 255));
    ImGui::BeginChild("##lesson", ImVec2(width, 0.0f),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(l.title.in(lang).c_str());
    char where[64];
    std::snprintf(where, sizeof where, tr(Str::LessonStepFmt), k + 1, steps);
    ImGui::TextDisabled("%s", where);
    ImGui::TextUnformatted(step.text.in(lang).c_str());
    const bool met = step_met(ls, l.id, k + 1);
    const std::string goal = std::string(tr(Str::LessonGoal)) + " " + describe_goal(step.terms);
    ImGui::TextUnformatted(goal.c_str());
    if (met) ImGui::TextColored(ImVec4(0.10f, 0.50f, 0.20f, 1.0f), "%s %s", tr(Str::MetMark), tr(Str::LessonGoalMet));
    else ImGui::TextDisabled("%s", tr(Str::LessonGoalOpen));
    if (ls.show_hint && !step.hint.en.empty()) ImGui::TextColored(ImVec4(0.45f, 0.30f, 0.0f, 1.0f), "%s", step.hint.in(lang).c_str());
    ImGui::PopTextWrapPos();
    // Back, next, hint, set up again, close: on rows that wrap.
    Flow flow;
    const auto button = [&](Str id, bool enabled) {
        flow.next(button_width({tr(id)}));
        ImGui::BeginDisabled(!enabled);
        const bool pressed = ImGui::Button(tr(id));
        ImGui::EndDisabled();
        return pressed;
    };
    if (button(Str::LessonBack, k > 0)) c.req.open_lesson = LessonKey{ls.lesson, k - 1};
    note_ui(c, "lesson_back");
    if (button(Str::LessonNext, k + 1 < steps)) c.req.open_lesson = LessonKey{ls.lesson, k + 1};
    note_ui(c, "lesson_next");
    if (!step.hint.en.empty() && button(Str::LessonHint, true)) c.app.lesson.show_hint = !ls.show_hint;
    if (button(Str::LessonSetUp, true)) c.req.open_lesson = LessonKey{ls.lesson, k};
    tooltip(Str::TipLessonSetUp);
    if (button(Str::LessonClose, true)) c.req.open_lesson = LessonKey{-1, 0};
    note_ui(c, "lesson_close");
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace nnp::app
