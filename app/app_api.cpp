// State JSON and commands for the JavaScript accessor (see app_api.hpp).
#include "app_api.hpp"

#include "fields.hpp"
#include "json_lite.hpp"
#include "model_file.hpp"
#include "strings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <sstream>

namespace nnp::app {

namespace {

struct Writer {
    std::string out;
    bool first = true;

    void key(const char* k) {
        if (!first) out += ',';
        first = false;
        json_append_string(out, k);
        out += ':';
    }
    void num(const char* k, double v) { key(k), json_append_number(out, v); }
    void str(const char* k, std::string_view v) { key(k), json_append_string(out, v); }
    void boolean(const char* k, bool v) { key(k), out += v ? "true" : "false"; }
    void numbers(const char* k, std::span<const float> v) {
        key(k);
        out += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ',';
            json_append_number(out, v[i]);
        }
        out += ']';
    }
    void numbers(const char* k, std::span<const double> v) {
        numbers(k, std::vector<float>(v.begin(), v.end()));
    }
    void open(const char* k, char bracket) {
        key(k);
        out += bracket;
        first = true;
    }
    void close(char bracket) {
        out += bracket;
        first = false;
    }
};


const char* issue_code(IssueCode c) {
    switch (c) {
        case IssueCode::OutOfRange: return "out_of_range";
        case IssueCode::NotFinite: return "not_finite";
        case IssueCode::Incompatible: return "incompatible";
        case IssueCode::UnknownName: return "unknown_name";
        case IssueCode::UnknownKey: return "unknown_key";
        case IssueCode::Malformed: return "malformed";
    }
    return "malformed";
}

// A run's progress: epoch, steps, the current losses and accuracies, why it stopped. The same
// fields at the top level (the selected run) and in each entry of "runs".
void session_fields(Writer& w, const Session& s) {
    const EpochRecord& r = s.current();
    w.num("epoch", double(s.epoch()));
    w.num("steps", double(s.steps()));
    w.num("train_loss", r.train_loss);
    w.num("val_loss", r.val_loss);
    w.num("test_loss", r.test_loss);
    w.num("train_accuracy", r.train_accuracy);
    w.num("val_accuracy", r.val_accuracy);
    w.num("test_accuracy", r.test_accuracy);
    w.str("stop_reason", enum_code(s.stop_reason()));
}

std::string error(std::string_view message) {
    std::string out = "{\"ok\":false,\"error\":";
    json_append_string(out, message);
    out += '}';
    return out;
}

}  // namespace

