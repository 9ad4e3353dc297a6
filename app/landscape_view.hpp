// The real network's loss landscape, without drawing: the slice around the selected run's
// weights θ (core's landscape.hpp), computed a few cells at a time within a frame's time budget
// so the page never freezes, with its progress, a cancel, and the pictures' numbers (the grid,
// its contour lines, the 1-D slice along the first direction, the projected path). The job is
// dropped when its run is rebuilt (the data or the network changed); a slice of weights that
// have since trained on says which epoch it was taken at.
#pragma once

#include "landscape.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace nnp::app {

constexpr int kLandscapeContours = 10;
constexpr double kLandscapeFrameMs = 8.0;  // a frame's share for computing cells

enum class LandscapeStatus {
    Idle,          // nothing computed yet
    Computing,     // the job is under way (progress)
    Done,          // the grid is complete
    Cancelled,     // the user stopped it; what was computed is kept
    NoTrajectory,  // PCA directions need at least 3 different snapshots: train a few epochs
    Stale,         // the run was rebuilt while computing or after: compute again
};

struct LandscapeView {
    bool open = false;
    LandscapeDirs dirs = LandscapeDirs::Pca;
    int n = kDefaultLandscapeGrid;   // grid side asked for (odd: the middle cell is θ)
    LandscapeStatus status = LandscapeStatus::Idle;
    bool clamped = false;            // the asked side was out of range and was clamped

    // What the job was started on: its session and build, and the run's epoch and loss then.
    const Session* session = nullptr;
    std::uint64_t built = 0;
    std::int64_t epoch = 0;
    double run_loss = 0;
    int run = 0;

    std::unique_ptr<LandscapeJob> job;
    LandscapeRange range;
    LandscapeDirections directions;  // explained variances (PCA)
    ProjectedPath path;              // PCA only
    // The finished (or cancelled) grid: values row by row from the top (β max), NaN where not
    // computed; its lowest and highest values and contour segments in grid units.
    std::vector<double> grid;
    int grid_n = 0;
    double lo = 0, hi = 0;
    std::vector<std::array<double, 4>> contours;
};

// Starts a slice around the current weights of `s` (run `run`, of build `built`); a running job
// is replaced. PCA without enough trajectory sets NoTrajectory.
void landscape_start(LandscapeView& v, const Session& s, int run, std::uint64_t built);
void landscape_cancel(LandscapeView& v);
// A frame: the job computes cells for up to `budget_ms` (at least one cell), then the pictures
// follow. `s` and `built` are the run's now: another build drops the job (Stale).
void landscape_frame(LandscapeView& v, const Session* s, std::uint64_t built, const std::function<double()>& now_ms,
                     double budget_ms = kLandscapeFrameMs);
// The grid's middle row (β = 0): the loss along θ + αd1, the 1-D slice. Empty until complete.
std::vector<double> landscape_row_at_theta(const LandscapeView& v);
// The grid's middle value: the loss at θ itself (NaN until computed).
double landscape_centre(const LandscapeView& v);

}  // namespace nnp::app
