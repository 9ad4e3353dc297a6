// Races: several runs of one experiment side by side that differ in exactly one setting, e.g. the
// optimizers on the same slope, or the same network from several seeds. A race is written on top
// of the base experiment as `race=KEY:VALUE,VALUE,...` (`race=opt:sgd,momentum,adam`,
// `race=seed:1,2,3,4`, `race=lr:0.3,0.03,0.003`). KEY is a field's link key (see fields.hpp)
// that does not change the data, or one of the network-wide keys `act` (every hidden layer's
// activation), `drop` (every hidden layer's dropout rate), `width` (every hidden layer's width)
// and `depth` (the number of hidden layers). A value may carry settings of its own after '/':
// `race=opt:sgd,adam/lr=0.001` gives Adam its own learning rate.
//
// Same start: every run is built from the same config but its value, so the runs share the data,
// and, where their networks have the same shape, the initial weights, the batch order and the
// dropout masks (all come from the shared seeds); a seed race varies exactly those.
#pragma once

#include "config.hpp"

#include <string>
#include <vector>

namespace nnp {

constexpr int kMinRaceRuns = 2;
constexpr int kMaxRaceRuns = 8;

// The network-wide keys a race may vary besides the fields.
bool is_race_key(std::string_view key);

// Validation's part for `cfg.race`: every value is applied to a copy of the base config,
// validated and written back in its canonical form (`lr:0.30` becomes `lr:0.3`); unknown keys,
// bad or duplicate values, more than kMaxRaceRuns values (the rest are dropped) and fewer than
// kMinRaceRuns (the race is dropped) are reported. Runs as part of validate().
void check_race(ExperimentConfig& cfg, std::vector<ConfigIssue>& issues);

// The configs of the race's runs (each without a race), in the race's order; just `base` when it
// has no race. `base` must be valid.
std::vector<ExperimentConfig> race_configs(const ExperimentConfig& base);

// The canonical text of `key` (a race key) as `run` has it, e.g. "adam", "0.003", "3".
std::string race_setting_text(const ExperimentConfig& run, std::string_view key);
// The keys run `i`'s value sets: the race's key, then its own settings after '/'.
std::vector<std::string> race_value_keys(const RaceSpec& race, std::size_t i);

// A short name of run `i`, e.g. "Adam", "lr 0.003", "seed 3", "Adam, lr 0.001".
std::string race_run_name(const ExperimentConfig& base, std::size_t i);
// The same from the run's config (race_configs(base)[i]), without building every run's.
// `label` words an enumeration value from its code and English label (the app's language);
// null keeps the English labels (nnp_run's output, which tools read).
using LabelWording = const char* (*)(std::string_view code, const char* english);
std::string race_run_name(const RaceSpec& race, const ExperimentConfig& run, std::size_t i,
                          LabelWording label = nullptr);

}  // namespace nnp
