// The digits' pixels (embedded at build time from data/, see data/README.md) and the drawing
// pad's reductions (see images.hpp).
#include "images.hpp"

#include "nnp_digits_data.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace nnp {

std::span<const unsigned char, kDigitsPixels> digits_pixels(int i) {
    assert(i >= 0 && i < kDigitsImages);
    return std::span<const unsigned char, kDigitsPixels>(digits_data::kRows[i], kDigitsPixels);
}

int digits_label(int i) {
    assert(i >= 0 && i < kDigitsImages);
    return digits_data::kRows[i][kDigitsPixels];
}

namespace {

constexpr int kBitmapSide = 32;

// Squared distance from p to the segment a-b (a point when a == b).
float distance2(PadPoint p, PadPoint a, PadPoint b) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len2 = dx * dx + dy * dy;
    float t = len2 > 0.0f ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

}  // namespace

std::array<unsigned char, 32 * 32> pad_bitmap32(std::span<const PadStroke> strokes, float pen_radius) {
    std::array<unsigned char, 32 * 32> bitmap{};
    float x0 = std::numeric_limits<float>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const PadStroke& stroke : strokes)
        for (const PadPoint& p : stroke) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
            x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
            y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
        }
    if (!(x0 <= x1)) return bitmap;  // no (finite) points

    // The stroke centres fill [r, 32 - r] along the longer side, so the ink fills the bitmap.
    pen_radius = std::clamp(std::isfinite(pen_radius) ? pen_radius : kOptdigitsPenRadius, 0.5f, 8.0f);
    const float span = std::max(x1 - x0, y1 - y0);
    const float room = kBitmapSide - 2.0f * pen_radius;
    const float scale = span > 0.0f ? room / span : 0.0f;
    const float cx = 0.5f * (x0 + x1), cy = 0.5f * (y0 + y1);
    auto to_bitmap = [&](PadPoint p) {
        return PadPoint{kBitmapSide * 0.5f + (p.x - cx) * scale, kBitmapSide * 0.5f + (p.y - cy) * scale};
    };

    const float r2 = pen_radius * pen_radius;
    for (const PadStroke& stroke : strokes) {
        for (std::size_t i = 0; i < stroke.size(); ++i) {
            if (!std::isfinite(stroke[i].x) || !std::isfinite(stroke[i].y)) continue;
            const PadPoint a = to_bitmap(stroke[i]);
            const bool has_next = i + 1 < stroke.size() && std::isfinite(stroke[i + 1].x) &&
                                  std::isfinite(stroke[i + 1].y);
            const PadPoint b = has_next ? to_bitmap(stroke[i + 1]) : a;
            // Only the pixels near this segment can be within the pen's reach.
            const int px0 = std::max(0, int(std::floor(std::min(a.x, b.x) - pen_radius)));
            const int px1 = std::min(kBitmapSide - 1, int(std::ceil(std::max(a.x, b.x) + pen_radius)));
            const int py0 = std::max(0, int(std::floor(std::min(a.y, b.y) - pen_radius)));
            const int py1 = std::min(kBitmapSide - 1, int(std::ceil(std::max(a.y, b.y) + pen_radius)));
            for (int y = py0; y <= py1; ++y)
                for (int x = px0; x <= px1; ++x)
                    if (distance2({x + 0.5f, y + 0.5f}, a, b) <= r2) bitmap[y * kBitmapSide + x] = 1;
        }
    }
    return bitmap;
}

std::array<float, kDigitsPixels> block_counts(const std::array<unsigned char, 32 * 32>& bitmap) {
    std::array<float, kDigitsPixels> out{};
    for (int y = 0; y < kBitmapSide; ++y)
        for (int x = 0; x < kBitmapSide; ++x)
            out[(y / 4) * kDigitsSide + x / 4] += bitmap[y * kBitmapSide + x] ? 1.0f : 0.0f;
    return out;
}

std::array<float, kDigitsPixels> pad_to_digits(std::span<const PadStroke> strokes, float pen_radius) {
    return block_counts(pad_bitmap32(strokes, pen_radius));
}

}  // namespace nnp
