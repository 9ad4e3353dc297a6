// CPU rasterisation of sprites and thumbnails (see raster.hpp).
#include "raster.hpp"

#include <algorithm>
#include <cmath>

namespace nnp::app {

float annulus_coverage(float px, float py, float cx, float cy, float inner, float outer) {
    constexpr int kSamples = 4;  // per axis, at the centres of a 4x4 sub-grid
    const float in2 = inner * inner, out2 = outer * outer;
    int hits = 0;
    for (int j = 0; j < kSamples; ++j) {
        for (int i = 0; i < kSamples; ++i) {
            const float dx = px + (float(i) + 0.5f) / kSamples - cx;
            const float dy = py + (float(j) + 0.5f) / kSamples - cy;
            const float d2 = dx * dx + dy * dy;
            hits += (d2 >= in2 && d2 <= out2) ? 1 : 0;
        }
    }
    return float(hits) / float(kSamples * kSamples);
}

int sprite_side(float outer) { return int(std::ceil(2.0f * std::max(outer, 0.0f))) + 2; }

void paint_annulus(RgbaView img, float inner, float outer) {
    const float cx = 0.5f * float(img.width), cy = 0.5f * float(img.height);
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            const float a = annulus_coverage(float(x), float(y), cx, cy, inner, outer);
            const auto alpha = std::uint32_t(std::lround(a * 255.0f));
            img.at(x, y) = (alpha << 24) | 0x00FFFFFFu;
        }
    }
}

void paint_ringed_disc(RgbaView img, std::uint32_t fill, float fill_radius, std::uint32_t ring,
                       float ring_inner, float ring_outer) {
    const float cx = 0.5f * float(img.width), cy = 0.5f * float(img.height);
    const auto channel = [](std::uint32_t c, int k) { return float((c >> (8 * k)) & 0xFFu); };
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            const float a_ring = annulus_coverage(float(x), float(y), cx, cy, ring_inner, ring_outer);
            const float a_fill = annulus_coverage(float(x), float(y), cx, cy, 0.0f, fill_radius) * (1.0f - a_ring);
            const float alpha = a_ring + a_fill;
            std::uint32_t out = 0;
            if (alpha > 0.0f) {
                for (int k = 0; k < 3; ++k) {
                    const float v = (channel(ring, k) * a_ring + channel(fill, k) * a_fill) / alpha;
                    out |= std::uint32_t(std::lround(std::clamp(v, 0.0f, 255.0f))) << (8 * k);
                }
                out |= std::uint32_t(std::lround(alpha * 255.0f)) << 24;
            }
            img.at(x, y) = out;
        }
    }
}

void paint_scatter(RgbaView img, std::span<const ScatterPoint> points, std::uint32_t background,
                   float half_side) {
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) img.at(x, y) = background;
    for (const ScatterPoint& p : points) {
        const float cx = p.x * float(img.width), cy = p.y * float(img.height);
        // Pixels whose centres fall inside the square.
        const int x0 = std::max(0, int(std::ceil(cx - half_side - 0.5f)));
        const int x1 = std::min(img.width - 1, int(std::floor(cx + half_side - 0.5f)));
        const int y0 = std::max(0, int(std::ceil(cy - half_side - 0.5f)));
        const int y1 = std::min(img.height - 1, int(std::floor(cy + half_side - 0.5f)));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) img.at(x, y) = p.color;
    }
}

std::uint32_t ink_color(float v, float lo, float hi) {
    float t = hi > lo ? (v - lo) / (hi - lo) : 0.0f;
    t = std::isfinite(t) ? std::clamp(t, 0.0f, 1.0f) : 0.0f;
    const auto g = static_cast<std::uint32_t>(std::lround(255.0f - 225.0f * t));  // ink stops at 30
    return 0xff000000u | (g << 16) | (g << 8) | g;
}

void paint_grey(RgbaView img, std::span<const float> values, int w, int h, float lo, float hi) {
    if (w <= 0 || h <= 0 || values.size() < std::size_t(w) * std::size_t(h)) return;
    for (int y = 0; y < img.height; ++y) {
        const int sy = std::min(h - 1, y * h / std::max(img.height, 1));
        for (int x = 0; x < img.width; ++x) {
            const int sx = std::min(w - 1, x * w / std::max(img.width, 1));
            img.at(x, y) = ink_color(values[std::size_t(sy * w + sx)], lo, hi);
        }
    }
}

}  // namespace nnp::app
