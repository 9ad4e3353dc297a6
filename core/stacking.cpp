// Stacking's folds, its meta-learner's inputs and the meta-learner itself (see stacking.hpp).
#include "stacking.hpp"

#include "optimizer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace nnp {

std::vector<int> fold_assignment(int n, int folds, Rng& rng) {
    n = std::max(n, 0);
    folds = std::clamp(folds, 1, std::max(n, 1));
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) order[std::size_t(i)] = i;
    rng.shuffle(order);
    std::vector<int> fold_of(order.size());
    for (int j = 0; j < n; ++j) fold_of[std::size_t(order[std::size_t(j)])] = j % folds;
    return fold_of;
}

std::vector<int> rows_outside_fold(std::span<const int> fold_of, int f) {
    std::vector<int> rows;
    rows.reserve(fold_of.size());
    for (std::size_t i = 0; i < fold_of.size(); ++i)
        if (fold_of[i] != f) rows.push_back(int(i));
    return rows;
}

Matrix stack_inputs(std::span<const Matrix* const> outputs) {
    if (outputs.empty()) return {};
    const Eigen::Index n = outputs[0]->rows();
    Eigen::Index cols = 0;
    for (const Matrix* m : outputs) {
        assert(m->rows() == n);
        cols += m->cols();
    }
    Matrix z(n, cols);
    Eigen::Index at = 0;
    for (const Matrix* m : outputs) {
        z.middleCols(at, m->cols()) = *m;
        at += m->cols();
    }
    return z;
}

Matrix out_of_fold_inputs(std::span<const Matrix* const> fold_outputs, int learners, int folds,
                          std::span<const int> fold_of) {
    assert(fold_outputs.size() == std::size_t(learners) * std::size_t(folds));
    const auto n = Eigen::Index(fold_of.size());
    Eigen::Index cols = 0;
    for (int k = 0; k < learners; ++k) cols += fold_outputs[std::size_t(k * folds)]->cols();
    Matrix z(n, cols);
    Eigen::Index at = 0;
    for (int k = 0; k < learners; ++k) {
        const Eigen::Index width = fold_outputs[std::size_t(k * folds)]->cols();
        for (Eigen::Index i = 0; i < n; ++i) {
            const Matrix& copy = *fold_outputs[std::size_t(k * folds + fold_of[std::size_t(i)])];
            assert(copy.rows() >= n && copy.cols() == width);
            z.block(i, at, 1, width) = copy.row(i);
        }
        at += width;
    }
    return z;
}

Mlp fit_meta_learner(ConstMatRef z, ConstMatRef t, Activation output, Loss loss, int iterations,
                     float learning_rate) {
    NetworkSpec spec;
    spec.inputs = int(z.cols());
    spec.outputs = int(t.cols());
    spec.output = output;
    Mlp meta(spec);
    Rng unused(0, 0);
    meta.init(Init::Zeros, unused);  // the fit is convex for the classes: zero is as good a start as any
    const int n = int(z.rows());
    if (n == 0 || z.cols() == 0) return meta;
    Workspace ws;
    ws.resize(meta, n);
    Optimizer opt;
    opt.reset(meta.params().size());
    OptimizerParams adam;
    adam.kind = OptimizerKind::Adam;
    adam.learning_rate = learning_rate;
    for (int it = 0; it < iterations; ++it) {
        forward(meta, z, ws, DropoutMode::Off);
        backward(meta, z, t, loss, ws);
        opt.step(adam, meta.params(), ws.grad);
    }
    return meta;
}

Matrix meta_predict(const Mlp& meta, ConstMatRef z) {
    const int n = int(z.rows());
    if (n == 0) return Matrix(0, meta.spec().outputs);
    Workspace ws;
    ws.resize(meta, n, false);
    forward(meta, z, ws, DropoutMode::Off);
    return ws.out(meta.num_layers() - 1, n);
}

std::vector<float> meta_learner_weights(const Mlp& meta, std::span<const int> widths) {
    const ConstMatrixMap w = meta.weights(meta.num_layers() - 1);  // inputs x outputs
    const int outputs = int(w.cols());
    std::vector<float> trust;
    int at = 0;
    for (const int width : widths) {
        double sum = 0.0;
        if (width == outputs) {
            for (int c = 0; c < outputs; ++c) sum += double(w(at + c, c));
            sum /= double(std::max(outputs, 1));
        } else {
            for (int r = 0; r < width; ++r)
                for (int c = 0; c < outputs; ++c) sum += std::abs(double(w(at + r, c)));
            sum /= double(std::max(width * outputs, 1));
        }
        trust.push_back(float(sum));
        at += width;
    }
    return trust;
}

}  // namespace nnp
