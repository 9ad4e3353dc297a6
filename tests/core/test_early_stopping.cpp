// Early stopping on a validation split: it watches the validation loss (the training loss when
// there is no validation split), never the test loss; it puts the best weights back; it goes on
// after a resume for another `patience` epochs; and the stop clears when the run is changed.
#include "config_codec.hpp"
#include "session.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <vector>

using namespace nnp;

namespace {

// A small noisy spiral and a big network: it overfits within a few hundred epochs.
ExperimentConfig overfitting() {
    const DecodedConfig d = decode_config(
        "v=1&data=spiral&points=80&noise=50&f=x,y,xSquared,ySquared,xTimesY,sinX,sinY"
        "&net=16:relu,16:relu&opt=adam&lr=0.03&es=1&pat=20");
    REQUIRE(d.issues.empty());
    return d.config;
}

struct Run {
    std::int64_t stop_epoch = -1, best_epoch = -1;
    std::map<std::int64_t, std::vector<float>> params;  // after each epoch
};

Run train_until_stopped(Session& s, int max_epochs = 3000) {
    Run run;
    run.params[0] = {s.net().params().begin(), s.net().params().end()};
    for (int e = 0; e < max_epochs && s.train_epoch(); ++e)
        run.params[s.epoch()] = {s.net().params().begin(), s.net().params().end()};
    run.stop_epoch = s.stop_epoch();
    run.best_epoch = s.best_epoch();
    return run;
}

}  // namespace

TEST_CASE("the training share is split into training and validation, the test rows stay", "[early]") {
    ExperimentConfig c = overfitting();
    REQUIRE(c.validation_percent == kDefaultValidationPercent);
    Session s(c);
    const Dataset& d = s.data();
    CHECK(d.n_train + d.n_val == 40);  // 50% of 80 points
    CHECK(d.n_val == 8);               // 20% of those
    CHECK(d.n_test() == 40);
    CHECK(s.watched_loss() == WatchedLoss::Validation);
    c.validation_percent = 0.0f;
    Session none(c);
    CHECK(none.n_val() == 0);
    CHECK(none.data().n_test() == 40);
    CHECK(none.watched_loss() == WatchedLoss::Training);
}

TEST_CASE("early stopping restores exactly the parameters of the best epoch", "[early]") {
    Session s(overfitting());
    const Run run = train_until_stopped(s);
    REQUIRE(s.stop_reason() == StopReason::EarlyStopped);
    CHECK(run.stop_epoch - run.best_epoch == 20);
    const std::vector<float> now(s.net().params().begin(), s.net().params().end());
    CHECK(now == run.params.at(run.best_epoch));
    CHECK(now != run.params.at(run.stop_epoch - 1));
    // The losses shown are the restored network's: the lowest validation loss of the history.
    float best = 1e30f;
    for (const auto& r : s.history().records())
        if (r.epoch == run.best_epoch) best = r.val_loss;
    CHECK(s.current().val_loss == Approx(best).epsilon(1e-6));
    for (const auto& r : s.history().records()) CHECK(r.val_loss >= best);
}

TEST_CASE("the test split never changes when training stops", "[early]") {
    const ExperimentConfig c = overfitting();
    Session a(c);
    Dataset other = a.data();
    // New test points: moved, relabelled. Training and validation rows are the same.
    for (int i = other.test_begin(); i < other.size(); ++i) {
        other.x(i, 0) = -other.x(i, 0) + 0.5f;
        other.label[std::size_t(i)] = 1 - other.label[std::size_t(i)];
    }
    Session b(c, other);
    REQUIRE(b.n_val() == a.n_val());
    const Run ra = train_until_stopped(a), rb = train_until_stopped(b);
    REQUIRE(a.stop_reason() == StopReason::EarlyStopped);
    CHECK(ra.stop_epoch == rb.stop_epoch);
    CHECK(ra.best_epoch == rb.best_epoch);
    CHECK(a.current().test_loss != b.current().test_loss);  // the test points did differ
}

TEST_CASE("without a validation split early stopping watches the training loss", "[early]") {
    ExperimentConfig c = overfitting();
    c.validation_percent = 0.0f;
    c.optimizer.learning_rate = 0.3f;  // noisy steps, so the training loss stops improving
    c.patience = 5;
    Session s(c);
    train_until_stopped(s);
    REQUIRE(s.stop_reason() == StopReason::EarlyStopped);
    float best = 1e30f;
    for (const auto& r : s.history().records()) best = std::min(best, r.train_loss);
    CHECK(s.current().train_loss == Approx(best).epsilon(1e-6));
}

TEST_CASE("after a resume training goes on until the next stop", "[early]") {
    Session s(overfitting());
    train_until_stopped(s);
    REQUIRE(s.stop_reason() == StopReason::EarlyStopped);
    const std::int64_t first_stop = s.stop_epoch();
    s.resume();
    int epochs = 0;
    while (epochs < 3000 && s.train_epoch()) ++epochs;
    CHECK(epochs + 1 >= 20);  // at least another patience window, not one epoch
    CHECK(s.stop_reason() == StopReason::EarlyStopped);
    CHECK(s.stop_epoch() > first_stop);
}

TEST_CASE("changing the run clears the early stop", "[early]") {
    Session s(overfitting());
    train_until_stopped(s);
    REQUIRE(s.stop_reason() == StopReason::EarlyStopped);
    ExperimentConfig shown = s.config();  // a display toggle is not a change of the run
    shown.show_test = true;
    REQUIRE(s.apply_live(shown));
    CHECK(s.stop_reason() == StopReason::EarlyStopped);
    ExperimentConfig faster = s.config();
    faster.optimizer.learning_rate = 0.01f;
    REQUIRE(s.apply_live(faster));
    CHECK(s.stop_reason() == StopReason::None);

    train_until_stopped(s);
    REQUIRE(s.stop_reason() == StopReason::EarlyStopped);
    s.net().params()[0] += 1.0f;  // an edited weight
    s.params_changed();
    CHECK(s.stop_reason() == StopReason::None);
}
