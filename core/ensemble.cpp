// Bagging's bootstrap and votes, and boosting's SAMME step (see ensemble.hpp).
#include "ensemble.hpp"

#include "det_math.hpp"
#include "loss.hpp"
#include "race.hpp"
#include "stacking.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

namespace nnp {

namespace {

constexpr std::array<EnumEntry<EnsembleKind>, 4> kEnsembleKindTable = {{
    {EnsembleKind::None, "none", "None", "none"},
    {EnsembleKind::Bagging, "bagging", "Bagging", "bagging"},
    {EnsembleKind::Boosting, "boosting", "Boosting (SAMME)", "boosting"},
    {EnsembleKind::Stacking, "stacking", "Stacking", "stacking"},
}};

}  // namespace

template <>
std::span<const EnumEntry<EnsembleKind>> enum_table<EnsembleKind>() {
    return kEnsembleKindTable;
}

std::vector<int> bootstrap_rows(int n, Rng& rng) {
    std::vector<int> rows(std::size_t(std::max(n, 0)));
    for (int& r : rows) r = static_cast<int>(rng.below(static_cast<std::uint32_t>(n)));
    return rows;
}

std::vector<int> out_of_bag_rows(int n, std::span<const int> rows) {
    std::vector<char> drawn(std::size_t(std::max(n, 0)), 0);
    for (const int r : rows)
        if (r >= 0 && r < n) drawn[std::size_t(r)] = 1;
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
        if (!drawn[std::size_t(i)]) out.push_back(i);
    return out;
}

int predicted_class(const float* out, int outputs, Activation output) {
    if (outputs == 1) return out[0] > (output == Activation::Tanh ? 0.0f : 0.5f) ? 1 : 0;
    return static_cast<int>(std::max_element(out, out + outputs) - out);
}

float class_probability(const float* out, int outputs, Activation output, int c) {
    if (outputs > 1) return c >= 0 && c < outputs ? out[c] : 0.0f;
    const float p1 = output == Activation::Tanh ? 0.5f * (1.0f + out[0]) : out[0];
    return c == 1 ? p1 : 1.0f - p1;
}

std::vector<int> majority_vote(std::span<const Matrix* const> outputs, Activation output, int classes) {
    if (outputs.empty()) return {};
    const int n = static_cast<int>(outputs[0]->rows());
    const int units = static_cast<int>(outputs[0]->cols());
    std::vector<int> result(std::size_t(n), 0);
    std::vector<int> votes(static_cast<std::size_t>(classes));
    std::vector<double> prob(static_cast<std::size_t>(classes));
    for (int i = 0; i < n; ++i) {
        std::fill(votes.begin(), votes.end(), 0);
        for (const Matrix* m : outputs) {
            assert(m->rows() == n && m->cols() == units);
            const int c = predicted_class(m->row(i).data(), units, output);
            if (c >= 0 && c < classes) ++votes[std::size_t(c)];
        }
        int best = 0;
        bool tie = false;
        for (int k = 1; k < classes; ++k) {
            const auto ki = std::size_t(k), bi = std::size_t(best);
            if (votes[ki] > votes[bi]) best = k, tie = false;
            else if (votes[ki] == votes[bi]) tie = true;
        }
        if (tie) {  // the tied classes' mean probabilities decide (rare: an even count of members)
            std::fill(prob.begin(), prob.end(), 0.0);
            for (const Matrix* m : outputs)
                for (int k = 0; k < classes; ++k)
                    prob[std::size_t(k)] += double(class_probability(m->row(i).data(), units, output, k));
            const int most = votes[std::size_t(best)];
            for (int k = 0; k < classes; ++k)
                if (votes[std::size_t(k)] == most && prob[std::size_t(k)] > prob[std::size_t(best)]) best = k;
        }
        result[std::size_t(i)] = best;
    }
    return result;
}

std::vector<float> mean_vote(std::span<const Matrix* const> outputs) {
    if (outputs.empty()) return {};
    const int n = static_cast<int>(outputs[0]->rows());
    std::vector<float> result(std::size_t(n), 0.0f);
    for (int i = 0; i < n; ++i) {
        double sum = 0.0;
        for (const Matrix* m : outputs) sum += double((*m)(i, 0));
        result[std::size_t(i)] = static_cast<float>(sum / double(outputs.size()));
    }
    return result;
}

SammeStep samme_step(std::span<float> weights, std::span<const bool> wrong, int classes) {
    assert(weights.size() == wrong.size() && classes >= 2);
    SammeStep s;
    double total = 0.0, missed = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        total += double(weights[i]);
        if (wrong[i]) missed += double(weights[i]);
    }
    if (!(total > 0.0)) return s;
    s.error = std::clamp(missed / total, 1e-10, 1.0);
    // log((1 - err) / err) + log(k - 1) > 0  <=>  err < 1 - 1/k.
    s.useful = s.error < 1.0 - 1.0 / double(classes);
    if (!s.useful) {
        s.alpha = s.error >= 1.0 ? 0.0 : det::log((1.0 - s.error) / s.error) + det::log(double(classes - 1));
        return s;
    }
    s.alpha = det::log((1.0 - s.error) / s.error) + det::log(double(classes - 1));
    const double grow = det::exp(s.alpha);
    double sum = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double w = double(weights[i]) * (wrong[i] ? grow : 1.0);
        weights[i] = static_cast<float>(w);
        sum += w;
    }
    for (float& w : weights) w = static_cast<float>(double(w) / sum);
    return s;
}

