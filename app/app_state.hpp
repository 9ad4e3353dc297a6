// The app's state without any drawing: the experiment config the widgets edit, the training
// session built from it, play/pause and speed, the adaptive frame budget, the pictures of the
// current network, and what the mouse points at. The operations here are what the panels, the
// keyboard and the JavaScript accessor call, so they are tested without a window. Also the
// share-link logic: opening a link, the link text to copy, and the throttled mirror of the
// experiment into the page's URL (the page itself is reached through LinkPlatform).
#pragma once

#include "colormap.hpp"
#include "config.hpp"
#include "config_codec.hpp"
#include "pictures.hpp"
#include "session.hpp"
#include "coach.hpp"
#include "csv_input.hpp"
#include "ensemble_view.hpp"
#include "image_view.hpp"
#include "lessons.hpp"
#include "step_budget.hpp"
#include "backprop_view.hpp"
#include "landscape_view.hpp"
#include "surface_view.hpp"
#include "strings.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnp::app {

constexpr int kGridSize = 64;        // texels per side of every 2-D picture
constexpr int kStripSize = 256;      // texels of the 1-D (oyster) strip
constexpr int kUiMaxHiddenLayers = 8;
constexpr int kUiMaxNeurons = 16;
constexpr int kSpeedChoices[] = {1, 2, 5, 10, 20, 50, 100, 1000};
constexpr int kOtherMapsPerFrame = 2;  // a race's other runs whose maps are recomputed a frame
constexpr int kRaceMapSize = 32;       // their grids' points per side (their maps are small)

struct FrameStats {
    float train_ms = 0, pictures_ms = 0, draw_ms = 0;  // this frame
    float ui_ms = 0, heatmap_ms = 0;                   // parts of draw_ms: panels, picture upload
    int vertices = 0;                                  // ImGui vertices drawn last frame
    int missing_glyphs = 0;                            // characters drawn as the missing-glyph box
    float fps = 0;                                     // smoothed
    float epochs_per_frame = 0;                        // smoothed, while playing
};

// The URL is compared with the experiment at most this often (milliseconds): edits reach the
// address bar within a quarter second, yet a busy frame loop never re-encodes the link each frame.
constexpr double kLinkCheckIntervalMs = 250.0;

enum class CopyStatus { None, Pending, Copied, Failed };

// Share links (README "Share links"). The URL fragment mirrors the config only; the copied
// link may also carry the trained weights.
struct LinkState {
    std::vector<ConfigIssue> issues;  // of the last link opened, in order (shown in a banner)
    bool show_issues = false;         // the banner is up until the user dismisses it
    bool tf_playground = false;       // the last link opened was a TF Playground link
    bool include_weights = false;     // "Include trained weights" in the copied link
    std::string written;              // the fragment the URL holds (without '#')
    double next_check_ms = 0.0;       // the URL is compared again at or after this time
    std::string copied;               // the link last copied, shown read-only to copy by hand
    CopyStatus copy = CopyStatus::None;
    ExperimentConfig copied_config;   // the experiment it was copied from: a change ends the note
};

