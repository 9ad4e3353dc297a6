// Ensembles: several networks that vote. The pieces the ensemble runs are built from:
//   - bagging: each member trains on its own bootstrap sample of the training split (drawn with
//     replacement, as many rows as the split has), so members differ; the rows a sample left out
//     are that member's out-of-bag rows. The ensemble predicts by majority vote (ties broken by
//     the highest mean probability) or, for regression, by the mean;
//   - boosting (AdaBoost's SAMME for k classes): learners are trained one after another on the
//     training rows weighted by the earlier learners' mistakes (Session::set_sample_weights);
//     each learner's weight alpha comes from its weighted error, and the ensemble's answer is
//     the alpha-weighted vote;
//   - stacking (stacking.hpp): the race's runs are the base learners, and a meta-learner trained
//     on their out-of-fold predictions gives the ensemble's answer.
// Outputs are the networks' output rows as Session::evaluated_outputs() gives them: n x 1 for a
// single sigmoid or tanh unit (or a linear unit on a regression set), n x k for softmax.
#pragma once

#include "activation.hpp"
#include "rng.hpp"
#include "mlp.hpp"
#include "session.hpp"
#include "types.hpp"

#include <memory>

#include <span>
#include <vector>

namespace nnp {

// n row indices drawn uniformly with replacement from [0, n).
std::vector<int> bootstrap_rows(int n, Rng& rng);
// The rows of [0, n) that `rows` never draws, in increasing order.
std::vector<int> out_of_bag_rows(int n, std::span<const int> rows);

// The class a network's output row predicts: above 0.5 (sigmoid) or 0 (tanh) for one unit, the
// largest output otherwise.
int predicted_class(const float* out, int outputs, Activation output);
// The probability a network's output row gives class c (c in 0..classes-1): the unit itself for
// softmax; for one sigmoid unit p and 1 - p, for one tanh unit (1 + a) / 2 and its complement.
float class_probability(const float* out, int outputs, Activation output, int c);

// Majority vote of the members' outputs (each n x outputs, all alike) for every row; a tie goes
// to the tied class of the highest mean probability (then the lowest class). `classes` >= 2.
std::vector<int> majority_vote(std::span<const Matrix* const> outputs, Activation output, int classes);
// The mean of the members' single outputs for every row (regression).
std::vector<float> mean_vote(std::span<const Matrix* const> outputs);

// One SAMME step for a learner that got `wrong[i]` of the training rows wrong, under
// `weights` (one per row, >= 0): its weighted error, its weight alpha = log((1 - err) / err) +
// log(k - 1), and the rows' new weights (a wrong row's times exp(alpha), then all scaled to sum
// to 1), written back into `weights`. A learner no better than chance (err >= 1 - 1/k) gets
// alpha <= 0 and `useful` false, and the weights are left as they were. The error is clamped
// to [1e-10, 1] first, so a perfect learner gets a large but finite alpha.
struct SammeStep {
    double error = 0.0;
    double alpha = 0.0;
    bool useful = false;
};
SammeStep samme_step(std::span<float> weights, std::span<const bool> wrong, int classes);

// The alpha-weighted vote of boosted learners for every row: the class with the largest sum
// of alpha over the learners that predict it (ties to the lowest class).
std::vector<int> weighted_vote(std::span<const Matrix* const> outputs, std::span<const double> alphas,
                               Activation output, int classes);

// Every row's share of the members' votes for each class (n x classes, rows summing to 1): a
// member's vote counts its weight (`weights`, one per member; empty: 1 each). How much the
// members agree, as the ensemble's map shows it.
Matrix vote_shares(std::span<const Matrix* const> outputs, std::span<const double> weights, Activation output,
                   int classes);

// The ensemble's own numbers at one point of its training: its losses and accuracies (of the
// members' mean output for the losses: bagging's plain mean, boosting's alpha-weighted one; of
// the vote for the accuracies), and the mean of its members' own. `epoch`: bagging, the
// members' epochs; boosting, the learners added so far.
struct EnsembleRecord {
    std::int64_t epoch = 0;
    float train_loss = 0, test_loss = 0, train_accuracy = 0, test_accuracy = 0;
    float members_mean_train_loss = 0, members_mean_test_loss = 0;
    float members_mean_train_accuracy = 0, members_mean_test_accuracy = 0;
    double alpha = 0, error = 0;  // boosting: the last learner's weight and weighted error
};

// The members of cfg.ensemble and their training, on one shared data set.
//   Bagging: cfg.ensemble.members sessions of cfg's network, member k with seed cfg.seed + k
//   (its weights, batches and bootstrap sample), all built at once; advance() trains each one
//   epoch.
//   Boosting: learners are added one by one. The next one (seed cfg.seed + k, on the current
//   sample weights) is learner(); advance() trains it cfg.ensemble.learner_epochs epochs and
//   makes the SAMME step (finish_learner()). It returns false once all members are in, or when
//   a learner is no better than chance (it is left out, as SAMME does, and boosting ends).
//   The page trains learner() an epoch at a time itself and calls finish_learner().
//   Stacking: the members are the race's runs (each without the ensemble), trained on the whole
//   training split, and for each member one copy per fold trained without that fold
//   (fold_copies(), same config and seed); advance() trains them all one epoch. The
//   meta-learner is fitted to the copies' out-of-fold predictions whenever they changed, and
//   gives the answer (record(), vote(), combine()) from the members' outputs.
// Members are shared with whoever draws them (the page's runs).
class EnsembleRun {
public:
    explicit EnsembleRun(const ExperimentConfig& cfg);
    EnsembleRun(const ExperimentConfig& cfg, std::shared_ptr<const Dataset> data);

