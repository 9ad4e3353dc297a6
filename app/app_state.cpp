// App state operations and the share-link logic (see app_state.hpp).
#include "app_state.hpp"

#include "ensemble.hpp"
#include "fields.hpp"
#include "race.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace nnp::app {

namespace {

void mark_dirty(AppState& app) {
    for (Run& r : app.runs) r.dirty = true;
    app.pictures_dirty = true;
}

// A run of an ensemble's member (or of boosting's learner in training).
Run member_run(const std::shared_ptr<Session>& s) {
    Run run;
    run.session = s;
    run.config = s->config();
    return run;
}

// The runs follow the ensemble's members: boosting's learner in training is the last run, and
// once added it stays as a frozen run (its pictures kept) while the next learner joins.
void sync_ensemble_runs(AppState& app) {
    EnsembleRun& ens = *app.ensemble.run;
    const auto& members = ens.members();
    std::size_t i = 0;
    for (; i < members.size(); ++i) {
        if (i >= app.runs.size()) app.runs.push_back(member_run(members[i]));
        assert(app.runs[i].session == members[i]);
        app.runs[i].frozen = ens.config().ensemble.kind == EnsembleKind::Boosting;
    }
    if (ens.learner_ptr()) {
        if (i >= app.runs.size()) app.runs.push_back(member_run(ens.learner_ptr()));
        ++i;
    }
    // A learner no better than chance is left out; when it was the first, its run stays on show
    // (frozen), as a page needs one run.
    if (i > 0) app.runs.resize(i);
    else if (!app.runs.empty()) app.runs.resize(1), app.runs[0].frozen = true;
    const bool boosting = ens.config().ensemble.kind == EnsembleKind::Boosting;
    for (std::size_t k = 0; k < app.runs.size(); ++k) {
        char name[64];
        if (ens.stacking())
            std::snprintf(name, sizeof name, "%s",
                          race_run_name(ens.config().race, app.runs[k].config, k, label_for_code).c_str());
        else if (boosting && k < ens.alphas().size())
            std::snprintf(name, sizeof name, tr(Str::LearnerAlphaFmt), int(k + 1), ens.alphas()[k]);
        else if (boosting)
            std::snprintf(name, sizeof name, tr(Str::LearnerTrainingFmt), int(k + 1));
        else
            std::snprintf(name, sizeof name, tr(Str::MemberFmt), int(k + 1));
        app.runs[k].name = name;
    }
    app.selected = std::clamp(app.selected, 0, int(app.runs.size()) - 1);
    app.pictures_dirty = true;
}

// Boosting: once the learner in training has had its epochs (or stopped), it is weighed and
// added, and the next one starts.
void boosting_update(AppState& app) {
    if (!app.ensemble.boosting()) return;
    EnsembleRun& ens = *app.ensemble.run;
    Session* l = ens.learner();
    if (!l || (l->epoch() < ens.config().ensemble.learner_epochs && l->stop_reason() == StopReason::None)) return;
    const bool was_shown = app.selected == int(ens.members().size());
    ens.finish_learner();
    sync_ensemble_runs(app);
    if (was_shown) app.selected = int(app.runs.size()) - 1;  // follow the learner in training
}

// New runs from app.config (valid): one session per run of its race, an ensemble's members,
// or one.
void rebuild(AppState& app) {
    const std::vector<ExperimentConfig> configs = race_configs(app.config);
    const std::shared_ptr<const Dataset> data = shared_data(app.config);  // one copy for all runs
    app.runs.clear();
    ++app.built;
    app.ensemble = EnsembleView{};
    if (app.config.ensemble.kind != EnsembleKind::None) {
        app.ensemble.run = std::make_unique<EnsembleRun>(app.config, data);
        app.ensemble.run->set_auto_refit(false);  // stacking's meta-learner: on ensemble_refresh's schedule
        for (int m = 0; m < int(app.ensemble.run->members().size()); ++m)
            app.ensemble.out_of_bag.push_back(app.ensemble.run->out_of_bag(m));  // empty for boosting
        sync_ensemble_runs(app);
    } else {
        app.runs.reserve(configs.size());
        for (std::size_t i = 0; i < configs.size(); ++i) {
            Run run;
            run.session = std::make_shared<Session>(configs[i], data);
            run.config = run.session->config();  // the session's validated copy
            run.name = race_run_name(app.config.race, configs[i], i, label_for_code);
            app.runs.push_back(std::move(run));
        }
    }
    app.selected = std::clamp(app.selected, 0, int(app.runs.size()) - 1);
    // A race draws more maps a frame: hold 30 frames/s, and give every run its share of training.
    app.budget.frame_target_ms = app.runs.size() > 1 ? 1000.0f / 30.0f : 1000.0f / 60.0f;
    app.budget.min_train_ms = std::min(1.0f * float(app.runs.size()), 6.0f);
    app.budget.max_train_ms = 12.0f;
    if (app.runs.front().session->data().input_dims > 256) {
        // Big images (MNIST's 784 inputs): a step costs milliseconds, and at a few per frame an
        // epoch would take many seconds; training gets 30-45 ms of every frame (about 20
        // frames/s where drawing is fast; in this machine's software-rendered browser about 9).
        app.budget.frame_target_ms = 1000.0f / 20.0f;
        app.budget.min_train_ms = 30.0f;
        app.budget.max_train_ms = 45.0f;
    }
    float m = 1e-6f;
    const Matrix& v = app.runs.front().session->data().value;  // the runs share their data
    for (Eigen::Index i = 0; i < v.size(); ++i)
        if (std::isfinite(v.data()[i])) m = std::max(m, std::fabs(v.data()[i]));
    app.value_scale = m;
    app.hover_layer = app.hover_unit = -1;
    mark_dirty(app);
}

}  // namespace

