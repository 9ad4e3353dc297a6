// The loss landscape's job and pictures (see landscape_view.hpp).
#include "landscape_view.hpp"

#include "contours.hpp"

#include <algorithm>
#include <cmath>

namespace nnp::app {

namespace {

// The grid so far, its range and contours (over the computed cells only).
void take_grid(LandscapeView& v) {
    const LandscapeJob& job = *v.job;
    const int n = job.n();
    const int computed = int(std::lround(job.progress() * float(n * n)));
    v.grid_n = n;
    v.grid.assign(std::size_t(n) * std::size_t(n), NAN);
    v.lo = INFINITY, v.hi = -INFINITY;
    for (int k = 0; k < computed; ++k) {
        const double f = job.loss()[std::size_t(k)];
        v.grid[std::size_t(k)] = f;
        if (std::isfinite(f)) v.lo = std::min(v.lo, f), v.hi = std::max(v.hi, f);
    }
    v.contours.clear();
    if (!(v.hi > v.lo)) return;
    for (const double level : log_levels(v.lo, v.hi, kLandscapeContours)) contour_segments(v.grid, n, level, v.contours);
}

}  // namespace

void landscape_start(LandscapeView& v, const Session& s, int run, std::uint64_t built) {
    v.job.reset();
    v.grid.clear();
    v.contours.clear();
    v.grid_n = 0;
    v.path = {};
    v.session = &s;
    v.built = built;
    v.run = run;
    v.epoch = s.epoch();
    v.run_loss = s.current().train_loss;
    v.directions = v.dirs == LandscapeDirs::Pca ? pca_directions(s.trajectory(), s.net().params())
                                               : random_directions(s.net(), s.config().seed);
    if (!v.directions.ok) {
        v.status = LandscapeStatus::NoTrajectory;
        return;
    }
    if (v.dirs == LandscapeDirs::Pca) v.path = project_path(s.trajectory(), s.net().params(), v.directions);
    v.range = landscape_range(v.dirs, v.path);
    v.job = std::make_unique<LandscapeJob>(s, v.directions, v.n | 1,  // odd: θ in the middle
                                            v.range.a_lo, v.range.a_hi, v.range.b_lo, v.range.b_hi);
    v.clamped = v.job->clamped() || v.n < kMinLandscapeGrid;
    v.status = LandscapeStatus::Computing;
}

void landscape_cancel(LandscapeView& v) {
    if (v.status != LandscapeStatus::Computing || !v.job) return;
    take_grid(v);
    v.status = LandscapeStatus::Cancelled;
}

void landscape_frame(LandscapeView& v, const Session* s, std::uint64_t built, const std::function<double()>& now_ms,
                     double budget_ms) {
    // The job reads its session's data: once that session is gone it must never run again.
    if (v.job && (s != v.session || built != v.built)) {
        v.job.reset();
        v.session = nullptr;
        if (v.status != LandscapeStatus::Idle) v.status = LandscapeStatus::Stale;
        return;
    }
    if (!v.open || v.status != LandscapeStatus::Computing || !v.job) return;
    const double t0 = now_ms();
    do {
        v.job->step(1);
    } while (!v.job->done() && now_ms() - t0 < budget_ms);
    if (v.job->done()) {
        take_grid(v);
        v.status = LandscapeStatus::Done;
    }
}

std::vector<double> landscape_row_at_theta(const LandscapeView& v) {
    if (v.status != LandscapeStatus::Done || v.grid_n < 3) return {};
    const int n = v.grid_n, j = n / 2;
    return {v.grid.begin() + std::ptrdiff_t(j * n), v.grid.begin() + std::ptrdiff_t(j * n + n)};
}

double landscape_centre(const LandscapeView& v) {
    if (v.grid_n < 1) return NAN;
    const int n = v.grid_n;
    return v.grid[std::size_t((n / 2) * n + n / 2)];
}

}  // namespace nnp::app
