// Share links in the app: opening a link rebuilds the experiment from it (config, seeds, weights
// if present, paused) and keeps its issues; the same link gives the same run; the link to copy
// carries weights only when asked and allowed; the URL mirror is throttled and skips drags; the
// accessor exposes all of it.
#include "app_api.hpp"
#include "app_state.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::app;
using namespace nnp::app::test;

namespace {
bool has_issue(const AppState& a, IssueCode code, const std::string& field) {
    for (const auto& i : a.link.issues)
        if (i.code == code && i.field == field) return true;
    return false;
}
// Losses after each of `epochs` epochs.
std::vector<float> run(AppState& a, int epochs) {
    std::vector<float> losses;
    for (int e = 0; e < epochs; ++e) {
        app_step(a);
        losses.push_back(a.session().current().train_loss);
    }
    return losses;
}
}  // namespace

TEST_CASE("opening a link sets the config, pauses and rebuilds from the link's seeds", "[link]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_play(app, true);
    app_step(app);
    app_open_link(app, "#v=1&data=xor&net=6:relu&opt=adam&lr=0.01&seed=3");
    CHECK_FALSE(app.playing);
    CHECK(app.session().epoch() == 0);
    CHECK(app.config.data.kind == DatasetKind::Xor);
    REQUIRE(app.config.hidden.size() == 1);
    CHECK(app.config.hidden[0].width == 6);
    CHECK(app.config.hidden[0].activation == Activation::Relu);
    CHECK(app.config.optimizer.kind == OptimizerKind::Adam);
    CHECK(app.config.optimizer.learning_rate == 0.01f);
    CHECK(app.config.seed == 3u);
    CHECK(app.session().config() == app.config);
    CHECK(app.link.issues.empty());
    CHECK_FALSE(app.link.show_issues);
    // The URL holds this link already: nothing to write until something changes.
    CHECK(link_to_write(app, 1e9, false).empty());
}

TEST_CASE("the same link gives the same data, weights and trajectory", "[link]") {
    const char* link = "v=1&data=spiral&net=5:tanh,3:relu:0.2&opt=rmsprop&lr=0.03&seed=11";
    AppState a, b;
    app_init(a, ExperimentConfig{});
    app_init(b, ExperimentConfig{});
    app_step(b);  // b has other history; the link must not care
    app_open_link(a, link);
    app_open_link(b, link);
    CHECK(a.session().data().x == b.session().data().x);
    CHECK(params_of(a) == params_of(b));
    const auto la = run(a, 4), lb = run(b, 4);
    CHECK(la == lb);
    CHECK(params_of(a) == params_of(b));
    // Reopening the link in the same app starts the same run again, although the config is
    // unchanged (apply_config alone would have kept the trained weights).
    app_open_link(a, link);
    CHECK(a.session().epoch() == 0);
    CHECK(run(a, 4) == la);
}

TEST_CASE("a link with weights opens the trained network", "[link]") {
    AppState a;
    app_init(a, ExperimentConfig{});
    run(a, 5);
    REQUIRE(link_can_carry_weights(a));
    const std::string with = app_link_text(a, true);
    const std::string without = app_link_text(a, false);
    CHECK(contains(with, "&w="));
    CHECK_FALSE(contains(without, "w="));

    AppState b;
    app_init(b, ExperimentConfig{});
    app_open_link(b, "https://example.org/playground/#" + with);
    CHECK(b.link.issues.empty());
    CHECK(params_of(b) == params_of(a));
    CHECK(b.session().current().train_loss == a.session().current().train_loss);
    CHECK(b.session().current().test_loss == a.session().current().test_loss);
    // The config-only link gives the untrained start instead.
    AppState c;
    app_init(c, ExperimentConfig{});
    app_open_link(c, without);
    CHECK(params_of(c) != params_of(a));
}

TEST_CASE("the copied link carries weights only when asked and when they fit", "[link]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    CHECK_FALSE(contains(app_share_link(app), "w="));
    app.link.include_weights = true;
    CHECK(contains(app_share_link(app), "&w="));
    // 2 inputs -> 64 -> 64 -> 1 has 4,417 parameters: more than kMaxLinkParams.
    ExperimentConfig big = app.config;
    big.hidden = {{64, Activation::Relu, 0.0f}, {64, Activation::Relu, 0.0f}};
    apply_config(app, big);
    REQUIRE(app.session().net().params().size() > kMaxLinkParams);
    CHECK_FALSE(link_can_carry_weights(app));
    CHECK_FALSE(contains(app_share_link(app), "w="));
    CHECK(app_share_link(app) == app_link_text(app, false));
}

TEST_CASE("a hostile link keeps the good fields and names every problem", "[link]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&data=xor&bogus=1&lr=nan&batch=999999&opt=nope&net=3:relu");
    CHECK(app.config.data.kind == DatasetKind::Xor);
    CHECK(app.config.hidden.size() == 1);
    CHECK(std::isfinite(app.config.optimizer.learning_rate));
    CHECK(app.config.optimizer.learning_rate > 0.0f);
    CHECK(app.config.batch_size == kMaxBatchSize);
    CHECK(app.config.optimizer.kind == ExperimentConfig{}.optimizer.kind);
    CHECK(has_issue(app, IssueCode::UnknownKey, "bogus"));
    CHECK(app.link.issues.size() >= 4);
    CHECK(app.link.show_issues);
    const std::string json = state_json(app);
    CHECK(contains(json, "\"link_issues\":[{"));
    CHECK(contains(json, "\"field\":\"bogus\""));
    CHECK(contains(json, "\"code\":\"unknown_key\""));

    // A link longer than kMaxLinkLength is refused whole: defaults and one issue.
    app_open_link(app, "#v=1&data=xor&" + std::string(kMaxLinkLength, 'x'));
    CHECK(app.config == app.session().config());
    CHECK(app.config.data.kind == ExperimentConfig{}.data.kind);
    REQUIRE(app.link.issues.size() == 1);
    CHECK(app.link.issues[0].field == "link");

    // A clean link afterwards clears the banner.
    app_open_link(app, "v=1");
    CHECK(app.link.issues.empty());
    CHECK_FALSE(app.link.show_issues);
}

