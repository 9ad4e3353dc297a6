// The app's state without any drawing: the experiment config the widgets edit, the training
// session built from it, play/pause and speed, the adaptive frame budget, the pictures of the
// current network, and what the mouse points at. The operations here are what the panels, the
// keyboard and the JavaScript accessor call, so they are tested without a window.
#pragma once

#include "config.hpp"
#include "pictures.hpp"
#include "session.hpp"
#include "step_budget.hpp"

#include <functional>
#include <memory>

namespace nnp::app {

constexpr int kGridSize = 64;        // texels per side of every 2-D picture
constexpr int kStripSize = 256;      // texels of the 1-D (oyster) strip
constexpr int kUiMaxHiddenLayers = 8;
constexpr int kUiMaxNeurons = 16;
constexpr int kSpeedChoices[] = {1, 2, 5, 10, 20, 50, 100, 1000};

struct FrameStats {
    float train_ms = 0, pictures_ms = 0, draw_ms = 0;  // this frame
    float ui_ms = 0, heatmap_ms = 0;                   // parts of draw_ms: panels, heatmap pass
    int vertices = 0;                                  // ImGui vertices drawn last frame
    float fps = 0;                                     // smoothed
    float epochs_per_frame = 0;                        // smoothed, while playing
};

struct AppState {
    ExperimentConfig config;               // what the widgets show and edit
    std::unique_ptr<Session> session;      // built from config
    bool playing = false;
    int speed = 1;                         // epochs per frame asked for (one of kSpeedChoices)
    StepBudget budget;
    FrameStats stats;
    long long frames = 0;

    GridPictures grid;
    PictureSet pictures;
    bool pictures_dirty = true;
    float value_scale = 1.0f;              // largest |target| (regression colours)

    // Display state shared by the panels.
    bool log_scale = false;
    int hover_layer = -1, hover_unit = -1;  // neuron shown in the big view (-1: the output)
};

enum class ConfigChange { None, Live, Reinit, Rebuild };

// Builds the session from `cfg` (validated).
void app_init(AppState& app, const ExperimentConfig& cfg);

// Makes `next` (validated first) the config: live hyperparameters go to the running session,
// a new seed only re-draws the weights, anything else rebuilds the session once. Returns what
// was done. Training keeps running unless the session was rebuilt.
ConfigChange apply_config(AppState& app, ExperimentConfig next);

// When the dataset changes, pick the output, loss and features that fit its task (sigmoid +
// binary cross-entropy, softmax + categorical cross-entropy, linear + squared error; only x1
// features for the one-input oyster set).
void adapt_to_dataset(ExperimentConfig& cfg, DatasetKind previous);

void app_play(AppState& app, bool playing);
// New initial weights (the next seed), same data; training pauses.
void app_reset(AppState& app);
// One epoch now (pauses).
void app_step(AppState& app);
// Sets one weight of dense layer `layer` (from input i to unit o) and re-evaluates.
void app_set_weight(AppState& app, int layer, int i, int o, float value);

// Runs training for one frame within the budget. `now_ms` is a clock in milliseconds.
void train_frame(AppState& app, const std::function<double()>& now_ms);

// Recomputes the pictures if the network changed since the last call.
void update_pictures(AppState& app);

// Number of units of hidden layer `layer` dropped for the first example of the last training
// step (0 when dropout was not applied), and whether unit j was dropped.
int dropped_count(const Session& s, int layer);
bool unit_dropped(const Session& s, int layer, int j);

}  // namespace nnp::app
