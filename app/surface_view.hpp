// The optimizers on a loss surface ("the ball rolling"), without drawing: which surface, the
// start the user dragged, how many steps have been taken, each optimizer's rate and whether it
// is shown, and the paths, which are core's surface_path (core's Optimizer on the analytic
// gradient). Also the pictures' numbers: the surface's values over a grid and its contour lines.
// In a link: view=surface&fn=rosenbrock&start=-1.5,2 (and slr= for a shared rate).
#pragma once

#include "surfaces.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace nnp::app {

constexpr int kSurfaceGrid = 48;         // values a side of the picture
constexpr int kSurfaceContours = 12;     // contour levels
constexpr int kMaxViewSteps = 20000;     // steps a view takes at most
constexpr int kOptimizerCount = 6;

struct SurfaceView {
    bool open = false;
    SurfaceKind kind = SurfaceKind::Rosenbrock;
    SurfacePoint start = surface_info(SurfaceKind::Rosenbrock).start;
    int steps = 0;                 // taken so far by every path
    bool playing = false;
    bool shared_rate = true;       // one rate for all, else each its own
    float rate = surface_info(SurfaceKind::Rosenbrock).learning_rate;
    std::array<float, kOptimizerCount> rates{};  // each optimizer's own (shared_rate off)
    std::array<bool, kOptimizerCount> shown{true, true, true, true, true, true};
    std::vector<SurfacePath> paths;  // one per optimizer, in enum order
    // The picture: values row by row from the top (y max), and contour segments (x0, y0, x1, y1
    // in the surface's coordinates).
    std::vector<double> grid;
    std::vector<std::array<double, 4>> contours;
    SurfaceKind grid_kind = SurfaceKind::Bowl;
    bool grid_ready = false;
};

// Picks a surface: its domain, start and rate; the paths start over.
void surface_select(SurfaceView& v, SurfaceKind kind);
// A new start (clamped to the domain); the paths start over.
void surface_set_start(SurfaceView& v, SurfacePoint start);
// Every path takes `n` more steps (at most kMaxViewSteps in all).
void surface_advance(SurfaceView& v, int n);
void surface_reset(SurfaceView& v);
// Recomputes the paths for the current settings (optimizer hyperparameters from `base`).
void surface_update(SurfaceView& v, const OptimizerParams& base);
// The grid and contours of the surface (once per surface).
void surface_picture(SurfaceView& v);

// A frame of the open view: while playing, every path takes `steps` more steps; the paths and
// the picture follow the settings (the optimizers' hyperparameters from `base`).
void surface_frame(SurfaceView& v, const OptimizerParams& base, int steps);

// view=surface&fn=...&start=X,Y&slr=R taken out of a link; a problem (an unknown fn, a start off
// the surface, a bad rate) is named in `problems` and its default kept. nullopt: no view= key.
std::optional<SurfaceView> take_surface_view(std::string& link, std::vector<std::string>& problems);
// The view's keys for the page's link ("" when closed).
std::string surface_link_keys(const SurfaceView& v);

}  // namespace nnp::app
