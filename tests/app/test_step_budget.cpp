// The adaptive step budget: gives training what the frame has left, within bounds, and adapts
// to the measured cost of a step.
#include "step_budget.hpp"

#include <catch2/catch.hpp>

using namespace nnp::app;

TEST_CASE("one step until a step was measured", "[budget]") {
    StepBudget b;
    CHECK(b.max_steps() == 1);
    CHECK(may_continue(b, 0.0f, 0));
    CHECK_FALSE(may_continue(b, 0.0f, 1));
}

TEST_CASE("the budget is what the frame has left, within bounds", "[budget]") {
    StepBudget b;
    b.frame_target_ms = 20.0f;
    b.other_ms = 5.0f;
    CHECK(b.train_ms() == b.max_train_ms);  // 13.5 ms left, capped at 12
    b.max_train_ms = 100.0f;
    CHECK(b.train_ms() == Approx(13.5f));
    b.other_ms = 30.0f;  // drawing alone is slower than the target: training still gets its minimum
    CHECK(b.train_ms() == b.min_train_ms);
    b.other_ms = 0.0f;
    b.max_train_ms = 8.0f;
    CHECK(b.train_ms() == 8.0f);
}

TEST_CASE("steps per frame follow the measured step cost", "[budget]") {
    StepBudget b;
    b.frame_target_ms = 16.0f;
    b.other_ms = 4.5f;  // leaves 10 ms
    b.record_steps(100, 12.5f);  // 0.125 ms per step
    CHECK(b.step_ms == 0.125f);
    CHECK(b.max_steps() == 80);
    // Steps become 4x as expensive: the average moves towards it and the allowance shrinks.
    long long before = b.max_steps();
    for (int i = 0; i < 60; ++i) b.record_steps(10, 5.0f);
    CHECK(b.step_ms == Approx(0.5f).epsilon(0.001));
    CHECK(b.max_steps() < before);
    CHECK(b.max_steps() >= 19);
    CHECK(b.max_steps() <= 20);
}

TEST_CASE("a slow frame gets fewer steps", "[budget]") {
    StepBudget b;
    b.record_steps(10, 10.0f);  // 1 ms per step
    const long long fast = b.max_steps();
    for (int i = 0; i < 50; ++i) b.record_other(12.0f);  // pictures and drawing got slow
    CHECK(b.max_steps() < fast);
    CHECK(b.max_steps() >= 1);
}

TEST_CASE("may_continue stops at the time budget even below the step allowance", "[budget]") {
    StepBudget b;
    b.record_steps(1000, 1.0f);  // very cheap steps: large allowance
    REQUIRE(b.max_steps() > 100);
    CHECK(may_continue(b, 1.0f, 10));
    CHECK_FALSE(may_continue(b, b.train_ms(), 10));
    CHECK_FALSE(may_continue(b, 1.0f, b.max_steps()));
}

TEST_CASE("bad measurements are ignored", "[budget]") {
    StepBudget b;
    b.record_steps(0, 5.0f);
    b.record_steps(5, -1.0f);
    CHECK(b.step_ms < 0.0f);
    b.record_other(-3.0f);
    CHECK(b.other_ms == 0.0f);
}
