// The loss surfaces (core/surfaces.cpp): analytic gradients against finite differences, paths
// that are core's Optimizer stepping the analytic gradient (bit for bit), and what the lecture
// says optimizers do on them: momentum overshoots, AdaGrad's steps shrink, Adam moves both
// coordinates alike, SGD stalls on a plateau that Adam crosses, a different start ends in a
// different well, and a too large rate diverges while the other paths go on.
#include "surfaces.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace nnp;

namespace {

constexpr SurfaceKind kAll[] = {SurfaceKind::Bowl, SurfaceKind::Rosenbrock, SurfaceKind::Saddle, SurfaceKind::Wells,
                                SurfaceKind::Plateau};

OptimizerParams opt(OptimizerKind kind, float lr) {
    OptimizerParams p;
    p.kind = kind;
    p.learning_rate = lr;
    return p;
}

double step_length(const SurfacePath& p, std::size_t k) {
    return std::hypot(p.points[k + 1].x - p.points[k].x, p.points[k + 1].y - p.points[k].y);
}

}  // namespace

TEST_CASE("surfaces: analytic gradients match finite differences", "[surfaces]") {
    for (const SurfaceKind kind : kAll) {
        const Domain& d = surface_info(kind).domain;
        for (int i = 0; i < 7; ++i)
            for (int j = 0; j < 7; ++j) {
                const double x = d.x_min + (d.x_max - d.x_min) * (i + 0.37) / 7.0;
                const double y = d.y_min + (d.y_max - d.y_min) * (j + 0.61) / 7.0;
                const double h = 1e-6;
                const double gx = (surface_value(kind, x + h, y) - surface_value(kind, x - h, y)) / (2 * h);
                const double gy = (surface_value(kind, x, y + h) - surface_value(kind, x, y - h)) / (2 * h);
                const SurfacePoint g = surface_gradient(kind, x, y);
                INFO(enum_code(kind) << " at " << x << ", " << y);
                CHECK(g.x == Approx(gx).margin(1e-5).epsilon(1e-6));
                CHECK(g.y == Approx(gy).margin(1e-5).epsilon(1e-6));
            }
        // The marked minima are minima: no slope, and lower than around them.
        for (const SurfacePoint& m : surface_info(kind).minima) {
            const SurfacePoint g = surface_gradient(kind, m.x, m.y);
            CHECK(std::hypot(g.x, g.y) < 1e-6);
            for (const double dx : {-0.05, 0.05})
                CHECK(surface_value(kind, m.x + dx, m.y) > surface_value(kind, m.x, m.y));
        }
    }
    // The wells' minima are in order of depth: the global one first.
    const auto& wells = surface_info(SurfaceKind::Wells).minima;
    REQUIRE(wells.size() == 3);
    CHECK(surface_value(SurfaceKind::Wells, wells[0].x, wells[0].y) < surface_value(SurfaceKind::Wells, wells[1].x, wells[1].y));
    CHECK(surface_value(SurfaceKind::Wells, wells[1].x, wells[1].y) < surface_value(SurfaceKind::Wells, wells[2].x, wells[2].y));
}

TEST_CASE("surfaces: a path is core's optimizer stepping the analytic gradient", "[surfaces]") {
    for (const SurfaceKind kind : kAll)
        for (const auto& e : enum_table<OptimizerKind>()) {
            const OptimizerParams p = opt(e.value, surface_info(kind).learning_rate);
            const SurfacePoint start = surface_info(kind).start;
            const SurfacePath path = surface_path(kind, p, start, 200);
            // The same loop written out: the optimizer's own step on the gradient, in float32.
            float w[2] = {float(start.x), float(start.y)};
            Optimizer o;
            o.reset(2);
            for (std::size_t k = 1; k < path.points.size(); ++k) {
                const SurfacePoint g = surface_gradient(kind, w[0], w[1]);
                const float gf[2] = {float(g.x), float(g.y)};
                o.step(p, w, gf);
                REQUIRE(path.points[k].x == double(w[0]));
                REQUIRE(path.points[k].y == double(w[1]));
                REQUIRE(path.values[k] == surface_value(kind, w[0], w[1]));
            }
        }
}