std::vector<int> weighted_vote(std::span<const Matrix* const> outputs, std::span<const double> alphas,
                               Activation output, int classes) {
    assert(outputs.size() == alphas.size());
    if (outputs.empty()) return {};
    const int n = static_cast<int>(outputs[0]->rows());
    const int units = static_cast<int>(outputs[0]->cols());
    std::vector<int> result(std::size_t(n), 0);
    std::vector<double> score(static_cast<std::size_t>(classes));
    for (int i = 0; i < n; ++i) {
        std::fill(score.begin(), score.end(), 0.0);
        for (std::size_t m = 0; m < outputs.size(); ++m) {
            const int c = predicted_class(outputs[m]->row(i).data(), units, output);
            if (c >= 0 && c < classes) score[std::size_t(c)] += alphas[m];
        }
        result[std::size_t(i)] = static_cast<int>(std::max_element(score.begin(), score.end()) - score.begin());
    }
    return result;
}

Matrix vote_shares(std::span<const Matrix* const> outputs, std::span<const double> weights, Activation output,
                   int classes) {
    assert(weights.empty() || weights.size() == outputs.size());
    if (outputs.empty()) return {};
    const Eigen::Index n = outputs[0]->rows();
    const int units = static_cast<int>(outputs[0]->cols());
    Matrix shares = Matrix::Zero(n, classes);
    double total = 0.0;
    for (std::size_t m = 0; m < outputs.size(); ++m) total += weights.empty() ? 1.0 : weights[m];
    if (!(total > 0.0)) return shares;
    for (std::size_t m = 0; m < outputs.size(); ++m) {
        const float w = float((weights.empty() ? 1.0 : weights[m]) / total);
        for (Eigen::Index i = 0; i < n; ++i) {
            const int c = predicted_class(outputs[m]->row(i).data(), units, output);
            if (c >= 0 && c < classes) shares(i, c) += w;
        }
    }
    return shares;
}

namespace {

// Rows [begin, begin + count) of each session's evaluated outputs, copied, with pointers to the
// copies in the same order (the shape the votes and stack_inputs take).
struct Outputs {
    std::vector<Matrix> values;
    std::vector<const Matrix*> ptrs;
};
Outputs outputs_of(std::span<const std::shared_ptr<Session>> sessions, int begin, int count) {
    Outputs o;
    o.values.reserve(sessions.size());
    for (const auto& s : sessions) o.values.emplace_back(s->evaluated_outputs().middleRows(begin, count));
    for (const Matrix& m : o.values) o.ptrs.push_back(&m);
    return o;
}

// The loss of a mean output `a` (n x m) against targets t on rows [begin, begin + count), taken
// from the probabilities themselves (no logits).
float mean_output_loss(Loss loss, const Matrix& a, const Matrix& t, int begin, int count) {
    if (count <= 0) return 0.0f;
    const auto rows = a.middleRows(begin, count);
    return float(loss_sum(loss, Activation::Linear, rows, rows, t.middleRows(begin, count)) / count);
}

}  // namespace

