// Races: the link text, its checks against hostile input, and the same start that makes a race
// fair (same data, initial weights, batch order and dropout masks; only the varied setting
// differs), with golden checksums that hold natively and in WebAssembly.
#include "config_codec.hpp"
#include "race.hpp"
#include "session.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;
using nnp::test::has_issue;

namespace {

std::uint64_t params_checksum(const Session& s) {
    return checksum(s.net().params().data(), s.net().params().size());
}

}  // namespace

TEST_CASE("a race link reads, names its runs and writes itself back", "[race][codec]") {
    const DecodedConfig d = decode_config("#v=1&data=spiral&race=opt:sgd,momentum,adam");
    REQUIRE(d.issues.empty());
    CHECK(d.config.race.key == "opt");
    const auto runs = race_configs(d.config);
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].optimizer.kind == OptimizerKind::Sgd);
    CHECK(runs[1].optimizer.kind == OptimizerKind::Momentum);
    CHECK(runs[2].optimizer.kind == OptimizerKind::Adam);
    for (const auto& r : runs) {
        CHECK(r.race.empty());
        CHECK(r.data == d.config.data);
    }
    CHECK(race_run_name(d.config, 2) == "Adam");
    const std::string text = encode_config(d.config);
    CHECK(text == "v=1&data=spiral&race=opt:sgd,mom,adam");
    CHECK(decode_config(text).config == d.config);

    const DecodedConfig seeds = decode_config("v=1&race=seed:1,2,3,4");
    REQUIRE(seeds.issues.empty());
    REQUIRE(race_configs(seeds.config).size() == 4);
    CHECK(race_configs(seeds.config)[3].seed == 4u);
    CHECK(race_run_name(seeds.config, 3) == "seed 4");

    const DecodedConfig rates = decode_config("v=1&race=lr:0.30,0.03,0.003");
    REQUIRE(rates.issues.empty());
    CHECK(rates.config.race.values == std::vector<std::string>{"0.3", "0.03", "0.003"});
    CHECK(race_configs(rates.config)[2].optimizer.learning_rate == 0.003f);
}

TEST_CASE("a run may carry settings of its own", "[race][codec]") {
    const DecodedConfig d = decode_config("v=1&race=opt:sgd,adam/lr=0.001/b1=0.8");
    REQUIRE(d.issues.empty());
    const auto runs = race_configs(d.config);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].optimizer.learning_rate == ExperimentConfig{}.optimizer.learning_rate);
    CHECK(runs[1].optimizer.kind == OptimizerKind::Adam);
    CHECK(runs[1].optimizer.learning_rate == 0.001f);
    CHECK(runs[1].optimizer.beta1 == 0.8f);
    CHECK(race_run_name(d.config, 1) == "Adam, lr 0.001, b1 0.8");
    CHECK(encode_config(d.config) == "v=1&race=opt:sgd,adam/lr=0.001/b1=0.8");
}

TEST_CASE("network-wide races: activation, dropout, width and depth", "[race]") {
    const auto act = race_configs(decode_config("v=1&race=act:tanh,relu").config);
    REQUIRE(act.size() == 2);
    CHECK(act[1].hidden[0].activation == Activation::Relu);
    CHECK(act[1].hidden[1].activation == Activation::Relu);
    const auto depth = race_configs(decode_config("v=1&race=depth:0,1,3").config);
    REQUIRE(depth.size() == 3);
    CHECK(depth[0].hidden.empty());
    CHECK(depth[2].hidden.size() == 3);
    const auto width = race_configs(decode_config("v=1&race=width:2,8").config);
    CHECK(width[1].hidden[0].width == 8);
    CHECK(width[1].hidden[1].width == 8);
    const auto drop = race_configs(decode_config("v=1&race=drop:0,0.5").config);
    CHECK(drop[1].hidden[1].dropout == 0.5f);
}

