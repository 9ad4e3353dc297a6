// Stacking (core/stacking.hpp and EnsembleRun's stacking): the folds, the out-of-fold inputs,
// the meta-learner, and that the meta-learner never learns from a prediction a base learner
// made for a row it trained on.
#include "mlp.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "config_codec.hpp"
#include "ensemble.hpp"
#include "race.hpp"
#include "session.hpp"
#include "stacking.hpp"

#include "helpers.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace nnp;
using nnp::test::has_issue;

namespace {

ExperimentConfig decoded(const char* link) {
    const DecodedConfig d = decode_config(link);
    INFO(link);
    for (const ConfigIssue& i : d.issues) INFO(i.field << ": " << i.message);
    REQUIRE(d.issues.empty());
    return d.config;
}

}  // namespace

TEST_CASE("folds cut the rows into near-equal parts from the seed", "[stacking]") {
    Rng rng = make_rng(5, RngStream::Folds);
    const std::vector<int> fold_of = fold_assignment(23, 5, rng);
    REQUIRE(fold_of.size() == 23);
    std::vector<int> sizes(5, 0);
    for (const int f : fold_of) {
        REQUIRE((f >= 0 && f < 5));
        ++sizes[std::size_t(f)];
    }
    // 23 = 5 + 5 + 5 + 4 + 4.
    CHECK(*std::max_element(sizes.begin(), sizes.end()) == 5);
    CHECK(*std::min_element(sizes.begin(), sizes.end()) == 4);
    Rng again = make_rng(5, RngStream::Folds);
    CHECK(fold_assignment(23, 5, again) == fold_of);
    Rng other = make_rng(6, RngStream::Folds);
    CHECK(fold_assignment(23, 5, other) != fold_of);

    const std::vector<int> small = {0, 1, 1, 0, 2};
    CHECK(rows_outside_fold(small, 0) == std::vector<int>{1, 2, 4});
    CHECK(rows_outside_fold(small, 1) == std::vector<int>{0, 3, 4});
    CHECK(rows_outside_fold(small, 2) == std::vector<int>{0, 1, 2, 3});
    // More folds than rows: each row its own fold.
    Rng tiny = make_rng(1, RngStream::Folds);
    std::vector<int> three = fold_assignment(3, 10, tiny);
    std::sort(three.begin(), three.end());
    CHECK(three == std::vector<int>{0, 1, 2});
}

TEST_CASE("out-of-fold inputs take each row from the copies that left its fold out", "[stacking]") {
    // Two learners, two folds; copy (k, f) outputs 10 k + f + row / 100 everywhere, so every
    // entry says which copy it came from and for which row.
    const std::vector<int> fold_of = {0, 1, 1, 0};
    std::vector<Matrix> copies;
    for (int k = 0; k < 2; ++k)
        for (int f = 0; f < 2; ++f) {
            Matrix m(6, 1);  // more rows than the training rows: the copies' outputs cover the test rows too
            for (int i = 0; i < 6; ++i) m(i, 0) = float(10 * k + f) + float(i) / 100.0f;
            copies.push_back(m);
        }
    std::vector<const Matrix*> ptrs;
    for (const Matrix& m : copies) ptrs.push_back(&m);
    const Matrix z = out_of_fold_inputs(ptrs, 2, 2, fold_of);
    REQUIRE(z.rows() == 4);
    REQUIRE(z.cols() == 2);
    for (int i = 0; i < 4; ++i)
        for (int k = 0; k < 2; ++k) CHECK(z(i, k) == Approx(float(10 * k + fold_of[std::size_t(i)]) + float(i) / 100.0f));

    Matrix a(2, 1), b(2, 3);
    a << 1, 2;
    b << 3, 4, 5, 6, 7, 8;
    const Matrix* both[] = {&a, &b};
    Matrix expect(2, 4);
    expect << 1, 3, 4, 5, 2, 6, 7, 8;
    CHECK(stack_inputs(both) == expect);
}

