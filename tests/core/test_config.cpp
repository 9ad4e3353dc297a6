// Validation of the experiment config: every bad value is clamped or replaced and named, and
// the live/rebuild split is right.
#include "config.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace nnp;

namespace {
const ConfigIssue* find_issue(const std::vector<ConfigIssue>& issues, const std::string& field) {
    for (const auto& i : issues)
        if (i.field == field) return &i;
    return nullptr;
}
}  // namespace

TEST_CASE("the default config is valid", "[config]") {
    ExperimentConfig cfg;
    const ExperimentConfig before = cfg;
    CHECK(validate(cfg).empty());
    CHECK(cfg == before);
}

TEST_CASE("out-of-range sizes are clamped and named", "[config]") {
    ExperimentConfig cfg;
    cfg.data.points = -5;
    cfg.batch_size = 1 << 30;
    cfg.hidden[0].width = 0;
    cfg.hidden[1].width = 1000000;
    cfg.patience = -1;
    const auto issues = validate(cfg);
    CHECK(cfg.data.points == kMinPoints);
    CHECK(cfg.batch_size == kMaxBatchSize);
    CHECK(cfg.hidden[0].width == 1);
    CHECK(cfg.hidden[1].width == kMaxLayerWidth);
    CHECK(cfg.patience == 1);
    CHECK(find_issue(issues, "batch_size")->args ==
          std::vector<std::string>{"batch_size", "1.0737418e9", "1", std::to_string(kMaxBatchSize), std::to_string(kMaxBatchSize)});
    for (const char* field : {"points", "batch_size", "hidden[0].width", "hidden[1].width", "patience"}) {
        const ConfigIssue* issue = find_issue(issues, field);
        REQUIRE(issue != nullptr);
        CHECK(issue->code == IssueCode::OutOfRange);
        // Said as a code with its values (the app words it): the field, the value, the allowed
        // range and the value set.
        CHECK(issue->text == IssueText::OutOfRange);
        REQUIRE(issue->args.size() == 5);
        CHECK(issue->args[0] == field);
    }
}

TEST_CASE("NaN and infinite rates get defaults, negative ones are clamped", "[config]") {
    ExperimentConfig cfg;
    cfg.optimizer.learning_rate = std::numeric_limits<float>::quiet_NaN();
    cfg.reg_rate = -1.0f;
    cfg.data.noise = std::numeric_limits<float>::infinity();
    cfg.hidden[0].dropout = 2.0f;
    const auto issues = validate(cfg);
    CHECK(cfg.optimizer.learning_rate == ExperimentConfig{}.optimizer.learning_rate);
    CHECK(find_issue(issues, "optimizer.learning_rate")->code == IssueCode::NotFinite);
    CHECK(cfg.reg_rate == 0.0f);
    CHECK(find_issue(issues, "reg_rate")->code == IssueCode::OutOfRange);
    CHECK(cfg.data.noise == 0.0f);
    CHECK(cfg.hidden[0].dropout == kMaxDropout);
}

TEST_CASE("unknown enumeration values fall back and are named", "[config]") {
    ExperimentConfig cfg;
    cfg.optimizer.kind = static_cast<OptimizerKind>(99);
    cfg.hidden[1].activation = static_cast<Activation>(-3);
    cfg.data.kind = static_cast<DatasetKind>(1234);
    const auto issues = validate(cfg);
    CHECK(cfg.optimizer.kind == OptimizerKind::Sgd);
    CHECK(find_issue(issues, "optimizer.kind")->code == IssueCode::UnknownName);
    CHECK(find_issue(issues, "hidden[1].activation")->code == IssueCode::UnknownName);
    CHECK(cfg.data.kind == DatasetKind::Circle);
}

TEST_CASE("too many layers are cut and softmax is refused in hidden layers", "[config]") {
    ExperimentConfig cfg;
    cfg.hidden.assign(100, LayerSpec{3, Activation::Softmax, 0.0f});
    const auto issues = validate(cfg);
    CHECK(cfg.hidden.size() == static_cast<std::size_t>(kMaxHiddenLayers));
    CHECK(find_issue(issues, "hidden") != nullptr);
    CHECK(cfg.hidden[0].activation == Activation::Tanh);
    CHECK(find_issue(issues, "hidden[0].activation")->code == IssueCode::Incompatible);
}

TEST_CASE("output and loss must suit the task", "[config]") {
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::RegPlane;
    cfg.output = Activation::Softmax;
    cfg.loss = Loss::CategoricalCrossEntropy;
    auto issues = validate(cfg);
    CHECK(cfg.output == Activation::Linear);
    CHECK(cfg.loss == Loss::Mse);
    CHECK(find_issue(issues, "loss")->code == IssueCode::Incompatible);

    ExperimentConfig tanh_ce;
    tanh_ce.output = Activation::Tanh;
    tanh_ce.loss = Loss::BinaryCrossEntropy;
    validate(tanh_ce);
    CHECK(tanh_ce.loss == Loss::Mse);

    ExperimentConfig odd;  // softmax + MSE is odd but correct: kept
    odd.data.kind = DatasetKind::Blobs;
    odd.output = Activation::Softmax;
    odd.loss = Loss::Mse;
    CHECK(validate(odd).empty());
}

TEST_CASE("one-input data turns off the features that use x2", "[config]") {
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::Oyster;
    cfg.features = kAllFeatures;
    const auto issues = validate(cfg);
    CHECK(cfg.features == (feature_bit(Feature::X1) | feature_bit(Feature::X1Squared) | feature_bit(Feature::SinX1)));
    CHECK(find_issue(issues, "features")->code == IssueCode::Incompatible);

    ExperimentConfig none;
    none.features = 0;
    validate(none);
    CHECK(none.features == feature_bit(Feature::X1));
}

TEST_CASE("live hyperparameters do not need a rebuild, structure does", "[config]") {
    const ExperimentConfig a;
    ExperimentConfig b = a;
    b.optimizer.kind = OptimizerKind::Adam;
    b.optimizer.learning_rate = 0.5f;
    b.regularization = Regularization::L2;
    b.reg_rate = 0.01f;
    b.batch_size = 30;
    b.hidden[0].dropout = 0.5f;
    b.show_test = true;
    CHECK_FALSE(needs_rebuild(a, b));
    for (auto change : {+[](ExperimentConfig& c) { c.hidden[0].width = 5; },
                        +[](ExperimentConfig& c) { c.hidden.pop_back(); },
                        +[](ExperimentConfig& c) { c.data.noise = 10; },
                        +[](ExperimentConfig& c) { c.seed = 7; },
                        +[](ExperimentConfig& c) { c.features = kAllFeatures; },
                        +[](ExperimentConfig& c) { c.loss = Loss::Mse; }}) {
        ExperimentConfig c = a;
        change(c);
        CHECK(needs_rebuild(a, c));
    }
}
