// The coach names what goes wrong, and stays quiet on a healthy run: each case is built from a
// link a learner could open (the lessons' own failure cases among them).
#include "coach.hpp"
#include "config_codec.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

using namespace nnp;

namespace {

const Session& trained(const std::string& link, int epochs) {
    static std::unique_ptr<Session> s;  // the session of the last call, for this test file
    const DecodedConfig d = decode_config(link);
    REQUIRE(d.issues.empty());
    s = std::make_unique<Session>(d.config);
    for (int e = 0; e < epochs && s->train_epoch(); ++e) {
    }
    return *s;
}

bool has(const std::vector<CoachNote>& notes, CoachCode code) {
    return std::any_of(notes.begin(), notes.end(), [code](const CoachNote& n) { return n.code == code; });
}

}  // namespace

TEST_CASE("coach: a healthy run gets no note", "[coach]") {
    for (const char* link : {"v=1", "v=1&data=xor&net=4:tanh,2:tanh", "v=1&data=spiral&f=x,y,sinX,sinY&net=8:tanh,8:tanh",
                             "v=1&data=gauss&opt=adam&lr=3" /* saturated tanh units, but every point right */}) {
        INFO(link);
        const Session& s = trained(link, 300);
        CHECK(coach(s).empty());
    }
}

TEST_CASE("coach: a step activation cannot learn, said before training", "[coach]") {
    const Session& s = trained("v=1&data=circle&net=4:step,2:tanh", 0);
    const auto notes = coach(s);
    REQUIRE(has(notes, CoachCode::StepActivation));
    CHECK(notes.front().layer == 0);
}

TEST_CASE("coach: raw oyster sizes give a plateau", "[coach]") {
    CHECK(has(coach(trained("v=1&data=oyster&norm=none", 150)), CoachCode::Plateau));
    CHECK_FALSE(has(coach(trained("v=1&data=oyster", 150)), CoachCode::Plateau));
    // Too early to judge a trend.
    CHECK_FALSE(has(coach(trained("v=1&data=oyster&norm=none", 50)), CoachCode::Plateau));
}

TEST_CASE("coach: ReLU units that died are counted", "[coach]") {
    const auto notes = coach(trained("v=1&data=spiral&net=8:relu,8:relu&lr=10", 30));
    const auto dead = std::find_if(notes.begin(), notes.end(), [](const CoachNote& n) { return n.code == CoachCode::DeadRelu; });
    REQUIRE(dead != notes.end());
    CHECK(dead->count >= 2);
    CHECK(dead->total == 8);
}

TEST_CASE("coach: overfitting shows as the held-out loss rising while the training loss falls", "[coach]") {
    const char* big = "v=1&data=xor&noise=50&train=20&net=16:relu,16:relu,16:relu&opt=adam&lr=0.01";
    const auto notes = coach(trained(big, 300));
    REQUIRE(has(notes, CoachCode::Overfitting));
    const auto o = std::find_if(notes.begin(), notes.end(), [](const CoachNote& n) { return n.code == CoachCode::Overfitting; });
    CHECK(o->value > 1.1f * o->reference);
    CHECK(o->since < 300);
}

TEST_CASE("coach: a learning rate too high makes the loss climb and the tanh units saturate", "[coach]") {
    const auto notes = coach(trained("v=1&data=circle&lr=10", 200));
    REQUIRE(has(notes, CoachCode::LossRising));
    const auto r = std::find_if(notes.begin(), notes.end(), [](const CoachNote& n) { return n.code == CoachCode::LossRising; });
    CHECK(r->value > 1.5f * r->reference);
    CHECK(has(notes, CoachCode::Saturated));
    CHECK_FALSE(has(coach(trained("v=1&data=circle&lr=0.03", 200)), CoachCode::LossRising));
}