std::string state_json(const AppState& app) {
    const Session& s = app.session();
    const ExperimentConfig& c = s.config();
    Writer w;
    w.out = "{";
    session_fields(w, s);  // the selected run
    w.boolean("playing", app.playing);
    w.num("n_train", s.n_train());
    w.num("n_val", s.n_val());
    w.num("n_test", s.data().n_test());
    w.str("watched_loss", s.watched_loss() == WatchedLoss::Validation ? "validation" : "training");
    w.str("stop_text", describe_stop(s));
    w.num("stop_epoch", double(s.stop_epoch()));
    w.num("best_epoch", double(s.has_best() ? s.best_epoch() : -1));
    w.num("speed", app.speed);
    w.num("learned_threshold", app.run().learned_threshold);  // one-input data, in the data's units
    w.open("dropped_units", '[');
    for (int l = 0; l + 1 < s.net().num_layers(); ++l) {
        if (l > 0) w.out += ',';
        w.out += std::to_string(dropped_count(s, l));
    }
    w.close(']');
    w.open("frame", '{');
    w.num("train_ms", app.stats.train_ms);
    w.num("pictures_ms", app.stats.pictures_ms);
    w.num("draw_ms", app.stats.draw_ms);
    w.num("ui_ms", app.stats.ui_ms);
    w.num("heatmap_ms", app.stats.heatmap_ms);
    w.num("vertices", app.stats.vertices);
    w.num("missing_glyphs", app.stats.missing_glyphs);
    w.num("fps", app.stats.fps);
    w.num("epochs_per_frame", app.stats.epochs_per_frame);
    w.num("count", double(app.frames));
    w.close('}');
    // The config, field by field from the field table; "a.b" names nest one level.
    w.open("config", '{');
    std::string group;
    for (const Field& f : config_fields()) {
        const std::string_view json = f.json;
        const std::size_t dot = json.find('.');
        const std::string prefix(dot == std::string_view::npos ? std::string_view{} : json.substr(0, dot));
        if (prefix != group) {
            if (!group.empty()) w.close('}');
            if (!prefix.empty()) w.open(prefix.c_str(), '{');
            group = prefix;
        }
        const std::string name(dot == std::string_view::npos ? json : json.substr(dot + 1));
        switch (f.type) {
            case FieldType::Float:
            case FieldType::Int:
            case FieldType::Seed:
            case FieldType::Features: w.num(name.c_str(), f.get(c)); break;
            case FieldType::Bool: w.boolean(name.c_str(), f.get(c) != 0.0); break;
            case FieldType::Enum: {
                const int v = static_cast<int>(f.get(c));
                const char* code = "?";
                for (std::size_t i = 0; i < f.values->size(); ++i)
                    if (f.values->value(i) == v) code = f.values->code(i);
                w.str(name.c_str(), code);
                break;
            }
            case FieldType::Network:
                w.open(name.c_str(), '[');
                for (std::size_t i = 0; i < c.hidden.size(); ++i) {
                    if (i > 0) w.out += ',';
                    w.out += '{';
                    w.first = true;
                    w.num("width", c.hidden[i].width);
                    w.str("activation", enum_code(c.hidden[i].activation));
                    w.num("dropout", c.hidden[i].dropout);
                    w.out += '}';
                }
                w.close(']');
                break;
            case FieldType::Race: {  // the app's, on top of the runs' configs
                const RaceSpec& race = app.config.race;
                w.open(name.c_str(), '{');
                w.str("key", race.key);
                w.open("values", '[');
                for (std::size_t i = 0; i < race.values.size(); ++i) {
                    if (i > 0) w.out += ',';
                    json_append_string(w.out, race.values[i]);
                }
                w.close(']');
                w.close('}');
                break;
            }
        }
    }
    if (!group.empty()) w.close('}');
    w.close('}');
    // The model's input normalisation (fitted to the training rows; empty lists: none).
    w.open("input_norm", '{');
    const InputNorm& norm = s.input_norm();
    w.numbers("offset", norm.offset);
    w.numbers("scale", norm.scale);
    w.close('}');
    // The runs (one, or a race's), the selected one and the leader.
    w.num("selected", app.selected);
    w.num("leader", leader(app));
    w.open("runs", '[');
    for (std::size_t i = 0; i < app.runs.size(); ++i) {
        const Session& rs = *app.runs[i].session;
        if (i > 0) w.out += ',';
        w.out += '{';
        w.first = true;
        w.str("name", app.runs[i].name);
        session_fields(w, rs);
        char sum[24];
        std::snprintf(sum, sizeof sum, "%016llx",
                      static_cast<unsigned long long>(checksum(rs.net().params().data(), rs.net().params().size())));
        w.str("weights_checksum", sum);
        w.out += '}';
    }
    w.close(']');
    // The ensemble (null without one): its vote's numbers, each learner's alpha and error
    // (boosting), the vote's accuracy with members 1..k, and the picked test point's votes.
    if (const EnsembleView& ev = app.ensemble; ev.run) {
        const EnsembleRun& er = *ev.run;
        w.open("ensemble", '{');
        w.str("kind", enum_url(er.config().ensemble.kind));
        w.num("members", double(er.members().size()));
        w.num("members_wanted", er.stacking() ? double(er.members().size()) : double(er.config().ensemble.members));
        w.boolean("training_learner", er.learner_ptr() != nullptr);
        w.boolean("finished", er.finished());
        w.num("epoch", double(ev.record.epoch));
        w.num("train_loss", ev.record.train_loss);
        w.num("test_loss", ev.record.test_loss);
        w.num("train_accuracy", ev.record.train_accuracy);
        w.num("test_accuracy", ev.record.test_accuracy);
        w.num("members_mean_test_loss", ev.record.members_mean_test_loss);
        w.num("members_mean_test_accuracy", ev.record.members_mean_test_accuracy);
        w.numbers("curve", ev.curve);
        w.numbers("alphas", er.alphas());
        w.numbers("errors", er.errors());
        w.numbers("meta_weights", ev.meta_weights);
        w.num("folds", er.folds());
        w.num("vote_cell", ev.picture.cell);
        w.num("picked", ev.picked);
        const std::vector<int> votes = er.member_votes(ev.picked);
        w.numbers("votes", std::vector<float>(votes.begin(), votes.end()));
        w.num("vote", er.vote(ev.picked));
        w.close('}');
    } else {
        w.key("ensemble");
        w.out += "null";
    }
    // Share links: what the URL should hold, what "Copy link" copies, the last link's issues.
    const LinkState& link = app.link;
    w.str("link", app_link_text(app, false));
    w.str("share_link", app_share_link(app));
    w.boolean("include_weights", link.include_weights);
    w.boolean("link_weights_allowed", link_can_carry_weights(app));
    w.boolean("link_tf", link.tf_playground);
    w.boolean("link_issues_shown", link.show_issues);
    w.open("link_issues", '[');
    for (std::size_t i = 0; i < link.issues.size(); ++i) {
        if (i > 0) w.out += ',';
        w.out += '{';
        w.first = true;
        w.str("code", issue_code(link.issues[i].code));
        w.str("field", link.issues[i].field);
        w.str("message", describe_issue(link.issues[i]));
        w.out += '}';
    }
    w.close(']');
    // The big output picture on screen (display pixels, w = 0 if not shown) and the plane it
    // shows: point (x1, x2) is drawn at (x + (x1 - x_min) / (x_max - x_min) * w,
    // y + (y_max - x2) / (y_max - y_min) * h).
    w.open("output_view", '{');
    w.num("x", app.output_view.x);
    w.num("y", app.output_view.y);
    w.num("w", app.output_view.w);
    w.num("h", app.output_view.h);
    w.num("x_min", s.data().domain.x_min);
    w.num("x_max", s.data().domain.x_max);
    w.num("y_min", s.data().domain.y_min);
    w.num("y_max", s.data().domain.y_max);
    w.close('}');
    // The main controls' screen rectangles, [x, y, w, h] in CSS pixels.
    w.open("ui", '{');
    for (const AppState::UiRect& r : app.ui) {
        const float rect[4] = {r.x, r.y, r.w, r.h};
        w.numbers(r.name.c_str(), rect);
    }
    w.close('}');
    w.boolean("stacked", app.stacked);
    w.str("lang", language_code(language()));
    // The lesson being followed: its id, 1-based step, goal and whether that step was met.
    w.open("lesson", '{');
    if (app.lesson.lesson >= 0 && app.lesson.lesson < int(lessons().size())) {
        const Lesson& l = lessons()[std::size_t(app.lesson.lesson)];
        const int k = std::clamp(app.lesson.step, 0, int(l.steps.size()) - 1);
        w.str("id", l.id);
        w.num("step", k + 1);
        w.num("steps", double(l.steps.size()));
        w.str("goal", l.steps[std::size_t(k)].goal);
        w.boolean("met", step_met(app.lesson, l.id, k + 1));
    }
    w.close('}');
    w.num("lessons", double(lessons().size()));
    // The coach's notes on the run shown, by code.
    w.open("coach", '[');
    for (std::size_t i = 0; i < app.run().coach.size(); ++i) {
        if (i > 0) w.out += ',';
        json_append_string(w.out, enum_code(app.run().coach[i].code));
    }
    w.close(']');
    w.str("lessons_met", progress_text(app.lesson));
    // An image set's view: the input on show (a test row or the pad), its class probabilities,
    // and the test split's results.
    if (app.session().data().image_width > 0) {
        const ImageView& v = app.images;
        w.open("images", '{');
        w.num("row", shown_row(app.session(), v));
        w.boolean("drawing", v.drawing);
        w.num("strokes", double(v.strokes.size()));
        w.num("label", v.label);
        w.num("predicted", v.predicted);
        w.numbers("probabilities", v.probabilities);
        w.numbers("pixels", v.pixels);
        int right = 0;
        for (int k = 0; k < v.classes; ++k) right += v.confusion[std::size_t(k * v.classes + k)];
        w.num("test_right", right);
        w.num("test_wrong", double(v.wrong.size()));
        w.close('}');
    }
    // The optimizers on a loss surface: the view, its start and steps, each path's end.
    {
        const SurfaceView& v = app.surface;
        w.open("surface", '{');
        w.boolean("open", v.open);
        w.str("fn", enum_code(v.kind));
        w.num("start_x", v.start.x);
        w.num("start_y", v.start.y);
        w.num("steps", v.steps);
        w.boolean("playing", v.playing);
        w.open("paths", '[');
        for (std::size_t i = 0; i < v.paths.size(); ++i) {
            const SurfacePath& p = v.paths[i];
            if (i > 0) w.out += ',';
            w.out += '{';
            w.out += "\"optimizer\":";
            json_append_string(w.out, enum_code(p.optimizer.kind));
            w.out += ",\"steps\":" + std::to_string(p.points.empty() ? 0 : p.points.size() - 1);
            w.out += std::string(",\"diverged\":") + (p.diverged ? "true" : "false");
            if (!p.points.empty()) {
                w.out += ",\"x\":";
                json_append_number(w.out, float(p.points.back().x));
                w.out += ",\"y\":";
                json_append_number(w.out, float(p.points.back().y));
                w.out += ",\"value\":";
                json_append_number(w.out, float(p.values.back()));
            }
            w.out += '}';
        }
        w.close(']');
        w.close('}');
    }
    // The loss landscape: the job's state and progress, the grid's side and range, the loss at
    // its middle beside the run's own, and (PCA) the explained spread and the path off the plane.
    {
        const LandscapeView& v = app.landscape;
        static constexpr const char* kStatus[] = {"idle", "computing", "done", "cancelled", "no_trajectory", "stale"};
        w.open("landscape", '{');
        w.boolean("open", v.open);
        w.str("dirs", enum_code(v.dirs));
        w.str("status", kStatus[int(v.status)]);
        w.num("progress", v.job ? double(v.job->progress()) : v.status == LandscapeStatus::Done ? 1.0 : 0.0);
        w.num("n", v.job ? v.job->n() : v.grid_n);
        w.boolean("clamped", v.clamped);
        w.num("run", v.run);
        w.num("epoch", double(v.epoch));
        w.num("run_loss", v.run_loss);
        w.num("centre_loss", landscape_centre(v));
        w.num("lo", v.lo);
        w.num("hi", v.hi);
        w.num("contours", double(v.contours.size()));
        w.num("explained1", v.directions.explained1);
        w.num("explained2", v.directions.explained2);
        w.num("path_points", double(v.path.a.size()));
        w.num("max_off_plane", v.path.max_off_plane);
        w.close('}');
    }
    // Backpropagation step by step: the sample, the step (its kind and words), and whether the
    // walk's gradient is, bit for bit, the engine's gradient of a batch of that one sample.
    {
        const BackpropView& v = app.backprop;
        static constexpr const char* kKinds[] = {"input", "forward", "loss", "output_error", "grads", "signal", "update"};
        w.open("backprop", '{');
        w.boolean("open", v.open);
        w.num("run", v.run);
        w.num("sample", v.sample);
        w.num("step", v.step);
        w.num("steps", double(v.steps.size()));
        const Session* s = app.session_of(v.run);
        if (v.walk && s && std::size_t(v.step) < v.steps.size()) {
            const BpStep& st = v.steps[std::size_t(v.step)];
            w.str("kind", kKinds[int(st.kind)]);
            w.num("layer", st.layer);
            w.num("unit", st.unit);
            w.str("text", backprop_step_text(*v.walk, st));
            bool same = v.walk->sample < s->n_train();
            if (same) {
                Workspace ws;
                ws.resize(s->net(), 1);
                const auto x = s->inputs().middleRows(v.walk->sample, 1);
                forward(s->net(), x, ws, DropoutMode::Off);
                backward(s->net(), x, s->targets().middleRows(v.walk->sample, 1), s->config().loss, ws);
                same = ws.grad == v.walk->grad;
            }
            w.boolean("matches_engine", same);
        }
        w.close('}');
    }
    // The user's CSV data: what the box holds, what was read from it, the problems by code (and
    // in words), and the data in use.
    {
        const CsvInput& in = app.csv;
        w.open("csv", '{');
        w.num("text_bytes", double(in.text.size()));
        w.str("file", in.file_name);
        w.boolean("read", in.read);
        w.num("rows", in.table.rows());
        w.num("cols", in.table.cols());
        w.boolean("header", in.table.has_header);
        w.num("label", in.label);
        w.open("problems", '[');
        for (std::size_t i = 0; i < in.problems.size(); ++i) {
            if (i > 0) w.out += ',';
            json_append_string(w.out, std::to_string(int(in.problems[i].code)) + " " + describe_csv_problem(in.problems[i]));
        }
        w.close(']');
        w.boolean("link_without_data", in.link_without_data);
        const UserData* d = app.config.data.kind == DatasetKind::Csv ? app.config.data.user.get() : nullptr;
        w.num("data_rows", d ? d->rows() : 0);
        w.num("data_inputs", d ? d->inputs() : 0);
        w.boolean("points_edit", app.points.on);
        w.boolean("points_editable", points_editable(app));
        w.num("map_x", app.map_x);
        w.num("map_y", app.map_y);
        w.close('}');
    }
    w.out += '}';
    return w.out;
}

