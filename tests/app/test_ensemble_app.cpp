// The page's ensemble: an ens= link opens as the members' runs (shared with the ensemble that
// votes), bagging's members train side by side and boosting's learners join one by one as the
// frames go, the vote's map and numbers follow them, a live edit keeps the members, and the
// accessor reports what the page shows.
#include "app_api.hpp"
#include "app_state.hpp"
#include "config_codec.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace nnp;
using namespace nnp::app;
using namespace nnp::app::test;

namespace {

void frames(AppState& app, int n) {
    double t = 0.0;
    for (int f = 0; f < n; ++f) {
        train_frame(app, [&] { return t += 0.0005; });
        update_pictures(app);
        ++app.frames;
    }
}

}  // namespace

TEST_CASE("a bagging link opens as its members, each a run of the ensemble", "[ensemble_app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&data=xor&noise=40&ens=bagging&members=7");  // 7: the default
    CHECK(app.link.issues.empty());  // the page shows ensembles: nothing to say about the link
    REQUIRE(app.ensemble);
    REQUIRE(app.runs.size() == 7);
    CHECK(app.racing());
    CHECK_FALSE(app.race());
    CHECK(leader(app) == -1);  // members are not racing
    for (std::size_t k = 0; k < 7; ++k) {
        CHECK(app.runs[k].session == app.ensemble.run->members()[k]);
        CHECK(app.runs[k].name == "Member " + std::to_string(k + 1));
        CHECK(app.ensemble.out_of_bag[k] == app.ensemble.run->out_of_bag(int(k)));
    }
    CHECK(app_link_text(app, false) == "v=1&data=xor&noise=40&ens=bagging");

    app_play(app, true);
    frames(app, 60);
    const std::int64_t e = app.runs[0].session->epoch();
    CHECK(e >= 20);
    for (const Run& r : app.runs) CHECK(r.session->epoch() >= e - 1);
    app_play(app, false);
    update_pictures(app);
    app.pictures_dirty = true;
    update_pictures(app);
    // The vote's map is a picture of its own, and its numbers are the ensemble's.
    CHECK(app.ensemble.picture.cell >= 0);
    CHECK(app.ensemble.shares.rows() == kGridSize * kGridSize);
    const EnsembleRecord r = app.ensemble.run->record();
    CHECK(app.ensemble.record.test_accuracy == r.test_accuracy);
    REQUIRE(app.ensemble.curve.size() == 7);
    CHECK(app.ensemble.curve.back() == Approx(r.test_accuracy));

    const std::string json = state_json(app);
    CHECK(json.find("\"ensemble\":{\"kind\":\"bagging\",\"members\":7") != std::string::npos);
    CHECK(json.find("\"curve\":[") != std::string::npos);
    // A test point's votes, through the accessor.
    const int row = app.session().data().test_begin();
    CHECK(run_command(app, "{\"cmd\":\"pick_point\",\"value\":" + std::to_string(row) + "}").find("error") ==
          std::string::npos);
    CHECK(app.ensemble.picked == row);
    CHECK(state_json(app).find("\"vote\":" + std::to_string(app.ensemble.run->vote(row))) != std::string::npos);
}

TEST_CASE("a live edit reaches every member and keeps them, an ensemble edit builds them again", "[ensemble_app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&ens=bagging&members=3");
    const Session* first = app.runs[0].session.get();
    ExperimentConfig next = app.config;
    next.optimizer.learning_rate = 0.1f;
    CHECK(apply_config(app, next) == ConfigChange::Live);
    CHECK(app.runs[0].session.get() == first);
    for (const Run& r : app.runs) CHECK(r.session->config().optimizer.learning_rate == 0.1f);
    CHECK(app.runs[2].session->config().seed == app.config.seed + 2);  // each keeps its own seed
    next.ensemble.members = 4;
    CHECK(apply_config(app, next) == ConfigChange::Rebuild);
    CHECK(app.runs.size() == 4);
    next.ensemble.kind = EnsembleKind::None;
    apply_config(app, next);
    CHECK_FALSE(app.ensemble);
    CHECK(app.runs.size() == 1);
    CHECK(state_json(app).find("\"ensemble\":null") != std::string::npos);
    // Reset: new members from the next seed.
    app_open_link(app, "v=1&ens=bagging&members=3");
    const std::uint32_t seed = app.config.seed;
    app_reset(app);
    CHECK(app.config.seed == seed + 1);
    CHECK(app.runs[0].session->config().seed == seed + 1);
    CHECK(app.runs.size() == 3);
}

