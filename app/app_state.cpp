// App state operations and the share-link logic (see app_state.hpp).
#include "app_state.hpp"

#include "fields.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace nnp::app {

namespace {

void rebuild(AppState& app) {
    app.session = std::make_unique<Session>(app.config);
    app.config = app.session->config();  // the session's validated copy
    float m = 1e-6f;
    const Matrix& v = app.session->data().value;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        if (std::isfinite(v.data()[i])) m = std::max(m, std::fabs(v.data()[i]));
    app.value_scale = m;
    app.hover_layer = app.hover_unit = -1;
    app.pictures_dirty = true;
}

}  // namespace

LinkPlatform& link_platform() {
    static LinkPlatform platform;  // function-local: safe to fill from a static initializer
    return platform;
}

void app_init(AppState& app, const ExperimentConfig& cfg) {
    app.config = cfg;
    validate(app.config);
    rebuild(app);
    app.link.written = app_link_text(app, false);  // a fresh page needs no URL write
}

void adapt_to_dataset(ExperimentConfig& cfg, DatasetKind previous) {
    ExperimentConfig before = cfg;
    before.data.kind = previous;
    // Fields at their default follow the new data set (output and loss the task, normalisation
    // and features the data set), exactly as a link that names only `data` would open.
    follow_defaults(before, cfg);
    const Task task = task_of(cfg);
    if (!output_fits(task, cfg.output)) {  // a choice the new task cannot use
        cfg.output = default_output(task);
        cfg.loss = default_loss(cfg.output);
    }
    if (!loss_fits(cfg.output, cfg.loss)) cfg.loss = default_loss(cfg.output);
    const FeatureMask x1_only = feature_bit(Feature::X1) | feature_bit(Feature::X1Squared) |
                                feature_bit(Feature::SinX1);
    if (input_dims_of(cfg.data.kind) == 1) {
        cfg.features &= x1_only;
        if (cfg.features == 0) cfg.features = feature_bit(Feature::X1);
    } else if ((cfg.features & ~x1_only) == 0) {
        cfg.features |= feature_bit(Feature::X2);  // back from 1-D: give the network x2 again
    }
}

ConfigChange apply_config(AppState& app, ExperimentConfig next) {
    validate(next);
    if (next == app.config && next == app.session->config()) return ConfigChange::None;
    if (!needs_rebuild(app.session->config(), next)) {
        app.session->apply_live(next);
        app.config = next;
        app.pictures_dirty = true;  // dropout does not change pictures, but it is cheap
        return ConfigChange::Live;
    }
    ExperimentConfig same_seed = next;
    same_seed.seed = app.session->config().seed;
    if (!needs_rebuild(app.session->config(), same_seed)) {
        app.session->apply_live(same_seed);
        app.session->reinitialize(next.seed);
        app.config = next;
        app.pictures_dirty = true;
        return ConfigChange::Reinit;
    }
    app.config = next;
    rebuild(app);
    return ConfigChange::Rebuild;
}

void app_play(AppState& app, bool playing) {
    if (playing && app.session->stop_reason() == StopReason::EarlyStopped) app.session->resume();
    if (playing && app.session->stop_reason() != StopReason::None) playing = false;
    app.playing = playing;
}

void app_reset(AppState& app) {
    app.config.seed += 1;
    app.session->reinitialize(app.config.seed);
    app.playing = false;
    app.pictures_dirty = true;
}

void app_step(AppState& app) {
    app.playing = false;
    if (app.session->stop_reason() == StopReason::EarlyStopped) app.session->resume();
    app.session->train_epoch();
    app.pictures_dirty = true;
}

void app_set_weight(AppState& app, int layer, int i, int o, float value) {
    Mlp& net = app.session->net();
    if (layer < 0 || layer >= net.num_layers() || i < 0 || i >= net.fan_in(layer) || o < 0 ||
        o >= net.fan_out(layer) || !std::isfinite(value))
        return;
    net.weights(layer)(i, o) = value;
    app.session->params_changed();
    app.pictures_dirty = true;
}

