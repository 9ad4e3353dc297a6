// The app's list of runs: a race opens as its runs from one start, every run advances alike in
// a frame, a diverged run stops alone while the others go on, the selected run is the one the
// panels show, and the compare view's seed-race extras measure what they say.
#include "app_api.hpp"
#include "app_state.hpp"
#include "compare.hpp"
#include "config_codec.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace nnp;
using namespace nnp::app;
using namespace nnp::app::test;

TEST_CASE("a race link opens as its runs, from one start", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    REQUIRE(app.runs.size() == 1);
    CHECK_FALSE(app.racing());
    app_open_link(app, "#v=1&data=spiral&race=opt:sgd,momentum,adam");
    REQUIRE(app.runs.size() == 3);
    CHECK(app.racing());
    CHECK(app.runs[2].name == "Adam");
    for (const Run& r : app.runs) {
        CHECK(r.session->net().params().size() == app.runs[0].session->net().params().size());
        CHECK(std::equal(r.session->net().params().begin(), r.session->net().params().end(),
                         app.runs[0].session->net().params().begin()));
        CHECK(r.session->current().train_loss == app.runs[0].session->current().train_loss);
    }
    CHECK(app_link_text(app, false) == "v=1&data=spiral&race=opt:sgd,mom,adam");
}

TEST_CASE("every run advances by the same epochs in a frame", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=lr:0.3,0.03,0.003");
    app.speed = 2;
    app_play(app, true);
    double t = 0.0;
    // Frames of a fast clock: the step allowance grows as steps are measured; within every frame
    // the runs take turns, so none is ever more than one epoch ahead of another.
    for (int f = 0; f < 100; ++f) {
        train_frame(app, [&] { return t += 0.001; });
        std::int64_t lo = app.runs[0].session->epoch(), hi = lo;
        for (const Run& r : app.runs) {
            lo = std::min(lo, r.session->epoch());
            hi = std::max(hi, r.session->epoch());
        }
        REQUIRE(hi - lo <= 1);
    }
    CHECK(app.runs[2].session->epoch() >= 10);
    app_play(app, false);
    const auto e = app.runs[0].session->epoch();
    app_step(app);
    for (const Run& r : app.runs) CHECK(r.session->epoch() >= e);
    for (const Run& r : app.runs) CHECK(r.session->epoch() <= e + 1);
}

TEST_CASE("a diverged run stops alone while the others go on", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=reg-plane&net=8:relu,8:relu&init=he&race=lr:10,0.01");
    app.speed = 20;
    app_play(app, true);
    double t = 0.0;
    for (int f = 0; f < 20 && app.runs[0].session->stop_reason() == StopReason::None; ++f)
        train_frame(app, [&] { return t += 0.001; });
    REQUIRE(app.runs[0].session->stop_reason() == StopReason::NonFiniteLoss);
    CHECK(app.runs[1].session->stop_reason() == StopReason::None);
    CHECK(app.playing);
    const auto before = app.runs[1].session->epoch();
    train_frame(app, [&] { return t += 0.001; });
    CHECK(app.runs[1].session->epoch() > before);
    CHECK(leader(app) == 1);  // the NaN run cannot lead
}

TEST_CASE("the selected run is the one shown and edited", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=seed:1,2,3");
    app_select_run(app, 2);
    CHECK(app.selected == 2);
    CHECK(app.session().config().seed == 3u);
    update_pictures(app);
    for (const Run& r : app.runs) CHECK(r.output.cell >= 0);
    CHECK(app.runs[2].output.cell == app.pictures.output.cell);
    app_select_run(app, 7);  // out of range: ignored
    CHECK(app.selected == 2);
    app_set_weight(app, 0, 0, 0, 1.5f);
    CHECK(app.runs[2].session->net().weights(0)(0, 0) == 1.5f);
    CHECK(app.runs[1].session->net().weights(0)(0, 0) != 1.5f);
}

TEST_CASE("a live change reaches every run, a new race rebuilds", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=opt:sgd,adam");
    app_step(app);
    ExperimentConfig next = app.config;
    next.reg_rate = 0.01f;
    next.regularization = Regularization::L2;
    CHECK(apply_config(app, next) == ConfigChange::Live);
    for (const Run& r : app.runs) {
        CHECK(r.session->config().regularization == Regularization::L2);
        CHECK(r.session->epoch() == 1);
    }
    CHECK(app.runs[1].session->config().optimizer.kind == OptimizerKind::Adam);  // the race value stays
    next.race = {};
    CHECK(apply_config(app, next) == ConfigChange::Rebuild);
    CHECK(app.runs.size() == 1);
}

