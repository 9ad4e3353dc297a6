// The lessons: every file in lessons/ parses with both languages, its links open without
// issues, and training alone meets every step's goal (from the step's solution link where it
// has one); the reader names bad lines; progress survives a round trip.
#include "lessons.hpp"

#include "app_state.hpp"
#include "config_codec.hpp"
#include "nnp_lessons.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;
using namespace nnp::app;

TEST_CASE("every lesson file parses, in both languages", "[lessons]") {
    int files = 0;
    for (const char* file : kLessonFiles) {
        ++files;
        const LessonParse p = parse_lesson(file);
        INFO(std::string(file).substr(0, 60));
        for (const std::string& e : p.errors) INFO(e);
        CHECK(p.errors.empty());
        REQUIRE(p.lesson.has_value());
        CHECK_FALSE(p.lesson->title.ko.empty());
        for (const LessonStep& s : p.lesson->steps) {
            CHECK_FALSE(s.text.en.empty());
            CHECK_FALSE(s.text.ko.empty());
        }
    }
    CHECK(files >= 10);
    CHECK(int(lessons().size()) == files);
    // Ids are unique: lesson=ID in a link names one.
    for (std::size_t i = 0; i < lessons().size(); ++i)
        for (std::size_t j = i + 1; j < lessons().size(); ++j) CHECK(lessons()[i].id != lessons()[j].id);
    CHECK(find_lesson("xor") != nullptr);
    CHECK(find_lesson("no-such-lesson") == nullptr);
}

TEST_CASE("every step's link opens without issues, and training meets its goal", "[lessons]") {
    std::string mnist_error;
    const bool mnist = mnist_count() > 0 || load_mnist_file(NNP_MNIST_FILE, mnist_error);
    for (const Lesson& lesson : lessons()) {
        for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
            const LessonStep& step = lesson.steps[k];
            INFO(lesson.id << " step " << k + 1);
            if (!mnist && decode_config(step.solution.empty() ? step.link : step.solution).config.data.kind ==
                              DatasetKind::Mnist) {
                WARN("MNIST's images are not built, so this step is not trained: " << mnist_error);
                continue;
            }
            for (const std::string& link : {step.link, step.solution}) {
                if (link.empty()) continue;
                INFO(link);
                AppState opened;  // the page's reader: it also takes the views' keys (view=backprop)
                app_init(opened, ExperimentConfig{});
                app_open_link(opened, link);
                for (const ConfigIssue& i : opened.link.issues) INFO(i.field << ": " << i.message);
                CHECK(opened.link.issues.empty());
            }
            AppState app;
            app_init(app, ExperimentConfig{});
            app_open_link(app, step.solution.empty() ? step.link : step.solution);
            REQUIRE(app.link.issues.empty());
            bool met = goal_met(app, step.terms);
            for (int e = 0; e < 3000 && !met; ++e) {
                app_step(app);
                if (app.surface.open) {  // a surface step: the learner presses Play in its window
                    app.surface.playing = true;
                    surface_frame(app.surface, app.config.optimizer, 10);
                }
                met = goal_met(app, step.terms);
            }
            INFO("goal: " << step.goal << ", after " << app.session().epoch() << " epochs");
            CHECK(met);
            if (!step.solution.empty()) {
                // The step's own link does not meet it by itself (the learner has to act).
                AppState plain;
                app_init(plain, ExperimentConfig{});
                app_open_link(plain, step.link);
                for (int e = 0; e < int(app.session().epoch()); ++e) app_step(plain);
                CHECK_FALSE(goal_met(plain, step.terms));
            }
        }
    }
}