Rgb run_color(int i) {
    // Eight distinct hues, readable on white, that are neither the classes' orange nor blue.
    static constexpr Rgb kColors[] = {
        {0.84f, 0.15f, 0.16f}, {0.17f, 0.63f, 0.17f}, {0.58f, 0.40f, 0.74f}, {0.55f, 0.34f, 0.29f},
        {0.89f, 0.47f, 0.76f}, {0.09f, 0.75f, 0.81f}, {0.74f, 0.74f, 0.13f}, {0.30f, 0.30f, 0.30f},
    };
    return kColors[std::size_t(((i % 8) + 8) % 8)];
}

int leader(const AppState& app) {
    if (!app.race()) return -1;
    int best = -1;
    for (std::size_t i = 0; i < app.runs.size(); ++i) {
        const float loss = app.runs[i].session->watched_value();
        if (!std::isfinite(loss)) continue;
        if (best < 0 || loss < app.runs[std::size_t(best)].session->watched_value()) best = int(i);
    }
    return best;
}

ExperimentConfig shown_config(const AppState& app) {
    if (!app.race()) return app.config;
    ExperimentConfig shown = app.run().config;
    shown.race = app.config.race;
    return shown;
}

ExperimentConfig fold_edit(const AppState& app, const ExperimentConfig& edited) {
    if (!app.race()) return edited;
    const ExperimentConfig shown = shown_config(app);
    ExperimentConfig base = app.config;
    if (edited.race != shown.race) {  // the compare panel started another race, or ended it
        base.race = edited.race;
        return base;
    }
    const std::vector<std::string> own = race_value_keys(app.config.race, std::size_t(app.selected));
    const auto is_own = [&](std::string_view key) { return std::find(own.begin(), own.end(), key) != own.end(); };
    bool own_changed = false;
    for (const Field& f : config_fields()) {
        if (f.type == FieldType::Race) continue;
        if (f.type == FieldType::Network) {
            if (edited.hidden == shown.hidden) continue;
            // A network-wide race key (act, drop, width, depth) makes a layer edit the run's own.
            const bool network_race = is_own("act") || is_own("drop") || is_own("width") || is_own("depth");
            if (network_race) own_changed = true;
            else base.hidden = edited.hidden;
            continue;
        }
        if (f.get(edited) == f.get(shown)) continue;
        if (is_own(f.key)) own_changed = true;
        else f.set(base, f.get(edited));
    }
    if (own_changed) {
        std::string value = race_setting_text(edited, own.front());
        for (std::size_t k = 1; k < own.size(); ++k) value += '/' + own[k] + '=' + race_setting_text(edited, own[k]);
        base.race.values[std::size_t(app.selected)] = value;
    }
    return base;
}