EnsembleRun::EnsembleRun(const ExperimentConfig& cfg) : EnsembleRun(cfg, shared_data(cfg)) {}

EnsembleRun::EnsembleRun(const ExperimentConfig& cfg, std::shared_ptr<const Dataset> data)
    : cfg_(cfg), data_(std::move(data)) {
    validate(cfg_);
    cfg_.ensemble.members = std::clamp(cfg_.ensemble.members, kMinMembers, kMaxMembers);
    if (cfg_.ensemble.kind == EnsembleKind::Bagging) {
        for (int k = 0; k < cfg_.ensemble.members; ++k) {
            const ExperimentConfig c = member_config(k);
            auto s = std::make_shared<Session>(c, data_);
            Rng rng = make_rng(c.seed, RngStream::Bootstrap);
            s->set_training_rows(bootstrap_rows(s->n_train(), rng));
            members_.push_back(std::move(s));
        }
    } else if (cfg_.ensemble.kind == EnsembleKind::Stacking) {
        const std::vector<ExperimentConfig> learners = race_configs(cfg_);  // each without the ensemble
        const int n_train = data_->n_train;
        // Fewer than two training rows cannot be cut into folds: no copies, and the meta-learner
        // stays at zero weights.
        const int folds = n_train >= 2 ? std::clamp(cfg_.ensemble.folds, kMinFolds, std::min(kMaxFolds, n_train)) : 0;
        folds_ = folds;
        if (folds > 0) {
            Rng rng = make_rng(cfg_.seed, RngStream::Folds);
            fold_of_ = fold_assignment(n_train, folds, rng);
        }
        for (const ExperimentConfig& c : learners) {
            members_.push_back(std::make_shared<Session>(c, data_));
            for (int f = 0; f < folds; ++f) {
                auto copy = std::make_shared<Session>(c, data_);
                copy->set_training_rows(rows_outside_fold(fold_of_, f));  // never empty: every fold has rows
                fold_copies_.push_back(std::move(copy));
            }
        }
    } else if (data_->n_train > 0) {
        weights_.assign(std::size_t(data_->n_train), 1.0f / float(data_->n_train));
        next_learner();
    } else {
        finished_ = true;
    }
}

ExperimentConfig EnsembleRun::member_config(int k) const {
    ExperimentConfig c = cfg_;
    c.ensemble = {};
    c.seed = cfg_.seed + std::uint32_t(k);
    return c;
}

int EnsembleRun::classes() const { return std::max(2, data_->num_classes); }

void EnsembleRun::next_learner() {
    if (int(members_.size()) >= cfg_.ensemble.members) {
        learner_.reset();
        finished_ = true;
        return;
    }
    learner_ = std::make_shared<Session>(member_config(int(members_.size())), data_);
    // Weights scaled to a mean of 1: the loss keeps its size, only the rows' shares change.
    std::vector<float> w(weights_);
    for (float& x : w) x *= float(data_->n_train);
    learner_->set_sample_weights(std::move(w));
}

std::vector<int> EnsembleRun::out_of_bag(int m) const {
    if (cfg_.ensemble.kind != EnsembleKind::Bagging || m < 0 || std::size_t(m) >= members_.size()) return {};
    return out_of_bag_rows(data_->n_train, members_[std::size_t(m)]->training_rows());
}

bool EnsembleRun::advance() {
    if (finished_) return false;
    if (cfg_.ensemble.kind != EnsembleKind::Boosting) {
        bool any = false;
        for (auto& s : members_) any = s->train_epoch() || any;
        for (auto& s : fold_copies_) any = s->train_epoch() || any;
        return any;
    }
    while (learner_->epoch() < cfg_.ensemble.learner_epochs)
        if (!learner_->train_epoch()) break;
    return finish_learner();
}

