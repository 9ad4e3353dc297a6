// Lessons: the file format's reader, goals and progress (see lessons.hpp).
#include "lessons.hpp"

#include "app_state.hpp"
#include "nnp_lessons.hpp"  // generated: kLessonFiles, the text of lessons/*.txt in order

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace nnp::app {

namespace {

constexpr GoalMetric kGoalMetrics[] = {
    {"epoch", Str::MetricEpoch},
    {"train_loss", Str::MetricTrainLoss},
    {"test_loss", Str::MetricTestLoss},
    {"val_loss", Str::MetricValLoss},
    {"train_accuracy", Str::MetricTrainAccuracy},
    {"test_accuracy", Str::MetricTestAccuracy},
    {"val_accuracy", Str::MetricValAccuracy},
    {"loss_gap", Str::MetricLossGap},  // test loss minus training loss: overfitting shows here
    {"hidden_layers", Str::MetricHiddenLayers},
    {"runs", Str::MetricRuns},
    {"early_stopped", Str::MetricEarlyStopped},  // 1 once early stopping has stopped the run
    {"backprop_step", Str::MetricBackpropStep},  // the walk-through's step (while it is open)
    {"surface_steps", Str::MetricSurfaceSteps},  // steps taken on the loss surface (while it is open)
    // An ensemble's (while there is one): its test accuracy, its members' mean, the difference,
    // and how many members it has (boosting: learners added so far).
    {"ensemble_accuracy", Str::MetricEnsembleAccuracy},
    {"members_mean_accuracy", Str::MetricMembersMeanAccuracy},
    {"ensemble_gain", Str::MetricEnsembleGain},
    {"members", Str::MetricMembers},
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool is_metric(std::string_view name) {
    return std::any_of(std::begin(kGoalMetrics), std::end(kGoalMetrics),
                       [&](const GoalMetric& m) { return name == m.name; });
}

}  // namespace

std::span<const GoalMetric> goal_metrics() { return kGoalMetrics; }

std::optional<std::vector<GoalTerm>> parse_goal(std::string_view text, std::string* error) {
    std::vector<GoalTerm> terms;
    const auto fail = [&](std::string why) -> std::optional<std::vector<GoalTerm>> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    text = trim(text);
    if (text.empty()) return fail("the goal is empty");
    while (!text.empty()) {
        const std::size_t and_at = text.find(" and ");
        const std::string_view part = trim(text.substr(0, and_at));
        text = and_at == std::string_view::npos ? std::string_view{} : text.substr(and_at + 5);
        // metric, operator, number
        std::size_t op_at = part.find_first_of("<>");
        if (op_at == std::string_view::npos) return fail("no < or > in '" + std::string(part) + "'");
        GoalTerm t;
        t.metric = std::string(trim(part.substr(0, op_at)));
        const bool equal = op_at + 1 < part.size() && part[op_at + 1] == '=';
        t.op = part[op_at] == '<' ? (equal ? GoalTerm::Op::LessEqual : GoalTerm::Op::Less)
                                  : (equal ? GoalTerm::Op::GreaterEqual : GoalTerm::Op::Greater);
        const std::string number(trim(part.substr(op_at + (equal ? 2 : 1))));
        char* end = nullptr;
        t.value = std::strtod(number.c_str(), &end);
        if (number.empty() || *end != '\0' || !std::isfinite(t.value))
            return fail("'" + number + "' is not a number");
        if (!is_metric(t.metric)) return fail("unknown metric '" + t.metric + "'");
        terms.push_back(std::move(t));
    }
    return terms;
}

LessonParse parse_lesson(std::string_view text) {
    LessonParse out;
    Lesson lesson;
    int line_no = 0;
    const auto error = [&](const std::string& what) {
        out.errors.push_back("line " + std::to_string(line_no) + ": " + what);
    };
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (line == "step") {
            lesson.steps.emplace_back();
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            error("expected 'key: value' or 'step'");
            continue;
        }
        const std::string_view key = trim(line.substr(0, colon));
        const std::string value(trim(line.substr(colon + 1)));
        if (key == "id") lesson.id = value;
        else if (key == "title.en") lesson.title.en = value;
        else if (key == "title.ko") lesson.title.ko = value;
        else if (lesson.steps.empty()) error("'" + std::string(key) + "' before the first 'step'");
        else {
            LessonStep& s = lesson.steps.back();
            if (key == "text.en") s.text.en += (s.text.en.empty() ? "" : " ") + value;
            else if (key == "text.ko") s.text.ko += (s.text.ko.empty() ? "" : " ") + value;
            else if (key == "hint.en") s.hint.en = value;
            else if (key == "hint.ko") s.hint.ko = value;
            else if (key == "link") s.link = value;
            else if (key == "solution") s.solution = value;
            else if (key == "goal") {
                s.goal = value;
                std::string why;
                if (auto terms = parse_goal(value, &why)) s.terms = std::move(*terms);
                else error("goal: " + why);
            } else error("unknown key '" + std::string(key) + "'");
        }
    }
    if (lesson.id.empty()) out.errors.push_back("no id");
    if (lesson.title.en.empty() || lesson.title.ko.empty()) out.errors.push_back("a title needs title.en and title.ko");
    if (lesson.steps.empty()) out.errors.push_back("no step");
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& s = lesson.steps[i];
        const std::string which = "step " + std::to_string(i + 1) + ": ";
        if (s.text.en.empty() || s.text.ko.empty()) out.errors.push_back(which + "needs text.en and text.ko");
        if (s.hint.en.empty() != s.hint.ko.empty()) out.errors.push_back(which + "a hint needs both languages");
        if (s.link.empty()) out.errors.push_back(which + "no link");
        if (s.terms.empty()) out.errors.push_back(which + "no goal");
    }
    if (out.errors.empty()) out.lesson = std::move(lesson);
    return out;
}

