// Points placed by clicking (core/user_points.cpp): editing makes new data, a set of up to 500
// points travels in a share link (5 characters a point, to 0.01) and comes back the same, a bad
// or too long point list is named and leaves the default data, and the points train on the plane.
#include "config_codec.hpp"
#include "helpers.hpp"
#include "rng.hpp"
#include "session.hpp"
#include "user_points.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("points: adding and removing makes new data, classes widen as needed", "[points]") {
    auto empty = empty_points(2);
    CHECK(empty->rows() == 0);
    CHECK(empty->task == Task::BinaryClassification);
    auto one = with_point(*empty, 1.5f, -2.0f, 1, 0.0f);
    auto two = with_point(*one, 9.0f, 0.25f, 0, 0.0f);  // x clamped to the plane
    CHECK(empty->rows() == 0);  // never changed in place
    REQUIRE(two->rows() == 2);
    CHECK(two->x(1, 0) == 6.0f);
    CHECK(two->label == std::vector<int>{1, 0});
    auto three = with_point(*two, 0.0f, 0.0f, 4, 0.0f);  // a fifth class
    CHECK(three->task == Task::MultiClassification);
    CHECK(three->class_names.size() == 5);
    auto fewer = without_point(*three, 1.4f, -2.1f, 0.5f);
    REQUIRE(fewer);
    CHECK(fewer->rows() == 2);
    CHECK(fewer->label == std::vector<int>{0, 4});
    CHECK(without_point(*three, -5.0f, 5.0f, 0.5f) == nullptr);  // nothing near

    auto values = with_point(*empty_points(0), 2.0f, 3.0f, 0, 2.5f);
    CHECK(values->task == Task::Regression);
    CHECK(values->value(0, 0) == 1.0f);  // values live in [-1, 1]
}

TEST_CASE("points: a set of 500 travels in a link and comes back to 0.01", "[points]") {
    Rng rng = make_rng(3, RngStream::Data);
    auto d = empty_points(3);
    for (int i = 0; i < kMaxLinkPoints; ++i)
        d = with_point(*d, float(rng.uniform(-6.0, 6.0)), float(rng.uniform(-6.0, 6.0)), i % 3, 0.0f);
    const std::string text = encode_points(*d);
    CHECK(text.size() == 2 + 5 * std::size_t(kMaxLinkPoints));
    const DecodedPoints back = decode_points(text);
    REQUIRE(back.problem == PointsProblem::None);
    REQUIRE(back.data->rows() == kMaxLinkPoints);
    for (int r = 0; r < kMaxLinkPoints; ++r) {
        CHECK(std::abs(back.data->x(r, 0) - d->x(r, 0)) <= 0.0051f);
        CHECK(std::abs(back.data->x(r, 1) - d->x(r, 1)) <= 0.0051f);
    }
    CHECK(back.data->label == d->label);
    CHECK(encode_points(*back.data) == text);  // quantised once, then stable

    auto values = with_point(*with_point(*empty_points(0), -6.0f, 6.0f, 0, -1.0f), 0.0f, 0.0f, 0, 0.37f);
    const DecodedPoints v = decode_points(encode_points(*values));
    REQUIRE(v.data);
    CHECK(v.data->task == Task::Regression);
    CHECK(v.data->value(0, 0) == -1.0f);
    CHECK(std::abs(v.data->value(1, 0) - 0.37f) < 1e-6f);
    CHECK(v.data->x(0, 1) == 6.0f);

    // One more point and the set no longer fits a link.
    d = with_point(*d, 0.0f, 0.0f, 0, 0.0f);
    CHECK_FALSE(link_can_carry_points(*d));
    CHECK(encode_points(*d).empty());
}

TEST_CASE("points: a link with pts opens the points as data=csv on the plane", "[points][codec]") {
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::Csv;
    cfg.data.user = with_point(*with_point(*empty_points(2), -3.0f, -3.0f, 0, 0.0f), 3.0f, 3.0f, 1, 0.0f);
    CHECK(validate(cfg).empty());
    const std::string link = encode_config(cfg);
    CHECK(has(link, "data=csv"));
    CHECK(has(link, "&pts=2."));
    CHECK_FALSE(has(link, "norm="));  // the plane's points need no normalisation
    const DecodedConfig back = decode_config(link);
    CHECK(back.issues.empty());
    REQUIRE(back.config.data.user);
    CHECK(back.config.data.kind == DatasetKind::Csv);
    CHECK(back.config.data.user->rows() == 2);
    CHECK(back.config.normalization == Normalization::None);
    CHECK(back.config.features == kDefaultFeatures);
    CHECK(encode_config(back.config) == link);
    // pts alone is a whole experiment.
    CHECK(decode_config("pts=2.AAAAA").config.data.kind == DatasetKind::Csv);

    Session s(back.config);
    CHECK(s.data().size() == 2);
    CHECK(s.data().domain == Domain{});  // the plane, not the points' bounding box
}

TEST_CASE("points: a bad or long point list is named and the default data stays", "[points][codec]") {
    for (const char* bad : {"pts=2.AAA", "pts=x.AAAAA", "pts=1.AAAAA", "pts=11.AAAAA", "pts=2.A*AAA", "pts=2.____A"}) {
        INFO(bad);
        const DecodedConfig d = decode_config(bad);
        CHECK(test::has_issue(d, IssueCode::Malformed, "pts"));
        CHECK(d.config.data.kind == DatasetKind::Circle);
        CHECK(d.config.data.user == nullptr);
    }
    std::string many = "pts=2.";
    for (int i = 0; i <= kMaxLinkPoints; ++i) many += "AAAAA";
    const DecodedConfig d = decode_config(many);
    REQUIRE(test::has_issue(d, IssueCode::Malformed, "pts"));
    CHECK(d.issues[0].text == IssueText::PointsTooMany);  // "more than 500 points", as the app words it
    // Another data set named in the link wins; its points are not used.
    CHECK(decode_config("data=xor&pts=2.AAAAA").config.data.kind == DatasetKind::Xor);
}

TEST_CASE("points: a generated set's points are the start of an edit", "[points]") {
    DatasetSpec spec;
    spec.kind = DatasetKind::Blobs;
    spec.points = 90;
    const Dataset blobs = generate_dataset(spec);
    auto d = points_of(blobs);
    CHECK(d->rows() == 90);
    CHECK(d->class_names.size() == 3);
    CHECK(d->plane);
    spec.kind = DatasetKind::RegGauss;
    CHECK(points_of(generate_dataset(spec))->task == Task::Regression);
}
