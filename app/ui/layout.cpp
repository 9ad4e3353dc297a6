// Layout arithmetic (see layout.hpp).
#include "layout.hpp"

#include <algorithm>
#include <cmath>

namespace nnp::app {

bool overlaps(const Rect& a, const Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

WindowLayout window_layout(float width, float height, float scale, const PanelHeights& heights) {
    WindowLayout l;
    width = std::max(width, 1.0f);
    height = std::max(height, 1.0f);
    scale = std::max(scale, 0.25f);
    const float row = 30.0f * scale;  // a row of controls, for estimates
    const float known_top = heights.training > 0 ? heights.training : 2.0f * row;
    const float top_height = std::clamp(known_top, 0.0f, height * 0.5f);
    l.training = {0.0f, 0.0f, width, top_height};
    if (width < kStackBelowWidth * scale) {
        l.stacked = true;
        l.page = {0.0f, top_height, width, std::max(height - top_height, 1.0f)};
        const float settings_h = heights.settings > 0 ? heights.settings : 3.0f * row;
        const float data_h = heights.data > 0 ? heights.data : 420.0f * scale;
        // The diagram scales with the width; it needs some height to show 8 neurons a layer.
        const float network_h = std::clamp(0.85f * width, 340.0f * scale, std::max(340.0f * scale, l.page.h));
        const float output_h = heights.output > 0 ? heights.output : width + 320.0f * scale;
        float y = 0.0f;
        l.settings = {0.0f, y, width, settings_h};
        y += settings_h;
        l.data = {0.0f, y, width, data_h};
        y += data_h;
        l.network = {0.0f, y, width, network_h};
        y += network_h;
        l.output = {0.0f, y, width, output_h};
        l.page_height = y + output_h;
        return l;
    }
    const float body_h = height - top_height;
    // The side columns grow with the window (240 and 350 at 1280 wide, up to 320 and 560).
    float data_w = std::clamp(0.19f * width, 240.0f * scale, 320.0f * scale);
    float output_w = std::clamp(0.29f * width, 350.0f * scale, 560.0f * scale);
    const float min_network = 300.0f * scale;
    const float side = data_w + output_w;
    if (width - side < min_network) {
        // Shrink the side columns in proportion, but keep each at least a fifth of the window.
        const float avail = std::max(width - min_network, width * 0.4f);
        data_w = std::max(width * 0.2f, avail * data_w / side);
        output_w = std::max(width * 0.2f, avail - data_w);
    }
    const float network_w = std::max(width - data_w - output_w, 0.0f);
    l.data = {0.0f, top_height, data_w, body_h};
    l.network = {data_w, top_height, network_w, body_h};
    l.output = {data_w + network_w, top_height, width - data_w - network_w, body_h};
    return l;
}

NetworkLayout network_layout(const Rect& area, std::span<const int> counts, float max_node,
                             float min_node) {
    NetworkLayout l;
    const int columns = static_cast<int>(counts.size());
    if (columns == 0) return l;
    int tallest = 1;
    for (int c : counts) tallest = std::max(tallest, c);
    // Vertically: tallest column of n nodes with n - 1 gaps of node / 4.
    const float fit_h = area.h / (float(tallest) + 0.25f * float(tallest - 1));
    // Horizontally: each column needs the node plus room for edges of at least one node.
    const float fit_w = area.w / (2.0f * float(columns));
    l.node = std::clamp(std::min(fit_h, fit_w), min_node, max_node);
    const float gap = l.node * 0.25f;
    const float step = columns > 1 ? (area.w - l.node) / float(columns - 1) : 0.0f;
    l.nodes.resize(columns);
    for (int c = 0; c < columns; ++c) {
        const float x = columns > 1 ? area.x + step * float(c) : area.x + (area.w - l.node) * 0.5f;
        l.column_x.push_back(x);
        for (int i = 0; i < counts[c]; ++i)
            l.nodes[c].push_back({x, area.y + float(i) * (l.node + gap)});
    }
    l.side.assign(std::size_t(columns), l.node);
    return l;
}

void grid_column(NetworkLayout& l, const Rect& area, int column, int count, float width, float max_side) {
    if (column < 0 || std::size_t(column) >= l.nodes.size() || count <= 0) return;
    constexpr float kGap = 1.0f / 6.0f;
    float best = 0.0f;
    int per_row = 1;
    for (int k = 1; k <= count; ++k) {
        const int rows = (count + k - 1) / k;
        const float s = std::min({width / (float(k) + kGap * float(k - 1)),
                                  area.h / (float(rows) + kGap * float(rows - 1)), max_side});
        if (s > best) best = s, per_row = k;
    }
    const float step = best * (1.0f + kGap);
    const float x = l.column_x[std::size_t(column)];
    auto& nodes = l.nodes[std::size_t(column)];
    nodes.clear();
    for (int i = 0; i < count; ++i) nodes.push_back({x + float(i % per_row) * step, area.y + float(i / per_row) * step});
    const int rows = (count + per_row - 1) / per_row;
    l.side[std::size_t(column)] = best;
    l.grid = column;
    l.grid_w = float(per_row) * step - best * kGap;
    l.grid_h = float(rows) * step - best * kGap;
}

float distance_to_segment(Point p, Point a, Point b) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len2 = dx * dx + dy * dy;
    float t = len2 > 0.0f ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const float qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y;
    return std::sqrt(qx * qx + qy * qy);
}

int nearest_segment(std::span<const Segment> segments, Point p, float radius) {
    int best = -1;
    float best_d = radius;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const float d = std::max(distance_to_segment(p, segments[i].a, segments[i].b) - segments[i].half_width, 0.0f);
        if (d <= best_d) {
            best_d = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

float weight_step(float w) {
    const float m = std::isfinite(w) ? std::max(std::fabs(w), 0.01f) : 1.0f;
    return std::max(std::pow(10.0f, std::floor(std::log10(m)) - 1.0f), 0.001f);
}

}  // namespace nnp::app