bool EnsembleRun::finish_learner() {
    if (finished_ || !learner_) return false;
    const Session& s = *learner_;
    const auto out = s.evaluated_outputs();
    const auto n_train = std::size_t(data_->n_train);
    const std::unique_ptr<bool[]> wrong(new bool[n_train]);  // not vector<bool>: a span needs bools
    for (std::size_t i = 0; i < n_train; ++i)
        wrong[i] = predicted_class(out.row(Eigen::Index(i)).data(), int(out.cols()), s.net().spec().output) !=
                   data_->label[i];
    std::vector<float> next(weights_);
    last_ = samme_step(next, std::span<const bool>(wrong.get(), n_train), classes());
    if (!last_.useful) {
        learner_.reset();
        finished_ = true;
        return false;
    }
    weights_ = std::move(next);
    alphas_.push_back(last_.alpha);
    errors_.push_back(last_.error);
    members_.push_back(std::move(learner_));
    next_learner();
    return true;
}

std::vector<int> EnsembleRun::vote_of(std::span<const Matrix* const> ptrs) const {
    const Activation output = members_.front()->net().spec().output;
    if (stacking()) {
        const Mlp meta = ptrs.size() == members_.size() ? this->meta() : fit_meta(int(ptrs.size()));
        const Matrix out = meta_predict(meta, stack_inputs(ptrs));
        std::vector<int> v(std::size_t(out.rows()));
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            v[std::size_t(i)] = predicted_class(out.row(i).data(), int(out.cols()), cfg_.output);
        return v;
    }
    if (cfg_.ensemble.kind == EnsembleKind::Boosting)
        return weighted_vote(ptrs, std::span(alphas_).first(ptrs.size()), output, classes());
    return majority_vote(ptrs, output, classes());
}

std::vector<float> EnsembleRun::accuracy_curve() const {
    std::vector<float> curve;
    if (members_.empty() || data_->task == Task::Regression) return curve;
    const int n = data_->size(), test_begin = data_->test_begin();
    if (n <= test_begin) return curve;
    const Outputs test = outputs_of(members_, test_begin, n - test_begin);
    for (std::size_t k = 1; k <= test.ptrs.size(); ++k) {
        const std::vector<int> v = vote_of(std::span(test.ptrs).first(k));
        int right = 0;
        for (int i = test_begin; i < n; ++i) right += v[std::size_t(i - test_begin)] == data_->label[std::size_t(i)];
        curve.push_back(float(right) / float(n - test_begin));
    }
    return curve;
}

std::vector<int> EnsembleRun::member_votes(int i) const {
    std::vector<int> votes;
    if (i < 0 || i >= data_->size()) return votes;
    for (const auto& s : members_) {
        const auto out = s->evaluated_outputs();
        votes.push_back(predicted_class(out.row(i).data(), int(out.cols()), s->net().spec().output));
    }
    return votes;
}

int EnsembleRun::vote(int i) const {
    if (members_.empty() || i < 0 || i >= data_->size() || data_->task == Task::Regression) return -1;
    if (stacking()) {
        meta();
        return predicted_class(stacked_.row(i).data(), int(stacked_.cols()), cfg_.output);
    }
    return vote_of(outputs_of(members_, i, 1).ptrs).front();
}

EnsembleRecord EnsembleRun::record() const {
    EnsembleRecord r;
    r.alpha = last_.alpha;
    r.error = last_.error;
    if (members_.empty()) return r;
    const bool boosting = cfg_.ensemble.kind == EnsembleKind::Boosting;
    r.epoch = boosting ? std::int64_t(members_.size()) : members_.front()->epoch();
    const Session& first = *members_.front();
    const int n = data_->size(), n_train = data_->n_train, test_begin = data_->test_begin();
    const Outputs all = outputs_of(members_, 0, n);
    const std::vector<Matrix>& outs = all.values;
    const std::vector<const Matrix*>& ptrs = all.ptrs;

    // The mean output, plain or alpha-weighted; stacking's meta-learner output.
    Matrix mean = Matrix::Zero(outs[0].rows(), outs[0].cols());
    if (stacking()) {
        meta();
        mean = stacked_;
    } else {
        double total = 0.0;
        for (std::size_t m = 0; m < outs.size(); ++m) {
            const double weight = boosting ? alphas_[m] : 1.0;
            mean += outs[m] * float(weight);
            total += weight;
        }
        mean /= float(total);
    }
    const Matrix& t = first.targets();
    r.train_loss = mean_output_loss(cfg_.loss, mean, t, 0, n_train);
    r.test_loss = mean_output_loss(cfg_.loss, mean, t, test_begin, n - test_begin);
    if (data_->task != Task::Regression) {
        std::vector<int> vote;
        if (stacking())
            for (Eigen::Index i = 0; i < mean.rows(); ++i)
                vote.push_back(predicted_class(mean.row(i).data(), int(mean.cols()), cfg_.output));
        else
            vote = vote_of(ptrs);
        int right_train = 0, right_test = 0;
        for (int i = 0; i < n; ++i) {
            const bool ok = vote[std::size_t(i)] == data_->label[std::size_t(i)];
            if (i < n_train) right_train += ok;
            else if (i >= test_begin) right_test += ok;
        }
        r.train_accuracy = n_train > 0 ? float(right_train) / float(n_train) : 0.0f;
        r.test_accuracy = n > test_begin ? float(right_test) / float(n - test_begin) : 0.0f;
    }
    const float k = float(members_.size());
    for (const auto& s : members_) {
        r.members_mean_train_loss += s->current().train_loss / k;
        r.members_mean_test_loss += s->current().test_loss / k;
        r.members_mean_train_accuracy += s->current().train_accuracy / k;
        r.members_mean_test_accuracy += s->current().test_accuracy / k;
    }
    return r;
}