TEST_CASE("hostile races get named issues and at most eight runs, never a crash", "[race][codec]") {
    std::string thousand = "v=1&race=seed:";
    for (int i = 0; i < 1000; ++i) thousand += (i ? "," : "") + std::to_string(i);
    const DecodedConfig many = decode_config(thousand);
    CHECK(many.config.race.values.size() == static_cast<std::size_t>(kMaxRaceRuns));
    CHECK(has_issue(many, IssueCode::OutOfRange, "race"));

    std::string noisy_text = "v=1&race=drop:";  // 64 values with a problem each: a short report
    for (int i = 0; i < 64; ++i) noisy_text += std::string(i ? "," : "") + "x" + std::to_string(i);
    const DecodedConfig noisy = decode_config(noisy_text);
    std::size_t race_issues = 0;
    for (const auto& i : noisy.issues) race_issues += i.field.rfind("race", 0) == 0 ? 1 : 0;
    CHECK(race_issues == 13);  // 12 listed and one count
    CHECK(noisy.issues.back().text == IssueText::RaceMoreProblems);
    CHECK(noisy.issues.back().args == std::vector<std::string>{std::to_string(64 + 1 - 12)});

    const DecodedConfig data = decode_config("v=1&race=data:circle,xor");  // would change the data
    CHECK(data.config.race.empty());
    CHECK(has_issue(data, IssueCode::UnknownName, "race"));

    const DecodedConfig twice = decode_config("v=1&race=lr:0.1,0.10,0.1");
    CHECK(twice.config.race.empty());  // one distinct run is no race
    CHECK(has_issue(twice, IssueCode::Malformed, "race[1]"));

    const DecodedConfig range = decode_config("v=1&race=lr:100,0.1");
    REQUIRE(range.config.race.values.size() == 2);
    CHECK(range.config.race.values[0] == "10");
    CHECK(has_issue(range, IssueCode::OutOfRange, "race[0]"));

    const DecodedConfig bad = decode_config("v=1&race=opt:sgd,sgdd,adam");
    CHECK(bad.config.race.values == std::vector<std::string>{"sgd", "adam"});
    CHECK(has_issue(bad, IssueCode::UnknownName, "race[1]"));

    for (const char* text : {"v=1&race=", "v=1&race=opt", "v=1&race=opt:", "v=1&race=:1,2", "v=1&race=opt:,,,",
                             "v=1&race=act:softmax,relu", "v=1&net=none&race=width:1,2",
                             "v=1&race=opt:sgd/lr,adam/opt=sgd", "v=1&race=race:a,b"}) {
        INFO(text);
        const DecodedConfig d = decode_config(text);
        CHECK_FALSE(d.issues.empty());
        ExperimentConfig copy = d.config;
        CHECK(validate(copy).empty());
        CHECK(decode_config(encode_config(d.config)).config == d.config);
    }
}

TEST_CASE("an optimizer race starts from one shared start", "[race][session]") {
    const DecodedConfig d = decode_config("v=1&data=spiral&net=8:tanh:0.2,8:tanh&race=opt:sgd,mom,rms,adam");
    REQUIRE(d.issues.empty());
    std::vector<Session> runs;
    for (const auto& c : race_configs(d.config)) runs.emplace_back(c);
    for (Session& s : runs) {
        CHECK(s.data().x == runs[0].data().x);
        CHECK(s.current().train_loss == runs[0].current().train_loss);  // epoch 0
        CHECK(s.current().test_loss == runs[0].current().test_loss);
        CHECK(std::equal(s.net().params().begin(), s.net().params().end(), runs[0].net().params().begin()));
    }
    for (Session& s : runs) {
        REQUIRE(s.train_batch());
        // The first batch: the same rows in the same order and the same dropout masks.
        const int rows = s.last_batch_rows();
        CHECK(rows == runs[0].last_batch_rows());
        CHECK(s.last_step().z[0].topRows(rows) == runs[0].last_step().z[0].topRows(rows));
        CHECK(s.last_step().mask[0].topRows(rows) == runs[0].last_step().mask[0].topRows(rows));
    }
    // Only the optimizer differs, so after one step the weights part ways.
    CHECK_FALSE(std::equal(runs[3].net().params().begin(), runs[3].net().params().end(), runs[0].net().params().begin()));

    // A seed race is the one whose starts differ.
    std::vector<Session> seeds;
    for (const auto& c : race_configs(decode_config("v=1&race=seed:1,2").config)) seeds.emplace_back(c);
    CHECK(seeds[0].data().x == seeds[1].data().x);
    CHECK_FALSE(std::equal(seeds[0].net().params().begin(), seeds[0].net().params().end(), seeds[1].net().params().begin()));
}

TEST_CASE("a race's weights after 5 epochs are bit-identical natively and in WebAssembly", "[race][golden]") {
    const DecodedConfig d = decode_config("v=1&data=xor&net=4:tanh,2:tanh&race=opt:sgd,mom,adam");
    REQUIRE(d.issues.empty());
    // Measured natively (g++, x86-64) and in WebAssembly (Emscripten, node): the same bits.
    const std::uint64_t golden[] = {0x92a5ac819ebd5e2cull, 0x0eacc49ef011ea30ull, 0x6a72ccfe0085dbceull};
    const auto configs = race_configs(d.config);
    REQUIRE(configs.size() == 3);
    for (std::size_t i = 0; i < configs.size(); ++i) {
        Session s(configs[i]);
        for (int e = 0; e < 5; ++e) REQUIRE(s.train_epoch());
        INFO("run " << i << ": " << std::hex << params_checksum(s));
        CHECK(params_checksum(s) == golden[i]);
    }
}