void train_frame(AppState& app, const std::function<double()>& now_ms) {
    app.stats.train_ms = 0;
    if (!app.playing) return;
    Session& s = *app.session;
    const double start = now_ms();
    const std::int64_t epoch0 = s.epoch();
    const std::int64_t target = epoch0 + app.speed;
    long long steps = 0;
    while (s.epoch() < target && may_continue(app.budget, float(now_ms() - start), steps)) {
        if (!s.train_batch()) break;
        ++steps;
    }
    const float ms = float(now_ms() - start);
    if (steps > 0) app.budget.record_steps(steps, ms);
    app.stats.train_ms = ms;
    // Epochs completed plus the fraction of the current one.
    const int batches = std::max(1, (s.n_train() + std::max(1, s.config().batch_size) - 1) /
                                        std::max(1, s.config().batch_size));
    const float epochs = float(steps) / float(batches);
    app.stats.epochs_per_frame += 0.1f * (epochs - app.stats.epochs_per_frame);
    if (s.stop_reason() != StopReason::None) app.playing = false;
    if (steps > 0) app.pictures_dirty = true;
}

void app_open_link(AppState& app, std::string_view text) {
    DecodedConfig decoded = decode_config(text);
    app.config = decoded.config;
    rebuild(app);  // always fresh: the link's seeds decide data, weights and batch order
    if (!decoded.params.empty() && app.session->net().set_params(decoded.params))
        app.session->params_changed();
    app.playing = false;
    app.link.issues = std::move(decoded.issues);
    app.link.show_issues = !app.link.issues.empty() || decoded.tf_playground;
    app.link.tf_playground = decoded.tf_playground;
    app.link.copied.clear();
    app.link.copy = CopyStatus::None;
    // The URL already holds this link; rewriting it in canonical form would only hide what the
    // user pasted. It is rewritten on the next change.
    app.link.written = app_link_text(app, false);
}

bool link_can_carry_weights(const AppState& app) {
    return link_can_carry_params(app.config, app.session->net().params());
}

std::string app_link_text(const AppState& app, bool with_weights) {
    if (with_weights && link_can_carry_weights(app))
        return encode_config(app.config, app.session->net().params());
    return encode_config(app.config);
}

std::string app_share_link(const AppState& app) { return app_link_text(app, app.link.include_weights); }

std::string link_to_write(AppState& app, double now_ms, bool editing) {
    if (editing || now_ms < app.link.next_check_ms) return {};
    app.link.next_check_ms = now_ms + kLinkCheckIntervalMs;
    std::string text = app_link_text(app, false);
    if (text == app.link.written) return {};
    app.link.written = text;
    return text;
}

void update_pictures(AppState& app) {
    if (!app.pictures_dirty) return;
    const Session& s = *app.session;
    const bool one_d = s.data().input_dims == 1;
    s.compute_grid(one_d ? kStripSize : kGridSize, one_d ? 1 : kGridSize, app.grid);
    fill_pictures(app.grid, s.net(), s.data().task, app.value_scale, app.pictures);
    app.learned_threshold = one_d ? class_boundary_1d(s.net(), app.grid) : 0.0f;
    app.pictures_dirty = false;
}

bool unit_dropped(const Session& s, int layer, int j) {
    const Workspace& ws = s.last_step();
    if (s.last_batch_rows() <= 0 || layer < 0 || std::size_t(layer) >= ws.dropped.size() ||
        !ws.dropped[std::size_t(layer)])
        return false;
    const Matrix& m = ws.mask[std::size_t(layer)];
    if (m.rows() == 0 || j < 0 || j >= m.cols()) return false;
    return m(0, j) == 0.0f;
}

int dropped_count(const Session& s, int layer) {
    int n = 0;
    const int units = layer >= 0 && layer < s.net().num_layers() ? s.net().fan_out(layer) : 0;
    for (int j = 0; j < units; ++j) n += unit_dropped(s, layer, j) ? 1 : 0;
    return n;
}

}  // namespace nnp::app
