// The digits' pixels (embedded at build time from data/, see data/README.md) and the drawing
// pad's reductions (see images.hpp).
#include "images.hpp"

#include "nnp_digits_data.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
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

struct MnistStore {
    int count = 0;
    std::vector<unsigned char> labels, pixels;  // count; count x 784
};
MnistStore& mnist_store() {
    static MnistStore store;
    return store;
}

std::uint32_t read_u32(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

}  // namespace

MnistLoad load_mnist(std::span<const unsigned char> file) {
    constexpr std::size_t kHeader = 16;
    if (file.size() < kHeader || std::memcmp(file.data(), "NNPMNIST", 8) != 0) return {MnistProblem::NotMnist};
    const std::uint32_t count = read_u32(file.data() + 8), side = read_u32(file.data() + 12);
    if (side != kMnistSide || count == 0 || count > 100000) return {MnistProblem::BadHeader, count, side};
    const std::size_t need = kHeader + std::size_t(count) * (1 + kMnistPixels);
    if (file.size() != need) return {MnistProblem::BadSize, file.size(), need};
    const unsigned char* labels = file.data() + kHeader;
    for (std::uint32_t i = 0; i < count; ++i)
        if (labels[i] > 9) return {MnistProblem::BadLabel, i, labels[i]};
    MnistStore& store = mnist_store();
    store.labels.assign(labels, labels + count);
    store.pixels.assign(labels + count, labels + count + std::size_t(count) * kMnistPixels);
    store.count = int(count);
    return {};
}

int mnist_count() { return mnist_store().count; }

std::span<const unsigned char, kMnistPixels> mnist_pixels(int i) {
    assert(i >= 0 && i < mnist_count());
    return std::span<const unsigned char, kMnistPixels>(mnist_store().pixels.data() + std::size_t(i) * kMnistPixels,
                                                        kMnistPixels);
}

int mnist_label(int i) {
    assert(i >= 0 && i < mnist_count());
    return mnist_store().labels[std::size_t(i)];
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

// The strokes' finite points scaled (aspect kept) so that their bounding box's longer side spans
// [margin, side - margin], and centred in a side x side square. False without finite points.
struct Fit {
    float scale = 0.0f, cx = 0.0f, cy = 0.0f, half = 0.0f;
    PadPoint operator()(PadPoint p) const { return {half + (p.x - cx) * scale, half + (p.y - cy) * scale}; }
};
bool fit_strokes(std::span<const PadStroke> strokes, float side, float margin, Fit& fit) {
    float x0 = std::numeric_limits<float>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const PadStroke& stroke : strokes)
        for (const PadPoint& p : stroke) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
            x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
            y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
        }
    if (!(x0 <= x1)) return false;
    const float span = std::max(x1 - x0, y1 - y0);
    fit.scale = span > 0.0f ? (side - 2.0f * margin) / span : 0.0f;
    fit.cx = 0.5f * (x0 + x1), fit.cy = 0.5f * (y0 + y1), fit.half = 0.5f * side;
    return true;
}

bool finite(PadPoint p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// Calls f(a, b) for every segment of the strokes in fitted coordinates (a == b for a lone point).
template <typename F>
void for_each_segment(std::span<const PadStroke> strokes, const Fit& fit, F&& f) {
    for (const PadStroke& stroke : strokes)
        for (std::size_t i = 0; i < stroke.size(); ++i) {
            if (!finite(stroke[i])) continue;
            const PadPoint a = fit(stroke[i]);
            const bool has_next = i + 1 < stroke.size() && finite(stroke[i + 1]);
            f(a, has_next ? fit(stroke[i + 1]) : a);
        }
}

}  // namespace

