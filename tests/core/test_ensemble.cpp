// Ensembles' pieces (core/ensemble.hpp) and the two ways a session trains on other than each
// training row once: bootstrap rows (bagging) and sample weights (boosting). The SAMME numbers
// and the votes are derived by hand in the comments.
#include "mlp.hpp"  // first: see the note on GCC 12 in activation.hpp

#include <catch2/catch.hpp>

#include "config_codec.hpp"
#include "ensemble.hpp"
#include "session.hpp"

#include "helpers.hpp"

#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

using namespace nnp;
using nnp::test::has_issue;

TEST_CASE("a bootstrap sample draws n rows with replacement and leaves about 1/e of them out", "[ensemble]") {
    Rng rng = make_rng(7, RngStream::Bootstrap);
    const std::vector<int> rows = bootstrap_rows(10000, rng);
    REQUIRE(rows.size() == 10000);
    for (const int r : rows) CHECK((r >= 0 && r < 10000));
    const std::vector<int> oob = out_of_bag_rows(10000, rows);
    // (1 - 1/n)^n -> 1/e = 0.3679; the spread of the count is about 48 rows.
    CHECK(std::fabs(double(oob.size()) / 10000.0 - 0.3679) < 0.015);
    Rng again = make_rng(7, RngStream::Bootstrap);
    CHECK(bootstrap_rows(10000, again) == rows);  // the seed decides the sample

    const std::vector<int> small = {0, 2, 2, 4};
    CHECK(out_of_bag_rows(6, small) == std::vector<int>{1, 3, 5});
}

TEST_CASE("integer sample weights give the gradient of the rows duplicated", "[ensemble]") {
    // 3 rows weighted 2, 1, 3 against the same rows written out 2 + 1 + 3 times.
    struct Case {
        Activation out;
        Loss loss;
        int outputs;
    };
    for (const Case k : {Case{Activation::Sigmoid, Loss::BinaryCrossEntropy, 1},
                         Case{Activation::Softmax, Loss::CategoricalCrossEntropy, 3},
                         Case{Activation::Linear, Loss::Mse, 1}, Case{Activation::Tanh, Loss::Mse, 1}}) {
        NetworkSpec spec;
        spec.inputs = 2;
        spec.hidden = {LayerSpec{5, Activation::Tanh}};
        spec.outputs = k.outputs;
        spec.output = k.out;
        Mlp net(spec);
        Rng init = make_rng(3, RngStream::Init);
        net.init(Init::Glorot, init);
        Matrix x(3, 2), t = Matrix::Zero(3, k.outputs);
        x << 0.5f, -1.0f, 1.5f, 0.25f, -0.75f, 0.8f;
        for (int i = 0; i < 3; ++i) t(i, k.outputs == 1 ? 0 : i) = k.outputs == 1 ? float(i % 2) : 1.0f;
        const float w[3] = {2.0f, 1.0f, 3.0f};
        const int copies[3] = {2, 1, 3};
        Matrix xd(6, 2), td(6, k.outputs);
        for (int i = 0, r = 0; i < 3; ++i)
            for (int c = 0; c < copies[i]; ++c, ++r) xd.row(r) = x.row(i), td.row(r) = t.row(i);

        Workspace ws, wd;
        ws.resize(net, 3);
        wd.resize(net, 6);
        forward(net, x, ws, DropoutMode::Off);
        const double weighted = backward(net, x, t, k.loss, ws, w);
        forward(net, xd, wd, DropoutMode::Off);
        const double duplicated = backward(net, xd, td, k.loss, wd);
        CHECK(weighted == Approx(duplicated).epsilon(1e-5));  // sum(w_i loss_i) = the copies' sum
        for (std::size_t p = 0; p < ws.grad.size(); ++p) CHECK(ws.grad[p] == Approx(wd.grad[p]).margin(1e-6));
    }
}

