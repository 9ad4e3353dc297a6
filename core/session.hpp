// A training session: the data, the network, the optimizer state and the history of one
// experiment. Several sessions can live side by side (optimizer races, seeds, ensembles); they
// share nothing. The step functions allocate nothing. A non-finite loss is data, not an error:
// training stops and stop_reason() says why.
#pragma once

#include "config.hpp"
#include "grid.hpp"
#include "history.hpp"

#include <memory>
#include <string>

namespace nnp {

enum class StopReason {
    None,
    NonFiniteLoss,  // the loss or a parameter became NaN or infinite
    EarlyStopped,   // the watched loss did not improve for `patience` epochs; best weights restored
};

// Which loss early stopping watches: the validation split's, or the training loss when there is
// no validation split. Never the test loss: the test split must not steer training.
enum class WatchedLoss { Validation, Training };

template <>
std::span<const EnumEntry<StopReason>> enum_table<StopReason>();

// The data set of `cfg`, generated and split for its validation share, to share between the
// sessions of a race (they differ in a setting that leaves the data as it is).
std::shared_ptr<const Dataset> shared_data(const ExperimentConfig& cfg);

class Session {
public:
    // Validates a copy of `cfg` (clamping silently; call validate() first to see the issues),
    // generates the data and initialises the network from cfg.seed.
    explicit Session(const ExperimentConfig& cfg);
    // Trains on the given data (user points, pasted CSV, images, reference workloads) instead of
    // generating cfg.data. Data with more than two inputs is fed to the network as it is (the
    // feature toggles apply to the 2-D plane only).
    Session(const ExperimentConfig& cfg, Dataset data);
    // Shares `data` with other sessions (the runs of a race): nothing is copied when it is
    // already split for cfg.validation_percent (see shared_data).
    Session(const ExperimentConfig& cfg, std::shared_ptr<const Dataset> data);

    const ExperimentConfig& config() const { return cfg_; }
    const Dataset& data() const { return *data_; }
    const Mlp& net() const { return net_; }
    Mlp& net() { return net_; }  // e.g. to edit one weight; call params_changed() afterwards
    // Re-evaluates the losses after an outside edit of the weights (a link's weights, an edited
    // weight); the history's record of the current epoch becomes the edited network's.
    void params_changed();

    // The network's inputs (n x F: the features, normalised) and targets (n x outputs) of all
    // samples: training rows, then validation rows, then test rows (see Dataset).
    const Matrix& inputs() const { return inputs_; }
    const Matrix& targets() const { return targets_; }
    int n_train() const { return data_->n_train; }
    int n_val() const { return data_->n_val; }
    // The input normalisation fitted to the training rows: part of the model.
    const InputNorm& input_norm() const { return norm_; }
    // Prepares the inputs with `norm` instead (a model file's, so its predictions are exact);
    // false and nothing changed when it has another number of columns. Call params_changed().
    bool use_input_norm(const InputNorm& norm);

    // Applies the live hyperparameters of `cfg` (see needs_rebuild); returns false and changes
    // nothing if `cfg` needs a rebuild. Switching optimizer kind restarts its state.
    bool apply_live(const ExperimentConfig& cfg);

    // New initial weights from `seed` (same data), fresh optimizer and empty history.
    void reinitialize(std::uint32_t seed);

    // Trains on these rows of the training split instead of each row once an epoch: a multiset
    // (bagging's bootstrap sample: drawn with replacement, some rows twice, some not at all). An
    // epoch is one pass over them, in a new order each epoch when shuffling. Rows outside the
    // training split are dropped; empty (or none left) means every training row once. Starts
    // the current epoch over.
    void set_training_rows(std::vector<int> rows);
    const std::vector<int>& training_rows() const { return rows_; }
    // Weights of the training rows in the training loss (boosting): the gradient is that of the
    // weighted mean loss. One weight per training row, each finite and >= 0, not all zero;
    // anything else is refused (false, nothing changed). Empty: every row weighs 1. A batch
    // whose rows all weigh 0 is skipped. current()'s losses stay the plain means.
    bool set_sample_weights(std::vector<float> weights);
    const std::vector<float>& sample_weights() const { return weights_; }

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
    // Clears an EarlyStopped state (not NonFiniteLoss): training goes on from the restored best
    // weights and stops again only after another `patience` epochs without a better loss.
    void resume();

