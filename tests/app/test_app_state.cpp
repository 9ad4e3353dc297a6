// App operations on a real session: live changes keep training going, structural changes
// rebuild, reset re-draws the weights on the same data, the frame budget bounds training, a
// divergence pauses, and the JavaScript accessor reads and drives all of it.
#include "app_api.hpp"
#include "app_state.hpp"
#include "json_lite.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::app;
using namespace nnp::app::test;

TEST_CASE("a live change keeps the weights and the epoch", "[app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_step(app);
    app_step(app);
    REQUIRE(app.session().epoch() == 2);
    const auto w = params_of(app);
    ExperimentConfig next = app.config;
    next.optimizer.kind = OptimizerKind::Adam;
    next.optimizer.learning_rate = 0.1f;
    next.hidden[0].dropout = 0.5f;
    CHECK(apply_config(app, next) == ConfigChange::Live);
    CHECK(app.session().epoch() == 2);
    CHECK(params_of(app) == w);
    CHECK(app.session().config().optimizer.kind == OptimizerKind::Adam);
    CHECK(app.session().config().hidden[0].dropout == 0.5f);
}

TEST_CASE("a structural change rebuilds once, a new seed only re-draws the weights", "[app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_step(app);
    ExperimentConfig next = app.config;
    next.hidden.push_back({3, Activation::Relu, 0.0f});
    CHECK(apply_config(app, next) == ConfigChange::Rebuild);
    CHECK(app.session().epoch() == 0);
    CHECK(app.session().net().num_layers() == 4);
    const Matrix x = app.session().data().x;
    next = app.config;
    next.seed = 77;
    CHECK(apply_config(app, next) == ConfigChange::Reinit);
    CHECK(app.session().config().seed == 77);
    CHECK(app.session().data().x == x);  // same data
    CHECK(apply_config(app, app.config) == ConfigChange::None);
}

TEST_CASE("reset gives new weights on the same data", "[app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    const auto w = params_of(app);
    const Matrix x = app.session().data().x;
    app_step(app);
    app_reset(app);
    CHECK(app.session().epoch() == 0);
    CHECK(params_of(app) != w);
    CHECK(app.session().data().x == x);
    CHECK_FALSE(app.playing);
}

TEST_CASE("changing the dataset adapts output, loss and features", "[app]") {
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::RegGauss;
    adapt_to_dataset(cfg, DatasetKind::Circle);
    CHECK(cfg.output == Activation::Linear);
    CHECK(cfg.loss == Loss::Mse);
    cfg.data.kind = DatasetKind::Oyster;
    adapt_to_dataset(cfg, DatasetKind::RegGauss);
    CHECK(cfg.features == feature_bit(Feature::X1));
    CHECK(cfg.output == Activation::Sigmoid);
    cfg.data.kind = DatasetKind::KSpiral;
    adapt_to_dataset(cfg, DatasetKind::Oyster);
    CHECK(cfg.output == Activation::Softmax);
    CHECK((cfg.features & feature_bit(Feature::X2)) != 0);
    AppState app;
    app_init(app, cfg);  // and the session accepts it
    CHECK(app.session().data().task == Task::MultiClassification);
}

TEST_CASE("a frame trains within its budget", "[app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app.speed = 1000000;  // ask for far more than fits
    app_play(app, true);
    // A fake clock: every call advances 0.5 ms, so each step "costs" about 1 ms.
    double t = 0;
    auto clock = [&t] { return t += 0.5; };
    train_frame(app, clock);
    const auto steps1 = app.session().steps();
    CHECK(steps1 == 1);  // first frame: nothing measured yet
    train_frame(app, clock);
    const auto steps2 = app.session().steps() - steps1;
    CHECK(steps2 >= 2);
    CHECK(double(steps2) <= double(app.budget.train_ms()) / 0.5 + 1);
    CHECK(app.stats.train_ms <= app.budget.max_train_ms + 1.0f);
    // Speed 1 stops at the end of the epoch.
    app.speed = 1;
    app.budget.step_ms = 1e-6f;
    double real = 0;
    auto fast = [&real] { return real += 1e-6; };
    const auto e = app.session().epoch();
    train_frame(app, fast);
    CHECK(app.session().epoch() == e + 1);
    CHECK(app.session().batch_in_epoch() == 0);
}