TEST_CASE("seed-race extras: loss spread and weight distances", "[runs][compare]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=seed:1,2,3");
    const std::vector<float> d = weight_distances(app);
    REQUIRE(d.size() == 9);
    CHECK(d[0] == 0.0f);
    CHECK(d[1] > 0.0f);
    CHECK(d[1] == d[3]);  // symmetric
    // By hand for runs 0 and 1.
    double sum = 0.0;
    const auto a = app.runs[0].session->net().params(), b = app.runs[1].session->net().params();
    for (std::size_t k = 0; k < a.size(); ++k) sum += double(a[k] - b[k]) * double(a[k] - b[k]);
    CHECK(d[1] == Approx(std::sqrt(sum)));
    const LossSpread spread = loss_spread(app);
    std::vector<float> losses;
    for (const Run& r : app.runs) losses.push_back(r.session->current().train_loss);
    std::sort(losses.begin(), losses.end());
    CHECK(spread.min == losses[0]);
    CHECK(spread.median == losses[1]);
    CHECK(spread.max == losses[2]);

    AppState widths;  // different shapes have no distance
    app_init(widths, ExperimentConfig{});
    app_open_link(widths, "v=1&race=width:2,4");
    CHECK(weight_distances(widths)[1] == -1.0f);
}

TEST_CASE("the compare view's text becomes a race", "[compare]") {
    const RaceSpec r = race_from_text("opt", " sgd, adam/lr=0.001 ,, ");
    CHECK(r.key == "opt");
    CHECK(r.values == std::vector<std::string>{"sgd", "adam/lr=0.001"});
    CHECK(race_from_text("", "1,2").empty());
    CHECK(race_values_text(r) == "sgd, adam/lr=0.001");
    for (const RaceChoice& ch : race_choices()) {
        if (ch.key[0] == '\0') continue;
        INFO(ch.key);
        ExperimentConfig c;
        c.race = race_from_text(ch.key, ch.values);
        CHECK(validate(c).empty());  // every preset is a valid race as it stands
        CHECK(c.race.values.size() >= 2);
        CHECK(race_choice_of(c.race) == int(&ch - race_choices().data()));
    }
}

TEST_CASE("the accessor lists the runs and starts and ends races", "[runs][api]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    CHECK(contains(run_command(app, R"({"cmd":"set_race","value":"opt:sgd,adam"})"), "\"ok\":true"));
    REQUIRE(app.runs.size() == 2);
    const std::string json = state_json(app);
    CHECK(contains(json, "\"runs\":[{\"name\":\"SGD\""));
    CHECK(contains(json, "\"race\":{\"key\":\"opt\",\"values\":[\"sgd\",\"adam\"]}"));
    CHECK(contains(run_command(app, R"({"cmd":"select_run","value":1})"), "\"ok\":true"));
    CHECK(app.selected == 1);
    CHECK(contains(run_command(app, R"({"cmd":"select_run","value":5})"), "no such run"));
    CHECK(contains(run_command(app, R"({"cmd":"set_race","value":"data:circle,xor"})"), "\"ok\":false"));
    CHECK(app.runs.size() == 1);  // that race was refused: one run
    CHECK(contains(run_command(app, R"({"cmd":"set_race","value":""})"), "\"ok\":true"));
}

