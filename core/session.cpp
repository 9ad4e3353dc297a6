// The training session (see session.hpp): mini-batch gradient descent with per-epoch
// evaluation, bounded history, early stopping and divergence detection.
#include "session.hpp"

#include "ensemble.hpp"
#include "fields.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<StopReason>, 3> kStopReasonTable = {{
    {StopReason::None, "none", "Running", "none"},
    {StopReason::NonFiniteLoss, "non_finite_loss", "The loss became NaN or infinite", "nan"},
    {StopReason::EarlyStopped, "early_stopped", "Early stopping", "early"},
}};

// Targets in the form the output layer produces: one-hot (0/1) for softmax and sigmoid outputs,
// +-1 for tanh outputs (TF Playground's labels), the class index as 0/1 for a single linear unit.
void build_targets(const Dataset& data, const ExperimentConfig& cfg, int outputs, Matrix& t) {
    const int n = data.size();
    t.resize(n, outputs);
    if (data.task == Task::Regression) {
        t = data.value;
        return;
    }
    const float off = cfg.output == Activation::Tanh ? -1.0f : 0.0f;
    for (int i = 0; i < n; ++i) {
        if (outputs == 1) {
            t(i, 0) = data.label[i] == 1 ? 1.0f : off;
        } else {
            t.row(i).setConstant(off);
            t(i, data.label[i]) = 1.0f;
        }
    }
}

}  // namespace

template <>
std::span<const EnumEntry<StopReason>> enum_table<StopReason>() {
    return kStopReasonTable;
}

std::shared_ptr<const Dataset> shared_data(const ExperimentConfig& cfg) {
    ExperimentConfig valid = cfg;
    validate(valid);
    auto data = std::make_shared<Dataset>(generate_dataset(valid.data));
    hold_out_validation(*data, valid.validation_percent);
    return data;
}

Session::Session(const ExperimentConfig& cfg) : cfg_(cfg) {
    validate(cfg_);
    data_ = std::make_shared<const Dataset>(generate_dataset(cfg_.data));
    build();
}

Session::Session(const ExperimentConfig& cfg, Dataset data)
    : cfg_(cfg), data_(std::make_shared<const Dataset>(std::move(data))) {
    validate(cfg_);
    build();
}

Session::Session(const ExperimentConfig& cfg, std::shared_ptr<const Dataset> data)
    : cfg_(cfg), data_(std::move(data)) {
    validate(cfg_);
    build();
}

void Session::build() {
    // The validation split of cfg; a shared data set already split that way is used as it is.
    if (validation_rows(*data_, cfg_.validation_percent) != data_->n_val) {
        auto split = std::make_shared<Dataset>(*data_);
        hold_out_validation(*split, cfg_.validation_percent);
        data_ = std::move(split);
    }
    if (data_->input_dims > 2) inputs_ = data_->x;
    else compute_features(data_->x, cfg_.features, inputs_);
    norm_ = fit_input_norm(cfg_.normalization, inputs_.topRows(data_->n_train));
    held_.assign(static_cast<std::size_t>(data_->input_dims), 0.0f);
    if (data_->n_train > 0)
        for (int j = 0; j < data_->input_dims; ++j)
            held_[static_cast<std::size_t>(j)] = data_->x.col(j).head(data_->n_train).mean();
    apply_input_norm(norm_, inputs_);
    NetworkSpec spec = network_spec(cfg_);
    spec.inputs = static_cast<int>(inputs_.cols());
    if (data_->task == Task::Regression) spec.outputs = 1;
    else if (data_->num_classes > 2) spec.outputs = data_->num_classes;
    else spec.outputs = cfg_.output == Activation::Softmax ? 2 : 1;
    build_targets(*data_, cfg_, spec.outputs, targets_);
    net_ = Mlp(spec);
    order_.resize(data_->n_train);
    eval_ws_.resize(net_, std::max(1, data_->size()), false);  // inference only
    apply_live(cfg_);  // sizes the batch buffers
    reinitialize(cfg_.seed);
}

