// The loss landscape in the app (app/landscape_view.cpp): a slice is computed over frames within
// a time budget, its middle is the run's own training loss and its middle row the 1-D slice; it
// can be cancelled midway (what was computed is kept); a rebuild of the runs drops the job
// (never run on a session that is gone); a grid too big or too small is clamped and odd; PCA
// before any training says it needs a trajectory; the accessor reports it all.
#include "app_api.hpp"
#include "app_state.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace nnp;
using namespace nnp::app;

namespace {

// A clock that moves on by `tick` ms every time it is read.
struct FakeClock {
    double t = 0, tick;
    explicit FakeClock(double tick_ms) : tick(tick_ms) {}
    std::function<double()> fn() {
        return [this] { return t += tick; };
    }
};

void trained(AppState& app, const char* link, int epochs) {
    app_init(app, ExperimentConfig{});
    app_open_link(app, link);
    for (int e = 0; e < epochs; ++e) app.session().train_epoch();
}

}  // namespace

TEST_CASE("landscape view: computed over frames, its middle is the run's loss", "[app][landscape]") {
    AppState app;
    trained(app, "v=1&data=xor&net=5:tanh&opt=adam&lr=0.02", 20);
    LandscapeView& v = app.landscape;
    v.open = true;
    v.n = 11;
    landscape_start(v, app.session(), app.selected, app.built);
    REQUIRE(v.status == LandscapeStatus::Computing);
    // A frame's budget is 8 ms and each clock read takes 8: one cell a frame (at least one).
    FakeClock clock(8.0);
    int frames = 0;
    while (v.status == LandscapeStatus::Computing && frames < 1000) {
        landscape_frame(v, app.session_of(v.run), app.built, clock.fn());
        ++frames;
    }
    CHECK(v.status == LandscapeStatus::Done);
    CHECK(frames == 121);  // 11 x 11 cells, one a frame
    REQUIRE(v.grid_n == 11);
    CHECK(landscape_centre(v) == Approx(app.session().current().train_loss).epsilon(1e-5));
    const std::vector<double> row = landscape_row_at_theta(v);
    REQUIRE(row.size() == 11);
    CHECK(row[5] == landscape_centre(v));
    CHECK(v.lo <= landscape_centre(v));
    CHECK(v.hi > v.lo);
    CHECK_FALSE(v.contours.empty());
    // PCA: the path ends at the run's weights, in the middle.
    CHECK(v.dirs == LandscapeDirs::Pca);
    REQUIRE(v.path.a.size() >= 3);
    CHECK(v.path.a.back() == 0.0);
    CHECK(v.path.b.back() == 0.0);
    CHECK(v.directions.explained1 + v.directions.explained2 <= 1.0 + 1e-9);
    const std::string state = state_json(app);
    CHECK(test::contains(state, "\"landscape\":{\"open\":true,\"dirs\":\"pca\",\"status\":\"done\",\"progress\":1,\"n\":11"));

    // A fast clock: the whole grid in one frame.
    landscape_start(v, app.session(), app.selected, app.built);
    FakeClock fast(1e-6);
    landscape_frame(v, app.session_of(v.run), app.built, fast.fn());
    CHECK(v.status == LandscapeStatus::Done);
}

TEST_CASE("landscape view: cancelled midway, stale after a rebuild, clamped, no trajectory", "[app][landscape]") {
    AppState app;
    trained(app, "v=1&data=circle", 5);
    LandscapeView& v = app.landscape;
    v.open = true;
    v.dirs = LandscapeDirs::Random;
    v.n = 10000;  // asked for 10,000 x 10,000
    landscape_start(v, app.session(), app.selected, app.built);
    CHECK(v.clamped);
    REQUIRE(v.job);
    CHECK(v.job->n() == kMaxLandscapeGrid);
    FakeClock clock(8.0);
    for (int f = 0; f < 10; ++f) landscape_frame(v, app.session_of(v.run), app.built, clock.fn());
    landscape_cancel(v);
    CHECK(v.status == LandscapeStatus::Cancelled);
    REQUIRE(v.grid_n == kMaxLandscapeGrid);
    CHECK(std::isfinite(v.grid[0]));
    CHECK(std::isfinite(v.grid[9]));
    CHECK(std::isnan(v.grid[10]));
    CHECK(landscape_row_at_theta(v).empty());  // not complete

    // A rebuild while computing: the job goes, and is never stepped on the old session.
    v.n = 4;
    landscape_start(v, app.session(), app.selected, app.built);
    REQUIRE(v.job);
    CHECK(v.job->n() == 5);  // odd, so the middle cell is θ
    app_open_link(app, "v=1&data=spiral");
    landscape_frame(v, app.session_of(v.run), app.built, clock.fn());
    CHECK(v.status == LandscapeStatus::Stale);
    CHECK_FALSE(v.job);

    // PCA on a run that has not trained: it needs a trajectory.
    v.dirs = LandscapeDirs::Pca;
    landscape_start(v, app.session(), app.selected, app.built);
    CHECK(v.status == LandscapeStatus::NoTrajectory);
    CHECK_FALSE(v.job);
    landscape_frame(v, app.session_of(v.run), app.built, clock.fn());
    CHECK(test::contains(state_json(app), "\"status\":\"no_trajectory\""));
}
