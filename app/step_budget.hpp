// The adaptive training budget: how many mini-batch steps one frame may run so that the frame
// rate holds. It learns the cost of one step and of the rest of the frame (pictures, drawing)
// as moving averages, and gives training what is left of the frame's time, within bounds.
#pragma once

namespace nnp::app {

struct StepBudget {
    float frame_target_ms = 1000.0f / 60.0f;  // the frame time to hold
    float min_train_ms = 1.0f;                // training always gets at least this much
    float max_train_ms = 12.0f;               // and never more than this
    float smoothing = 0.2f;                   // weight of a new measurement in the averages

    float step_ms = -1.0f;   // average cost of one mini-batch step (-1 = not measured yet)
    float other_ms = 0.0f;   // average cost of everything else in a frame

    // Milliseconds training may use this frame.
    float train_ms() const;
    // Mini-batch steps allowed this frame (at least 1; 1 until a step was measured).
    long long max_steps() const;
    // Report `steps` steps that took `ms` in total (steps > 0).
    void record_steps(long long steps, float ms);
    // Report the time of the rest of the frame.
    void record_other(float ms);
};

// Whether a frame that started training `elapsed_ms` ago may run another step.
bool may_continue(const StepBudget& b, float elapsed_ms, long long steps_done);

}  // namespace nnp::app
