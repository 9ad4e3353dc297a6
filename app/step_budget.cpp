// Adaptive training budget (see step_budget.hpp).
#include "step_budget.hpp"

#include <algorithm>
#include <cmath>

namespace nnp::app {

float StepBudget::train_ms() const {
    // Leave a little slack for the browser's own work between frames.
    const float left = frame_target_ms - other_ms - 1.5f;
    return std::clamp(left, min_train_ms, max_train_ms);
}

long long StepBudget::max_steps() const {
    if (step_ms <= 0.0f) return 1;
    const double steps = std::floor(double(train_ms()) / double(step_ms));
    return std::max(1LL, static_cast<long long>(std::min(steps, 1e9)));
}

void StepBudget::record_steps(long long steps, float ms) {
    if (steps <= 0 || !std::isfinite(ms) || ms < 0.0f) return;
    const float per_step = ms / static_cast<float>(steps);
    step_ms = step_ms < 0.0f ? per_step : step_ms + smoothing * (per_step - step_ms);
}

void StepBudget::record_other(float ms) {
    if (!std::isfinite(ms) || ms < 0.0f) return;
    other_ms += smoothing * (ms - other_ms);
}

bool may_continue(const StepBudget& b, float elapsed_ms, long long steps_done) {
    if (steps_done >= b.max_steps()) return false;
    return elapsed_ms < b.train_ms();
}

}  // namespace nnp::app
