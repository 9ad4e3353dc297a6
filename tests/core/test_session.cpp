// The training session's contract: determinism, live hyperparameters, early stopping,
// divergence as data, bounded history.
#include "session.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace nnp;

namespace {
std::vector<float> params_of(const Session& s) { return {s.net().params().begin(), s.net().params().end()}; }
}  // namespace

TEST_CASE("the same config twice gives identical weights", "[session]") {
    ExperimentConfig c;
    c.data.kind = DatasetKind::Spiral;
    c.hidden = {{6, Activation::Relu, 0.3f}, {4, Activation::Tanh, 0.0f}};
    c.optimizer.kind = OptimizerKind::Adam;
    Session a(c), b(c);
    for (int e = 0; e < 5; ++e) {
        a.train_epoch();
        b.train_epoch();
    }
    CHECK(params_of(a) == params_of(b));
    CHECK(a.current().train_loss == b.current().train_loss);

    ExperimentConfig other = c;
    other.seed = 2;
    Session d(other);
    CHECK(params_of(d) != params_of(Session(c)));
}

TEST_CASE("an epoch visits every training sample once, in batches", "[session]") {
    ExperimentConfig c;        // circle, x1 and x2, hidden 4 (tanh) and 2
    c.data.points = 100;       // 50 training points
    c.batch_size = 15;         // 15 + 15 + 15 + 5
    Session s(c);
    REQUIRE(s.n_train() == 50);
    REQUIRE(s.inputs().cols() == 2);
    REQUIRE(s.net().spec().hidden[0].width == 4);
    // Which rows a step trained on, read back from its first layer: with W0 = [[1,0,0,0],[0,1,0,0]]
    // and everything else zero, the pre-activations of units 0 and 1 are the row's (x1, x2).
    // (W0 element (i, o) is parameter i * 4 + o.) The weights are set again before every step.
    std::vector<float> probe(s.net().params().size(), 0.0f);
    probe[0 * 4 + 0] = 1.0f;
    probe[1 * 4 + 1] = 1.0f;
    std::vector<int> visits(std::size_t(s.inputs().rows()), 0);
    std::vector<int> batch_sizes;
    while (s.epoch() == 0) {
        REQUIRE(s.net().set_params(probe));
        REQUIRE(s.train_batch());
        const int rows = s.last_batch_rows();
        batch_sizes.push_back(rows);
        const Matrix& z0 = s.last_step().z[0];
        for (int r = 0; r < rows; ++r) {
            int found = -1;
            for (int i = 0; i < int(s.inputs().rows()); ++i)
                if (s.inputs()(i, 0) == z0(r, 0) && s.inputs()(i, 1) == z0(r, 1)) found = i;
            REQUIRE(found >= 0);
            ++visits[std::size_t(found)];
        }
    }
    CHECK(batch_sizes == std::vector<int>{15, 15, 15, 5});
    CHECK(s.steps() == 4);
    for (int i = 0; i < int(visits.size()); ++i) {
        INFO("row " << i << (i < s.n_train() ? " (training)" : " (test)"));
        CHECK(visits[std::size_t(i)] == (i < s.n_train() ? 1 : 0));
    }
    CHECK(s.history().records().size() == 2);  // the initial weights and epoch 1
}

TEST_CASE("live changes keep the weights, switching optimizer restarts its state", "[session]") {
    ExperimentConfig c;
    Session s(c);
    s.train_epoch();
    const auto before = params_of(s);
    ExperimentConfig live = c;
    live.optimizer.kind = OptimizerKind::Adam;
    live.optimizer.learning_rate = 0.1f;
    live.hidden[0].dropout = 0.5f;
    live.batch_size = 25;
    REQUIRE(s.apply_live(live));
    CHECK(params_of(s) == before);
    CHECK(s.net().dropout(0) == 0.5f);
    CHECK(s.config().optimizer.kind == OptimizerKind::Adam);
    CHECK(s.epoch() == 1);
    CHECK(s.train_epoch());

    ExperimentConfig structural = live;
    structural.hidden[0].width = 7;
    CHECK_FALSE(s.apply_live(structural));
    CHECK(s.net().spec().hidden[0].width == 4);
}

TEST_CASE("a diverging run stops with a named reason, reset recovers", "[session]") {
    ExperimentConfig c;
    c.data.kind = DatasetKind::RegPlane;
    c.output = Activation::Linear;
    c.loss = Loss::Mse;
    c.hidden = {{8, Activation::Relu, 0.0f}, {8, Activation::Relu, 0.0f}};
    c.optimizer.learning_rate = 10.0f;
    c.init = Init::He;
    Session s(c);
    for (int e = 0; e < 200 && s.train_epoch(); ++e) {}
    REQUIRE(s.stop_reason() == StopReason::NonFiniteLoss);
    CHECK(s.stop_epoch() >= 1);  // the words for it are the app's (tests/app: describe_stop)
    CHECK_FALSE(s.train_batch());
    s.reinitialize(9);
    CHECK(s.stop_reason() == StopReason::None);
    CHECK(std::isfinite(s.current().train_loss));
    CHECK(s.epoch() == 0);
}