TEST_CASE("a session trains on its sample weights: rows of weight zero teach nothing", "[ensemble]") {
    ExperimentConfig cfg = decode_config("v=1&data=gauss").config;  // two classes, easy
    Session s(cfg);
    CHECK_FALSE(s.set_sample_weights(std::vector<float>(3, 1.0f)));  // not one per training row
    std::vector<float> w(std::size_t(s.n_train()), 1.0f);
    w[0] = -1.0f;
    CHECK_FALSE(s.set_sample_weights(w));
    w[0] = std::nanf("");
    CHECK_FALSE(s.set_sample_weights(w));
    CHECK_FALSE(s.set_sample_weights(std::vector<float>(std::size_t(s.n_train()), 0.0f)));
    CHECK(s.sample_weights().empty());

    // Only class 0 weighs: the network learns to say 0 everywhere, and is right on class 0's rows.
    for (int i = 0; i < s.n_train(); ++i) w[std::size_t(i)] = s.data().label[std::size_t(i)] == 0 ? 1.0f : 0.0f;
    REQUIRE(s.set_sample_weights(w));
    for (int e = 0; e < 30; ++e) s.train_epoch();
    const auto out = s.evaluated_outputs();
    int zeros = 0;
    for (int i = 0; i < s.n_train(); ++i)
        zeros += predicted_class(out.row(i).data(), int(out.cols()), s.net().spec().output) == 0 ? 1 : 0;
    CHECK(zeros == s.n_train());

    // Weights all 1 train as no weights do (the same rows and steps; rounding apart).
    Session plain(cfg), ones(cfg);
    REQUIRE(ones.set_sample_weights(std::vector<float>(std::size_t(ones.n_train()), 1.0f)));
    for (int e = 0; e < 5; ++e) plain.train_epoch(), ones.train_epoch();
    CHECK(ones.current().train_loss == Approx(plain.current().train_loss).epsilon(1e-4));
    CHECK(ones.steps() == plain.steps());
}

TEST_CASE("a session trains on its bootstrap rows: an epoch is one pass over them", "[ensemble]") {
    ExperimentConfig cfg = decode_config("v=1&data=gauss&batch=10").config;
    Session s(cfg);
    const int n = s.n_train();  // 250
    Rng rng = make_rng(1, RngStream::Bootstrap);
    std::vector<int> rows = bootstrap_rows(n, rng);
    rows.push_back(-1);   // outside the split: dropped
    rows.push_back(n);
    s.set_training_rows(rows);
    CHECK(s.training_rows().size() == std::size_t(n));
    s.train_epoch();
    CHECK(s.steps() == (n + 9) / 10);

    // Rows of class 1 only, 40 of them: 4 steps an epoch, and the network learns to say 1.
    std::vector<int> ones;
    for (int i = 0; i < n && ones.size() < 40; ++i)
        if (s.data().label[std::size_t(i)] == 1) ones.push_back(i);
    Session t(cfg);
    t.set_training_rows(ones);
    for (int e = 0; e < 40; ++e) t.train_epoch();
    CHECK(t.steps() == 40 * 4);
    CHECK(t.current().train_accuracy == Approx(0.5).margin(0.05));  // right on class 1 only: half the rows
}