bool Session::apply_live(const ExperimentConfig& cfg) {
    ExperimentConfig next = cfg;
    validate(next);
    if (needs_rebuild(cfg_, next)) return false;
    if (next.optimizer.kind != cfg_.optimizer.kind) optimizer_.reset(net_.params().size());
    const int batch_rows = std::clamp(next.batch_size, 1, std::max(1, data_->n_train));
    for (std::size_t i = 0; i < next.hidden.size(); ++i)
        if (next.hidden[i].dropout != net_.dropout(static_cast<int>(i)))
            net_.set_dropout(static_cast<int>(i), next.hidden[i].dropout);
    if (train_ws_.max_rows != batch_rows) {
        train_ws_.resize(net_, batch_rows);
        batch_x_.resize(batch_rows, inputs_.cols());
        batch_t_.resize(batch_rows, targets_.cols());
        if (!weights_.empty()) batch_weights_.assign(std::size_t(batch_rows), 0.0f);
    }
    // An early stop no longer describes a session whose training settings changed (display
    // toggles do not count).
    bool training_changed = false;
    for (const Field& f : config_fields())
        if (f.apply == FieldApply::Live && f.get(next) != f.get(cfg_)) training_changed = true;
    for (std::size_t i = 0; i < next.hidden.size(); ++i)
        if (next.hidden[i].dropout != cfg_.hidden[i].dropout) training_changed = true;
    if (training_changed) clear_early_stop();
    cfg_ = next;
    return true;
}

void Session::reinitialize(std::uint32_t seed) {
    cfg_.seed = seed;
    Rng init_rng = make_rng(seed, RngStream::Init);
    net_.init(cfg_.init, init_rng);
    shuffle_rng_ = make_rng(seed, RngStream::Shuffle);
    dropout_rng_ = make_rng(seed, RngStream::Dropout);
    optimizer_.reset(net_.params().size());
    best_params_.assign(net_.params().begin(), net_.params().end());
    best_epoch_ = -1;
    patience_from_ = 0;
    cursor_ = 0;
    last_rows_ = 0;
    epoch_ = 0;
    steps_ = 0;
    stop_ = StopReason::None;
    stop_epoch_ = 0;
    history_.clear();
    evaluate();
    history_.push(current_);
    trajectory_.clear(net_.params().size());
    trajectory_.push(epoch_, net_.params());
}

bool Session::use_input_norm(const InputNorm& norm) {
    if (!norm.identity() && (norm.offset.size() != std::size_t(inputs_.cols()) || norm.scale.size() != norm.offset.size()))
        return false;
    if (data_->input_dims > 2) inputs_ = data_->x;
    else compute_features(data_->x, cfg_.features, inputs_);
    norm_ = norm;
    apply_input_norm(norm_, inputs_);
    return true;
}

void Session::params_changed() {
    clear_early_stop();
    evaluate();
    history_.push(current_);  // replaces this epoch's record: the charts show the edited network
}

void Session::clear_early_stop() {
    if (stop_ != StopReason::EarlyStopped) return;
    stop_ = StopReason::None;
    patience_from_ = epoch_;
}

int Session::batch_in_epoch() const {
    const int rows = std::max(1, train_ws_.max_rows);
    return (cursor_ + rows - 1) / rows;
}

void Session::start_epoch() {
    if (rows_.empty()) std::iota(order_.begin(), order_.end(), 0);
    else std::copy(rows_.begin(), rows_.end(), order_.begin());
    if (cfg_.shuffle) shuffle_rng_.shuffle(order_);
}

void Session::set_training_rows(std::vector<int> rows) {
    const int n = data_->n_train;
    std::erase_if(rows, [n](int r) { return r < 0 || r >= n; });
    rows_ = std::move(rows);
    order_.resize(rows_.empty() ? std::size_t(n) : rows_.size());
    cursor_ = 0;
}

bool Session::set_sample_weights(std::vector<float> weights) {
    if (!weights.empty()) {
        if (weights.size() != std::size_t(data_->n_train)) return false;
        double sum = 0.0;
        for (const float w : weights) {
            if (!std::isfinite(w) || w < 0.0f) return false;
            sum += double(w);
        }
        if (!(sum > 0.0)) return false;
    }
    weights_ = std::move(weights);
    batch_weights_.assign(weights_.empty() ? 0 : std::size_t(train_ws_.max_rows), 0.0f);
    return true;
}