TEST_CASE("the oyster set has one input and its threshold is measurable", "[session]") {
    ExperimentConfig c;
    c.data.kind = DatasetKind::Oyster;  // diameters in [3.5, 11.5] cm
    c.hidden.clear();                   // one sigmoid unit: sigmoid(w x + b)
    Session s(c);
    REQUIRE(s.net().spec().inputs == 1);
    REQUIRE(s.data().input_dims == 1);
    REQUIRE(s.net().params().size() == 2);  // w, then b
    // A hand-set unit: sigmoid(x - 7.2) passes 0.5 at x = 7.2; so does the falling -x + 7.2.
    REQUIRE(s.net().set_params(std::vector<float>{1.0f, -7.2f}));
    CHECK(s.learned_threshold() == Approx(7.2f).margin(1e-3));
    REQUIRE(s.net().set_params(std::vector<float>{-1.0f, 7.2f}));
    CHECK(s.learned_threshold() == Approx(7.2f).margin(1e-3));
    // Steeper, elsewhere: 4 (x - 5) crosses at 5.
    REQUIRE(s.net().set_params(std::vector<float>{4.0f, -20.0f}));
    CHECK(s.learned_threshold() == Approx(5.0f).margin(1e-3));
    // A unit that says "ripe" everywhere in the domain has no threshold.
    REQUIRE(s.net().set_params(std::vector<float>{1.0f, 0.0f}));
    CHECK(std::isnan(s.learned_threshold()));

    // A tanh output decides at 0, not 0.5: tanh(x - 9) crosses 0 at 9 (and 0.5 at 9.55).
    ExperimentConfig t = c;
    t.output = Activation::Tanh;
    t.loss = Loss::Mse;
    Session st(t);
    REQUIRE(st.net().set_params(std::vector<float>{1.0f, -9.0f}));
    CHECK(st.learned_threshold() == Approx(9.0f).margin(1e-3));
}

TEST_CASE("custom data with many inputs is fed as it is", "[session]") {
    // Five inputs; the class is the largest of the last three columns, so a network that saw
    // only some of the columns (or the plane's features of the first two) could not learn it.
    Dataset d;
    d.task = Task::MultiClassification;
    d.input_dims = 5;
    d.num_classes = 3;
    const int n = 60;
    d.x.resize(n, 5);  // n x 5
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < 5; ++j) d.x(i, j) = static_cast<float>((i * 7 + j * 3) % 11) / 11.0f - 0.5f;
        const int k = i % 3;
        d.x(i, 2 + k) = 1.0f;  // the winning column, clearly the largest
        d.label.push_back(k);
    }
    d.n_train = 40;
    ExperimentConfig c;
    c.data.kind = DatasetKind::Blobs;
    c.output = Activation::Softmax;
    c.loss = Loss::CategoricalCrossEntropy;
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learning_rate = 0.03f;
    c.batch_size = 10;
    Session s(c, d);
    CHECK(s.net().spec().inputs == 5);
    CHECK(s.net().spec().outputs == 3);
    CHECK(s.n_train() == 40);
    // The network's inputs are the data's columns unchanged, its targets one-hot labels.
    REQUIRE(s.inputs().rows() == n);
    REQUIRE(s.inputs().cols() == 5);
    CHECK(s.inputs() == d.x);
    REQUIRE(s.targets().cols() == 3);
    for (int i = 0; i < n; ++i) {
        INFO("row " << i);
        for (int k = 0; k < 3; ++k) CHECK(s.targets()(i, k) == (k == i % 3 ? 1.0f : 0.0f));
    }
    const float loss0 = s.current().train_loss;
    for (int e = 0; e < 200 && s.train_epoch(); ++e) {}
    CHECK(s.epoch() == 200);
    CHECK(s.current().train_loss < 0.25f * loss0);
    CHECK(s.current().train_accuracy == 1.0f);
    CHECK(s.current().test_accuracy == 1.0f);
}

TEST_CASE("initial weights are bit-identical natively and in WebAssembly", "[session][golden]") {
    // Golden checksums computed once natively; the same test runs compiled to WebAssembly, so
    // both platforms must produce exactly these bits (own RNG, det_math, no FMA contraction).
    const std::pair<Init, std::uint64_t> golden[] = {{Init::Zeros, 0x03b5459ea3dbb795ULL},
                                                     {Init::Uniform, 0xbd8731f98b2508d2ULL},
                                                     {Init::Glorot, 0xc930b665fa7b0c81ULL},
                                                     {Init::He, 0x0e6e124df9173ba3ULL}};
    for (const auto& [init, sum] : golden) {
        ExperimentConfig c;
        c.init = init;
        c.hidden = {{8, Activation::Relu, 0.0f}, {5, Activation::Tanh, 0.0f}};
        c.features = kAllFeatures;
        c.seed = 77;
        Session s(c);
        CAPTURE(enum_code(init));
        CHECK(checksum(s.net().params().data(), s.net().params().size()) == sum);
    }
}

TEST_CASE("weights set from outside replace the current epoch's record", "[session]") {
    Session s(ExperimentConfig{});
    const float initial = s.history().records()[0].train_loss;
    for (float& w : s.net().params()) w *= 0.0f;  // an all-zero network: sigmoid(0) = 0.5 everywhere
    s.params_changed();
    REQUIRE(s.history().records().size() == 1);
    CHECK(s.history().records()[0].train_loss == s.current().train_loss);
    CHECK(s.current().train_loss == Approx(std::log(2.0f)).epsilon(1e-5));  // BCE of 0.5
    CHECK(s.current().train_loss != initial);
}