// What the page offers for share links: registered by js_api.cpp on the web; all null in the
// native app, which has no URL (it opens links with --command '{"cmd":"open_link",...}').
struct LinkPlatform {
    bool (*take_hash_change)() = nullptr;                 // true once after each `hashchange`
    std::string (*read_hash)() = nullptr;                 // location.hash, '#' included
    void (*write_hash)(const std::string& text) = nullptr;  // history.replaceState: no new entry
    void (*copy)(const std::string& text) = nullptr;      // starts a clipboard write
    CopyStatus (*copy_status)() = nullptr;                // that write's result so far
    std::string (*page_address)() = nullptr;              // the page's URL without its fragment
    // The language to start in: the one the user last chose here, else the browser's ("ko-KR").
    std::string (*preferred_language)() = nullptr;
    void (*store_language)(const std::string& code) = nullptr;  // remembered for the next visit
    // A small value kept for the next visit (localStorage): the lessons' progress.
    std::string (*read_store)(const char* key) = nullptr;
    void (*write_store)(const char* key, const std::string& value) = nullptr;
    // Starts fetching a file beside the page (MNIST's mnist.bin); the page answers through
    // app_file_arrived or app_file_failed. Null natively (the program reads the file at start).
    void (*fetch_file)(const char* name) = nullptr;
    // Opens the browser's file picker for a CSV file; the page answers through app_file_dropped.
    // Null natively (files come by drag-and-drop or as an argument).
    void (*choose_file)() = nullptr;
    // The text of the page's last paste (ImGui's Ctrl+V on the web; null natively, where GLFW
    // reads the system clipboard).
    const char* (*clipboard_text)() = nullptr;
    // Hands a file to the browser as a download (a Blob link); false if it could not. Null
    // natively, where the app writes the file into the working folder.
    bool (*save_file)(const char* name, const std::string& bytes, const char* mime) = nullptr;
    // Starts listening for dropped files and pastes (once the page's body exists).
    void (*listen_files)() = nullptr;
};
LinkPlatform& link_platform();

// One training run: its config (the base config with the run's race value), its session, and
// its pictures. A single experiment is a list of one run; a race (race.hpp) is 2 to 8; an
// ensemble's members are its runs (2 to 15), their sessions shared with its EnsembleRun.
struct Run {
    ExperimentConfig config;
    std::shared_ptr<Session> session;
    std::string name;                 // the race's name of the run; empty without a race
    GridPictures grid;                // its network over the plane
    PictureInfo output;               // its decision map in the frame's atlas
    float learned_threshold = 0.0f;   // one-input data: where the class changes (NaN: nowhere)
    bool dirty = true;                // the network changed since `grid` was computed
    bool frozen = false;              // a boosted learner once added: it trains no more
    // The coach's notes on this run (coach.hpp), and the epoch they were taken at (-1: never).
    std::vector<CoachNote> coach;
    std::int64_t coach_epoch = -1;
};

// The colour of run `i` in maps, charts and legends.
Rgb run_color(int i);

struct AppState {
    ExperimentConfig config;               // what the widgets show and edit: the base and its race
    std::vector<Run> runs;                 // built from config; never empty after app_init
    int selected = 0;                      // the run the network and output panels show and edit
    int map_cursor = 0;                    // the last other run whose map was recomputed
    bool playing = false;
    int speed = 1;                         // epochs per frame asked for (one of kSpeedChoices)
    StepBudget budget;
    FrameStats stats;
    long long frames = 0;

    // The frame's pictures: every picture of the selected run, then each run's decision map.
    PictureSet pictures;
    bool pictures_dirty = true;            // some run's network changed: rebuild `pictures`
    float value_scale = 1.0f;              // largest |target| (regression colours)
    // An image set's view (the input on show, the pad, the confusion matrix), in place of the
    // pictures over the plane, which image data has none of.
    ImageView images;
    // Data fetched on demand (MNIST): until it arrives the set has no rows and the output panel
    // says why.
    struct DataFetch {
        bool requested = false;
        bool failed = false;
        std::string error;
        double requested_ms = 0, arrived_ms = 0;  // page time (0 where the platform has none)
        std::size_t bytes = 0;
    } fetch;

