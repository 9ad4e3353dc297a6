// The coach: what a run's history and network say about why training is not going well, as
// codes with numbers (the app words them and links the lesson that explains each). Pure
// functions of a session; no words here.
//   StepActivation  a layer uses the step function: its slope is 0, no gradient passes
//   Plateau         the training loss has barely moved since the start (raw inputs far from 0,
//                   a learning rate too small, all-zero weights' symmetry)
//   DeadRelu        ReLU units whose output is 0 for every training sample
//   Saturated       sigmoid/tanh units stuck at their flat ends for almost every sample
//   LossRising      the training loss climbs: the learning rate is too high
//   Overfitting     the validation (else test) loss rises while the training loss falls
#pragma once

#include "enum_table.hpp"
#include "session.hpp"

#include <cstdint>
#include <vector>

namespace nnp {

enum class CoachCode { StepActivation, Plateau, DeadRelu, Saturated, LossRising, Overfitting };
template <>
std::span<const EnumEntry<CoachCode>> enum_table<CoachCode>();

struct CoachNote {
    CoachCode code;
    int layer = -1;             // the hidden layer (0-based) for unit-level notes, else -1
    int count = 0, total = 0;   // units affected out of the layer's units
    std::int64_t since = 0;     // the epoch the trend started (plateau, rising, overfitting)
    std::int64_t span = 0;      // how many epochs it has lasted
    float value = 0, reference = 0;  // the loss now and the one it is compared with
    bool on_test = false;       // overfitting seen on the test loss (no validation split)
};

// The thresholds, shared with the tests.
struct CoachLimits {
    int min_epochs = 100;               // trends are judged after this many epochs
    float plateau_improvement = 0.03f;  // less than 3% lower than min_epochs ago: flat ...
    float plateau_accuracy = 0.15f;     // ... and accuracy within this of chance (1 / classes)
    float dead_share = 0.25f;           // at least a quarter of a layer dead: worth a note
    float saturated_z = 4.0f;           // |pre-activation| beyond this: on the flat end
    float saturated_samples = 0.95f;    // for this share of the training samples
    float saturated_share = 0.5f;       // at least half a layer saturated: worth a note ...
    float fitted_accuracy = 0.95f;      // ... unless the training accuracy is already this high
    float rising_factor = 1.5f;         // the loss now this far above its minimum ...
    int rising_epochs = 10;             // ... and higher than this many epochs ago
    float overfit_factor = 1.1f;        // the held-out loss this far above its best ...
    int overfit_epochs = 20;            // ... at least this many epochs after the best
};

// The notes for `s` now, most fundamental first; empty for a healthy run.
std::vector<CoachNote> coach(const Session& s, const CoachLimits& limits = {});

}  // namespace nnp
