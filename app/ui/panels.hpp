// The panels of the playground: free functions over the app state that draw one window each
// and report what the user asked for in UiRequests (an edited copy of the config, and actions).
// app_main.cpp applies the requests once per frame: live hyperparameters go to the running
// session, structural changes rebuild it once.
#pragma once

#include "app_state.hpp"
#include "chart_data.hpp"
#include "heatmap_gl.hpp"
#include "layout.hpp"
#include "race.hpp"

#include <imgui.h>

#include <vector>

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

// What the panels keep between frames (widget state and reused buffers), owned by app_main:
// no function-level statics, so every piece of state has one visible home.
struct PanelState {
    // Data panel: the sliders' values while one is dragged (applied when it is released).
    ExperimentConfig data_editing;
    bool data_dragging = false;
    // Network panel: the weight being edited, and the edges drawn last frame for picking.
    struct EdgeRef {
        int layer = 0, from = 0, to = 0;
    };
    EdgeRef popup_edge;
    float popup_value = 0.0f;
    std::vector<Segment> segments;
    std::vector<EdgeRef> segment_refs;
    // Output panel: the copied link's box takes focus on the next frame; chart buffers.
    bool focus_link_box = false;
    std::vector<ChartPoint> chart_points[kMaxRaceRuns > 3 ? kMaxRaceRuns : 3];
    std::vector<ImVec2> chart_screen;
};

struct PanelContext {
    AppState& app;
    HeatmapRenderer& heat;
    UiRequests& req;
    PanelState& state;
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
