// The optimizers on a loss surface (see surface_view.hpp).
#include "surface_view.hpp"

#include "app_state.hpp"
#include "contours.hpp"
#include "strings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnp::app {

void surface_select(SurfaceView& v, SurfaceKind kind) {
    const SurfaceInfo& info = surface_info(kind);
    v.kind = kind;
    v.start = info.start;
    v.rate = info.learning_rate;
    v.rates.fill(info.learning_rate);
    v.steps = 0;
    v.grid_ready = false;
    v.paths.clear();
}

void surface_set_start(SurfaceView& v, SurfacePoint start) {
    const Domain& d = surface_info(v.kind).domain;
    v.start = {std::clamp(std::isfinite(start.x) ? start.x : 0.0, double(d.x_min), double(d.x_max)),
               std::clamp(std::isfinite(start.y) ? start.y : 0.0, double(d.y_min), double(d.y_max))};
    v.steps = 0;
    v.paths.clear();
}

void surface_advance(SurfaceView& v, int n) { v.steps = std::clamp(v.steps + std::max(n, 0), 0, kMaxViewSteps); }

void surface_reset(SurfaceView& v) {
    v.steps = 0;
    v.playing = false;
    v.paths.clear();
}

void surface_update(SurfaceView& v, const OptimizerParams& base) {
    v.paths.resize(kOptimizerCount);
    const auto& kinds = enum_table<OptimizerKind>();
    for (int i = 0; i < kOptimizerCount && i < int(kinds.size()); ++i) {
        OptimizerParams p = base;
        p.kind = kinds[std::size_t(i)].value;
        p.learning_rate = v.shared_rate ? v.rate : v.rates[std::size_t(i)];
        SurfacePath& path = v.paths[std::size_t(i)];
        // The same walk (settings, start) goes on from where it stands; anything else starts over.
        const int taken = int(path.points.size()) - 1;
        const bool same = path.optimizer == p && path.kind == v.kind && !path.points.empty() &&
                          path.points.front().x == double(float(v.start.x)) &&
                          path.points.front().y == double(float(v.start.y)) && taken <= v.steps;
        if (same) extend_path(path, v.steps - taken);
        else path = surface_path(v.kind, p, v.start, v.steps);
    }
}

void surface_picture(SurfaceView& v) {
    if (v.grid_ready && v.grid_kind == v.kind) return;
    const Domain& d = surface_info(v.kind).domain;
    const int n = kSurfaceGrid;
    v.grid.assign(std::size_t(n) * n, 0.0);
    const auto at = [&](int i, int j) {  // column i, row j (row 0 at the top)
        return SurfacePoint{d.x_min + (d.x_max - d.x_min) * i / (n - 1.0), d.y_max - (d.y_max - d.y_min) * j / (n - 1.0)};
    };
    double lo = INFINITY, hi = -INFINITY;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const SurfacePoint p = at(i, j);
            const double f = surface_value(v.kind, p.x, p.y);
            v.grid[std::size_t(j) * n + i] = f;
            lo = std::min(lo, f), hi = std::max(hi, f);
        }
    // Contours in grid units, then into the surface's coordinates.
    v.contours.clear();
    for (const double level : log_levels(lo, hi, kSurfaceContours)) contour_segments(v.grid, n, level, v.contours);
    const double sx = (d.x_max - d.x_min) / (n - 1.0), sy = (d.y_max - d.y_min) / (n - 1.0);
    for (auto& s : v.contours) s = {d.x_min + s[0] * sx, d.y_max - s[1] * sy, d.x_min + s[2] * sx, d.y_max - s[3] * sy};
    v.grid_kind = v.kind;
    v.grid_ready = true;
}

void surface_frame(SurfaceView& v, const OptimizerParams& base, int steps) {
    if (!v.open) return;
    if (v.playing) surface_advance(v, steps);
    if (v.steps >= kMaxViewSteps) v.playing = false;
    surface_update(v, base);
    surface_picture(v);
}

std::optional<SurfaceView> take_surface_view(std::string& link, std::vector<std::string>& problems) {
    const auto view = take_key(link, "view");
    const auto fn = take_key(link, "fn");
    const auto start = take_key(link, "start");
    const auto rate = take_key(link, "slr");
    if (!view) return std::nullopt;
    char text[200];
    if (*view != "surface") {
        std::snprintf(text, sizeof text, tr(Str::SurfaceBadViewFmt), link_text::clip(*view).c_str());
        problems.push_back(text);
        return std::nullopt;
    }
    SurfaceView v;
    v.open = true;
    if (fn) {
        if (const auto kind = enum_parse<SurfaceKind>(*fn)) {
            surface_select(v, *kind);
        } else {
            std::snprintf(text, sizeof text, tr(Str::SurfaceBadFnFmt), link_text::clip(*fn).c_str());
            problems.push_back(text);
        }
    }
    surface_select(v, v.kind);
    if (start) {
        char* end = nullptr;
        const double x = std::strtod(start->c_str(), &end);
        const bool comma = *end == ',';
        const double y = comma ? std::strtod(end + 1, &end) : 0.0;
        const Domain& d = surface_info(v.kind).domain;
        if (comma && *end == '\0' && x >= d.x_min && x <= d.x_max && y >= d.y_min && y <= d.y_max) {
            surface_set_start(v, {x, y});
        } else {
            std::snprintf(text, sizeof text, tr(Str::SurfaceBadStartFmt), link_text::clip(*start).c_str(),
                          double(d.x_min), double(d.x_max), double(d.y_min), double(d.y_max));
            problems.push_back(text);
        }
    }
    if (rate) {
        char* end = nullptr;
        const double r = std::strtod(rate->c_str(), &end);
        if (*end == '\0' && r > 0.0 && r <= kMaxLearningRate) {
            v.rate = float(r);
        } else {
            std::snprintf(text, sizeof text, tr(Str::SurfaceBadRateFmt), link_text::clip(*rate).c_str(), double(kMaxLearningRate));
            problems.push_back(text);
        }
    }
    return v;
}

std::string surface_link_keys(const SurfaceView& v) {
    if (!v.open) return {};
    char text[160];
    std::snprintf(text, sizeof text, "&view=surface&fn=%s&start=%.3g,%.3g", enum_code(v.kind), v.start.x, v.start.y);
    std::string keys = text;
    if (v.shared_rate && v.rate != surface_info(v.kind).learning_rate) {
        std::snprintf(text, sizeof text, "&slr=%.3g", double(v.rate));
        keys += text;
    }
    return keys;
}

}  // namespace nnp::app
