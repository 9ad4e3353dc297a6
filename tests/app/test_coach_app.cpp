// The coach in the app: every note has words in both languages and a lesson that explains it,
// and the selected run's notes are renewed as it trains.
#include "app_state.hpp"
#include "coach.hpp"
#include "lessons.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;
using namespace nnp::app;

TEST_CASE("every coach note is worded in both languages and points to an existing lesson", "[coach]") {
    for (const auto& e : enum_table<CoachCode>()) {
        INFO(e.code);
        CoachNote n{e.value, 1, 3, 8, 40, 60, 0.9f, 0.3f, false};
        set_language(Language::English);
        const std::string en = describe_note(n);
        set_language(Language::Korean);
        const std::string ko = describe_note(n);
        set_language(Language::English);
        CHECK(en.size() > 20);
        CHECK(ko.size() > 20);
        CHECK(en != ko);
        const LessonKey k = lesson_for_note(n);
        REQUIRE(k.lesson >= 0);
        CHECK(k.step < int(lessons()[std::size_t(k.lesson)].steps.size()));
    }
    CoachNote dead{CoachCode::DeadRelu, 1, 3, 8};
    CHECK(describe_note(dead).find("3 of 8 ReLU units in layer 2") == 0);
}

TEST_CASE("the selected run's coach notes follow its training", "[coach]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=oyster&norm=none");
    coach_update(app);
    CHECK(app.run().coach.empty());  // too early to tell
    for (int e = 0; e < 150; ++e) app_step(app);
    coach_update(app);
    REQUIRE_FALSE(app.run().coach.empty());
    CHECK(app.run().coach.front().code == CoachCode::Plateau);
    app_open_link(app, "v=1&data=oyster");  // a new experiment starts without notes
    coach_update(app);
    CHECK(app.run().coach.empty());
}
