// The real network's loss landscape around its current weights θ (Li et al. 2018, "Visualizing
// the Loss Landscape of Neural Nets"): the training loss along θ + αd (a 1-D slice) and over
// θ + αd1 + βd2 (a 2-D slice). The directions are random and filter-normalised (each neuron's
// incoming weights in d rescaled to the norm of that neuron's incoming weights in θ, biases 0,
// so the slice's scale matches the network's own), or the first two principal directions of the
// training trajectory (snapshots θ_t − θ, with their explained variance). The trajectory is
// projected onto the PCA plane, and how far it lies off that plane is measured: the paper's
// known caveat, which a 2-D picture alone hides. A grid is computed a few cells at a time
// (LandscapeJob), so a page can spread it over frames and cancel it.
#pragma once

#include "session.hpp"

#include <cstdint>
#include <vector>

namespace nnp {

constexpr int kDefaultLandscapeGrid = 31;
constexpr int kMaxLandscapeGrid = 51;
constexpr int kMinLandscapeGrid = 3;

enum class LandscapeDirs { Random, Pca };
template <>
std::span<const EnumEntry<LandscapeDirs>> enum_table<LandscapeDirs>();

struct LandscapeDirections {
    std::vector<float> d1, d2;             // same layout as Mlp::params()
    double explained1 = 0, explained2 = 0;  // PCA: each direction's share of the trajectory's variance
    bool ok = false;                        // PCA needs at least 3 snapshots that differ
};

// Two random gaussian directions from `seed`, filter-normalised to `net`'s weights.
LandscapeDirections random_directions(const Mlp& net, std::uint32_t seed);
// The first two principal directions of the trajectory's snapshots minus `final_params`
// (orthonormal; not centred, as Li et al.).
LandscapeDirections pca_directions(const Trajectory& trajectory, std::span<const float> final_params);

// The trajectory in the plane of d1, d2 (which must be orthonormal: PCA's), and how far off it
// the real path lies: each snapshot's distance from the plane over its distance from θ.
struct ProjectedPath {
    std::vector<double> a, b;           // one point per snapshot, then θ itself (0, 0) last
    double max_off_plane = 0, mean_off_plane = 0;  // in [0, 1]
};
ProjectedPath project_path(const Trajectory& trajectory, std::span<const float> final_params,
                           const LandscapeDirections& dirs);

// The slice's extent: symmetric about θ, so an odd grid's middle cell is θ itself. Random
// directions have θ's own scale (filter normalisation), so ±1 reaches as far as the weights are
// long; PCA's cover the projected path with a fifth more room (at least ±0.12).
struct LandscapeRange {
    double a_lo = -1, a_hi = 1, b_lo = -1, b_hi = 1;
};
LandscapeRange landscape_range(LandscapeDirs dirs, const ProjectedPath& path);

// The training loss (data loss, no penalty, dropout off) of the session's network with
// parameters `params`, on its training rows: the number its history calls train_loss.
double training_loss(const Session& s, std::span<const float> params, Workspace& ws, Mlp& scratch);

// The loss over an n x n grid of (α, β) in [a_lo, a_hi] x [b_lo, b_hi], row by row from the top
// (β = b_hi), α left to right; both ends included, so the middle of an odd grid is exactly θ when
// the ranges are symmetric.
class LandscapeJob {
public:
    // n outside [kMinLandscapeGrid, kMaxLandscapeGrid] is clamped (clamped() says so).
    LandscapeJob(const Session& s, LandscapeDirections dirs, int n, double a_lo, double a_hi, double b_lo, double b_hi);
    // Computes up to `cells` more cells; true when the grid is complete.
    bool step(int cells);
    bool done() const { return next_ >= n_ * n_; }
    float progress() const { return float(next_) / float(n_ * n_); }
    int n() const { return n_; }
    bool clamped() const { return clamped_; }
    double alpha(int i) const { return a_lo_ + (a_hi_ - a_lo_) * i / (n_ - 1); }
    double beta(int j) const { return b_hi_ - (b_hi_ - b_lo_) * j / (n_ - 1); }
    const std::vector<double>& loss() const { return loss_; }  // n x n, row j = beta(j)
    const LandscapeDirections& directions() const { return dirs_; }

private:
    const Session& s_;
    LandscapeDirections dirs_;
    int n_ = kDefaultLandscapeGrid, next_ = 0;
    bool clamped_ = false;
    double a_lo_, a_hi_, b_lo_, b_hi_;
    std::vector<double> loss_;
    std::vector<float> theta_, params_;
    Workspace ws_;
    Mlp scratch_;
};

// The 1-D slice: the loss at n points of α in [lo, hi] along `d`.
std::vector<double> slice_1d(const Session& s, std::span<const float> d, int n, double lo, double hi);

}  // namespace nnp