TEST_CASE("surfaces: a path extended goes on exactly as a longer one", "[surfaces]") {
    for (const auto& e : enum_table<OptimizerKind>()) {
        const OptimizerParams p = opt(e.value, 0.05f);
        SurfacePath a = surface_path(SurfaceKind::Saddle, p, {2.0, 0.01}, 40);
        extend_path(a, 60);
        const SurfacePath b = surface_path(SurfaceKind::Saddle, p, {2.0, 0.01}, 100);
        REQUIRE(a.points.size() == b.points.size());
        CHECK(a.points.back().x == b.points.back().x);
        CHECK(a.points.back().y == b.points.back().y);
        CHECK(a.values == b.values);
    }
}

TEST_CASE("surfaces: what the optimizers do, as the lecture tells it", "[surfaces]") {
    const SurfacePoint bowl_start = surface_info(SurfaceKind::Bowl).start;  // (-2.5, 1)
    // Momentum carries the ball past the valley's floor: x goes beyond 0, then comes back.
    const SurfacePath mom = surface_path(SurfaceKind::Bowl, opt(OptimizerKind::Momentum, 0.01f), bowl_start, 300);
    double furthest = -10;
    for (const SurfacePoint& p : mom.points) furthest = std::max(furthest, p.x);
    CHECK(furthest > 0.2);  // 0.38 from -2.5
    CHECK(std::abs(mom.points.back().x) < 0.2);
    const SurfacePath sgd = surface_path(SurfaceKind::Bowl, opt(OptimizerKind::Sgd, 0.01f), bowl_start, 300);
    double sgd_furthest = -10;
    for (const SurfacePoint& p : sgd.points) sgd_furthest = std::max(sgd_furthest, p.x);
    CHECK(sgd_furthest < 0.0);  // plain descent creeps up from one side
    // AdaGrad's steps shrink as its squared gradients add up.
    const SurfacePath ada = surface_path(SurfaceKind::Bowl, opt(OptimizerKind::AdaGrad, 0.5f), bowl_start, 200);
    CHECK(step_length(ada, 150) < step_length(ada, 0) / 5);
    // Adam's first step is the rate in both coordinates, though y's slope is 10 times x's.
    const SurfacePath adam = surface_path(SurfaceKind::Bowl, opt(OptimizerKind::Adam, 0.1f), bowl_start, 1);
    CHECK(std::abs(adam.points[1].x - adam.points[0].x) == Approx(0.1).epsilon(1e-3));
    CHECK(std::abs(adam.points[1].y - adam.points[0].y) == Approx(0.1).epsilon(1e-3));
    const SurfacePath sgd1 = surface_path(SurfaceKind::Bowl, opt(OptimizerKind::Sgd, 0.01f), bowl_start, 1);
    CHECK(std::abs(sgd1.points[1].y - sgd1.points[0].y) > 9 * std::abs(sgd1.points[1].x - sgd1.points[0].x));

    // On the plateau plain descent stays put; Adam walks off it and over the cliff.
    const SurfacePoint plateau = surface_info(SurfaceKind::Plateau).start;  // (-2, 1.5)
    const SurfacePath flat = surface_path(SurfaceKind::Plateau, opt(OptimizerKind::Sgd, 0.1f), plateau, 500);
    CHECK(std::abs(flat.points.back().x - plateau.x) < 1e-3);
    const SurfacePath walk = surface_path(SurfaceKind::Plateau, opt(OptimizerKind::Adam, 0.1f), plateau, 500);
    CHECK(walk.points.back().x > 1.5);

    // The same descent from two starts ends in two different wells.
    const auto& wells = surface_info(SurfaceKind::Wells).minima;
    const auto end_near = [&](SurfacePoint start, const SurfacePoint& m) {
        const SurfacePath p = surface_path(SurfaceKind::Wells, opt(OptimizerKind::Sgd, 0.1f), start, 3000);
        return std::hypot(p.points.back().x - m.x, p.points.back().y - m.y) < 0.01;
    };
    CHECK(end_near({1.0, 1.0}, wells[0]));
    CHECK(end_near({0.4, -1.2}, wells[2]));
    CHECK(end_near({-1.0, 0.2}, wells[1]));

    // Too large a rate diverges: that path stops and says so; another one is unaffected.
    const SurfacePath wild = surface_path(SurfaceKind::Bowl, opt(OptimizerKind::Sgd, 0.1f), bowl_start, 5000);
    CHECK(wild.diverged);
    CHECK(wild.points.size() < 5001);
    CHECK_FALSE(surface_path(SurfaceKind::Bowl, opt(OptimizerKind::Sgd, 0.05f), bowl_start, 5000).diverged);
}
