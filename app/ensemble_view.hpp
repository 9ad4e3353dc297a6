// The ensemble's view without drawing (bagging and boosting, core's ensemble.hpp): the numbers
// the page shows beside the members' maps (the ensemble's record and its accuracy as members
// are added, renewed only when a member trained on), the ensemble's own map over the plane (the
// members' vote shares on the big map's grid), and the test point the user clicked to see how
// each member voted on it. The members themselves are the app's runs.
#pragma once

#include "ensemble.hpp"
#include "grid.hpp"
#include "pictures.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace nnp::app {

struct EnsembleView {
    std::unique_ptr<EnsembleRun> run;  // null: no ensemble (one run or a race)
    EnsembleRecord record;             // as of `key`
    std::vector<float> curve;          // test accuracy of the vote of members 1..k
    std::vector<float> meta_weights;   // stacking: the meta-learner's trust in each member
    std::int64_t key = -1;             // what the members had trained when `record` was taken
    double refit_ms = -1e300;          // stacking: when its meta-learner was last fitted
    // The vote over the plane: every member's grid at the big map's size, and their shares.
    std::vector<GridPictures> grids;
    Matrix shares;                     // grid points x classes; regression: the mean, x 1
    std::int64_t shares_key = -1;
    PictureInfo picture;               // in the frame's atlas (update_pictures)
    int picked = -1;                   // a test row clicked on the map (-1: none)
    std::vector<std::vector<int>> out_of_bag;  // bagging: each member's out-of-bag rows

    explicit operator bool() const { return run != nullptr; }
    bool boosting() const { return run && run->config().ensemble.kind == EnsembleKind::Boosting; }
    bool stacking() const { return run && run->stacking(); }
};

// A number that changes whenever a member trains or one is added.
std::int64_t ensemble_key(const EnsembleRun& run);
// Renews the record and the accuracy curve if the members changed since they were taken.
// Stacking refits its meta-learner here (and one more for each bar of the curve), at most once
// every kStackingRefitMs while training (`playing`), at once otherwise: on the digits a fit
// costs about as much as a hundred milliseconds of training.
constexpr double kStackingRefitMs = 1000.0;
void ensemble_refresh(EnsembleView& view, double now_ms, bool playing);
// Renews the vote shares over a `side` x `side` grid of the members' plane (input columns
// map_x, map_y for data of more inputs) if the members changed; true if they were renewed.
// Stacking's "shares" are its meta-learner's class probabilities (regression: its output).
bool ensemble_vote_grid(EnsembleView& view, int side, int map_x, int map_y);
// Adds the vote map to `out`'s atlas (cells of side x side, room for one more): for two
// classes the share of class 1's votes on the diverging scale (its middle is where the vote
// changes), for more the winning class and its margin, for regression the members' mean.
PictureInfo add_vote_picture(const EnsembleView& view, float value_scale, PictureSet& out);

}  // namespace nnp::app