    bool advance();
    EnsembleRecord record() const;
    // Boosting: the learner in training, not yet a member (null for bagging and once finished).
    Session* learner() { return learner_.get(); }
    const std::shared_ptr<Session>& learner_ptr() const { return learner_; }
    // Boosting: the SAMME step for learner() as it is now; it becomes a member and the next
    // learner is built, or boosting ends (false).
    bool finish_learner();

    // The test accuracy of the vote of members 0..k-1, for k = 1..members: how the ensemble
    // gets better as members are added (classification; empty for regression).
    std::vector<float> accuracy_curve() const;
    // Row i's class as each member predicts it now, and as the ensemble's vote does (-1 when
    // there are no members or i is out of range).
    std::vector<int> member_votes(int i) const;
    int vote(int i) const;
    // The ensemble's output rows for its members' outputs on some rows (one matrix per member,
    // all of the same rows): stacking's meta-learner output (n x its outputs). Only stacking
    // combines outputs into outputs; the others vote (empty matrix).
    Matrix combine(std::span<const Matrix* const> member_outputs) const;

    // Stacking: the copies of member k without fold f at [k * folds + f], the fold of every
    // training row, the meta-learner (fitted to the copies as they are now) and how much it
    // trusts each member (meta_learner_weights).
    const std::vector<std::shared_ptr<Session>>& fold_copies() const { return fold_copies_; }
    std::span<const int> fold_of() const { return fold_of_; }
    // The folds made: cfg's, at most one per training row (0 with fewer than two rows).
    int folds() const { return folds_; }
    const Mlp& meta() const;
    std::vector<float> meta_weights() const;
    bool stacking() const { return cfg_.ensemble.kind == EnsembleKind::Stacking; }
    // A member's or copy's weights were changed without a training step (the page's weight
    // editor): the meta-learner is fitted again when next asked.
    void outputs_edited() { meta_key_ = -1; }
    // Whether meta() fits the meta-learner again whenever a member or copy trained (the
    // default), or only after refit_meta() (the page: a fit over the training rows can cost as
    // much as several epochs, so it refits on a schedule of its own).
    void set_auto_refit(bool on) { auto_refit_ = on; }
    void refit_meta() { meta_key_ = -1; }

    const ExperimentConfig& config() const { return cfg_; }
    const Dataset& data() const { return *data_; }
    const std::vector<std::shared_ptr<Session>>& members() const { return members_; }
    // Bagging: the training rows member m's bootstrap sample left out.
    std::vector<int> out_of_bag(int m) const;
    std::span<const double> alphas() const { return alphas_; }
    std::span<const double> errors() const { return errors_; }  // boosting: each member's weighted error
    std::span<const float> sample_weights() const { return weights_; }  // boosting's, now
    bool finished() const { return finished_; }

private:
    ExperimentConfig member_config(int k) const;
    int classes() const;
    void next_learner();
    // The vote over rows of the members' outputs `ptrs` (the first `count` members).
    std::vector<int> vote_of(std::span<const Matrix* const> ptrs) const;
    // Stacking: the meta-learner of the first `learners` members, fitted to their copies'
    // out-of-fold predictions; each member's output width.
    Mlp fit_meta(int learners) const;
    std::vector<int> member_widths() const;
    std::int64_t stacking_key() const;

    ExperimentConfig cfg_;
    std::shared_ptr<const Dataset> data_;
    std::vector<std::shared_ptr<Session>> members_;
    std::shared_ptr<Session> learner_;
    std::vector<double> alphas_, errors_;
    std::vector<float> weights_;
    SammeStep last_;
    bool finished_ = false;
    std::vector<std::shared_ptr<Session>> fold_copies_;
    std::vector<int> fold_of_;
    int folds_ = 0;
    // The meta-learner as of the copies' and members' steps `meta_key_` (refitted when asked
    // after they trained), and the stacked output of every row.
    mutable Mlp meta_;
    mutable Matrix stacked_;
    mutable std::int64_t meta_key_ = -1;
    bool auto_refit_ = true;
};

}  // namespace nnp
