// A training session: the data, the network, the optimizer state and the history of one
// experiment. Several sessions can live side by side (optimizer races, seeds, ensembles); they
// share nothing. The step functions allocate nothing. A non-finite loss is data, not an error:
// training stops and stop_reason() says why.
#pragma once

#include "config.hpp"
#include "grid.hpp"
#include "history.hpp"

#include <string>

namespace nnp {

enum class StopReason {
    None,
    NonFiniteLoss,  // the loss or a parameter became NaN or infinite
    EarlyStopped,   // the test loss did not improve for `patience` epochs
};

template <>
std::span<const EnumEntry<StopReason>> enum_table<StopReason>();

class Session {
public:
    // Validates a copy of `cfg` (clamping silently; call validate() first to see the issues),
    // generates the data and initialises the network from cfg.seed.
    explicit Session(const ExperimentConfig& cfg);
    // Trains on the given data (user points, pasted CSV, images, reference workloads) instead of
    // generating cfg.data. Data with more than two inputs is fed to the network as it is (the
    // feature toggles apply to the 2-D plane only).
    Session(const ExperimentConfig& cfg, Dataset data);

    const ExperimentConfig& config() const { return cfg_; }
    const Dataset& data() const { return data_; }
    const Mlp& net() const { return net_; }
    Mlp& net() { return net_; }  // e.g. to edit one weight; call params_changed() afterwards
    void params_changed();       // re-evaluates losses after an outside edit of the weights

    // Features (n x F) and targets (n x outputs) of all samples, training rows first.
    const Matrix& inputs() const { return inputs_; }
    const Matrix& targets() const { return targets_; }
    int n_train() const { return data_.n_train; }

    // Applies the live hyperparameters of `cfg` (see needs_rebuild); returns false and changes
    // nothing if `cfg` needs a rebuild. Switching optimizer kind restarts its state.
    bool apply_live(const ExperimentConfig& cfg);

    // New initial weights from `seed` (same data), fresh optimizer and empty history.
    void reinitialize(std::uint32_t seed);

    // One mini-batch step. At the end of an epoch the losses are evaluated and recorded.
    // Returns false (and does nothing) once stopped.
    bool train_batch();
    // Steps until the current epoch ends. Returns false once stopped.
    bool train_epoch();

    std::int64_t epoch() const { return epoch_; }   // completed epochs
    std::int64_t steps() const { return steps_; }   // mini-batch steps
    int batch_in_epoch() const;                     // position in the current epoch

    StopReason stop_reason() const { return stop_; }
    std::int64_t stop_epoch() const { return stop_epoch_; }
    std::string stop_message() const;  // English sentence; empty if running
    void resume();                     // clears an EarlyStopped state (not NonFiniteLoss)

    // Losses and accuracies of the current parameters (data loss, no penalty).
    const EpochRecord& current() const { return current_; }
    const History& history() const { return history_; }

    // Early stopping keeps the parameters of the best test loss seen.
    bool has_best() const { return best_epoch_ >= 0; }
    std::int64_t best_epoch() const { return best_epoch_; }
    void restore_best();

    // Buffers of the last training step, e.g. the dropout masks to draw dropped units.
    const Workspace& last_step() const { return train_ws_; }
    int last_batch_rows() const { return last_rows_; }

    // Pictures of the output and every neuron over the data's domain.
    void compute_grid(int width, int height, GridPictures& out) const;

    // For one-input data: the smallest input where the predicted class changes (scanning
    // `samples` points over the domain), or NaN if the prediction never changes. Allocates its
    // grid: a per-frame caller should use class_boundary_1d on a grid it keeps.
    float learned_threshold(int samples = 2001) const;

private:
    void build();
    void evaluate();
    void start_epoch();

    ExperimentConfig cfg_;
    Dataset data_;
    Matrix inputs_, targets_;
    Mlp net_;
    Optimizer optimizer_;
    Workspace train_ws_, eval_ws_;
    Matrix batch_x_, batch_t_;  // gathered batch, max batch rows
    std::vector<int> order_;
    Rng shuffle_rng_, dropout_rng_;
    int cursor_ = 0;            // next training row of order_ in this epoch
    int last_rows_ = 0;
    std::int64_t epoch_ = 0, steps_ = 0;
    StopReason stop_ = StopReason::None;
    std::int64_t stop_epoch_ = 0;
    EpochRecord current_;
    History history_;
    std::vector<float> best_params_;
    std::int64_t best_epoch_ = -1;
    float best_loss_ = 0.0f;
};

}  // namespace nnp