TEST_CASE("the meta-learner is the engine's network without a hidden layer, fitted by full-batch Adam", "[stacking]") {
    SECTION("regression: a least-squares line") {
        // t = 2 z1 - z2 + 0.5 exactly: the fitted weights find it.
        Matrix z(6, 2), t(6, 1);
        z << 0, 0, 1, 0, 0, 1, 1, 1, 2, -1, -1, 2;
        for (int i = 0; i < 6; ++i) t(i, 0) = 2.0f * z(i, 0) - z(i, 1) + 0.5f;
        const Mlp meta = fit_meta_learner(z, t, Activation::Linear, Loss::Mse, 3000, 0.05f);
        CHECK(meta.weights(0)(0, 0) == Approx(2.0f).margin(0.01));
        CHECK(meta.weights(0)(1, 0) == Approx(-1.0f).margin(0.01));
        CHECK(meta.bias(0)(0) == Approx(0.5f).margin(0.01));
        const Matrix p = meta_predict(meta, z);
        for (int i = 0; i < 6; ++i) CHECK(p(i, 0) == Approx(t(i, 0)).margin(0.03));
    }
    SECTION("classes: the input that tells the class gets the weight") {
        // Input 0 is the label itself, input 1 is its opposite on half the rows only.
        Matrix z(8, 2), t(8, 1);
        for (int i = 0; i < 8; ++i) {
            const float y = float(i % 2);
            z(i, 0) = y;
            z(i, 1) = i < 4 ? 1.0f - y : y;
            t(i, 0) = y;
        }
        const Mlp meta = fit_meta_learner(z, t, Activation::Sigmoid, Loss::BinaryCrossEntropy);
        CHECK(meta.weights(0)(0, 0) > 1.0f);
        CHECK(std::fabs(meta.weights(0)(1, 0)) < 0.5f * meta.weights(0)(0, 0));
        const Matrix p = meta_predict(meta, z);
        for (int i = 0; i < 8; ++i) CHECK((p(i, 0) > 0.5f) == (t(i, 0) > 0.5f));
        // Zero iterations: the zero start, p = sigmoid(0).
        const Mlp zero = fit_meta_learner(z, t, Activation::Sigmoid, Loss::BinaryCrossEntropy, 0);
        CHECK(meta_predict(zero, z)(3, 0) == 0.5f);
    }
    SECTION("trust per learner, by hand") {
        // Two learners of 2 outputs (softmax) into a 2-class meta: W is 4 x 2.
        NetworkSpec spec;
        spec.inputs = 4;
        spec.outputs = 2;
        spec.output = Activation::Softmax;
        Mlp meta(spec);
        const float w[] = {1.0f, 0.0f, 0.0f, 3.0f,     // learner 0: diagonal 1 and 3 -> 2
                           -1.0f, 0.5f, 0.25f, 0.0f};  // learner 1: diagonal -1 and 0 -> -0.5
        for (int i = 0; i < 8; ++i) meta.params()[std::size_t(i)] = w[i];
        const int widths[] = {2, 2};
        const std::vector<float> trust = meta_learner_weights(meta, widths);
        REQUIRE(trust.size() == 2);
        CHECK(trust[0] == Approx(2.0f));
        CHECK(trust[1] == Approx(-0.5f));
        // A learner of another width: its block's mean absolute weight, (1 + 0 + 0 + 3) / 4 = 1.
        const int odd[] = {1, 1};
        CHECK(meta_learner_weights(meta, odd)[0] == Approx(0.5f));  // row 0: (|1| + |0|) / 2
    }
}

TEST_CASE("a stacking link: the race's runs are its base learners, folds clamped, named issues", "[stacking]") {
    const ExperimentConfig cfg = decoded("data=xor&ens=stacking&race=act:tanh,relu&folds=4");
    CHECK(cfg.ensemble.kind == EnsembleKind::Stacking);
    CHECK(cfg.race.key == "act");
    CHECK(cfg.ensemble.folds == 4);
    CHECK(decode_config(encode_config(cfg)).config == cfg);

    // No race: three base learners that differ by activation.
    const DecodedConfig plain = decode_config("data=xor&ens=stacking");
    CHECK(plain.issues.empty());
    CHECK(plain.config.race.key == "act");
    CHECK(plain.config.race.values == std::vector<std::string>{"tanh", "relu", "sigmoid"});
    // A network without hidden layers gets learners of 1, 2 and 3 layers.
    CHECK(decode_config("data=xor&ens=stacking&net=").config.race.key == "depth");

    // Unknown base learners are named, and the default ones are used.
    const DecodedConfig bad = decode_config("data=xor&ens=stacking&race=wings:1,2&folds=50");
    CHECK(has_issue(bad, IssueCode::UnknownName, "race"));
    CHECK(has_issue(bad, IssueCode::OutOfRange, "ensemble.folds"));
    CHECK(bad.config.ensemble.folds == kMaxFolds);
    CHECK(bad.config.ensemble.kind == EnsembleKind::Stacking);
    CHECK(bad.config.race.key == "act");
    // Stacking a regression set is allowed: its meta-learner is a linear regression.
    CHECK(decode_config("data=reg-plane&ens=stacking").config.ensemble.kind == EnsembleKind::Stacking);
    // The base learners are plain runs.
    for (const ExperimentConfig& c : race_configs(cfg)) {
        CHECK(c.ensemble.kind == EnsembleKind::None);
        CHECK(c.race.empty());
    }
}

