// Lessons that follow the lecture: each one a short list of steps; a step is a text in English
// and Korean, a link that sets up the experiment, a goal the app checks live, and a hint. The
// lessons are data: one file each in lessons/ (read at build time, see lessons/README.md for the
// format), so a teacher adds one without touching C++.
//
// A goal is one or more conditions joined by "and": `metric op number`, with op one of
// < <= > >= and a metric of the selected run (kGoalMetrics), e.g.
//   epoch >= 200 and test_accuracy < 0.8
// A step may give a `solution`: a link on which training alone meets the goal (a test checks
// it); without one, the step's own link must do so.
#pragma once

#include "strings.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnp::app {

struct AppState;

struct LessonText {
    std::string en, ko;
    const std::string& in(Language lang) const { return lang == Language::Korean && !ko.empty() ? ko : en; }
};

struct GoalTerm {
    std::string metric;
    enum class Op { Less, LessEqual, Greater, GreaterEqual } op = Op::GreaterEqual;
    double value = 0.0;
};

struct LessonStep {
    LessonText text, hint;
    std::string link;      // the experiment of this step (a share link's fragment)
    std::string goal;      // as written; `terms` is it parsed
    std::vector<GoalTerm> terms;
    std::string solution;  // optional: a link on which training meets the goal
};

struct Lesson {
    std::string id;
    LessonText title;
    std::vector<LessonStep> steps;
};

// The metrics a goal may name, each read from the selected run (and the app for "runs").
struct GoalMetric {
    const char* name;
    Str label;  // its words, for the goal as shown
};
std::span<const GoalMetric> goal_metrics();

// Parses one lesson file; errors name the line ("line 12: unknown key 'txet.en'").
struct LessonParse {
    std::optional<Lesson> lesson;
    std::vector<std::string> errors;
};
LessonParse parse_lesson(std::string_view text);
// "epoch >= 200 and test_accuracy < 0.8" -> terms; nullopt (and `error`) if malformed.
std::optional<std::vector<GoalTerm>> parse_goal(std::string_view text, std::string* error = nullptr);

// The lessons built into the app, in order (lessons/*.txt, embedded at build time).
const std::vector<Lesson>& lessons();
const Lesson* find_lesson(std::string_view id);
int lesson_index(std::string_view id);  // its index in lessons(), -1 if none

// A metric's value now: from the selected run of `app` (NaN if unknown).
double goal_metric(const AppState& app, std::string_view metric);
// Whether every term of the goal holds now (an empty goal never does).
bool goal_met(const AppState& app, const std::vector<GoalTerm>& terms);
// The goal in words, in the active language ("epoch ≥ 200 and test accuracy < 80%").
std::string describe_goal(const std::vector<GoalTerm>& terms);

// The lesson being followed, if any, and which steps were met (kept across visits).
struct LessonState {
    int lesson = -1;  // index into lessons(), -1 = none
    int step = 0;
    bool show_hint = false;
    std::vector<std::string> met;  // "lesson-id/step" (1-based), each once
};
bool step_met(const LessonState& s, std::string_view lesson_id, int step);
// Marks the step met; true if it was not before.
bool mark_met(LessonState& s, std::string_view lesson_id, int step);
// Progress as stored ("xor/1 xor/2 ...") and back.
std::string progress_text(const LessonState& s);
void read_progress(LessonState& s, std::string_view text);

}  // namespace nnp::app