const std::vector<Lesson>& lessons() {
    // Parsed once; the files are the build's own (a test checks that each parses cleanly).
    static const std::vector<Lesson> all = [] {
        std::vector<Lesson> v;
        for (const char* file : kLessonFiles)
            if (auto parsed = parse_lesson(file); parsed.lesson) v.push_back(std::move(*parsed.lesson));
        return v;
    }();
    return all;
}

const Lesson* find_lesson(std::string_view id) {
    for (const Lesson& l : lessons())
        if (l.id == id) return &l;
    return nullptr;
}

int lesson_index(std::string_view id) {
    const Lesson* l = find_lesson(id);
    return l ? int(l - lessons().data()) : -1;
}

double goal_metric(const AppState& app, std::string_view metric) {
    if (app.runs.empty()) return std::numeric_limits<double>::quiet_NaN();
    const Session& s = app.session();
    const EpochRecord& r = s.current();
    if (metric == "epoch") return double(s.epoch());
    if (metric == "train_loss") return r.train_loss;
    if (metric == "test_loss") return r.test_loss;
    if (metric == "val_loss") return s.n_val() > 0 ? double(r.val_loss) : std::numeric_limits<double>::quiet_NaN();
    if (metric == "train_accuracy") return r.train_accuracy;
    if (metric == "test_accuracy") return r.test_accuracy;
    if (metric == "val_accuracy") return s.n_val() > 0 ? double(r.val_accuracy) : std::numeric_limits<double>::quiet_NaN();
    if (metric == "loss_gap") return double(r.test_loss) - double(r.train_loss);
    if (metric == "hidden_layers") return double(s.config().hidden.size());
    if (metric == "runs") return double(app.runs.size());
    if (metric == "early_stopped") return s.stop_reason() == StopReason::EarlyStopped ? 1.0 : 0.0;
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    if (metric == "backprop_step") return app.backprop.open ? double(app.backprop.step) : none;
    if (metric == "surface_steps") return app.surface.open ? double(app.surface.steps) : none;
    if (!app.ensemble) return none;
    // The record as of now (the view's copy is renewed only when pictures are drawn).
    const EnsembleRecord e = app.ensemble.run->record();
    if (metric == "ensemble_accuracy") return e.test_accuracy;
    if (metric == "members_mean_accuracy") return e.members_mean_test_accuracy;
    if (metric == "ensemble_gain") return double(e.test_accuracy) - double(e.members_mean_test_accuracy);
    if (metric == "members") return double(app.ensemble.run->members().size());
    return std::numeric_limits<double>::quiet_NaN();
}

bool goal_met(const AppState& app, const std::vector<GoalTerm>& terms) {
    if (terms.empty()) return false;
    for (const GoalTerm& t : terms) {
        const double v = goal_metric(app, t.metric);
        if (!std::isfinite(v)) return false;
        const bool ok = t.op == GoalTerm::Op::Less        ? v < t.value
                        : t.op == GoalTerm::Op::LessEqual ? v <= t.value
                        : t.op == GoalTerm::Op::Greater   ? v > t.value
                                                          : v >= t.value;
        if (!ok) return false;
    }
    return true;
}

std::string describe_goal(const std::vector<GoalTerm>& terms) {
    std::string out;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const GoalTerm& t = terms[i];
        if (i > 0) out += tr(Str::GoalAnd);
        const auto m = std::find_if(std::begin(kGoalMetrics), std::end(kGoalMetrics),
                                    [&](const GoalMetric& g) { return t.metric == g.name; });
        out += m != std::end(kGoalMetrics) ? tr(m->label) : t.metric.c_str();
        out += t.op == GoalTerm::Op::Less        ? " < "
               : t.op == GoalTerm::Op::LessEqual ? " \xe2\x89\xa4 "  // ≤
               : t.op == GoalTerm::Op::Greater   ? " > "
                                                 : " \xe2\x89\xa5 ";  // ≥
        char number[32];
        if (t.metric.find("accuracy") != std::string::npos) std::snprintf(number, sizeof number, "%g%%", t.value * 100.0);
        else std::snprintf(number, sizeof number, "%g", t.value);
        out += number;
    }
    return out;
}

bool step_met(const LessonState& s, std::string_view lesson_id, int step) {
    const std::string key = std::string(lesson_id) + "/" + std::to_string(step);
    return std::find(s.met.begin(), s.met.end(), key) != s.met.end();
}

bool mark_met(LessonState& s, std::string_view lesson_id, int step) {
    if (step_met(s, lesson_id, step)) return false;
    s.met.push_back(std::string(lesson_id) + "/" + std::to_string(step));
    return true;
}

std::string progress_text(const LessonState& s) {
    std::string out;
    for (const std::string& m : s.met) out += (out.empty() ? "" : " ") + m;
    return out;
}

void read_progress(LessonState& s, std::string_view text) {
    // Tokens "id/step" separated by spaces; anything else (a hand-edited store) is skipped.
    constexpr std::size_t kMaxEntries = 1000;
    while (!text.empty() && s.met.size() < kMaxEntries) {
        const std::size_t sp = text.find(' ');
        const std::string_view tok = text.substr(0, sp);
        text = sp == std::string_view::npos ? std::string_view{} : text.substr(sp + 1);
        const std::size_t slash = tok.find('/');
        if (slash == std::string_view::npos || slash == 0 || tok.size() > 64) continue;
        const int step = std::atoi(std::string(tok.substr(slash + 1)).c_str());
        if (step >= 1) mark_met(s, tok.substr(0, slash), step);
    }
}

}  // namespace nnp::app