    // Display state shared by the panels.
    bool log_scale = false;
    int hover_layer = -1, hover_unit = -1;  // neuron shown in the big view (-1: the output)
    // Where the output panel drew the prediction over the plane last frame, in display pixels,
    // for the accessor (state_json's "output_view"); w = 0 when the big view shows anything else.
    struct ViewRect {
        float x = 0, y = 0, w = 0, h = 0;
    } output_view;
    // Where the main controls were drawn last frame, in CSS pixels (display pixels over the UI
    // scale), by name ("play", "copy_link", "data_spiral", ...): state_json's "ui", so tests click where a
    // person would, at any window size.
    struct UiRect {
        std::string name;
        float x = 0, y = 0, w = 0, h = 0;
    };
    std::vector<UiRect> ui;
    LessonState lesson;        // the lesson being followed, and the steps met so far
    CsvInput csv;              // the user's CSV data: the box, its table, the chosen columns
    SurfaceView surface;       // the optimizers on a loss surface (a view over the page)
    LandscapeView landscape;   // the selected run's loss landscape (a view over the page)
    BackpropView backprop;     // backpropagation step by step on one sample (a view over the page)
    std::uint64_t built = 0;   // counts rebuilds of the runs: a view's job knows its runs are gone
    std::string export_note;   // what the last Save did ("Saved nnp-model.json")
    std::size_t export_bytes = 0;
    bool save_screen = false;  // the platform saves the page's picture after this frame
    // Clicking the map adds points (of class `label`, or of `value` for a value set).
    struct PointEdit {
        bool on = false;
        int label = 1;
        float value = 0.5f;
    } points;
    // Data of more than two inputs is mapped over two of its columns (the others held at their
    // training means): which two.
    int map_x = 0, map_y = 1;
    bool ever_played = false;  // training was started at least once (the first-visit hint goes)
    bool stacked = false;  // the panels were stacked on a scrolling page (a narrow window)

    LinkState link;
    // The ensemble of config.ensemble (its members are `runs`), or none.
    EnsembleView ensemble;

    // The compare view's fields while the user edits them (the race itself is config.race).
    struct CompareEdit {
        int choice = 0;        // index into race_choices()
        std::string values;    // comma-separated
        std::vector<std::string> problems;  // what validation said of the last race started
    } compare;

    Run& run() { return runs[std::size_t(selected)]; }
    const Run& run() const { return runs[std::size_t(selected)]; }
    Session& session() { return *run().session; }
    const Session& session() const { return *run().session; }
    // Several runs on show: a race's or an ensemble's members.
    bool racing() const { return runs.size() > 1; }
    bool race() const { return racing() && !ensemble; }
    // Run i's session, or null when there is no run i (a view that kept an index over a rebuild).
    const Session* session_of(int i) const {
        return i >= 0 && std::size_t(i) < runs.size() ? runs[std::size_t(i)].session.get() : nullptr;
    }
};

// The run with the lowest watched loss (validation, else training) among the runs still
// finite; -1 without a race.
int leader(const AppState& app);
// Makes run `i` the one the network and output panels show (ignored when out of range).
void app_select_run(AppState& app, int i);

// The config the panels show and edit: the selected run's, with the race (app.config alone when
// there is one run).
ExperimentConfig shown_config(const AppState& app);
// Folds an edit of shown_config(app) back into a base config for apply_config: in a race, a
// change of the setting the race varies (or of one of the selected run's own settings) becomes
// that run's value; any other change goes to the base, so to every run.
ExperimentConfig fold_edit(const AppState& app, const ExperimentConfig& edited);

enum class ConfigChange { None, Live, Reinit, Rebuild };

// Builds the runs from `cfg` (validated): one, or a race's.
void app_init(AppState& app, const ExperimentConfig& cfg);

// Makes `next` (validated first) the config: live hyperparameters go to every running session,
// a new seed only re-draws the weights, anything else (a new race too) rebuilds the runs once.
// Returns what was done. Training keeps running unless the runs were rebuilt.
ConfigChange apply_config(AppState& app, ExperimentConfig next);

// When the dataset changes, the fields at their default follow it (fields.hpp's follow_defaults):
// the task's output and loss (sigmoid + binary cross-entropy, softmax + categorical
// cross-entropy, linear + squared error), the data set's normalisation and features; a choice
// the new task cannot use goes back to the task's default; only x1 features for one-input data.
void adapt_to_dataset(ExperimentConfig& cfg, const DatasetSpec& previous);
void adapt_to_dataset(ExperimentConfig& cfg, DatasetKind previous);

