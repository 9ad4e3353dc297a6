// The accessor's "predict" command and "output_view" block, which the e2e test uses to compare
// the heatmap with the model: predict gives the network's output at a point, checked here on
// hand-set networks against the formula written out.
#include "app_api.hpp"
#include "app_state.hpp"
#include "json_lite.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::app;
using namespace nnp::app::test;

namespace {
double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// The first number of the reply's "output" array (NaN if there is none).
double first_output(const std::string& reply) {
    const auto at = reply.find("\"output\":[");
    if (at == std::string::npos) return std::nan("");
    return std::atof(reply.c_str() + at + 10);
}
}  // namespace

TEST_CASE("predict gives a hand-set network's output at a point of the plane", "[app][api]") {
    AppState app;
    ExperimentConfig cfg;  // circle, x1 and x2, sigmoid output
    cfg.hidden.clear();    // sigmoid(w1 x1 + w2 x2 + b)
    app_init(app, cfg);
    REQUIRE(app.session().net().set_params(std::vector<float>{1.0f, 2.0f, 0.5f}));
    app.session().params_changed();
    const struct { double x, y; } points[] = {{0, 0}, {1, -1}, {-3, 2}, {4.5, 0.25}};
    for (const auto& p : points) {
        INFO("(" << p.x << ", " << p.y << ")");
        const std::string reply = run_command(
            app, "{\"cmd\":\"predict\",\"x\":" + std::to_string(p.x) + ",\"y\":" + std::to_string(p.y) + "}");
        CHECK(contains(reply, "\"ok\":true"));
        CHECK(first_output(reply) == Approx(sigmoid(p.x + 2 * p.y + 0.5)).margin(1e-6));
    }
    CHECK(contains(run_command(app, R"({"cmd":"predict","x":1})"), "needs x and y"));

    // Features apply: with x1 squared alone, sigmoid(x1^2 - 4) at x1 = 3 is sigmoid(5).
    ExperimentConfig sq = cfg;
    sq.features = feature_bit(Feature::X1Squared);
    apply_config(app, sq);
    REQUIRE(app.session().net().spec().inputs == 1);
    REQUIRE(app.session().net().set_params(std::vector<float>{1.0f, -4.0f}));
    CHECK(first_output(run_command(app, R"({"cmd":"predict","x":3,"y":-5})")) == Approx(sigmoid(5.0)).margin(1e-6));
    CHECK(first_output(run_command(app, R"({"cmd":"predict","x":-1,"y":7})")) == Approx(sigmoid(-3.0)).margin(1e-6));
}

TEST_CASE("the state names the output view and the plane it shows", "[app][api]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app.output_view = {900.0f, 120.0f, 320.0f, 320.0f};
    const std::string s = state_json(app);
    CHECK(contains(s, "\"output_view\":{\"x\":900,\"y\":120,\"w\":320,\"h\":320,"));
    const Domain& d = app.session().data().domain;
    std::string domain;
    json_append_number(domain, d.x_min);
    CHECK(contains(s, "\"x_min\":" + domain));
}