TEST_CASE("SAMME: the error, alpha and new weights of a tiny case by hand", "[ensemble]") {
    // Four rows of weight 1/4, the last one wrong, two classes: err = 1/4,
    // alpha = log(3/4 / 1/4) + log(1) = log 3; the wrong row's weight grows 3x: 3/4 against
    // 1/4 + 1/4 + 1/4, so after scaling: 1/6, 1/6, 1/6, 1/2.
    std::vector<float> w = {0.25f, 0.25f, 0.25f, 0.25f};
    const bool wrong[4] = {false, false, false, true};
    SammeStep s = samme_step(w, wrong, 2);
    CHECK(s.useful);
    CHECK(s.error == Approx(0.25));
    CHECK(s.alpha == Approx(std::log(3.0)));
    CHECK(w[0] == Approx(1.0 / 6.0));
    CHECK(w[2] == Approx(1.0 / 6.0));
    CHECK(w[3] == Approx(0.5));

    // Three classes: alpha = log 3 + log 2 = log 6; the wrong row's 1/4 becomes 6/4 against
    // 3/4: 1/9, 1/9, 1/9, 2/3.
    w = {0.25f, 0.25f, 0.25f, 0.25f};
    s = samme_step(w, wrong, 3);
    CHECK(s.alpha == Approx(std::log(6.0)));
    CHECK(w[1] == Approx(1.0 / 9.0));
    CHECK(w[3] == Approx(2.0 / 3.0));

    // Unequal weights: rows weigh 0.1, 0.2, 0.3, 0.4 and rows 1 and 3 are wrong: err = 0.6, worse
    // than chance for two classes (alpha = log(0.4 / 0.6) < 0): not useful, weights kept.
    w = {0.1f, 0.2f, 0.3f, 0.4f};
    const bool wrong2[4] = {false, true, false, true};
    s = samme_step(w, wrong2, 2);
    CHECK_FALSE(s.useful);
    CHECK(s.error == Approx(0.6));
    CHECK(s.alpha == Approx(std::log(0.4 / 0.6)));
    CHECK(w[1] == Approx(0.2f));
    // For 3 classes the same error is better than chance (2/3): alpha = log(2/3) + log 2 > 0.
    s = samme_step(w, wrong2, 3);
    CHECK(s.useful);
    CHECK(s.alpha == Approx(std::log(0.4 / 0.6) + std::log(2.0)));

    // A perfect learner: the clamped error gives a large, finite alpha.
    w = {0.5f, 0.5f};
    const bool none[2] = {false, false};
    s = samme_step(w, none, 2);
    CHECK(std::isfinite(s.alpha));
    CHECK(s.alpha > 20.0);
}

TEST_CASE("votes: the majority with ties to the higher mean probability, and by alpha", "[ensemble]") {
    // One sigmoid unit, three rows, three members.
    Matrix a(3, 1), b(3, 1), c(3, 1);
    a << 0.9f, 0.2f, 0.6f;
    b << 0.8f, 0.4f, 0.1f;
    c << 0.3f, 0.7f, 0.45f;
    const Matrix* three[] = {&a, &b, &c};
    // Row 0: 1, 1, 0 -> 1. Row 1: 0, 0, 1 -> 0. Row 2: 1, 0, 0 -> 0.
    CHECK(majority_vote(three, Activation::Sigmoid, 2) == std::vector<int>{1, 0, 0});
    // Two members tie on every row; the mean probability decides. Row 0: class 1 gets
    // (0.9 + 0.8) / 2 vs class 0... both say 1: no tie, 1. Row 1: a says 0 (p0 = 0.8), b says 0: 0.
    // Row 2: a says 1 with 0.6, b says 0 with 0.9: mean p1 = 0.35 < p0 = 0.65: 0.
    const Matrix* two[] = {&a, &b};
    CHECK(majority_vote(two, Activation::Sigmoid, 2) == std::vector<int>{1, 0, 0});
    // A tie the other way: a says 1 with 0.95, b says 0 with 0.55 (a = 0.45): p1 = 0.75 wins.
    Matrix d(1, 1), e(1, 1);
    d << 0.95f;
    e << 0.45f;
    const Matrix* tie[] = {&d, &e};
    CHECK(majority_vote(tie, Activation::Sigmoid, 2) == std::vector<int>{1});
    // tanh outputs: the threshold is 0 and p1 = (1 + a) / 2.
    Matrix f(1, 1), g(1, 1);
    f << 0.2f;   // says 1, p1 = 0.6
    g << -0.9f;  // says 0, p0 = 0.95
    const Matrix* tanh_tie[] = {&f, &g};
    CHECK(majority_vote(tanh_tie, Activation::Tanh, 2) == std::vector<int>{0});

    // Softmax, three classes: votes 2, 0, 2 -> 2.
    Matrix p(1, 3), q(1, 3), r(1, 3);
    p << 0.1f, 0.2f, 0.7f;
    q << 0.6f, 0.3f, 0.1f;
    r << 0.2f, 0.3f, 0.5f;
    const Matrix* soft[] = {&p, &q, &r};
    CHECK(majority_vote(soft, Activation::Softmax, 3) == std::vector<int>{2});

    // By alpha: a says 0 (alpha 1), b and c say 1 (0.5 + 0.4 = 0.9): 0 wins; with c at 0.6, 1.
    Matrix u(1, 1), v(1, 1), w(1, 1);
    u << 0.2f;
    v << 0.7f;
    w << 0.9f;
    const Matrix* boosted[] = {&u, &v, &w};
    const double alphas[] = {1.0, 0.5, 0.4};
    CHECK(weighted_vote(boosted, alphas, Activation::Sigmoid, 2) == std::vector<int>{0});
    const double more[] = {1.0, 0.5, 0.6};
    CHECK(weighted_vote(boosted, more, Activation::Sigmoid, 2) == std::vector<int>{1});

    // Regression: the mean.
    Matrix m1(2, 1), m2(2, 1);
    m1 << 1.0f, -2.0f;
    m2 << 3.0f, 0.0f;
    const Matrix* reg[] = {&m1, &m2};
    CHECK(mean_vote(reg) == std::vector<float>{2.0f, -1.0f});
}