// Play, pause, reset and step act on every run.
void app_play(AppState& app, bool playing);
// New initial weights (the next seed), same data; training pauses.
void app_reset(AppState& app);
// One epoch now for every run still training (pauses).
void app_step(AppState& app);
// Sets one weight of the selected run's dense layer `layer` (from input i to unit o) and
// re-evaluates.
void app_set_weight(AppState& app, int layer, int i, int o, float value);

// Runs training for one frame within the budget: every run advances by the same number of
// steps (a fair race), batch by batch in turn; a stopped run stops alone. `now_ms` is a clock
// in milliseconds.
void train_frame(AppState& app, const std::function<double()>& now_ms);

// Recomputes the pictures of the runs whose network changed since the last call.
void update_pictures(AppState& app);

// The data the experiment needs but does not have yet (MNIST's images before mnist.bin was
// read): asks the platform to fetch it, once. True while something is missing.
bool request_missing_data(AppState& app, double now_ms = 0);
// The page's answer: the file's bytes (the runs are rebuilt on them), or why it failed.
void app_file_arrived(AppState& app, std::string_view name, std::span<const unsigned char> bytes, double now_ms = 0);
void app_file_failed(AppState& app, std::string_view name, std::string_view reason);

// Number of units of hidden layer `layer` dropped for the first example of the last training
// step (0 when dropout was not applied), and whether unit j was dropped.
int dropped_count(const Session& s, int layer);
bool unit_dropped(const Session& s, int layer, int j);

// ---- share links ----

// Opens a share link (a whole URL, a fragment with or without '#', bare pairs, or a TF Playground
// link): the experiment is rebuilt from it even when the config is unchanged, so a link always
// gives the same data, initial weights and trajectory; its weights are applied if it carries
// them; training pauses; its issues are kept for the banner. The URL then counts as written.
void app_open_link(AppState& app, std::string_view text);
// Removes the keys the app reads itself from a link's text (lang=ko|en: the page's language,
// not part of the experiment) and returns the language it asked for, if any; an unknown value
// goes to `*unknown` (when given), so the link's banner can name it.
std::optional<Language> take_language(std::string& link, std::string* unknown = nullptr);
// Removes every `key=value` pair from a link's text (the app's own keys, not the experiment's)
// and returns the last value, if any.
std::optional<std::string> take_key(std::string& link, std::string_view key);
// Switches the language and remembers it for the next visit where the page can.
void app_set_language(Language lang);
// Words the runs' names again in the current language (after a switch).
void app_name_runs(AppState& app);
// Removes lesson=ID and step=N from a link's text; the lesson's index and 0-based step, if any
// (an unknown lesson goes to `*unknown`).
struct LessonKey {
    int lesson = -1, step = 0;
};
std::optional<LessonKey> take_lesson(std::string& link, std::string* unknown = nullptr);
// Follows lesson `lesson` (index into lessons()) from step `step`, opening that step's link;
// -1 closes the lesson.
void app_open_lesson(AppState& app, int lesson, int step);
// Checks the current step's goal (each frame): a goal met is marked and remembered.
void lesson_update(AppState& app);
// Renews the selected run's coach notes every 10 epochs (a forward pass over the training rows).
void coach_update(AppState& app);
// A coach note in words (the active language), and the lesson and step (0-based) that explain it.
std::string describe_note(const CoachNote& n);
LessonKey lesson_for_note(const CoachNote& n);

// True when the current network is small enough for its weights to travel in a link.
bool link_can_carry_weights(const AppState& app);
// The link text of the current experiment (no '#'), with the current weights when
// `with_weights` and link_can_carry_weights allow.
std::string app_link_text(const AppState& app, bool with_weights);
// What "Copy link" copies: the config, plus the weights if the user ticked that option.
std::string app_share_link(const AppState& app);

// The throttled URL mirror, called every frame: returns the text to write into the URL now
// (history.replaceState), or an empty string. Compares at most every kLinkCheckIntervalMs, never
// while `editing` (a slider held down) and only writes text that differs from the last written.
std::string link_to_write(AppState& app, double now_ms, bool editing);

}  // namespace nnp::app