void app_select_run(AppState& app, int i) {
    if (i < 0 || i >= int(app.runs.size()) || i == app.selected) return;
    app.selected = i;
    app.runs[std::size_t(i)].dirty = true;  // its grid was the small map's: draw it in full
    app.hover_layer = app.hover_unit = -1;
    app.pictures_dirty = true;
}

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
    DatasetSpec spec = cfg.data;
    spec.kind = previous;
    spec.user = nullptr;
    adapt_to_dataset(cfg, spec);
}

void adapt_to_dataset(ExperimentConfig& cfg, const DatasetSpec& previous) {
    ExperimentConfig before = cfg;
    before.data = previous;
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
    if (input_dims_of(cfg.data) == 1) {
        cfg.features &= x1_only;
        if (cfg.features == 0) cfg.features = feature_bit(Feature::X1);
    } else if ((cfg.features & ~x1_only) == 0) {
        cfg.features |= feature_bit(Feature::X2);  // back from 1-D: give the network x2 again
    }
}

ConfigChange apply_config(AppState& app, ExperimentConfig next) {
    validate(next);
    if (next == app.config) return ConfigChange::None;
    const std::vector<ExperimentConfig> configs = race_configs(next);
    // Live for every run, or new weights for some, or a rebuild of all (a new race, new data).
    ConfigChange change = ConfigChange::Live;
    if (next.race != app.config.race || configs.size() != app.runs.size()) change = ConfigChange::Rebuild;
    if (app.ensemble || next.ensemble.kind != EnsembleKind::None) {
        // An ensemble's members follow from the base (their seeds, samples and sample
        // weights): a change that needs new sessions builds them all again; a live one (the
        // learning rate, showing the test points) goes to every member as it is.
        app.config.ensemble = next.ensemble;  // compared apart
        const bool rebuild_all = !(app.ensemble.run && next.ensemble == app.ensemble.run->config().ensemble) ||
                                 needs_rebuild(app.config, next);
        app.config = next;
        if (rebuild_all) {
            rebuild(app);
            return ConfigChange::Rebuild;
        }
        // Stacking's members are the race's runs, each with its own value; bagging's and
        // boosting's are the base with their own seeds.
        const bool stacking = app.ensemble.run->stacking();
        const auto own_config = [&](std::size_t k, const Session& s) {
            ExperimentConfig own = stacking && k < configs.size() ? configs[k] : next;
            own.ensemble = {};
            own.seed = s.config().seed;
            return own;
        };
        for (std::size_t k = 0; k < app.runs.size(); ++k) {
            Run& r = app.runs[k];
            r.session->apply_live(own_config(k, *r.session));
            r.config = r.session->config();
        }
        const auto& copies = app.ensemble.run->fold_copies();
        const std::size_t folds = std::size_t(std::max(app.ensemble.run->folds(), 1));
        for (std::size_t j = 0; j < copies.size(); ++j) copies[j]->apply_live(own_config(j / folds, *copies[j]));
        mark_dirty(app);
        return ConfigChange::Live;
    }
    for (std::size_t i = 0; i < configs.size() && change != ConfigChange::Rebuild; ++i) {
        const ExperimentConfig& now = app.runs[i].session->config();
        if (!needs_rebuild(now, configs[i])) continue;
        ExperimentConfig same_seed = configs[i];
        same_seed.seed = now.seed;
        change = needs_rebuild(now, same_seed) ? ConfigChange::Rebuild : ConfigChange::Reinit;
    }
    app.config = next;
    if (change == ConfigChange::Rebuild) {
        rebuild(app);
        return change;
    }
    for (std::size_t i = 0; i < configs.size(); ++i) {
        Session& s = *app.runs[i].session;
        if (needs_rebuild(s.config(), configs[i])) {
            ExperimentConfig same_seed = configs[i];
            same_seed.seed = s.config().seed;
            s.apply_live(same_seed);
            s.reinitialize(configs[i].seed);
        } else {
            s.apply_live(configs[i]);
        }
        app.runs[i].config = s.config();
    }
    mark_dirty(app);  // dropout does not change pictures, but it is cheap
    return change;
}