TEST_CASE("stacking's meta-learner never sees a prediction for a row the learner trained on", "[stacking]") {
    const ExperimentConfig cfg = decoded("data=xor&noise=30&points=200&ens=stacking&race=width:2,8&folds=4&seed=3");
    EnsembleRun ens(cfg);
    REQUIRE(ens.members().size() == 2);
    REQUIRE(ens.fold_copies().size() == 8);
    for (int e = 0; e < 5; ++e) ens.advance();
    const int n_train = ens.data().n_train;
    const std::span<const int> fold_of = ens.fold_of();
    REQUIRE(int(fold_of.size()) == n_train);
    for (int k = 0; k < 2; ++k)
        for (int f = 0; f < 4; ++f) {
            const Session& copy = *ens.fold_copies()[std::size_t(k * 4 + f)];
            CHECK(copy.epoch() == 5);
            CHECK(copy.config().seed == ens.members()[std::size_t(k)]->config().seed);
            const std::vector<int>& rows = copy.training_rows();
            REQUIRE(!rows.empty());
            for (const int r : rows) CHECK(fold_of[std::size_t(r)] != f);  // never its own fold
            CHECK(int(rows.size()) == int(std::count_if(fold_of.begin(), fold_of.end(), [&](int g) { return g != f; })));
        }
    // The meta-learner is exactly the one fitted to the copies' out-of-fold outputs.
    std::vector<Matrix> outs;
    for (const auto& c : ens.fold_copies()) outs.emplace_back(c->evaluated_outputs().topRows(n_train));
    std::vector<const Matrix*> ptrs;
    for (const Matrix& m : outs) ptrs.push_back(&m);
    const Matrix z = out_of_fold_inputs(ptrs, 2, 4, fold_of);
    const Mlp expected = fit_meta_learner(z, ens.members()[0]->targets().topRows(n_train), cfg.output, cfg.loss);
    const std::span<const float> got = ens.meta().params();
    REQUIRE(got.size() == expected.params().size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == expected.params()[i]);
}

TEST_CASE("leakage would make the meta-learner trust a learner that memorised, out-of-fold it does not", "[stacking]") {
    // Noisy xor with the x1*x2 feature: a network without hidden layers reads the class off
    // that feature and generalises (it cannot memorise), while two wide hidden layers trained
    // long learn every training point by heart. On its own training points the memoriser is
    // right far more often, so a meta-learner fed those in-sample predictions (the leak) trusts
    // it more than the honest learner. Out of fold the memoriser is worse than the honest
    // learner, and the meta-learner's trust goes the other way.
    const ExperimentConfig cfg =
        decoded("data=xor&noise=50&points=200&f=x,y,xTimesY&net=32:relu,32:relu&opt=adam&lr=0.01&batch=10"
                "&ens=stacking&race=depth:0,2&folds=5&seed=2");
    EnsembleRun ens(cfg);
    for (int e = 0; e < 300; ++e) ens.advance();
    const int n_train = ens.data().n_train;
    const Session& honest = *ens.members()[0];
    const Session& wide = *ens.members()[1];
    INFO("honest train " << honest.current().train_accuracy << " test " << honest.current().test_accuracy);
    INFO("wide train " << wide.current().train_accuracy << " test " << wide.current().test_accuracy);
    REQUIRE(wide.current().train_accuracy > honest.current().train_accuracy + 0.1f);  // it memorised

    // The leak: the members' own outputs on their training rows.
    Matrix a = honest.evaluated_outputs().topRows(n_train);
    Matrix b = wide.evaluated_outputs().topRows(n_train);
    const Matrix* in_sample[] = {&a, &b};
    const Mlp leaky = fit_meta_learner(stack_inputs(in_sample), honest.targets().topRows(n_train), cfg.output, cfg.loss);
    const int widths[] = {1, 1};
    const std::vector<float> leaky_trust = meta_learner_weights(leaky, widths);
    const std::vector<float> trust = ens.meta_weights();
    INFO("leaky trust " << leaky_trust[0] << ", " << leaky_trust[1] << "; out-of-fold " << trust[0] << ", " << trust[1]);
    CHECK(leaky_trust[1] > leaky_trust[0]);
    CHECK(trust[0] > trust[1]);
    // And the stacked model beats the one the leak gives on the test points (0.79 vs 0.73).
    const int test_begin = ens.data().test_begin(), n = ens.data().size();
    Matrix ta = honest.evaluated_outputs().middleRows(test_begin, n - test_begin);
    Matrix tb = wide.evaluated_outputs().middleRows(test_begin, n - test_begin);
    const Matrix* test_out[] = {&ta, &tb};
    const Matrix leaky_p = meta_predict(leaky, stack_inputs(test_out));
    int leaky_right = 0;
    for (int i = 0; i < n - test_begin; ++i)
        leaky_right += (leaky_p(i, 0) > 0.5f) == (ens.data().label[std::size_t(test_begin + i)] == 1);
    const float leaky_accuracy = float(leaky_right) / float(n - test_begin);
    INFO("test accuracy: stacked " << ens.record().test_accuracy << ", leaky " << leaky_accuracy);
    CHECK(ens.record().test_accuracy > leaky_accuracy + 0.03f);
}