TEST_CASE("editing the selected run: its raced setting is its own, the rest is shared", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=opt:sgd,adam/lr=0.001");
    app_select_run(app, 1);
    ExperimentConfig shown = shown_config(app);
    CHECK(shown.optimizer.kind == OptimizerKind::Adam);  // the panels show the selected run
    CHECK(shown.optimizer.learning_rate == 0.001f);

    ExperimentConfig edited = shown;  // its own setting: only run 1 changes
    edited.optimizer.learning_rate = 0.002f;
    apply_config(app, fold_edit(app, edited));
    CHECK(app.config.race.values == std::vector<std::string>{"sgd", "adam/lr=0.002"});
    CHECK(app.runs[1].session->config().optimizer.learning_rate == 0.002f);
    CHECK(app.runs[0].session->config().optimizer.learning_rate == ExperimentConfig{}.optimizer.learning_rate);

    edited = shown_config(app);  // the raced setting itself
    edited.optimizer.kind = OptimizerKind::RmsProp;
    apply_config(app, fold_edit(app, edited));
    CHECK(app.config.race.values == std::vector<std::string>{"sgd", "rms/lr=0.002"});
    CHECK(app.runs[1].session->config().optimizer.kind == OptimizerKind::RmsProp);

    edited = shown_config(app);  // a shared setting: every run
    edited.batch_size = 25;
    CHECK(apply_config(app, fold_edit(app, edited)) == ConfigChange::Live);
    for (const Run& r : app.runs) CHECK(r.session->config().batch_size == 25);
    CHECK(app.config.race.values.size() == 2);

    AppState widths;  // a layer edit in a width race is the selected run's own width
    app_init(widths, ExperimentConfig{});
    app_open_link(widths, "v=1&race=width:2,4");
    app_select_run(widths, 0);
    edited = shown_config(widths);
    for (LayerSpec& l : edited.hidden) l.width = 3;
    apply_config(widths, fold_edit(widths, edited));
    CHECK(widths.config.race.values == std::vector<std::string>{"3", "4"});

    AppState one;  // without a race the edit is the config
    app_init(one, ExperimentConfig{});
    edited = shown_config(one);
    edited.batch_size = 7;
    CHECK(fold_edit(one, edited) == edited);
}

TEST_CASE("other runs' maps are computed small and resampled into the atlas", "[runs][pictures]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=seed:1,2");
    update_pictures(app);
    REQUIRE(app.runs[0].grid.width == kGridSize);
    REQUIRE(app.runs[1].grid.width == kRaceMapSize);
    // Run 1's map in the atlas agrees with its network at the grid's corner points, which the
    // coarse and the full grid share (both include the domain's ends).
    const PictureInfo& p = app.runs[1].output;
    int x0, y0, x1, y1;
    app.pictures.atlas.cell_rect(p.cell, x0, y0, x1, y1);
    const auto texel = [&](int x, int y) {
        return app.pictures.atlas.texels()[std::size_t((y0 + y) * app.pictures.atlas.width() + x0 + x)];
    };
    const auto out = app.runs[1].grid.output(app.runs[1].session->net());
    CHECK(texel(0, 0) == Approx(out(0, 0)));
    CHECK(texel(kGridSize - 1, 0) == Approx(out(kRaceMapSize - 1, 0)));
    CHECK(texel(kGridSize - 1, kGridSize - 1) == Approx(out(kRaceMapSize * kRaceMapSize - 1, 0)));
    // Selecting it draws it in full.
    app_select_run(app, 1);
    update_pictures(app);
    CHECK(app.runs[1].grid.width == kGridSize);
}

TEST_CASE("the runs of a race share one data set", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&es=1&race=lr:0.3,0.03,0.003");
    REQUIRE(app.runs.size() == 3);
    for (const Run& r : app.runs) {
        CHECK(&r.session->data() == &app.runs[0].session->data());  // the same object, not a copy
        CHECK(r.session->n_val() > 0);
    }
    // A session given a data set split another way makes its own split, leaving the shared one.
    ExperimentConfig other = app.runs[0].session->config();
    other.validation_percent = 40.0f;
    const auto shared = shared_data(app.runs[0].session->config());
    Session s(other, shared);
    CHECK(&s.data() != shared.get());
    CHECK(s.n_val() > shared->n_val);
    CHECK(s.data().n_test() == shared->n_test());
}

TEST_CASE("reset gives every run of a seed race new seeds", "[runs]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&race=seed:1,2,3");
    const auto w = params_of(app);
    app_reset(app);
    CHECK(app.config.race.values == std::vector<std::string>{"4", "5", "6"});
    CHECK(app.runs[2].session->config().seed == 6u);
    CHECK(params_of(app) != w);
    ExperimentConfig copy = app.config;
    CHECK(validate(copy).empty());
    app_open_link(app, "v=1&race=seed:1,2/lr=0.1");
    app_reset(app);
    CHECK(app.config.race.values == std::vector<std::string>{"3", "4/lr=0.1"});
}