void app_play(AppState& app, bool playing) {
    bool any = false;
    for (Run& r : app.runs) {
        if (r.frozen) continue;
        if (playing && r.session->stop_reason() == StopReason::EarlyStopped) r.session->resume();
        any = any || r.session->stop_reason() == StopReason::None;
    }
    app.playing = playing && any;
    app.ever_played = app.ever_played || app.playing;
}

void app_reset(AppState& app) {
    app.config.seed += 1;
    if (app.ensemble) {  // new members from the next seed: new weights and new samples
        rebuild(app);
        app.playing = false;
        return;
    }
    // A seed race's runs take their seeds from the race: each moves on by the number of runs,
    // so every run gets new weights and no two share a seed (1,2,3 becomes 4,5,6).
    if (app.config.race.key == "seed") {
        const std::vector<ExperimentConfig> before = race_configs(app.config);
        for (std::size_t i = 0; i < app.config.race.values.size() && i < before.size(); ++i) {
            std::string& value = app.config.race.values[i];
            const std::size_t own = value.find('/');  // the run's own settings stay
            value = std::to_string(before[i].seed + std::uint32_t(before.size())) +
                    (own == std::string::npos ? std::string() : value.substr(own));
        }
    }
    const std::vector<ExperimentConfig> configs = race_configs(app.config);
    for (std::size_t i = 0; i < app.runs.size() && i < configs.size(); ++i) {
        app.runs[i].session->reinitialize(configs[i].seed);
        app.runs[i].config = app.runs[i].session->config();
    }
    app.playing = false;
    mark_dirty(app);
}

void app_step(AppState& app) {
    app.playing = false;
    for (Run& r : app.runs) {
        if (r.frozen) continue;
        if (r.session->stop_reason() == StopReason::EarlyStopped) r.session->resume();
        r.session->train_epoch();
    }
    if (app.ensemble.run)
        for (const auto& copy : app.ensemble.run->fold_copies()) copy->train_epoch();
    boosting_update(app);
    mark_dirty(app);
}

void app_set_weight(AppState& app, int layer, int i, int o, float value) {
    Mlp& net = app.session().net();
    if (layer < 0 || layer >= net.num_layers() || i < 0 || i >= net.fan_in(layer) || o < 0 ||
        o >= net.fan_out(layer) || !std::isfinite(value))
        return;
    net.weights(layer)(i, o) = value;
    app.session().params_changed();
    app.run().dirty = true;
    app.pictures_dirty = true;
    app.ensemble.key = app.ensemble.shares_key = -1;  // a member's weights changed without a step
    if (app.ensemble.run) app.ensemble.run->outputs_edited();
}

