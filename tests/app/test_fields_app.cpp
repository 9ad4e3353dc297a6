// The app's side of the field table and of early stopping: every row's label and tooltip exist in
// the string table, the accessor's JSON carries every field, clicking a data set gives what a
// link naming it gives, and a stopped run is described in words that say what happened.
#include "app_api.hpp"
#include "app_state.hpp"
#include "config_codec.hpp"
#include "fields.hpp"
#include "strings.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;
using namespace nnp::app;
using namespace nnp::app::test;

TEST_CASE("every field's label and tooltip are in the string table", "[fields][strings]") {
    for (const Field& f : config_fields()) {
        INFO(f.key << ": " << f.label << ", " << f.tip);
        CHECK(str_by_name(f.label).has_value());
        CHECK(str_by_name(f.tip).has_value());
    }
    CHECK_FALSE(str_by_name("NoSuchString").has_value());
    CHECK(tip(Normalization::Standardize) != nullptr);
    CHECK(std::string(tip(Normalization::None)) != tip(Regularization::None));
}

TEST_CASE("the accessor's config JSON has every field under its JSON name", "[fields][api]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    const std::string json = state_json(app);
    for (const Field& f : config_fields()) {
        const std::string name(f.json);
        const std::size_t dot = name.find('.');
        const std::string leaf = dot == std::string::npos ? name : name.substr(dot + 1);
        INFO(name);
        CHECK(contains(json, "\"" + leaf + "\":"));
        if (dot != std::string::npos) CHECK(contains(json, "\"" + name.substr(0, dot) + "\":{"));
    }
    CHECK(contains(json, "\"optimizer\":{\"kind\":\"sgd\",\"learning_rate\":0.0"));
    CHECK(contains(json, "\"dataset\":\"circle\""));
}

TEST_CASE("clicking a data set gives the experiment a link naming it opens", "[fields][app]") {
    for (const auto& e : enum_table<DatasetKind>()) {
        ExperimentConfig clicked;
        const DatasetKind previous = clicked.data.kind;
        clicked.data.kind = e.value;
        adapt_to_dataset(clicked, previous);
        INFO(e.code);
        const std::string link = e.value == DatasetKind::Circle ? "v=1" : std::string("v=1&data=") + e.url;
        const DecodedConfig opened = decode_config(link);
        CHECK(opened.issues.empty());
        CHECK(opened.config == clicked);
        CHECK(encode_config(clicked) == link);
    }
}

TEST_CASE("opening the oyster set raises no banner", "[fields][link]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&data=oyster");
    CHECK_FALSE(app.link.show_issues);
    CHECK(app.session().data().input_dims == 1);
    CHECK(app.config.normalization == Normalization::Standardize);
}

TEST_CASE("an early stop is described and the accessor shows the restored network", "[early][api]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=spiral&points=80&noise=50&f=x,y,xSquared,ySquared,xTimesY,sinX,sinY"
                       "&net=16:relu,16:relu&opt=adam&lr=0.03&es=1&pat=20");
    REQUIRE(app.session().n_val() > 0);
    for (int e = 0; e < 3000 && app.session().stop_reason() == StopReason::None; ++e) app_step(app);
    const Session& s = app.session();
    REQUIRE(s.stop_reason() == StopReason::EarlyStopped);
    const std::string text = describe_stop(s);
    INFO(text);
    CHECK(contains(text, "validation loss"));
    CHECK(contains(text, "20 epochs"));
    CHECK(contains(text, "epoch " + std::to_string(s.stop_epoch())));
    CHECK(contains(text, "weights of epoch " + std::to_string(s.best_epoch())));
    CHECK_FALSE(contains(text, "test"));
    const std::string json = state_json(app);
    CHECK(contains(json, "\"stop_reason\":\"early_stopped\""));
    CHECK(contains(json, "\"watched_loss\":\"validation\""));
    // The share link carries the restored weights.
    const DecodedConfig d = decode_config(app_link_text(app, true));
    REQUIRE(d.params.size() == s.best_params().size());
    CHECK(std::equal(d.params.begin(), d.params.end(), s.best_params().begin()));
    CHECK(params_of(app) == d.params);

    // Play goes on from there; a live edit clears the note.
    app_play(app, true);
    CHECK(app.playing);
    CHECK(app.session().stop_reason() == StopReason::None);
    app_play(app, false);
    app_step(app);
    CHECK(describe_stop(app.session()).empty());
}

TEST_CASE("a divergence is described with its epoch", "[strings]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=reg-plane&net=8:relu,8:relu&lr=10&init=he");
    for (int e = 0; e < 200 && app.session().stop_reason() == StopReason::None; ++e) app_step(app);
    REQUIRE(app.session().stop_reason() == StopReason::NonFiniteLoss);
    const std::string text = describe_stop(app.session());
    CHECK(contains(text, "NaN"));
    CHECK(contains(text, "epoch " + std::to_string(app.session().stop_epoch())));
}
