// The loss surfaces and optimizer paths (see surfaces.hpp). Values and gradients are computed in
// double with det_math (the same bits natively and in WebAssembly); the parameters are the
// float32 buffer core's Optimizer updates, as in training.
#include "surfaces.hpp"

#include "det_math.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace nnp {

namespace {

constexpr EnumEntry<SurfaceKind> kSurfaces[] = {
    // Labels are names; the app's string table words them (English and Korean).
    {SurfaceKind::Bowl, "bowl", "Bowl", "bowl"},
    {SurfaceKind::Rosenbrock, "rosenbrock", "Rosenbrock", "rosenbrock"},
    {SurfaceKind::Saddle, "saddle", "Saddle", "saddle"},
    {SurfaceKind::Wells, "wells", "Wells", "wells"},
    {SurfaceKind::Plateau, "plateau", "Plateau", "plateau"},
};

struct Well {
    double x, y, depth;
};
constexpr std::array<Well, 3> kWells = {{{1.5, 1.5, 2.0}, {-1.5, 0.5, 1.2}, {0.5, -1.8, 0.8}}};
constexpr double kWellWidth = 0.6;

double logistic(double t) { return 1.0 / (1.0 + det::exp(-t)); }

// Where plain gradient descent in double settles from `p`: the exact minimum near a well's
// centre (the bowl and the other wells pull it slightly off the centre).
SurfacePoint settle(SurfaceKind kind, SurfacePoint p) {
    for (int i = 0; i < 20000; ++i) {
        const SurfacePoint g = surface_gradient(kind, p.x, p.y);
        p.x -= 0.05 * g.x;
        p.y -= 0.05 * g.y;
    }
    return p;
}

}  // namespace

template <>
std::span<const EnumEntry<SurfaceKind>> enum_table<SurfaceKind>() {
    return kSurfaces;
}

double surface_value(SurfaceKind kind, double x, double y) {
    switch (kind) {
        case SurfaceKind::Bowl: return 0.5 * (x * x + 25.0 * y * y);
        case SurfaceKind::Rosenbrock: return (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x);
        case SurfaceKind::Saddle: return x * x - y * y + 0.25 * y * y * y * y;
        case SurfaceKind::Wells: {
            double f = 0.05 * (x * x + y * y);
            for (const Well& w : kWells) {
                const double r2 = (x - w.x) * (x - w.x) + (y - w.y) * (y - w.y);
                f -= w.depth * det::exp(-r2 / (2.0 * kWellWidth * kWellWidth));
            }
            return f;
        }
        case SurfaceKind::Plateau: {
            const double s = logistic(6.0 * (x - 1.0));
            return 1.0 - s + 0.05 * s * (x - 2.5) * (x - 2.5) + 0.2 * y * y;
        }
    }
    return 0.0;
}

SurfacePoint surface_gradient(SurfaceKind kind, double x, double y) {
    switch (kind) {
        case SurfaceKind::Bowl: return {x, 25.0 * y};
        case SurfaceKind::Rosenbrock: {
            const double r = y - x * x;
            return {-2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r};
        }
        case SurfaceKind::Saddle: return {2.0 * x, -2.0 * y + y * y * y};
        case SurfaceKind::Wells: {
            SurfacePoint g{0.1 * x, 0.1 * y};
            for (const Well& w : kWells) {
                const double dx = x - w.x, dy = y - w.y;
                const double e = w.depth * det::exp(-(dx * dx + dy * dy) / (2.0 * kWellWidth * kWellWidth));
                g.x += e * dx / (kWellWidth * kWellWidth);
                g.y += e * dy / (kWellWidth * kWellWidth);
            }
            return g;
        }
        case SurfaceKind::Plateau: {
            const double s = logistic(6.0 * (x - 1.0));
            const double ds = 6.0 * s * (1.0 - s);
            const double d = x - 2.5;
            return {-ds + 0.05 * ds * d * d + 0.1 * s * d, 0.4 * y};
        }
    }
    return {};
}

const SurfaceInfo& surface_info(SurfaceKind kind) {
    static const std::array<SurfaceInfo, 5> infos = [] {
        std::array<SurfaceInfo, 5> a;
        a[0] = {Domain{-3, 3, -3, 3}, {{0, 0}}, {-2.5, 1.0}, 0.06f};
        a[1] = {Domain{-2, 2, -1, 3}, {{1, 1}}, {-1.5, 2.0}, 0.001f};
        a[2] = {Domain{-2.5f, 2.5f, -2.5f, 2.5f}, {{0, std::sqrt(2.0)}, {0, -std::sqrt(2.0)}}, {2.0, 0.01}, 0.05f};
        a[3] = {Domain{-3, 3, -3, 3}, {}, {-0.2, 0.3}, 0.1f};
        for (const Well& w : kWells) a[3].minima.push_back(settle(SurfaceKind::Wells, {w.x, w.y}));
        a[4] = {Domain{-3, 4, -2.5f, 2.5f}, {settle(SurfaceKind::Plateau, {2.5, 0})}, {-2.0, 1.5}, 0.1f};
        return a;
    }();
    return infos[std::size_t(kind)];
}

SurfacePath surface_path(SurfaceKind kind, const OptimizerParams& optimizer, SurfacePoint start, int steps) {
    SurfacePath path;
    path.optimizer = optimizer;
    path.kind = kind;
    path.params[0] = static_cast<float>(start.x);
    path.params[1] = static_cast<float>(start.y);
    path.state.reset(2);
    path.points.push_back({path.params[0], path.params[1]});
    path.values.push_back(surface_value(kind, path.params[0], path.params[1]));
    extend_path(path, steps);
    return path;
}

void extend_path(SurfacePath& path, int steps) {
    const int taken = int(path.points.size()) - 1;
    steps = std::clamp(steps, 0, kMaxSurfaceSteps - taken);
    if (path.diverged || path.points.empty()) return;
    const Domain& d = surface_info(path.kind).domain;
    const double reach = 10.0 * std::max(d.x_max - d.x_min, d.y_max - d.y_min);
    path.points.reserve(path.points.size() + std::size_t(steps));
    path.values.reserve(path.values.size() + std::size_t(steps));
    float grads[2];
    for (int k = 0; k < steps; ++k) {
        const SurfacePoint g = surface_gradient(path.kind, path.params[0], path.params[1]);
        grads[0] = static_cast<float>(g.x);
        grads[1] = static_cast<float>(g.y);
        path.state.step(path.optimizer, path.params, grads);
        const double x = path.params[0], y = path.params[1], v = surface_value(path.kind, x, y);
        const bool away = std::abs(x) > reach || std::abs(y) > reach;
        if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(v) || away) {
            path.diverged = true;
            break;
        }
        path.points.push_back({x, y});
        path.values.push_back(v);
    }
}

}  // namespace nnp
