// Loss surfaces of two parameters, for watching optimizers roll down them ("the ball rolling"):
// an ill-conditioned bowl, Rosenbrock's banana, a saddle, wells of different depth and a plateau
// with a cliff. Each has its value and analytic gradient; a path is core's own Optimizer (the
// one that trains the networks) stepping a two-float parameter buffer with that gradient, so what
// the view shows is exactly what training does, not a copy written for it.
#pragma once

#include "enum_table.hpp"
#include "optimizer.hpp"
#include "types.hpp"

#include <string>
#include <vector>

namespace nnp {

enum class SurfaceKind {
    Bowl,        // 0.5 (x^2 + 25 y^2): a long narrow valley, minimum 0 at (0, 0)
    Rosenbrock,  // (1 - x)^2 + 100 (y - x^2)^2: a curved valley, minimum 0 at (1, 1)
    Saddle,      // x^2 - y^2 + y^4 / 4: a saddle at (0, 0) between minima -1 at (0, +-sqrt 2)
    Wells,       // three gaussian wells of depths 2, 1.2 and 0.8 in a shallow bowl
    Plateau,     // a flat plateau that ends in a cliff down to a valley at x > 1
};

template <>
std::span<const EnumEntry<SurfaceKind>> enum_table<SurfaceKind>();

struct SurfacePoint {
    double x = 0.0, y = 0.0;
};

struct SurfaceInfo {
    Domain domain;                      // what the view draws
    std::vector<SurfacePoint> minima;   // the global minimum first, then the local ones
    SurfacePoint start;                 // a start that shows the surface's point
    float learning_rate = 0.01f;        // a rate at which SGD moves visibly and stays finite
};

const SurfaceInfo& surface_info(SurfaceKind kind);
double surface_value(SurfaceKind kind, double x, double y);
// The analytic gradient (df/dx, df/dy).
SurfacePoint surface_gradient(SurfaceKind kind, double x, double y);

constexpr int kMaxSurfaceSteps = 100000;

// One optimizer's path from `start`: points[0] is the start, points[k] after k steps. A path
// stops early, with `diverged`, when a parameter or the value stops being finite or leaves the
// domain by more than 10 of its widths (the others go on).
struct SurfacePath {
    OptimizerParams optimizer;
    std::vector<SurfacePoint> points;
    std::vector<double> values;
    bool diverged = false;
    // Where the walk stands, so it can go on (extend_path) without starting over.
    SurfaceKind kind = SurfaceKind::Bowl;
    float params[2] = {0.0f, 0.0f};
    Optimizer state;
};
SurfacePath surface_path(SurfaceKind kind, const OptimizerParams& optimizer, SurfacePoint start, int steps);
// `steps` more steps of the same walk (the same numbers as a longer surface_path), up to
// kMaxSurfaceSteps in all; nothing once it diverged.
void extend_path(SurfacePath& path, int steps);

}  // namespace nnp