void train_frame(AppState& app, const std::function<double()>& now_ms) {
    app.stats.train_ms = 0;
    request_missing_data(app, now_ms());  // MNIST's images, once, when the experiment needs them
    if (!app.playing) return;
    const double start = now_ms();
    // Every run aims at `speed` more epochs; runs take turns batch by batch, so within the
    // frame's budget they advance alike, and a stopped run waits while the others go on.
    // Stacking's fold copies (not runs: never drawn) train beside their member, to its target.
    constexpr int kMaxRuns = std::max(kMaxRaceRuns, kMaxMembers);
    constexpr int kMaxTrained = kMaxRuns + kMaxRaceRuns * kMaxFolds;
    Session* trained[kMaxTrained];  // a frame allocates nothing
    std::int64_t target[kMaxTrained];
    int owner[kMaxTrained];  // the run each trains for (its dirty mark)
    assert(app.runs.size() <= std::size_t(kMaxRuns));  // check_race and validate keep them this few
    int count = 0;
    for (std::size_t i = 0; i < app.runs.size(); ++i) {
        Session& s = *app.runs[i].session;
        trained[count] = &s;
        owner[count] = int(i);
        target[count] = app.runs[i].frozen ? s.epoch() : s.epoch() + app.speed;
        // Boosting's learner stops at its epochs, to be weighed and followed by the next.
        if (app.ensemble.boosting()) target[count] = std::min<std::int64_t>(target[count], app.config.ensemble.learner_epochs);
        ++count;
    }
    if (app.ensemble.run && app.ensemble.run->stacking()) {
        const auto& copies = app.ensemble.run->fold_copies();
        const int folds = std::max(app.ensemble.run->folds(), 1);
        for (std::size_t j = 0; j < copies.size() && count < kMaxTrained; ++j) {
            const int k = int(j) / folds;
            trained[count] = copies[j].get();
            owner[count] = k;
            target[count] = std::min(target[k], copies[j]->epoch() + app.speed);
            ++count;
        }
    }
    long long steps = 0;
    float batches_per_epoch = 0.0f;
    for (int i = 0; i < count; ++i) {
        if (target[i] <= trained[i]->epoch()) continue;
        const int batch = std::max(1, trained[i]->config().batch_size);
        const std::size_t own_rows = trained[i]->training_rows().size();  // a fold copy's or a bootstrap's
        const int rows = own_rows > 0 ? int(own_rows) : trained[i]->n_train();
        batches_per_epoch += float(std::max(1, (rows + batch - 1) / batch));
    }
    bool more = true;
    while (more && may_continue(app.budget, float(now_ms() - start), steps)) {
        more = false;
        for (int i = 0; i < count; ++i) {
            Session& s = *trained[i];
            if (s.epoch() >= target[i] || s.stop_reason() != StopReason::None) continue;
            // A run that cannot step (no training rows yet: MNIST before it arrived) stops the
            // frame's loop as a finished one would.
            const bool stepped = s.train_batch();
            if (stepped) ++steps;
            app.runs[std::size_t(owner[i])].dirty = true;
            more = more || (stepped && s.epoch() < target[i] && s.stop_reason() == StopReason::None);
        }
    }
    const float ms = float(now_ms() - start);
    if (steps > 0) app.budget.record_steps(steps, ms);
    app.stats.train_ms = ms;
    // Epochs per run completed plus the fraction of the current one.
    const float epochs = float(steps) / std::max(batches_per_epoch, 1.0f);
    app.stats.epochs_per_frame += 0.1f * (epochs - app.stats.epochs_per_frame);
    boosting_update(app);
    bool any_running = false;
    for (const Run& r : app.runs) any_running = any_running || (!r.frozen && r.session->stop_reason() == StopReason::None);
    if (!any_running) app.playing = false;
    if (steps > 0) app.pictures_dirty = true;
}

std::optional<std::string> take_key(std::string& link, std::string_view key) {
    std::optional<std::string> value;
    std::string kept;
    std::size_t start = 0;
    if (!link.empty() && link[0] == '#') kept = "#", start = 1;
    bool first = true;
    while (start <= link.size()) {
        const std::size_t end = std::min(link.find('&', start), link.size());
        const std::string_view pair = std::string_view(link).substr(start, end - start);
        if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=') {
            value = std::string(pair.substr(key.size() + 1));
        } else if (!pair.empty()) {
            if (!first) kept += '&';
            kept += pair;
            first = false;
        }
        start = end + 1;
    }
    link = kept;
    return value;
}