TEST_CASE("bagging: on noisy data the members' vote beats the mean member", "[ensemble][learning]") {
    // Two moons with 40% noise and a network big enough to overfit its share of them; seven
    // members, each with its own weights and its own bootstrap sample of the training split,
    // trained with the page's defaults otherwise.
    for (const char* link : {"v=1&data=moons&noise=40&net=16:relu,16:relu", "v=1&data=xor&noise=50&net=16:relu,16:relu"}) {
        const ExperimentConfig base = decode_config(link).config;
        const auto data = shared_data(base);
        std::vector<std::unique_ptr<Session>> members;
        double mean_member = 0.0;
        for (int k = 0; k < 7; ++k) {
            ExperimentConfig cfg = base;
            cfg.seed = std::uint32_t(k + 1);
            auto s = std::make_unique<Session>(cfg, data);
            Rng rng = make_rng(cfg.seed, RngStream::Bootstrap);
            s->set_training_rows(bootstrap_rows(s->n_train(), rng));
            for (int e = 0; e < 300; ++e) s->train_epoch();
            mean_member += s->current().test_accuracy / 7.0;
            members.push_back(std::move(s));
        }
        std::vector<Matrix> outs;
        for (const auto& s : members) outs.emplace_back(s->evaluated_outputs());
        std::vector<const Matrix*> ptrs;
        for (const Matrix& m : outs) ptrs.push_back(&m);
        const std::vector<int> vote = majority_vote(ptrs, members[0]->net().spec().output, 2);
        int right = 0;
        for (int i = data->test_begin(); i < data->size(); ++i) right += vote[std::size_t(i)] == data->label[std::size_t(i)];
        const double ensemble = double(right) / double(data->n_test());
        INFO(link << ": ensemble " << ensemble << ", mean member " << mean_member);
        CHECK(ensemble > mean_member + 0.005);  // measured: +0.6 and +0.7 points
    }
}

TEST_CASE("an ensemble link: bagging's members differ and each trains on its own sample", "[ensemble]") {
    const DecodedConfig d = decode_config("v=1&data=moons&noise=30&ens=bagging&members=5");
    REQUIRE(d.issues.empty());
    CHECK(encode_config(d.config) == "v=1&data=moons&noise=30&ens=bagging&members=5");
    EnsembleRun ens(d.config);
    REQUIRE(ens.members().size() == 5);
    for (int m = 0; m < 5; ++m) {
        const Session& s = *ens.members()[std::size_t(m)];
        CHECK(s.config().seed == std::uint32_t(1 + m));
        CHECK(s.training_rows().size() == std::size_t(s.n_train()));
        CHECK(&s.data() == &ens.data());  // one data set for all
        const std::vector<int> oob = ens.out_of_bag(m);
        CHECK((oob.size() > 60 && oob.size() < 120));  // about 250 / e
        if (m > 0) CHECK(s.training_rows() != ens.members()[0]->training_rows());
    }
    for (int e = 0; e < 20; ++e) CHECK(ens.advance());
    const EnsembleRecord r = ens.record();
    CHECK(r.epoch == 20);
    CHECK(r.test_accuracy > 0.8f);
    double mean = 0.0;
    for (const auto& s : ens.members()) mean += s->current().test_accuracy / 5.0;
    CHECK(r.members_mean_test_accuracy == Approx(mean).epsilon(1e-5));
    CHECK(std::isfinite(r.test_loss));
}