TEST_CASE("boosting's learners join the page one by one and then training stops", "[ensemble_app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=xor&noise=10&net=2:tanh&ens=boosting&members=4&lepochs=10");
    REQUIRE(app.ensemble.boosting());
    REQUIRE(app.runs.size() == 1);  // the first learner, in training
    CHECK(app.runs[0].name == "Learner 1 (training)");
    CHECK(app.runs[0].session.get() == app.ensemble.run->learner());
    app_play(app, true);
    int guard = 0;
    while (app.playing && ++guard < 2000) frames(app, 1);
    CHECK_FALSE(app.playing);  // every learner is in, or boosting ended
    CHECK(app.ensemble.run->finished());
    const std::size_t k = app.ensemble.run->members().size();
    REQUIRE(k >= 1);
    REQUIRE(app.runs.size() == k);
    for (std::size_t i = 0; i < k; ++i) {
        CHECK(app.runs[i].frozen);
        CHECK(app.runs[i].session->epoch() == 10);  // each trained exactly its epochs
        CHECK(app.runs[i].name.rfind("Learner " + std::to_string(i + 1) + ": α", 0) == 0);
    }
    // The same ensemble as nnp_run's.
    EnsembleRun whole(app.config);
    while (whole.advance()) {}
    REQUIRE(whole.alphas().size() == k);
    for (std::size_t i = 0; i < k; ++i) CHECK(whole.alphas()[i] == app.ensemble.run->alphas()[i]);
    app_step(app);  // nothing left to train: no crash, no change
    CHECK(app.runs.size() == k);

    // A first learner no better than chance (5 epochs are too few here: weighted error 0.57)
    // ends boosting with no members; its run stays on show, frozen, and play stops.
    app_open_link(app, "v=1&data=xor&noise=10&net=2:tanh&ens=boosting&members=4&lepochs=5");
    app_play(app, true);
    guard = 0;
    while (app.playing && ++guard < 200) frames(app, 1);
    CHECK_FALSE(app.playing);
    CHECK(app.ensemble.run->members().empty());
    REQUIRE(app.runs.size() == 1);
    CHECK(app.runs[0].frozen);
    app.pictures_dirty = true;
    update_pictures(app);  // no members to vote: no vote map, no crash
    CHECK(app.ensemble.picture.cell < 0);
    CHECK(state_json(app).find("\"members\":0") != std::string::npos);
}

TEST_CASE("an ensemble on regression data votes by the mean, and a race link drops its ensemble", "[ensemble_app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=reg-plane&ens=bagging&members=3");
    REQUIRE(app.ensemble);
    app.pictures_dirty = true;
    update_pictures(app);
    CHECK(app.ensemble.picture.cell >= 0);
    CHECK(app.ensemble.shares.cols() == 1);
    CHECK(app.ensemble.curve.empty());
    app_open_link(app, "v=1&ens=bagging&race=opt:sgd,adam");
    CHECK_FALSE(app.link.issues.empty());
    CHECK(bool(app.ensemble) != (app.runs.size() == 2 && app.race()));
}

TEST_CASE("a stacking link opens as its base learners, whose fold copies train beside them", "[ensemble_app]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&data=moons&noise=30&ens=stacking&race=lr:0.1,0.01&folds=3");
    CHECK(app.link.issues.empty());
    REQUIRE(app.ensemble.stacking());
    REQUIRE(app.runs.size() == 2);
    CHECK(app.runs[0].name == "lr 0.1");
    CHECK(app.runs[1].name == "lr 0.01");
    CHECK(app.runs[0].session->config().optimizer.learning_rate == Approx(0.1f));
    const EnsembleRun& ens = *app.ensemble.run;
    REQUIRE(ens.fold_copies().size() == 6);
    CHECK(app_link_text(app, false) == "v=1&data=moons&noise=30&race=lr:0.1,0.01&ens=stacking&folds=3");

    app_play(app, true);
    frames(app, 40);
    app_play(app, false);
    const std::int64_t e = app.runs[0].session->epoch();
    CHECK(e >= 10);
    // Every copy trains as far as its base learner (the frame's budget may leave one an epoch
    // behind).
    for (std::size_t j = 0; j < ens.fold_copies().size(); ++j) {
        const std::int64_t own = app.runs[j / 3].session->epoch();
        CHECK(ens.fold_copies()[j]->epoch() <= own);
        CHECK(ens.fold_copies()[j]->epoch() >= own - 1);
    }
    app.pictures_dirty = true;
    update_pictures(app);
    CHECK(app.ensemble.picture.cell >= 0);  // the stacked model's map
    REQUIRE(app.ensemble.meta_weights.size() == 2);
    CHECK(app.ensemble.meta_weights == ens.meta_weights());
    CHECK(app.ensemble.record.test_accuracy == ens.record().test_accuracy);
    CHECK(app.ensemble.curve.size() == 2);
    CHECK(state_json(app).find("\"meta_weights\":[") != std::string::npos);

    // A live edit keeps each base learner's own value (the race's), and reaches the copies.
    ExperimentConfig next = app.config;
    next.show_test = true;
    next.optimizer.momentum = 0.5f;
    CHECK(apply_config(app, next) == ConfigChange::Live);
    CHECK(app.runs[0].session->config().optimizer.learning_rate == Approx(0.1f));
    CHECK(app.runs[1].session->config().optimizer.learning_rate == Approx(0.01f));
    CHECK(ens.fold_copies()[4]->config().optimizer.learning_rate == Approx(0.01f));
    CHECK(ens.fold_copies()[4]->config().optimizer.momentum == Approx(0.5f));
    CHECK(app.runs[0].session->epoch() == e);

    // A step trains the copies too.
    app_step(app);
    for (const auto& copy : app.ensemble.run->fold_copies()) CHECK(copy->epoch() >= e);
}
