// The ensemble view's numbers and vote map (see ensemble_view.hpp).
#include "ensemble_view.hpp"

#include <algorithm>

namespace nnp::app {

std::int64_t ensemble_key(const EnsembleRun& run) {
    // Steps only grow and members are only added, so the sum changes with every step of both
    // (an edited weight resets the view's keys itself).
    std::int64_t key = std::int64_t(run.members().size()) << 40;
    for (const auto& s : run.members()) key += s->steps();
    for (const auto& s : run.fold_copies()) key += s->steps();  // stacking's meta-learner learns from them
    return key;
}

void ensemble_refresh(EnsembleView& view, double now_ms, bool playing) {
    if (!view.run) return;
    const std::int64_t key = ensemble_key(*view.run);
    if (key == view.key) return;
    if (view.stacking()) {
        if (playing && now_ms - view.refit_ms < kStackingRefitMs) return;
        view.refit_ms = now_ms;
        view.run->refit_meta();
    }
    view.key = key;
    view.record = view.run->record();
    view.curve = view.run->accuracy_curve();
    view.meta_weights = view.run->meta_weights();
}

bool ensemble_vote_grid(EnsembleView& view, int side, int map_x, int map_y) {
    if (!view.run) return false;
    const EnsembleRun& run = *view.run;
    const std::int64_t key = ensemble_key(run) ^ (std::int64_t(side) << 56) ^ (std::int64_t(map_x * 16 + map_y) << 48);
    if (key == view.shares_key) return false;
    view.shares_key = key;
    const auto& members = run.members();
    view.grids.resize(members.size());
    if (members.empty()) {
        view.shares.resize(0, 0);
        return true;
    }
    std::vector<Matrix> outs;
    outs.reserve(members.size());
    for (std::size_t m = 0; m < members.size(); ++m) {
        members[m]->compute_grid(side, side, view.grids[m], map_x, map_y);
        outs.emplace_back(view.grids[m].output(members[m]->net()));
    }
    std::vector<const Matrix*> ptrs;
    for (const Matrix& m : outs) ptrs.push_back(&m);
    const Dataset& d = run.data();
    if (run.stacking()) {
        const Matrix out = run.combine(ptrs);
        if (d.task == Task::Regression) {  // the meta-learner's value
            view.shares = out;
            return true;
        }
        const int classes = std::max(2, d.num_classes);  // its probability of each class
        view.shares.resize(out.rows(), classes);
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            for (int c = 0; c < classes; ++c)
                view.shares(i, c) = class_probability(out.row(i).data(), int(out.cols()), run.config().output, c);
        return true;
    }
    if (d.task == Task::Regression) {
        const std::vector<float> mean = mean_vote(ptrs);
        view.shares = Eigen::Map<const Matrix>(mean.data(), Eigen::Index(mean.size()), 1);
        return true;
    }
    const bool boosting = view.boosting();
    view.shares = vote_shares(ptrs, boosting ? run.alphas() : std::span<const double>(),
                              members.front()->net().spec().output, std::max(2, d.num_classes));
    return true;
}

PictureInfo add_vote_picture(const EnsembleView& view, float value_scale, PictureSet& out) {
    const Matrix& s = view.shares;
    const int n = out.atlas.cell_w() * out.atlas.cell_h();
    if (!view.run || s.rows() != n) return {};
    if (view.run->data().task == Task::Regression) {
        const float m = std::max(value_scale, 1e-6f);
        return {out.atlas.add(s.data(), 1), PictureMode::Diverging, -m, m};
    }
    if (s.cols() == 2) return {out.atlas.add(s.data() + 1, 2), PictureMode::Diverging, 0.0f, 1.0f};
    encode_classes(s, n, int(s.cols()), out.scratch);
    return {out.atlas.add(out.scratch.data(), 1), PictureMode::Classes, 0.0f, 1.0f};
}

}  // namespace nnp::app
