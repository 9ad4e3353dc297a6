// Layout arithmetic of the playground: where the four panels go for a given window size (left to
// right like TF Playground: data, features + network, output; training controls on top), where
// each neuron of the network diagram sits, and which edge the mouse is over. All in pixels.
#pragma once

#include <span>
#include <vector>

namespace nnp::app {

struct Point {
    float x = 0, y = 0;
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(Point p) const { return p.x >= x && p.y >= y && p.x < right() && p.y < bottom(); }
};

bool overlaps(const Rect& a, const Rect& b);

// The panels' own heights as they came out in the last frame (0 = not known yet): the
// training bar's, and in the stacked layout the training settings', data and output panels'.
struct PanelHeights {
    float training = 0, settings = 0, data = 0, output = 0;
};

// Wide windows: the training bar on top, then data, network and output side by side, tiling the
// display. Narrow ones (phones, small windows) are `stacked`: a bar with the transport buttons
// on top, and below it a page that scrolls, holding the training settings, data, network and
// output panels one under the other at the full width; their rects are then in page
// coordinates (y from the page's top) and `page` is the page's place on the screen.
struct WindowLayout {
    Rect training, settings, data, network, output;
    bool stacked = false;
    Rect page;
    float page_height = 0;  // stacked: the height of everything on the page
};

// Below this width (in pixels at scale 1) the panels stack.
constexpr float kStackBelowWidth = 960.0f;

// Panels for a display of width x height pixels at `scale` (1 = 96 dpi). `heights` are the
// panels' own heights from the last frame; unknown ones are estimated. In the side-by-side
// layout the side columns grow with the window (up to a limit) and the network takes the rest.
WindowLayout window_layout(float width, float height, float scale, const PanelHeights& heights);

struct NetworkLayout {
    float node = 0;                         // side of a neuron's square picture
    std::vector<std::vector<Point>> nodes;  // [column][node] top-left corners
    std::vector<float> column_x;            // left edge of each column
    std::vector<float> side;                // [column] its nodes' side: `node`, or a grid's
    int grid = -1;                          // the column laid out as a grid (grid_column), or -1
    float grid_w = 0, grid_h = 0;           // that grid's extent from its first node
};

// Columns (inputs, hidden layers, output) spread evenly over `area`, nodes stacked from the top
// with a gap of a quarter node; node side at most `max_node`, at least `min_node`.
NetworkLayout network_layout(const Rect& area, std::span<const int> counts, float max_node,
                             float min_node);
// Lays column `column` out again as a grid of `count` squares, in a band `width` wide from the
// column's left edge and the area's height: the number of grid columns that gives the largest
// squares (at most `max_side`), a gap of a sixth of a square. For a layer too tall for one
// column, e.g. MNIST's 64 neurons as 28x28 weight pictures.
void grid_column(NetworkLayout& l, const Rect& area, int column, int count, float width, float max_side);

// Distance from p to the segment a-b.
float distance_to_segment(Point p, Point a, Point b);

struct Segment {
    Point a, b;
    float half_width = 0;  // of the line as drawn: a point on its body is at distance 0
};
// Index of the segment whose drawn body is nearest to p, within `radius` of it, or -1.
int nearest_segment(std::span<const Segment> segments, Point p, float radius);

// The weight editor's step for weight w: a tenth of its order of magnitude, at least 0.001
// (2.3 steps by 0.1, 0.04 by 0.001, 15 by 1).
float weight_step(float w);

}  // namespace nnp::app