std::string run_command(AppState& app, std::string_view json) {
    const auto obj = parse_json_object(json);
    if (!obj) return error("not a flat JSON object");
    const auto cmd = obj->string("cmd");
    if (!cmd) return error("missing \"cmd\"");
    const auto value = obj->number("value");
    ExperimentConfig next = app.config;

    if (*cmd == "play") {
        app_play(app, true);
    } else if (*cmd == "pause") {
        app_play(app, false);
    } else if (*cmd == "step") {
        app_step(app);
    } else if (*cmd == "reset") {
        app_reset(app);
    } else if (*cmd == "set_optimizer") {
        const auto name = obj->string("value");
        const auto kind = name ? enum_parse<OptimizerKind>(*name) : std::nullopt;
        if (!kind) return error("unknown optimizer");
        next.optimizer.kind = *kind;
        apply_config(app, next);
    } else if (*cmd == "set_learning_rate") {
        if (!value || !(*value > 0.0)) return error("value must be a positive number");
        next.optimizer.learning_rate = float(*value);
        apply_config(app, next);
    } else if (*cmd == "set_dropout") {
        const auto layer = obj->number("layer");
        if (!layer || !value) return error("needs layer and value");
        const int l = int(*layer);
        if (l < 0 || l >= int(next.hidden.size())) return error("no such hidden layer");
        next.hidden[std::size_t(l)].dropout = float(*value);
        apply_config(app, next);
    } else if (*cmd == "set_dataset") {
        const auto name = obj->string("value");
        const auto kind = name ? enum_parse<DatasetKind>(*name) : std::nullopt;
        if (!kind) return error("unknown dataset");
        const DatasetSpec previous = next.data;
        next.data.kind = *kind;
        if (*kind == DatasetKind::Csv) next.data.user = app.csv.data;  // the data last given, if any
        adapt_to_dataset(next, previous);
        apply_config(app, next);
    } else if (*cmd == "set_speed") {
        if (!value || *value < 1.0) return error("value must be at least 1");
        app.speed = int(std::min(*value, 1e6));
    } else if (*cmd == "set_seed") {
        if (!value || *value < 0.0) return error("value must be a non-negative number");
        next.seed = static_cast<std::uint32_t>(std::min(*value, 4294967295.0));
        apply_config(app, next);
    } else if (*cmd == "set_hidden") {
        const auto text = obj->string("value");
        if (!text) return error("value must be a string of widths");
        std::vector<LayerSpec> hidden;
        std::stringstream ss(*text);
        std::string item;
        while (std::getline(ss, item, ',')) {
            if (item.empty()) continue;
            LayerSpec layer;
            layer.width = std::atoi(item.c_str());
            if (!hidden.empty()) layer.activation = hidden.back().activation;
            else if (!next.hidden.empty()) layer.activation = next.hidden.front().activation;
            hidden.push_back(layer);
        }
        next.hidden = hidden;
        apply_config(app, next);
    } else if (*cmd == "set_race") {
        // value: "KEY:VALUE,VALUE,..." as in a link's race=, or "" for one run.
        const auto text = obj->string("value");
        if (!text) return error("value must be the race text, e.g. opt:sgd,adam");
        std::vector<ConfigIssue> issues;
        next.race = {};
        if (!text->empty()) read_field_text(next, "race", *text, issues);
        ExperimentConfig checked = next;
        for (const ConfigIssue& i : validate(checked)) issues.push_back(i);
        apply_config(app, next);
        if (!issues.empty()) return error(describe_issue(issues.front()));
    } else if (*cmd == "pick_point") {
        // value: a data row (a test point) whose ensemble votes are shown, or -1 for none.
        if (!app.ensemble) return error("no ensemble");
        if (!value || *value < -1.0 || *value >= double(app.session().data().size())) return error("no such row");
        app.ensemble.picked = int(*value);
    } else if (*cmd == "select_run") {
        if (!value || *value < 0.0 || *value >= double(app.runs.size())) return error("no such run");
        app_select_run(app, int(*value));
    } else if (*cmd == "open_link") {
        const auto text = obj->string("value");
        if (!text) return error("value must be the link text");
        app_open_link(app, *text);
    } else if (*cmd == "set_include_weights") {
        if (!value) return error("value must be true or false");
        app.link.include_weights = *value != 0.0;
    } else if (*cmd == "open_lesson") {
        // value: a lesson's id, or "" to close; step: 1-based (default 1).
        const auto id = obj->string("value");
        if (!id) return error("value must be a lesson id, or empty to close the lesson");
        if (id->empty()) {
            app_open_lesson(app, -1, 0);
        } else {
            const int lesson = lesson_index(*id);
            if (lesson < 0) return error("no such lesson");
            const auto step = obj->number("step");
            app_open_lesson(app, lesson, step ? int(*step) - 1 : 0);
        }
    } else if (*cmd == "set_language") {
        const auto text = obj->string("value");
        const auto lang = text ? parse_language(*text) : std::nullopt;
        if (!lang) return error("value must be \"en\" or \"ko\"");
        app_set_language(*lang);
        app_name_runs(app);
    } else if (*cmd == "dismiss_link_issues") {
        app.link.show_issues = false;
    } else if (*cmd == "model_json") {  // the model file the Save button would give
        std::string reply = "{\"ok\":true,\"model\":";
        json_append_string(reply, write_model_json(app.session()));
        return reply + "}";
    } else if (*cmd == "predict") {
        // The network's output at one point of the plane, by core's forward pass (dropout off).
        const auto x1 = obj->number("x"), x2 = obj->number("y");
        if (!x1 || !x2) return error("needs x and y");
        const Session& s = app.session();
        if (s.data().input_dims > 2) return error("the data has more than two inputs");
        Matrix raw(1, 2);  // 1 x 2: the point; one-input data ignores x2, as its pictures do
        raw << float(*x1), s.data().input_dims == 1 ? 0.0f : float(*x2);
        Matrix features;   // 1 x feature_count
        compute_features(raw, s.config().features, features);
        apply_input_norm(s.input_norm(), features);  // as the network was trained (oysters: cm)
        Workspace ws;
        ws.resize(s.net(), 1, /*with_gradients=*/false);
        forward(s.net(), features, ws, DropoutMode::Off);
        const auto out = ws.out(s.net().num_layers() - 1, 1);  // 1 x outputs
        std::string reply = "{\"ok\":true,\"output\":[";
        for (Eigen::Index j = 0; j < out.cols(); ++j) {
            if (j > 0) reply += ',';
            json_append_number(reply, out(0, j));
        }
        return reply + "]}";
    } else {
        return error("unknown command");
    }
    return "{\"ok\":true}";
}

}  // namespace nnp::app
