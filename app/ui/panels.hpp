// The panels of the playground: free functions over the app state that draw one window each
// and report what the user asked for in UiRequests (an edited copy of the config, and actions).
// app_main.cpp applies the requests once per frame: live hyperparameters go to the running
// session, structural changes rebuild it once.
#pragma once

#include "app_state.hpp"
#include "heatmap_gl.hpp"
#include "layout.hpp"

namespace nnp::app {

struct WeightEdit {
    bool set = false;
    int layer = 0, from = 0, to = 0;
    float value = 0.0f;
};

struct UiRequests {
    ExperimentConfig next;  // starts as the current config; panels edit it
    bool toggle_play = false, step = false, reset = false;
    int select_run = -1;  // show this run in the network and output panels
    WeightEdit weight;
};

struct PanelContext {
    AppState& app;
    HeatmapRenderer& heat;
    UiRequests& req;
    float scale = 1.0f;  // UI scale (1 at 96 dpi)
};

// Fixed window at `r`, no move/resize; returns whether it is open for drawing.
bool begin_panel(const char* title, const Rect& r, bool title_bar = true);

void panel_training(PanelContext& c, const Rect& r);
void panel_data(PanelContext& c, const Rect& r);
void panel_network(PanelContext& c, const Rect& r);
void panel_output(PanelContext& c, const Rect& r);
// The divergence / early-stopping banner over the top of `r` (nothing while training runs).
void stop_banner(PanelContext& c, const Rect& r);

// Height of the training bar for the current font.
float training_bar_height();

}  // namespace nnp::app