TEST_CASE("boosting adds learners on re-weighted rows, each weighed by its alpha", "[ensemble]") {
    // Small learners (one hidden layer of 2) on the xor set: each alone is weak.
    EnsembleRun ens(decode_config("v=1&data=xor&noise=10&net=2:tanh&ens=boosting&members=6&lepochs=10").config);
    CHECK(ens.members().empty());
    const auto start = std::vector<float>(ens.sample_weights().begin(), ens.sample_weights().end());
    REQUIRE(start.size() == 250);
    CHECK(start[0] == Approx(1.0 / 250.0));
    REQUIRE(ens.advance());
    REQUIRE(ens.members().size() == 1);
    const Session& first = *ens.members()[0];
    CHECK(first.epoch() == 10);
    // The first learner's SAMME step by hand from its own mistakes.
    const auto out = first.evaluated_outputs();
    std::vector<float> w = start;
    std::unique_ptr<bool[]> wrong(new bool[w.size()]);
    for (std::size_t i = 0; i < w.size(); ++i)
        wrong[i] = predicted_class(out.row(Eigen::Index(i)).data(), int(out.cols()), first.net().spec().output) !=
                   ens.data().label[i];
    const SammeStep s = samme_step(w, std::span<const bool>(wrong.get(), w.size()), 2);
    CHECK(ens.alphas()[0] == Approx(s.alpha));
    CHECK(ens.record().error == Approx(s.error));
    CHECK(ens.errors()[0] == Approx(s.error));
    for (std::size_t i = 0; i < w.size(); ++i) CHECK(ens.sample_weights()[i] == Approx(w[i]));
    // The second learner trained on those weights (scaled to a mean of 1).
    REQUIRE(ens.advance());
    const Session& second = *ens.members()[1];
    REQUIRE(second.sample_weights().size() == 250);
    CHECK(second.sample_weights()[0] == Approx(w[0] * 250.0f));
    while (ens.advance()) {}
    CHECK(ens.finished());
    CHECK(ens.members().size() <= 6);
    CHECK(ens.alphas().size() == ens.members().size());
    const EnsembleRecord r = ens.record();
    CHECK(r.epoch == std::int64_t(ens.members().size()));
    CHECK(r.train_accuracy >= r.members_mean_train_accuracy);
}

TEST_CASE("ensemble links with bad values are clamped and named", "[ensemble]") {
    const DecodedConfig many = decode_config("v=1&ens=bagging&members=500");
    CHECK(many.config.ensemble.members == kMaxMembers);
    CHECK(has_issue(many, IssueCode::OutOfRange, "ensemble.members"));
    const DecodedConfig unknown = decode_config("v=1&ens=voting");
    CHECK(unknown.config.ensemble.kind == EnsembleKind::None);
    CHECK(has_issue(unknown, IssueCode::UnknownName, "ens"));
    const DecodedConfig regression = decode_config("v=1&data=reg-plane&ens=boosting");
    CHECK(regression.config.ensemble.kind == EnsembleKind::None);
    CHECK(has_issue(regression, IssueCode::Incompatible, "ensemble.kind"));
    const DecodedConfig both = decode_config("v=1&ens=bagging&race=opt:sgd,adam");
    CHECK(both.config.race.empty());
    CHECK(has_issue(both, IssueCode::Incompatible, "race"));
}