TEST_CASE("a TF Playground link opens and says so", "[link]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#activation=relu&batchSize=10&dataset=xor&learningRate=0.03&networkShape=4,2&seed=0.5");
    CHECK(app.link.tf_playground);
    CHECK(app.link.show_issues);  // the banner says it was a TF Playground link
    CHECK(app.config.data.kind == DatasetKind::Xor);
    CHECK(app.config.optimizer.kind == OptimizerKind::Sgd);
    CHECK(app.config.optimizer.learning_rate == 0.03f);
    REQUIRE(app.config.hidden.size() == 2);
    CHECK(app.config.hidden[1].activation == Activation::Relu);
    CHECK(contains(state_json(app), "\"link_tf\":true"));
}

TEST_CASE("URL writes are throttled, skip drags and only happen when the link changed", "[link]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    const double t = kLinkCheckIntervalMs;
    CHECK(link_to_write(app, 0.0, false).empty());  // a fresh page keeps its URL

    ExperimentConfig next = app.config;
    next.optimizer.kind = OptimizerKind::Adam;
    apply_config(app, next);
    CHECK(link_to_write(app, 0.5 * t, false).empty());  // too soon after the last check
    const std::string first = link_to_write(app, t, false);
    CHECK(first == app_link_text(app, false));
    CHECK(contains(first, "opt=adam"));

    next.optimizer.learning_rate = 0.3f;
    apply_config(app, next);
    CHECK(link_to_write(app, 1.5 * t, false).empty());  // too soon again
    CHECK(link_to_write(app, 2.0 * t, true).empty());   // a slider is held down
    const std::string second = link_to_write(app, 2.0 * t, false);  // released: written at once
    CHECK(contains(second, "lr=0.3"));
    CHECK(link_to_write(app, 10.0 * t, false).empty());  // nothing changed since

    app_reset(app);  // a new seed is a new experiment
    CHECK(contains(link_to_write(app, 20.0 * t, false), "seed=2"));
    // Training alone never rewrites the URL (the URL carries the config, not the weights).
    app.link.include_weights = true;
    run(app, 2);
    CHECK(link_to_write(app, 30.0 * t, false).empty());
}

TEST_CASE("the accessor opens links and toggles the weights option", "[link][api]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    CHECK(contains(run_command(app, R"({"cmd":"open_link","value":"#v=1&data=gauss&seed=9&zzz=1"})"), "\"ok\":true"));
    CHECK(app.config.data.kind == DatasetKind::Gauss);
    CHECK(app.config.seed == 9u);
    CHECK(has_issue(app, IssueCode::UnknownKey, "zzz"));
    CHECK(contains(run_command(app, R"({"cmd":"dismiss_link_issues"})"), "\"ok\":true"));
    CHECK_FALSE(app.link.show_issues);
    CHECK(app.link.issues.size() == 1);  // still listed in the state, only the banner is gone
    CHECK(contains(state_json(app), "\"link_issues_shown\":false"));

    CHECK(contains(run_command(app, R"({"cmd":"set_include_weights","value":true})"), "\"ok\":true"));
    CHECK(app.link.include_weights);
    const std::string json = state_json(app);
    CHECK(contains(json, "\"include_weights\":true"));
    CHECK(contains(json, "\"link_weights_allowed\":true"));
    CHECK(contains(json, "\"share_link\":\"" + app_link_text(app, true) + "\""));
    CHECK(contains(json, "\"link\":\"" + app_link_text(app, false) + "\""));
    CHECK(contains(run_command(app, R"({"cmd":"open_link"})"), "\"ok\":false"));
}

TEST_CASE("lang= in a link sets the page's language and is not part of the experiment", "[link][ko]") {
    std::string link = "#v=1&lang=ko&data=xor";
    CHECK(take_language(link) == Language::Korean);
    CHECK(link == "#v=1&data=xor");
    link = "v=1&data=xor&lang=en";
    CHECK(take_language(link) == Language::English);
    CHECK(link == "v=1&data=xor");
    std::string unknown;
    link = "v=1&lang=fr";
    CHECK_FALSE(take_language(link, &unknown).has_value());
    CHECK(unknown == "fr");
    CHECK(link == "v=1");

    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&data=xor&lang=ko");
    CHECK(language() == Language::Korean);
    CHECK(app.config.data.kind == DatasetKind::Xor);
    CHECK(app.link.issues.empty());  // lang is the app's own key, not an unknown one
    CHECK(app_link_text(app, false).find("lang") == std::string::npos);
    app_open_link(app, "#v=1&lang=xx");
    REQUIRE(app.link.issues.size() == 1);
    CHECK(app.link.issues[0].field == "lang");
    CHECK(language() == Language::Korean);  // an unknown value changes nothing
    set_language(Language::English);
}