Matrix EnsembleRun::combine(std::span<const Matrix* const> member_outputs) const {
    if (!stacking() || member_outputs.size() != members_.size() || members_.empty()) return {};
    return meta_predict(meta(), stack_inputs(member_outputs));
}

std::vector<int> EnsembleRun::member_widths() const {
    std::vector<int> widths;
    for (const auto& s : members_) widths.push_back(s->net().spec().outputs);
    return widths;
}

Mlp EnsembleRun::fit_meta(int learners) const {
    const int folds = folds_;
    const int n_train = data_->n_train;
    learners = std::clamp(learners, 0, int(members_.size()));
    const Outputs copies =  // on the training rows
        outputs_of(std::span(fold_copies_).first(std::size_t(learners * folds)), 0, n_train);
    const Matrix z = folds > 0 && learners > 0 ? out_of_fold_inputs(copies.ptrs, learners, folds, fold_of_)
                                               : Matrix(0, 0);
    const Matrix& t = members_.front()->targets();
    if (z.rows() == 0) {  // no folds: a meta-learner of zero weights over the members' outputs
        int width = 0;
        for (int k = 0; k < learners; ++k) width += members_[std::size_t(k)]->net().spec().outputs;
        return fit_meta_learner(Matrix::Zero(0, width), t.topRows(0), cfg_.output, cfg_.loss);
    }
    if (n_train <= kMaxMetaRows) return fit_meta_learner(z, t.topRows(n_train), cfg_.output, cfg_.loss);
    // A few inputs per learner need no more rows than this: every (n / kMaxMetaRows)-th, evenly
    // over the (shuffled) training split, keeps the fit's cost bounded on MNIST's 8,000.
    Matrix zs(kMaxMetaRows, z.cols()), ts(kMaxMetaRows, t.cols());
    for (int r = 0; r < kMaxMetaRows; ++r) {
        const Eigen::Index i = Eigen::Index(std::int64_t(r) * n_train / kMaxMetaRows);
        zs.row(r) = z.row(i);
        ts.row(r) = t.row(i);
    }
    return fit_meta_learner(zs, ts, cfg_.output, cfg_.loss);
}

std::int64_t EnsembleRun::stacking_key() const {
    std::int64_t key = 0;
    for (const auto& s : members_) key += s->steps() * 3 + s->epoch();
    for (const auto& s : fold_copies_) key += s->steps() * 3 + s->epoch();
    return key;
}

const Mlp& EnsembleRun::meta() const {
    const std::int64_t key = stacking_key();
    if (meta_key_ == -1 || stacked_.rows() == 0 || (auto_refit_ && key != meta_key_)) {
        meta_key_ = key;
        meta_ = fit_meta(int(members_.size()));
        stacked_ = meta_predict(meta_, stack_inputs(outputs_of(members_, 0, data_->size()).ptrs));
    }
    return meta_;
}

std::vector<float> EnsembleRun::meta_weights() const {
    if (!stacking() || members_.empty()) return {};
    const std::vector<int> widths = member_widths();
    return meta_learner_weights(meta(), widths);
}

}  // namespace nnp