std::optional<Language> take_language(std::string& link, std::string* unknown) {
    const auto value = take_key(link, "lang");
    if (!value) return std::nullopt;
    const auto lang = parse_language(*value);
    if (!lang && unknown) *unknown = link_text::clip(*value);
    return lang;
}

void app_set_language(Language lang) {
    set_language(lang);
    const LinkPlatform& page = link_platform();
    if (page.store_language) page.store_language(language_code(lang));
}

void app_name_runs(AppState& app) {
    if (app.ensemble.run) {
        sync_ensemble_runs(app);  // names its members
        return;
    }
    if (app.config.race.empty()) return;
    const std::vector<ExperimentConfig> configs = race_configs(app.config);
    for (std::size_t i = 0; i < app.runs.size() && i < configs.size(); ++i)
        app.runs[i].name = race_run_name(app.config.race, configs[i], i, label_for_code);
}

namespace {

// view=backprop[&sample=N] and view=landscape: the views inside a run, opened by a link (a
// lesson's step says "step through one sample" with it). Any other view= is left in the link
// for the surface view's reader, which names one it does not know.
struct InsideView {
    bool backprop = false, landscape = false;
    int sample = 0, step = 0;  // backprop: the training sample and the walk's step (bpstep=)
};

InsideView take_inside_view(std::string& link, std::vector<ConfigIssue>& issues) {
    InsideView v;
    std::string rest = link;
    const auto view = take_key(rest, "view");
    if (!view || (*view != "backprop" && *view != "landscape")) return v;
    const auto sample = take_key(rest, "sample");
    const auto step = take_key(rest, "bpstep");
    link = std::move(rest);
    v.backprop = *view == "backprop";
    v.landscape = !v.backprop;
    // Both are clamped to what exists when the walk is taken (the training samples, its steps).
    const auto whole = [&](const std::optional<std::string>& value, const char* key, Str message, int& out) {
        if (!value || !v.backprop) return;
        int n = 0;
        if (link_text::parse_int(*value, n) && n >= 0) {
            out = n;
        } else {
            char text[160];
            std::snprintf(text, sizeof text, tr(message), link_text::clip(*value).c_str());
            issues.push_back({IssueCode::Malformed, key, text});
        }
    };
    whole(sample, "sample", Str::BadSampleFmt, v.sample);
    whole(step, "bpstep", Str::BadBpStepFmt, v.step);
    return v;
}

}  // namespace