std::array<unsigned char, 32 * 32> pad_bitmap32(std::span<const PadStroke> strokes, float pen_radius) {
    std::array<unsigned char, 32 * 32> bitmap{};
    // The stroke centres fill [r, 32 - r] along the longer side, so the ink fills the bitmap.
    pen_radius = std::clamp(std::isfinite(pen_radius) ? pen_radius : kOptdigitsPenRadius, 0.5f, 8.0f);
    Fit fit;
    if (!fit_strokes(strokes, kBitmapSide, pen_radius, fit)) return bitmap;  // no (finite) points
    const float r2 = pen_radius * pen_radius;
    for_each_segment(strokes, fit, [&](PadPoint a, PadPoint b) {
        // Only the pixels near this segment can be within the pen's reach.
        const int px0 = std::max(0, int(std::floor(std::min(a.x, b.x) - pen_radius)));
        const int px1 = std::min(kBitmapSide - 1, int(std::ceil(std::max(a.x, b.x) + pen_radius)));
        const int py0 = std::max(0, int(std::floor(std::min(a.y, b.y) - pen_radius)));
        const int py1 = std::min(kBitmapSide - 1, int(std::ceil(std::max(a.y, b.y) + pen_radius)));
        for (int y = py0; y <= py1; ++y)
            for (int x = px0; x <= px1; ++x)
                if (distance2({x + 0.5f, y + 0.5f}, a, b) <= r2) bitmap[y * kBitmapSide + x] = 1;
    });
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

std::array<float, kMnistPixels> pad_to_mnist(std::span<const PadStroke> strokes, float pen_radius) {
    constexpr int kBox = 20, kSamples = 4;  // the 20x20 box, 4x4 coverage samples a pixel
    std::array<float, kMnistPixels> image{};
    pen_radius = std::clamp(std::isfinite(pen_radius) ? pen_radius : kMnistPenRadius, 0.3f, 6.0f);
    Fit fit;
    if (!fit_strokes(strokes, kBox, pen_radius, fit)) return image;
    std::array<int, kBox * kBox * kSamples * kSamples> hit{};  // one flag per sample
    const float r2 = pen_radius * pen_radius;
    for_each_segment(strokes, fit, [&](PadPoint a, PadPoint b) {
        const int s0x = std::max(0, int(std::floor((std::min(a.x, b.x) - pen_radius) * kSamples)));
        const int s1x = std::min(kBox * kSamples - 1, int(std::ceil((std::max(a.x, b.x) + pen_radius) * kSamples)));
        const int s0y = std::max(0, int(std::floor((std::min(a.y, b.y) - pen_radius) * kSamples)));
        const int s1y = std::min(kBox * kSamples - 1, int(std::ceil((std::max(a.y, b.y) + pen_radius) * kSamples)));
        for (int sy = s0y; sy <= s1y; ++sy)
            for (int sx = s0x; sx <= s1x; ++sx)
                if (distance2({(sx + 0.5f) / kSamples, (sy + 0.5f) / kSamples}, a, b) <= r2)
                    hit[std::size_t(sy * kBox * kSamples + sx)] = 1;
    });
    // Coverage per box pixel, and the ink's centre of mass.
    std::array<float, kBox * kBox> box{};
    double mass = 0.0, mx = 0.0, my = 0.0;
    for (int y = 0; y < kBox; ++y)
        for (int x = 0; x < kBox; ++x) {
            int count = 0;
            for (int sy = 0; sy < kSamples; ++sy)
                for (int sx = 0; sx < kSamples; ++sx)
                    count += hit[std::size_t((y * kSamples + sy) * kBox * kSamples + x * kSamples + sx)];
            const float v = float(count) / float(kSamples * kSamples);
            box[std::size_t(y * kBox + x)] = v;
            mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
        }
    if (mass <= 0.0) return image;
    // Whole-pixel shift that brings the centre of mass (box placed at 4, 4) nearest to 14, 14.
    const int dx = int(std::lround(14.0 - (4.0 + mx / mass))), dy = int(std::lround(14.0 - (4.0 + my / mass)));
    for (int y = 0; y < kBox; ++y)
        for (int x = 0; x < kBox; ++x) {
            const int tx = x + 4 + dx, ty = y + 4 + dy;
            if (tx < 0 || ty < 0 || tx >= kMnistSide || ty >= kMnistSide) continue;
            image[std::size_t(ty * kMnistSide + tx)] = std::round(box[std::size_t(y * kBox + x)] * kMnistMaxValue);
        }
    return image;
}

}  // namespace nnp