TEST_CASE("a diverging run pauses and names why", "[app]") {
    // Regression through ReLU units with a learning rate of 10 explodes within a few steps.
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::RegPlane;
    cfg.output = Activation::Linear;
    cfg.loss = Loss::Mse;
    cfg.hidden = {{8, Activation::Relu, 0.0f}, {8, Activation::Relu, 0.0f}};
    cfg.optimizer.learning_rate = 10.0f;
    AppState app;
    app_init(app, cfg);
    app.speed = 10;
    app_play(app, true);
    double t = 0;
    auto clock = [&t] { return t += 0.01; };
    for (int i = 0; i < 50 && app.playing; ++i) train_frame(app, clock);
    CHECK_FALSE(app.playing);
    CHECK(app.session().stop_reason() == StopReason::NonFiniteLoss);
    CHECK(contains(state_json(app), "\"stop_reason\":\"non_finite_loss\""));
    app_play(app, true);  // cannot play on
    CHECK_FALSE(app.playing);
    app_reset(app);       // reset recovers
    CHECK(app.session().stop_reason() == StopReason::None);
}

TEST_CASE("the accessor reports state and runs commands", "[app][api]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    std::string s = state_json(app);
    CHECK(contains(s, "\"epoch\":0"));
    CHECK(contains(s, "\"playing\":false"));
    CHECK(contains(s, "\"kind\":\"sgd\""));
    CHECK(contains(s, "\"dataset\":\"circle\""));
    CHECK(contains(run_command(app, R"({"cmd":"step"})"), "\"ok\":true"));
    CHECK(contains(state_json(app), "\"epoch\":1"));
    CHECK(contains(run_command(app, R"({"cmd":"set_optimizer","value":"adam"})"), "\"ok\":true"));
    s = state_json(app);
    CHECK(contains(s, "\"kind\":\"adam\""));
    CHECK(contains(s, "\"epoch\":1"));  // switching keeps the training going
    CHECK(contains(run_command(app, R"({"cmd":"set_dropout","layer":0,"value":0.5})"), "\"ok\":true"));
    CHECK(app.session().config().hidden[0].dropout == 0.5f);
    run_command(app, R"({"cmd":"step"})");
    CHECK(contains(state_json(app), "\"dropout\":0.5"));
    // With p = 0.5 over 4 units some step drops some unit of the first example.
    int dropped = 0;
    for (int i = 0; i < 20; ++i) {
        app.session().train_batch();
        dropped += dropped_count(app.session(), 0);
    }
    CHECK(dropped > 0);
    CHECK(dropped < 20 * 4);
    CHECK(contains(run_command(app, R"({"cmd":"play"})"), "\"ok\":true"));
    CHECK(app.playing);
    run_command(app, R"({"cmd":"pause"})");
    CHECK_FALSE(app.playing);
    CHECK(contains(run_command(app, R"({"cmd":"set_hidden","value":"3,3,3"})"), "\"ok\":true"));
    CHECK(app.session().net().num_layers() == 4);
    CHECK(contains(run_command(app, R"({"cmd":"set_dataset","value":"xor"})"), "\"ok\":true"));
    CHECK(app.session().config().data.kind == DatasetKind::Xor);
    // Bad commands are named errors, never exceptions.
    CHECK(contains(run_command(app, "nonsense"), "\"ok\":false"));
    CHECK(contains(run_command(app, R"({"cmd":"fly"})"), "unknown command"));
    CHECK(contains(run_command(app, R"({"cmd":"set_optimizer","value":"magic"})"), "unknown optimizer"));
    CHECK(contains(run_command(app, R"({"cmd":"set_dropout","layer":9,"value":0.5})"), "no such hidden layer"));
}

TEST_CASE("pictures are recomputed only when the network changed", "[app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    update_pictures(app);
    const long long v = app.pictures.version;
    update_pictures(app);
    CHECK(app.pictures.version == v);
    app_step(app);
    update_pictures(app);
    CHECK(app.pictures.version == v + 1);
    CHECK(app.pictures.atlas.cell_w() == kGridSize);
}
