// The config's text form (share links, command line): random valid configs round-trip exactly,
// and hostile text never crashes, hangs or allocates without bound.
#include "config_codec.hpp"
#include "rng.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;

namespace {

template <typename E>
E pick(Rng& rng) {
    const auto table = enum_table<E>();
    return table[rng.below(static_cast<std::uint32_t>(table.size()))].value;
}

float pick_float(Rng& rng, float lo, float hi) {
    // Mix round numbers and arbitrary floats: both must survive the text form.
    if (rng.below(2) == 0) return static_cast<float>(static_cast<int>(rng.uniform(lo, hi) * 100)) / 100.0f;
    return static_cast<float>(rng.uniform(lo, hi));
}

ExperimentConfig random_config(Rng& rng) {
    ExperimentConfig c;
    c.data.kind = pick<DatasetKind>(rng);
    c.data.seed = rng.next_u32();
    c.data.points = 10 + static_cast<int>(rng.below(2000));
    c.data.noise = pick_float(rng, 0, 50);
    c.data.train_percent = pick_float(rng, 10, 90);
    c.data.classes = 3 + static_cast<int>(rng.below(4));
    c.features = rng.next_u32() & kAllFeatures;
    c.hidden.clear();
    const int layers = static_cast<int>(rng.below(9));
    for (int i = 0; i < layers; ++i) {
        Activation a = pick<Activation>(rng);
        if (a == Activation::Softmax) a = Activation::Relu;
        c.hidden.push_back({1 + static_cast<int>(rng.below(16)), a,
                            rng.below(3) == 0 ? pick_float(rng, 0, 0.9f) : 0.0f});
    }
    c.output = pick<Activation>(rng);
    c.loss = pick<Loss>(rng);
    c.init = pick<Init>(rng);
    c.optimizer.kind = pick<OptimizerKind>(rng);
    c.optimizer.learning_rate = pick_float(rng, 1e-4f, 3);
    c.optimizer.momentum = pick_float(rng, 0, 0.99f);
    c.optimizer.beta2 = pick_float(rng, 0.9f, 0.9999f);
    c.optimizer.epsilon = rng.below(2) ? 1e-8f : 1e-3f;
    c.regularization = pick<Regularization>(rng);
    c.reg_rate = pick_float(rng, 0, 0.1f);
    c.batch_size = 1 + static_cast<int>(rng.below(500));
    c.shuffle = rng.below(2);
    c.seed = rng.next_u32();
    c.early_stopping = rng.below(2);
    c.patience = 1 + static_cast<int>(rng.below(500));
    c.show_test = rng.below(2);
    c.discretize = rng.below(2);
    validate(c);  // make it a valid config
    return c;
}

}  // namespace

TEST_CASE("the default config encodes to just the version", "[codec]") {
    CHECK(encode_config(ExperimentConfig{}) == "v=1");
    const auto d = decode_config("v=1");
    CHECK(d.issues.empty());
    CHECK(d.config == ExperimentConfig{});
}

TEST_CASE("random valid configs round-trip exactly", "[codec]") {
    Rng rng(2024, 7);
    for (int i = 0; i < 3000; ++i) {
        const ExperimentConfig c = random_config(rng);
        const std::string text = encode_config(c);
        const DecodedConfig d = decode_config(text);
        INFO(text);
        REQUIRE(d.issues.empty());
        REQUIRE(d.config == c);
        CHECK(encode_config(d.config) == text);
    }
}

TEST_CASE("a readable example decodes field by field", "[codec]") {
    const auto d = decode_config("#v=1&data=spiral&net=8:relu,6:tanh:0.25&opt=adam&lr=0.01&f=x,y,sinX&reg=L2&rr=0.001");
    CHECK(d.issues.empty());
    CHECK(d.config.data.kind == DatasetKind::Spiral);
    REQUIRE(d.config.hidden.size() == 2);
    CHECK(d.config.hidden[0] == LayerSpec{8, Activation::Relu, 0.0f});
    CHECK(d.config.hidden[1] == LayerSpec{6, Activation::Tanh, 0.25f});
    CHECK(d.config.optimizer.kind == OptimizerKind::Adam);
    CHECK(d.config.optimizer.learning_rate == 0.01f);
    CHECK(d.config.features == (feature_bit(Feature::X1) | feature_bit(Feature::X2) | feature_bit(Feature::SinX1)));
    CHECK(d.config.regularization == Regularization::L2);
    CHECK(decode_config("net=none").config.hidden.empty());
}

TEST_CASE("bad values fall back field by field with named problems", "[codec]") {
    const auto d = decode_config("lr=abc&batch=-4&opt=bogus&colour=red&noise=nan&seed=-1&points=1e300&lonely");
    const ExperimentConfig def;
    CHECK(d.config.optimizer.learning_rate == def.optimizer.learning_rate);
    CHECK(d.config.batch_size == 1);
    CHECK(d.config.optimizer.kind == def.optimizer.kind);
    CHECK(d.config.seed == def.seed);
    CHECK(d.config.data.points == kMaxPoints);
    CHECK(d.config.data.noise == def.data.noise);
    const auto has = [&](IssueCode code, const std::string& field) {
        for (const auto& i : d.issues)
            if (i.code == code && i.field == field) return true;
        return false;
    };
    CHECK(has(IssueCode::Malformed, "lr"));
    CHECK(has(IssueCode::OutOfRange, "batch_size"));
    CHECK(has(IssueCode::UnknownName, "opt"));
    CHECK(has(IssueCode::UnknownKey, "colour"));
    CHECK(has(IssueCode::NotFinite, "data.noise"));
    CHECK(has(IssueCode::Malformed, "seed"));
    CHECK(has(IssueCode::OutOfRange, "data.points"));
    CHECK(has(IssueCode::Malformed, "lonely"));
}

TEST_CASE("hostile text is harmless", "[codec]") {
    // A million layers: read up to the maximum, then stop.
    std::string layers = "net=";
    for (int i = 0; i < 1000000; ++i) layers += "1,";
    auto d = decode_config(layers);
    CHECK(d.config.hidden.size() == static_cast<std::size_t>(kMaxHiddenLayers));

    // 1 MB of junk keys: a bounded list of problems.
    std::string junk;
    for (int i = 0; junk.size() < (1u << 20); ++i) junk += "k" + std::to_string(i) + "=1&";
    d = decode_config(junk);
    CHECK(d.issues.size() <= 100);
    CHECK(d.config == ExperimentConfig{});

    // Invalid UTF-8, control bytes, a huge number, empty pieces.
    const std::string bytes = std::string("v=1&&&=&lr=\xff\xfe&data=\xc3\x28&") + std::string(5000, '9') +
                              "&batch=" + std::string(5000, '9') + "&\x01\x02=3";
    d = decode_config(bytes);
    CHECK(d.config.optimizer.learning_rate == ExperimentConfig{}.optimizer.learning_rate);
    CHECK_FALSE(d.issues.empty());
    for (const auto& i : d.issues) CHECK(i.message.size() < 300);
}