bool Session::train_batch() {
    if (stop_ != StopReason::None || data_->n_train == 0) return false;
    if (cursor_ == 0) start_epoch();
    const int epoch_rows = static_cast<int>(order_.size());
    const int rows = std::min(train_ws_.max_rows, epoch_rows - cursor_);
    bool weighed = false;  // any row of nonzero weight: a batch of zero weights has no gradient
    for (int i = 0; i < rows; ++i) {
        const int src = order_[cursor_ + i];
        batch_x_.row(i) = inputs_.row(src);
        batch_t_.row(i) = targets_.row(src);
        if (!weights_.empty()) {
            batch_weights_[std::size_t(i)] = weights_[std::size_t(src)];
            weighed = weighed || weights_[std::size_t(src)] > 0.0f;
        }
    }
    if (weights_.empty() || weighed) {
        const auto x = batch_x_.topRows(rows);
        forward(net_, x, train_ws_, DropoutMode::Sample, &dropout_rng_);
        const double loss = backward(net_, x, batch_t_.topRows(rows), cfg_.loss, train_ws_,
                                     weights_.empty() ? nullptr : batch_weights_.data());
        if (!std::isfinite(loss)) {
            stop_ = StopReason::NonFiniteLoss;
            stop_epoch_ = epoch_ + 1;
            return false;
        }
        add_regularization_gradient(net_, cfg_.regularization, cfg_.reg_rate, train_ws_.grad);
        optimizer_.step(cfg_.optimizer, net_.params(), train_ws_.grad);
        ++steps_;
    }
    last_rows_ = rows;
    cursor_ += rows;
    if (cursor_ >= epoch_rows) {
        cursor_ = 0;
        ++epoch_;
        evaluate();
        history_.push(current_);
        trajectory_.push(epoch_, net_.params());
        const bool finite = std::isfinite(current_.train_loss) && std::isfinite(current_.test_loss);
        if (!finite) {
            stop_ = StopReason::NonFiniteLoss;
            stop_epoch_ = epoch_;
            return false;
        }
        const float watched = watched_value();
        if (best_epoch_ < 0 || watched < best_loss_) {
            best_loss_ = watched;
            best_epoch_ = epoch_;
            std::copy(net_.params().begin(), net_.params().end(), best_params_.begin());
        } else if (cfg_.early_stopping && epoch_ - std::max(best_epoch_, patience_from_) >= cfg_.patience) {
            stop_epoch_ = epoch_;
            restore_best();
            stop_ = StopReason::EarlyStopped;
        }
    }
    return true;
}

bool Session::train_epoch() {
    const std::int64_t start = epoch_;
    while (epoch_ == start) {
        if (!train_batch()) return false;
    }
    return stop_ == StopReason::None;
}

void Session::evaluate() {
    const int n = data_->size();
    const int n_train = data_->n_train;
    EpochRecord r;
    r.epoch = epoch_;
    if (n == 0) {
        current_ = r;
        return;
    }
    forward(net_, inputs_, eval_ws_, DropoutMode::Off);
    const int last = net_.num_layers() - 1;
    const auto& z = eval_ws_.z[last];
    const auto& a = eval_ws_.h[last];
    const auto span_loss = [&](int begin, int count) {
        if (count == 0) return 0.0f;
        const double sum = loss_sum(cfg_.loss, net_.spec().output, z.middleRows(begin, count),
                                    a.middleRows(begin, count), targets_.middleRows(begin, count));
        return static_cast<float>(sum / count);
    };
    const int n_val = data_->n_val, test_begin = data_->test_begin();
    r.train_loss = span_loss(0, n_train);
    r.val_loss = span_loss(n_train, n_val);
    r.test_loss = span_loss(test_begin, n - test_begin);
    if (data_->task != Task::Regression) {
        const int outputs = static_cast<int>(a.cols());
        int right[3] = {0, 0, 0};  // train, validation, test
        for (int i = 0; i < n; ++i) {
            const bool ok = predicted_class(a.row(i).data(), outputs, net_.spec().output) == data_->label[i];
            right[i < n_train ? 0 : i < test_begin ? 1 : 2] += ok ? 1 : 0;
        }
        const auto share = [](int count, int total) { return total > 0 ? float(count) / float(total) : 0.0f; };
        r.train_accuracy = share(right[0], n_train);
        r.val_accuracy = share(right[1], n_val);
        r.test_accuracy = share(right[2], n - test_begin);
    }
    current_ = r;
}

void Session::resume() { clear_early_stop(); }

// The best parameters go back; the optimizer's moments belonged to the later weights, so its
// memory restarts. The history keeps the epochs after the best one: they show why training
// stopped.
void Session::restore_best() {
    if (!has_best()) return;
    net_.set_params(best_params_);
    optimizer_.reset(net_.params().size());
    evaluate();
}

void Session::compute_grid(int width, int height, GridPictures& out, int col_x, int col_y) const {
    if (data_->input_dims <= 2) {
        nnp::compute_grid(net_, cfg_.features, data_->domain, width, height, out, norm_);
        return;
    }
    const int last = data_->input_dims - 1;
    col_x = std::clamp(col_x, 0, last);
    col_y = std::clamp(col_y, 0, last);
    nnp::compute_grid_slice(net_, column_domain(*data_, col_x, col_y), width, height, held_, col_x, col_y,
                            out, norm_);
}

float Session::learned_threshold(int samples) const {
    samples = std::clamp(samples, 2, 100000);
    if (data_->input_dims != 1) return std::numeric_limits<float>::quiet_NaN();
    GridPictures grid;
    compute_grid(samples, 1, grid);
    return class_boundary_1d(net_, grid);
}

}  // namespace nnp