TEST_CASE("the lesson reader names each bad line", "[lessons]") {
    const LessonParse p = parse_lesson("id: x\ntitle.en: T\ntitle.ko: 티\nlink: v=1\nstep\ntxet.en: oops\n"
                                       "text.en: A\ntext.ko: 가\nlink: v=1\ngoal: accuracy > 2\n");
    CHECK_FALSE(p.lesson.has_value());
    REQUIRE(p.errors.size() >= 3);
    CHECK(p.errors[0] == "line 4: 'link' before the first 'step'");
    CHECK(p.errors[1] == "line 6: unknown key 'txet.en'");
    CHECK(p.errors[2].find("line 10: goal: unknown metric 'accuracy'") == 0);
    CHECK_FALSE(parse_lesson("").lesson.has_value());
}

TEST_CASE("goals: conditions joined by and, each metric op number", "[lessons]") {
    std::string why;
    const auto g = parse_goal("epoch >= 200 and test_accuracy < 0.8", &why);
    REQUIRE(g.has_value());
    REQUIRE(g->size() == 2);
    CHECK((*g)[0].metric == "epoch");
    CHECK((*g)[0].op == GoalTerm::Op::GreaterEqual);
    CHECK((*g)[0].value == 200);
    CHECK((*g)[1].op == GoalTerm::Op::Less);
    CHECK_FALSE(parse_goal("epoch = 3", &why).has_value());
    CHECK_FALSE(parse_goal("epoch > lots", &why).has_value());
    CHECK_FALSE(parse_goal("epoch > nan", &why).has_value());
    CHECK_FALSE(parse_goal("", &why).has_value());

    AppState app;
    app_init(app, ExperimentConfig{});
    CHECK_FALSE(goal_met(app, *parse_goal("epoch >= 1")));
    app_step(app);
    CHECK(goal_met(app, *parse_goal("epoch >= 1")));
    CHECK(goal_met(app, *parse_goal("epoch >= 1 and runs <= 1")));
    CHECK_FALSE(goal_met(app, *parse_goal("epoch >= 1 and runs >= 2")));
    CHECK_FALSE(goal_met(app, *parse_goal("val_loss < 100")));  // no validation split: unknown
    CHECK(describe_goal(*parse_goal("test_accuracy >= 0.95")) == "test accuracy \xe2\x89\xa5 95%");
}

TEST_CASE("lesson progress round-trips and ignores junk", "[lessons]") {
    LessonState s;
    CHECK(mark_met(s, "xor", 1));
    CHECK_FALSE(mark_met(s, "xor", 1));
    CHECK(mark_met(s, "oysters", 2));
    LessonState t;
    read_progress(t, progress_text(s) + " junk /3 x/0 x/-1 " + std::string(100, 'a') + "/1");
    CHECK(step_met(t, "xor", 1));
    CHECK(step_met(t, "oysters", 2));
    CHECK_FALSE(step_met(t, "xor", 2));
    CHECK(t.met.size() == 2);
}

TEST_CASE("lesson=ID&step=N in a link opens a lesson step, the rest is the experiment", "[lessons][link]") {
    std::string link = "#v=1&lesson=xor&step=2&data=circle";
    const auto key = take_lesson(link);
    REQUIRE(key.has_value());
    CHECK(lessons()[std::size_t(key->lesson)].id == "xor");
    CHECK(key->step == 1);
    CHECK(link == "#v=1&data=circle");
    link = "lesson=xor&step=99";
    CHECK(take_lesson(link)->step == int(find_lesson("xor")->steps.size()) - 1);  // clamped
    std::string unknown;
    link = "v=1&lesson=nope";
    CHECK_FALSE(take_lesson(link, &unknown).has_value());
    CHECK(unknown == "nope");
    link = "v=1&step=2";
    CHECK_FALSE(take_lesson(link).has_value());
    CHECK(link == "v=1&step=2");  // without a lesson, step= is left for the reader to name

    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#lesson=xor&step=3");
    CHECK(app.lesson.lesson >= 0);
    CHECK(app.lesson.step == 2);
    CHECK(app.config.hidden.size() == 2);  // the step's own link: two hidden layers
    app_open_link(app, "#v=1&lesson=nope");
    REQUIRE(app.link.issues.size() == 1);
    CHECK(app.link.issues[0].field == "lesson");
}