    // Losses and accuracies of the current parameters (data loss, no penalty). After an early
    // stop they are those of the restored best weights.
    const EpochRecord& current() const { return current_; }
    // The network's outputs (n x outputs, every row: training, validation, test) from which
    // current() was computed: as of the last epoch's end, reset, edit or restored best.
    Eigen::Block<const Matrix> evaluated_outputs() const {
        return eval_ws_.out(net_.num_layers() - 1, data_->size());
    }
    const History& history() const { return history_; }
    // The parameters at the start and at epoch ends, thinned as history is (the landscape's PCA).
    const Trajectory& trajectory() const { return trajectory_; }

    // The lowest watched loss so far and the parameters it had. When early stopping ends a run,
    // those parameters are put back (and the optimizer's memory restarts).
    WatchedLoss watched_loss() const { return n_val() > 0 ? WatchedLoss::Validation : WatchedLoss::Training; }
    // That loss of the current parameters (what a race's leader is decided on).
    float watched_value() const {
        return watched_loss() == WatchedLoss::Validation ? current_.val_loss : current_.train_loss;
    }
    bool has_best() const { return best_epoch_ >= 0; }
    std::int64_t best_epoch() const { return best_epoch_; }
    std::span<const float> best_params() const { return best_params_; }
    bool restored_best() const { return stop_ == StopReason::EarlyStopped; }

    // Buffers of the last training step, e.g. the dropout masks to draw dropped units.
    const Workspace& last_step() const { return train_ws_; }
    // The optimizer's state (its velocities and averages), e.g. to show the next update.
    const Optimizer& optimizer() const { return optimizer_; }
    int last_batch_rows() const { return last_rows_; }

    // Pictures of the output and every neuron over the data's domain. Data of more than two
    // inputs is drawn over input columns col_x and col_y (column_domain), the other inputs held
    // at their training means (held_inputs()).
    void compute_grid(int width, int height, GridPictures& out, int col_x = 0, int col_y = 1) const;
    // The training rows' mean of every raw input (the user's units).
    const std::vector<float>& held_inputs() const { return held_; }

    // For one-input data: the smallest input where the predicted class changes (scanning
    // `samples` points over the domain), or NaN if the prediction never changes. Allocates its
    // grid: a per-frame caller should use class_boundary_1d on a grid it keeps.
    float learned_threshold(int samples = 2001) const;

private:
    void build();
    void evaluate();
    void start_epoch();
    void restore_best();
    void clear_early_stop();

    ExperimentConfig cfg_;
    std::shared_ptr<const Dataset> data_;  // never null; shared by the runs of a race
    Matrix inputs_, targets_;
    InputNorm norm_;
    std::vector<float> held_;  // the training rows' input means
    Mlp net_;
    Optimizer optimizer_;
    Workspace train_ws_, eval_ws_;
    Matrix batch_x_, batch_t_;  // gathered batch, max batch rows
    std::vector<int> order_;    // this epoch's rows, in order
    std::vector<int> rows_;     // set_training_rows (empty: each training row once)
    std::vector<float> weights_, batch_weights_;  // set_sample_weights; the batch's
    Rng shuffle_rng_, dropout_rng_;
    int cursor_ = 0;            // next training row of order_ in this epoch
    int last_rows_ = 0;
    std::int64_t epoch_ = 0, steps_ = 0;
    StopReason stop_ = StopReason::None;
    std::int64_t stop_epoch_ = 0;
    EpochRecord current_;
    History history_;
    Trajectory trajectory_;
    std::vector<float> best_params_;
    std::int64_t best_epoch_ = -1;
    std::int64_t patience_from_ = 0;  // epochs without improvement count from here (or the best)
    float best_loss_ = 0.0f;
};

}  // namespace nnp