TEST_CASE("vote shares count each member's vote, or its weight", "[ensemble]") {
    // Three softmax members over two rows of three classes.
    Matrix a(2, 3), b(2, 3), c(2, 3);
    a << 0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f;  // votes 0, 2
    b << 0.1f, 0.6f, 0.3f, 0.2f, 0.5f, 0.3f;  // votes 1, 1
    c << 0.5f, 0.4f, 0.1f, 0.3f, 0.3f, 0.4f;  // votes 0, 2
    const Matrix* outs[] = {&a, &b, &c};
    const Matrix equal = vote_shares(outs, {}, Activation::Softmax, 3);
    CHECK(equal(0, 0) == Approx(2.0 / 3.0));
    CHECK(equal(0, 1) == Approx(1.0 / 3.0));
    CHECK(equal(0, 2) == Approx(0.0).margin(1e-7));
    CHECK(equal(1, 2) == Approx(2.0 / 3.0));
    // Weights 1, 2, 1: row 0 gets 0 -> (1 + 1) / 4, 1 -> 2 / 4.
    const double w[] = {1.0, 2.0, 1.0};
    const Matrix weighted = vote_shares(outs, w, Activation::Softmax, 3);
    CHECK(weighted(0, 0) == Approx(0.5));
    CHECK(weighted(0, 1) == Approx(0.5));
    CHECK(weighted(1, 1) == Approx(0.5));
    // One tanh unit: above 0 is class 1.
    Matrix t(2, 1), u(2, 1);
    t << 0.3f, -0.2f;
    u << -0.1f, -0.9f;
    const Matrix* tanh_outs[] = {&t, &u};
    const Matrix two = vote_shares(tanh_outs, {}, Activation::Tanh, 2);
    CHECK(two(0, 1) == Approx(0.5));
    CHECK(two(1, 0) == Approx(1.0));
}

TEST_CASE("the accuracy curve ends at the ensemble's accuracy, and a point's votes make its vote", "[ensemble]") {
    EnsembleRun ens(decode_config("v=1&data=moons&noise=40&ens=bagging&members=5").config);
    for (int e = 0; e < 15; ++e) ens.advance();
    const std::vector<float> curve = ens.accuracy_curve();
    REQUIRE(curve.size() == 5);
    CHECK(curve.back() == Approx(ens.record().test_accuracy));
    // One member's vote is that member's own accuracy.
    CHECK(curve.front() == Approx(ens.members()[0]->current().test_accuracy));
    const Dataset& d = ens.data();
    int agree = 0;
    for (int i = d.test_begin(); i < d.size(); ++i) {
        const std::vector<int> votes = ens.member_votes(i);
        REQUIRE(votes.size() == 5);
        int ones = 0;
        for (const int v : votes) ones += v == 1;
        const int v = ens.vote(i);
        CHECK(v == (ones >= 3 ? 1 : 0));  // five voters never tie
        agree += v == d.label[std::size_t(i)];
    }
    CHECK(double(agree) / d.n_test() == Approx(ens.record().test_accuracy));
    CHECK(ens.member_votes(-1).empty());
    CHECK(ens.vote(d.size()) == -1);
}

TEST_CASE("boosting one epoch at a time gives the same ensemble as advance()", "[ensemble]") {
    const ExperimentConfig cfg = decode_config("v=1&data=xor&noise=10&net=2:tanh&ens=boosting&members=4&lepochs=6").config;
    EnsembleRun whole(cfg), stepped(cfg);
    while (whole.advance()) {}
    int guard = 0;
    while (stepped.learner() && ++guard < 1000) {
        Session* l = stepped.learner();
        if (l->epoch() < cfg.ensemble.learner_epochs) l->train_epoch();
        else stepped.finish_learner();
    }
    CHECK(stepped.finished());
    REQUIRE(stepped.alphas().size() == whole.alphas().size());
    for (std::size_t k = 0; k < whole.alphas().size(); ++k) CHECK(stepped.alphas()[k] == whole.alphas()[k]);
    CHECK(stepped.record().test_accuracy == whole.record().test_accuracy);
    CHECK_FALSE(stepped.finish_learner());  // nothing left to add
}
