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

#include <optional>
#include <span>
#include <string>
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
    std::optional<Language> language;  // switch the UI to this language
    std::optional<LessonKey> open_lesson;  // follow this lesson step (lesson -1: close it)
    WeightEdit weight;
    // A point clicked on the map (add, or remove the nearest), or the points cleared.
    struct PointClick {
        bool set = false, remove = false;
        float x = 0.0f, y = 0.0f;
    } point;
    bool clear_points = false;
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
    // Output panel: the copied link's box took the keyboard (a failed copy); chart buffers.
    bool link_box_focused = false;
    // The panels' own heights last frame (the layout of the next one), and whether a drag that
    // started on the page's background scrolls it (touch screens have no wheel).
    PanelHeights heights;
    bool page_drag = false;
    bool lesson_picker_open = false;  // the Lessons button asked for the picker
    std::vector<ChartPoint> chart_points[kMaxRaceRuns > 3 ? kMaxRaceRuns : 3];
    std::vector<ImVec2> chart_screen;
    int image_hover = -1;  // the image view's pixel under the mouse this frame (-1: none)
};

struct PanelContext {
    AppState& app;
    HeatmapRenderer& heat;
    UiRequests& req;
    PanelState& state;
    float scale = 1.0f;  // UI scale (1 at 96 dpi)
    bool stacked = false;  // the panels lie one under the other on a scrolling page
};

// A panel at `r`: a fixed window (no move or resize) side by side, a child of the page when
// stacked (r then in page coordinates, the width the page's). Returns whether it is open for
// drawing; end_panel closes it either way and stores its content's height in `*height`.
bool begin_panel(PanelContext& c, const char* title, const Rect& r, bool title_bar = true);
void end_panel(PanelContext& c, float* height = nullptr);
// The stacked layout's scrolling page around the panels; the end scrolls it by dragging.
void begin_page(PanelContext& c, const WindowLayout& l);
void end_page(PanelContext& c);
// Records the last item's rectangle as the main control `name` for the accessor's "ui".
void note_ui(PanelContext& c, std::string name);
// The same for a drawn shape that is not an item: display pixels `a` (top left) to `b`.
void note_ui(PanelContext& c, std::string name, ImVec2 a, ImVec2 b);

// The training bar: transport (play, step, reset, epoch, speed) and, side by side, every
// training setting after it on wrapping rows (`with_settings`; stacked, they have their own panel).
void panel_training(PanelContext& c, const Rect& r, bool with_settings);
void panel_settings(PanelContext& c, const Rect& r);
void panel_data(PanelContext& c, const Rect& r);
// The user's CSV data in the data panel: the box, the columns to choose, the problems (panel_csv.cpp).
void csv_section(PanelContext& c, ExperimentConfig& next, float width);
void panel_network(PanelContext& c, const Rect& r);
void panel_output(PanelContext& c, const Rect& r);
// The divergence / early-stopping banner over the bottom of `r` (nothing while training runs).
void stop_banner(PanelContext& c, const Rect& r);
// The issues of the link that was opened, until dismissed, at the bottom of the display.
void link_banner(PanelContext& c);

// The ensemble's parts of the output panel (panel_ensemble.cpp), for two-input data over the
// map mn..mx (or mn and a side).
void draw_rows(ImDrawList* dl, const Dataset& d, std::span<const int> rows, ImVec2 mn, ImVec2 mx, float half);
void ensemble_summary(PanelContext& c, float width);
void draw_weighted_points(ImDrawList* dl, const Dataset& d, const ExperimentConfig& cfg, std::span<const float> w,
                          ImVec2 mn, ImVec2 mx, float scale);
void pick_click(PanelContext& c, const Dataset& d, ImVec2 mn, float side);
void vote_box(PanelContext& c, ImVec2 mn, float side);
// The lessons: the picker (opened from the training bar) and the card of the lesson being
// followed (its step's text, goal and whether it is met, hint, back and next), `width` wide.
void lesson_picker(PanelContext& c);
// The optimizers on a loss surface, over the page while open (panel_surface.cpp).
void surface_window(PanelContext& c);
// The selected run's loss landscape, over the page while app.landscape.open.
void landscape_window(PanelContext& c);
// Backpropagation step by step on one sample, over the page while app.backprop.open.
void backprop_window(PanelContext& c);
void lesson_card(PanelContext& c, float width);

// An image set's output view (panel_images.cpp): the input on show or the drawing pad, its class
// probabilities, the input as a row of numbers, the confusion matrix and the misclassified images.
void image_output(PanelContext& c, float width);
void image_results(PanelContext& c, float width);  // the confusion matrix and the gallery
// Draws a w x h image of `values` (element i at values[i * stride]) into [mn, mx]: grey ink on
// paper from lo to hi, or the diverging map over [lo, hi] (weights).
enum class ValueStyle { Ink, Diverging };
void draw_values(ImDrawList* dl, ImVec2 mn, ImVec2 mx, const float* values, int w, int h, int stride,
                 ValueStyle style, float lo, float hi);


}  // namespace nnp::app
