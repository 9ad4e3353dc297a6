// The optimizers on a loss surface in the app (app/surface_view.cpp): a link opens the view on
// its surface and start, bad keys are named and their defaults kept, playing advances every path
// by core's own surface_path, and the page's link carries the view.
#include "app_api.hpp"
#include "app_state.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace nnp;
using namespace nnp::app;

TEST_CASE("surface view: a link opens it, the paths are core's, the link carries it", "[app][surface]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=xor&view=surface&fn=wells&start=0.4,-1.2");
    CHECK(app.link.issues.empty());
    CHECK(app.config.data.kind == DatasetKind::Xor);  // the experiment is the link's too
    REQUIRE(app.surface.open);
    CHECK(app.surface.kind == SurfaceKind::Wells);
    CHECK(app.surface.start.x == 0.4);
    app.surface.playing = true;
    for (int f = 0; f < 30; ++f) surface_frame(app.surface, app.config.optimizer, 10);
    CHECK(app.surface.steps == 300);
    REQUIRE(app.surface.paths.size() == 6);
    for (const SurfacePath& p : app.surface.paths) {
        OptimizerParams o = app.config.optimizer;
        o.kind = p.optimizer.kind;
        o.learning_rate = app.surface.rate;
        const SurfacePath same = surface_path(SurfaceKind::Wells, o, {0.4, -1.2}, 300);
        REQUIRE(p.points.size() == same.points.size());
        CHECK(p.points.back().x == same.points.back().x);
        CHECK(p.values.back() == same.values.back());
    }
    CHECK(test::contains(app_link_text(app, false), "&view=surface&fn=wells&start=0.4,-1.2"));
    const std::string state = state_json(app);
    CHECK(test::contains(state, "\"surface\":{\"open\":true,\"fn\":\"wells\""));

    // A new start starts every path over.
    surface_set_start(app.surface, {1.0, 1.0});
    surface_frame(app.surface, app.config.optimizer, 0);
    CHECK(app.surface.steps == 0);
    CHECK(app.surface.paths[0].points.size() == 1);
}

TEST_CASE("surface view: bad keys are named, their defaults kept, nothing breaks", "[app][surface]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "view=surface&fn=donut&start=99,1&slr=nan");
    REQUIRE(app.surface.open);
    CHECK(app.surface.kind == SurfaceKind::Rosenbrock);
    CHECK(app.surface.start.x == surface_info(SurfaceKind::Rosenbrock).start.x);
    CHECK(app.surface.rate == surface_info(SurfaceKind::Rosenbrock).learning_rate);
    REQUIRE(app.link.issues.size() == 3);
    CHECK(app.link.issues[0].message == "fn=donut is not a surface (bowl, rosenbrock, saddle, wells, plateau); rosenbrock was used.");
    CHECK(test::contains(app.link.issues[1].message, "start=99,1 is not X,Y inside [-2, 2] x [-1, 3]"));
    CHECK(test::contains(app.link.issues[2].message, "slr=nan is not a rate"));
    // A rate that diverges stops that path alone.
    app.surface.rate = 0.5f;
    app.surface.playing = true;
    for (int f = 0; f < 50; ++f) surface_frame(app.surface, app.config.optimizer, 100);
    CHECK(app.surface.steps == 5000);
    int diverged = 0;
    for (const SurfacePath& p : app.surface.paths) diverged += p.diverged;
    CHECK(diverged >= 1);
    CHECK(diverged < 6);
    app_open_link(app, "view=wings");
    CHECK_FALSE(app.surface.open);
    REQUIRE_FALSE(app.link.issues.empty());
    CHECK(test::contains(app.link.issues.back().message, "view=wings is not a view here"));
}
