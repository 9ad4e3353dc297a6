// The app's lessons and coach (see app_state.hpp): a link's lesson= and step=, opening a step,
// ticking its goal (remembered in the browser), and the coach's notes, worded and linked to the
// lesson that explains them.
#include "app_state.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace nnp::app {

std::optional<LessonKey> take_lesson(std::string& link, std::string* unknown) {
    const auto id = take_key(link, "lesson");
    if (!id) return std::nullopt;  // a step= alone stays, and the link reader names it
    const auto step_text = take_key(link, "step");
    const int step = step_text ? std::clamp(std::atoi(step_text->c_str()), 1, 1000) : 1;
    if (const int lesson = lesson_index(*id); lesson >= 0) {
        const int steps = int(lessons()[std::size_t(lesson)].steps.size());
        return LessonKey{lesson, std::clamp(step, 1, steps) - 1};
    }
    if (unknown) *unknown = link_text::clip(*id);
    return std::nullopt;
}

namespace {

void store_progress(const AppState& app) {
    const LinkPlatform& page = link_platform();
    if (page.write_store) page.write_store("nnp.lessons", progress_text(app.lesson));
}

}  // namespace

void app_open_lesson(AppState& app, int lesson, int step) {
    LessonState& ls = app.lesson;
    if (lesson < 0 || lesson >= int(lessons().size())) {
        ls.lesson = -1;
        return;
    }
    const Lesson& l = lessons()[std::size_t(lesson)];
    ls.lesson = lesson;
    ls.step = std::clamp(step, 0, int(l.steps.size()) - 1);
    ls.show_hint = false;
    app_open_link(app, l.steps[std::size_t(ls.step)].link);  // a plain link: the lesson stays
}

void lesson_update(AppState& app) {
    LessonState& ls = app.lesson;
    if (ls.lesson < 0 || ls.lesson >= int(lessons().size())) return;
    const Lesson& l = lessons()[std::size_t(ls.lesson)];
    const LessonStep& step = l.steps[std::size_t(std::clamp(ls.step, 0, int(l.steps.size()) - 1))];
    if (goal_met(app, step.terms) && mark_met(ls, l.id, ls.step + 1)) store_progress(app);
}

void coach_update(AppState& app) {
    if (app.runs.empty()) return;
    Run& r = app.run();
    const std::int64_t e = r.session->epoch();
    constexpr std::int64_t kEvery = 10;
    if (r.coach_epoch >= 0 && e >= r.coach_epoch && e < r.coach_epoch + kEvery) return;
    r.coach = coach(*r.session);
    r.coach_epoch = e;
}

std::string describe_note(const CoachNote& n) {
    char text[512];
    switch (n.code) {
        case CoachCode::StepActivation: std::snprintf(text, sizeof text, tr(Str::CoachStepFmt), n.layer + 1); break;
        case CoachCode::Plateau:
            std::snprintf(text, sizeof text, tr(Str::CoachPlateauFmt), static_cast<long long>(n.span));
            break;
        case CoachCode::DeadRelu:
            std::snprintf(text, sizeof text, tr(Str::CoachDeadReluFmt), n.count, n.total, n.layer + 1);
            break;
        case CoachCode::Saturated:
            std::snprintf(text, sizeof text, tr(Str::CoachSaturatedFmt), n.count, n.total, n.layer + 1);
            break;
        case CoachCode::LossRising:
            std::snprintf(text, sizeof text, tr(Str::CoachRisingFmt), double(n.reference), double(n.value));
            break;
        case CoachCode::Overfitting:
            std::snprintf(text, sizeof text, tr(Str::CoachOverfittingFmt),
                          tr(n.on_test ? Str::TestLossWord : Str::ValLossWord), static_cast<long long>(n.since));
            break;
    }
    return text;
}

LessonKey lesson_for_note(const CoachNote& n) {
    const auto at = [](const char* id, int step) {
        const int lesson = lesson_index(id);
        return lesson >= 0 ? LessonKey{lesson, step} : LessonKey{};
    };
    switch (n.code) {
        case CoachCode::StepActivation: return at("activations", 0);
        case CoachCode::Plateau: return at("oysters", 1);
        case CoachCode::DeadRelu: return at("activations", 1);
        case CoachCode::Saturated: return at("activations", 2);
        case CoachCode::LossRising: return at("optimizers", 1);
        case CoachCode::Overfitting: return at("overfitting", 0);
    }
    return {};
}

}  // namespace nnp::app