void app_open_link(AppState& app, std::string_view link_text) {
    std::string text(link_text), unknown_language, unknown_lesson;
    if (const auto lang = take_language(text, &unknown_language)) set_language(*lang);  // this visit only
    const auto lesson = take_lesson(text, &unknown_lesson);
    if (lesson) {
        // lesson=ID[&step=N]: follow it; with nothing else in the link, open the step's own link.
        const bool bare = text.empty() || text == "#";
        app.lesson.lesson = lesson->lesson;
        app.lesson.step = lesson->step;
        app.lesson.show_hint = false;
        if (bare) text = lessons()[std::size_t(lesson->lesson)].steps[std::size_t(lesson->step)].link;
    }
    std::vector<ConfigIssue> view_issues;
    const InsideView inside = take_inside_view(text, view_issues);
    std::vector<std::string> surface_problems;
    auto surface = take_surface_view(text, surface_problems);
    app.surface = surface ? std::move(*surface) : SurfaceView{};
    DecodedConfig decoded = decode_config(text);
    for (const std::string& p : surface_problems) decoded.issues.push_back({IssueCode::Malformed, "view", p});
    for (ConfigIssue& i : view_issues) decoded.issues.push_back(std::move(i));
    // Links carry a few clicked points (pts=), never a CSV file's rows: the data this page has
    // goes in, else the set is empty and the page says why.
    app.csv.link_without_data = false;
    if (decoded.config.data.kind == DatasetKind::Csv && !decoded.config.data.user) {  // no pts= in it
        decoded.config.data.user = app.csv.data;
        app.csv.link_without_data = app.csv.data == nullptr;
    }
    char said[200];
    if (!unknown_lesson.empty()) {
        std::snprintf(said, sizeof said, tr(Str::LessonUnknownFmt), unknown_lesson.c_str());
        decoded.issues.push_back({IssueCode::UnknownName, "lesson", said});
    }
    if (!unknown_language.empty()) {
        std::snprintf(said, sizeof said, tr(Str::LanguageUnknownFmt), unknown_language.c_str());
        decoded.issues.push_back({IssueCode::UnknownName, "lang", said});
    }
    app.config = decoded.config;
    rebuild(app);  // always fresh: the link's seeds decide data, weights and batch order
    // The link's weights start every run whose network has their shape.
    for (Run& r : app.runs)
        if (!decoded.params.empty() && r.session->net().set_params(decoded.params)) r.session->params_changed();
    app.playing = false;
    // A link opens the views it names and closes the others (as the surface view above).
    app.backprop = BackpropView{};
    app.backprop.open = inside.backprop;
    app.backprop.sample = inside.sample;
    app.backprop.step = inside.step;  // kept by the first walk (backprop_frame)
    app.landscape.open = inside.landscape;
    if (inside.landscape) {
        app.landscape.dirs = LandscapeDirs::Random;  // a fresh run has no path to take directions from
        landscape_start(app.landscape, app.session(), app.selected, app.built);
    }
    app.link.issues = std::move(decoded.issues);
    app.link.show_issues = !app.link.issues.empty() || decoded.tf_playground;
    app.link.tf_playground = decoded.tf_playground;
    app.link.copied.clear();
    app.link.copy = CopyStatus::None;
    // The URL already holds this link; rewriting it in canonical form would only hide what the
    // user pasted. It is rewritten on the next change.
    app.link.written = app_link_text(app, false);
}

// The selected run's weights, when they fit the base network (a width or depth race's other
// runs do not).
bool link_can_carry_weights(const AppState& app) {
    return link_can_carry_params(app.config, app.session().net().params());
}

