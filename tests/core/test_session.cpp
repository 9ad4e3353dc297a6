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
    ExperimentConfig c;
    c.data.points = 100;       // 50 training points
    c.batch_size = 15;         // 15 + 15 + 15 + 5
    Session s(c);
    REQUIRE(s.n_train() == 50);
    CHECK(s.train_epoch());
    CHECK(s.epoch() == 1);
    CHECK(s.steps() == 4);
    CHECK(s.last_batch_rows() == 5);
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
    c.data.kind = DatasetKind::Oyster;
    c.hidden.clear();
    Session s(c);
    CHECK(s.net().spec().inputs == 1);
    CHECK(s.data().input_dims == 1);
    // Freshly initialised weights still give some threshold or none, never a crash.
    const float t = s.learned_threshold();
    CHECK((std::isnan(t) || (t >= s.data().domain.x_min && t <= s.data().domain.x_max)));
}

TEST_CASE("custom data with many inputs is fed as it is", "[session]") {
    Dataset d;
    d.task = Task::MultiClassification;
    d.input_dims = 5;
    d.num_classes = 3;
    d.x.resize(30, 5);
    for (int i = 0; i < 30; ++i)
        for (int j = 0; j < 5; ++j) d.x(i, j) = static_cast<float>((i * 7 + j * 3) % 11) / 11.0f;
    for (int i = 0; i < 30; ++i) d.label.push_back(i % 3);
    d.n_train = 20;
    ExperimentConfig c;
    c.data.kind = DatasetKind::Blobs;
    c.output = Activation::Softmax;
    c.loss = Loss::CategoricalCrossEntropy;
    Session s(c, d);
    CHECK(s.net().spec().inputs == 5);
    CHECK(s.net().spec().outputs == 3);
    CHECK(s.train_epoch());
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
