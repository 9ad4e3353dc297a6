// The compare view's logic, GL-free: which settings the UI offers to race and their starting
// values, and what a seed race shows besides the losses: the spread of the final losses and how
// far apart the runs' learned weights are.
#pragma once

#include "app_state.hpp"

#include <span>
#include <string>
#include <vector>

namespace nnp::app {

struct RaceChoice {
    const char* key;     // the race key (race.hpp)
    const char* label;   // id of its label in the string table
    const char* values;  // the values a new race of this kind starts with
};

// None first (no race), then the settings the compare view offers.
std::span<const RaceChoice> race_choices();
int race_choice_of(const RaceSpec& race);  // index into race_choices(); 0 for none or another key

// The race that the compare view's text gives: `key` with the comma-separated `values`
// (spaces allowed), empty when `key` is empty. Validation (check_race) does the rest.
RaceSpec race_from_text(const char* key, const std::string& values);
// The values of `race` as the compare view shows them ("sgd, mom, adam").
std::string race_values_text(const RaceSpec& race);

struct LossSpread {
    float min = 0, median = 0, max = 0;
};
// The spread of the runs' watched losses (validation, else training); non-finite ones are left
// out. Zeros without runs.
LossSpread loss_spread(const AppState& app);

// Euclidean distances between the runs' weight vectors (n x n, row-major); -1 where two runs'
// networks differ in shape.
std::vector<float> weight_distances(const AppState& app);

}  // namespace nnp::app