std::string app_link_text(const AppState& app, bool with_weights) {
    // The page's own keys of the views that are open.
    std::string view = surface_link_keys(app.surface);
    if (app.backprop.open) {
        view += "&view=backprop&sample=" + std::to_string(app.backprop.sample);
        if (app.backprop.step > 0) view += "&bpstep=" + std::to_string(app.backprop.step);
    }
    else if (app.landscape.open && !app.surface.open) view += "&view=landscape";
    if (with_weights && link_can_carry_weights(app))
        return encode_config(app.config, app.session().net().params()) + view;
    return encode_config(app.config) + view;
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

bool request_missing_data(AppState& app, double now_ms) {
    if (app.config.data.kind != DatasetKind::Mnist || mnist_count() > 0) return false;
    if (!app.fetch.requested && link_platform().fetch_file) {
        app.fetch = {};
        app.fetch.requested = true;
        app.fetch.requested_ms = now_ms;
        link_platform().fetch_file(kMnistFile);
    }
    return true;
}

void app_file_arrived(AppState& app, std::string_view name, std::span<const unsigned char> bytes, double now_ms) {
    if (name != kMnistFile) return;
    const MnistLoad load = load_mnist(bytes);
    if (!load.ok()) {
        app_file_failed(app, name, describe_mnist(load));
        return;
    }
    app.fetch.failed = false;
    app.fetch.bytes = bytes.size();
    app.fetch.arrived_ms = now_ms;
    if (app.config.data.kind == DatasetKind::Mnist) rebuild(app);  // the same experiment, now with its images
}

void app_file_failed(AppState& app, std::string_view name, std::string_view reason) {
    app.fetch.failed = true;
    app.fetch.error = std::string(name) + ": " + std::string(reason);
}

void update_pictures(AppState& app) {
    if (!app.pictures_dirty) return;
    // Its numbers, when a member trained (stacking's meta-learner on a clock of its own).
    const double now = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
    ensemble_refresh(app.ensemble, now, app.playing);
    if (app.session().data().image_width > 0) {
        // No plane to draw over: the image view's numbers instead, and the first layer's
        // weights as pictures of the image's shape.
        update_image_view(app.session(), app.images);
        const Dataset& data = app.session().data();
        fill_weight_pictures(app.session().net(), data.image_width, data.image_height, app.pictures);
        for (Run& r : app.runs) {
            r.output = {};
            r.dirty = false;
        }
        app.pictures_dirty = false;
        return;
    }
    // The selected run's grid at the full size (every picture is drawn from it); the others' at
    // the small maps' size, resampled into the atlas.
    const int dims = app.session().data().input_dims;
    app.map_x = std::clamp(app.map_x, 0, std::max(0, dims - 1));
    app.map_y = std::clamp(app.map_y, 0, std::max(0, dims - 1));
    const auto compute = [&app](Run& r) {
        const Session& s = *r.session;
        const bool one_d = s.data().input_dims == 1;
        const bool shown = &r == &app.run();
        const int side = shown ? (one_d ? kStripSize : kGridSize) : (one_d ? kStripSize / 4 : kRaceMapSize);
        s.compute_grid(side, one_d ? 1 : side, r.grid, app.map_x, app.map_y);
        r.learned_threshold = one_d ? class_boundary_1d(s.net(), r.grid) : 0.0f;
        r.dirty = false;
    };
    // The selected run every time; the other runs' small maps in turn, kOtherMapsPerFrame a
    // call, so a race of 8 costs three grids a frame instead of eight (each map still updates
    // several times a second). A run never computed yet is always computed.
    if (app.run().dirty || app.run().grid.points() == 0) compute(app.run());
    const int n = int(app.runs.size());
    for (int k = 0, done = 0; k < n && done < kOtherMapsPerFrame; ++k) {
        app.map_cursor = (app.map_cursor + 1) % n;
        Run& r = app.runs[std::size_t(app.map_cursor)];
        if (app.map_cursor == app.selected || !r.dirty) continue;
        compute(r);
        ++done;
    }
    for (Run& r : app.runs)
        if (r.grid.points() == 0) compute(r);
    // The selected run's pictures, then the other runs' decision maps in the same atlas.
    const Run& shown = app.run();
    const int others = int(app.runs.size()) - 1;
    // An ensemble's vote over the plane at the big map's size: every member's grid again, so
    // while training it is renewed every third frame (a few times a second).
    const bool vote_map = app.ensemble && dims >= 2;
    const bool vote_due = !app.playing || app.frames % 3 == 0 || app.ensemble.shares.rows() == 0;
    if (vote_map && vote_due) ensemble_vote_grid(app.ensemble, kGridSize, app.map_x, app.map_y);
    fill_pictures(shown.grid, shown.session->net(), shown.session->data().task, app.value_scale, app.pictures,
                  others + (vote_map ? 1 : 0));
    for (std::size_t i = 0; i < app.runs.size(); ++i) {
        Run& r = app.runs[i];
        r.output = int(i) == app.selected ? app.pictures.output
                                          : add_output_picture(r.grid, r.session->net(), r.session->data().task,
                                                               app.value_scale, app.pictures);
    }
    app.ensemble.picture = vote_map ? add_vote_picture(app.ensemble, app.value_scale, app.pictures) : PictureInfo{};
    app.pictures_dirty = vote_map && !vote_due;  // the vote is renewed on a later frame
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
