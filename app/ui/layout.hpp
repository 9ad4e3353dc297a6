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

struct WindowLayout {
    Rect training, data, network, output;
};

// Panels for a display of width x height pixels at `scale` (1 = 96 dpi); `top_height` is the
// training bar's height. The panels tile the display without overlapping; the side columns
// shrink before the network does when the window is narrow.
WindowLayout window_layout(float width, float height, float scale, float top_height);

struct NetworkLayout {
    float node = 0;                         // side of a neuron's square picture
    std::vector<std::vector<Point>> nodes;  // [column][node] top-left corners
    std::vector<float> column_x;            // left edge of each column
};

// Columns (inputs, hidden layers, output) spread evenly over `area`, nodes stacked from the top
// with a gap of a quarter node; node side at most `max_node`, at least `min_node`.
NetworkLayout network_layout(const Rect& area, std::span<const int> counts, float max_node,
                             float min_node);

// Distance from p to the segment a-b.
float distance_to_segment(Point p, Point a, Point b);

struct Segment {
    Point a, b;
};
// Index of the segment nearest to p within `radius`, or -1.
int nearest_segment(std::span<const Segment> segments, Point p, float radius);

}  // namespace nnp::app
