// Stacking: different base learners (the runs of a race) and a meta-learner that learns how far
// to trust each. The meta-learner is a network of this engine with no hidden layer (logistic
// regression for two classes, softmax regression for k, linear regression for a value) whose
// inputs are the base learners' outputs side by side. It must learn from predictions a base
// learner made for rows it never trained on, or it learns to trust whichever learner memorised
// its training rows best: so the training split is cut into k folds, every base learner is
// trained once more without each fold, and row i's inputs are the outputs of the copies that
// left i's fold out (its out-of-fold predictions). For new rows (the test split, the map) the
// inputs are the outputs of the base learners trained on the whole split.
#pragma once

#include "activation.hpp"
#include "loss.hpp"
#include "mlp.hpp"
#include "rng.hpp"
#include "types.hpp"

#include <span>
#include <vector>

namespace nnp {

// The fold (0..folds-1) of each of n rows: the rows in an order shuffled by `rng`, dealt to the
// folds in turn, so fold sizes differ by at most one. folds in [2, n] (clamped).
std::vector<int> fold_assignment(int n, int folds, Rng& rng);
// The rows whose fold is not f, in increasing order: what fold f's copies train on.
std::vector<int> rows_outside_fold(std::span<const int> fold_of, int f);

// The meta-learner's inputs from the base learners' outputs (outputs[k]: n x u_k): row i is
// learner 0's output row, then learner 1's, and so on (n x sum u_k).
Matrix stack_inputs(std::span<const Matrix* const> outputs);
// The out-of-fold inputs of the training rows: row i's block k is learner k's copy without
// fold fold_of[i], at row i. fold_outputs[k * folds + f] holds that copy's outputs (at least
// fold_of.size() rows). Row i never comes from a copy that trained on it.
Matrix out_of_fold_inputs(std::span<const Matrix* const> fold_outputs, int learners, int folds,
                          std::span<const int> fold_of);

// Fits the meta-learner to inputs z (n x m) and targets t (n x outputs) from zero weights:
// `iterations` full-batch Adam steps at `learning_rate` on the mean loss (the data's loss,
// from logits where the output and loss fit). Deterministic: the same z and t give the same
// weights, natively and in WebAssembly.
constexpr int kMetaIterations = 200;
constexpr int kMaxMetaRows = 2000;  // EnsembleRun fits on at most this many training rows, evenly spread
constexpr float kMetaLearningRate = 0.05f;
Mlp fit_meta_learner(ConstMatRef z, ConstMatRef t, Activation output, Loss loss,
                     int iterations = kMetaIterations, float learning_rate = kMetaLearningRate);
// The meta-learner's outputs for inputs z (n x outputs).
Matrix meta_predict(const Mlp& meta, ConstMatRef z);
// How much the meta-learner trusts each base learner (widths: each learner's output columns,
// in stack_inputs' order): the weight from the learner's answer for a class to the meta's
// score for that class, averaged over the classes (one output: the weight itself). A learner
// whose output count differs from the meta's gets the mean absolute weight of its block.
std::vector<float> meta_learner_weights(const Mlp& meta, std::span<const int> widths);

}  // namespace nnp
