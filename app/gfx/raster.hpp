// CPU rasterisation of the small static images the UI bakes into its texture atlas once: the
// anti-aliased discs and rings of data points, and scatter-plot thumbnails. Drawn this way a
// data point costs two textured quads instead of the ~40 triangles of a tessellated circle, and
// a thumbnail one quad instead of 160 rectangles; software WebGL pays for every triangle.
// Pixels are 32-bit in ImGui's packing (R in the low byte, A in the top byte).
#pragma once

#include <cstdint>
#include <span>

namespace nnp::app {

// A window onto 32-bit pixels; `stride` is the distance between rows, in pixels.
struct RgbaView {
    std::uint32_t* pixels = nullptr;
    int width = 0, height = 0, stride = 0;
    std::uint32_t& at(int x, int y) const { return pixels[y * stride + x]; }
};

// The fraction of pixel (px, py) (unit square at px..px+1) lying between radii `inner` and
// `outer` of a circle centred at (cx, cy), from 4x4 samples: 0 = none, 1 = all of it.
float annulus_coverage(float px, float py, float cx, float cy, float inner, float outer);

// Side in pixels of the square image that holds a circle of radius `outer` with a pixel of
// margin around it.
int sprite_side(float outer);
// Fills `img` with white whose alpha is the coverage of an annulus (inner = 0: a disc) centred
// in the image; the vertex colour of the quad that draws it supplies the colour.
void paint_annulus(RgbaView img, float inner, float outer);

// Fills `img` with a disc of radius `fill_radius` in `fill` under a ring between `ring_inner`
// and `ring_outer` in `ring` (both packed, opaque), centred in the image: the ring is blended
// over the disc by coverage, and the colours are stored unpremultiplied.
void paint_ringed_disc(RgbaView img, std::uint32_t fill, float fill_radius, std::uint32_t ring,
                       float ring_inner, float ring_outer);

struct ScatterPoint {
    float x = 0, y = 0;       // in [0, 1], y down
    std::uint32_t color = 0;  // packed, opaque
};
// Fills `img` with `background`, then draws each point as a square of `half_side` pixels
// around its position (later points on top), clipped to the image.
void paint_scatter(RgbaView img, std::span<const ScatterPoint> points, std::uint32_t background,
                   float half_side);

// Fills `img` with a w x h grey image scaled up without smoothing (each value a block of
// pixels): `lo` white (paper), `hi` near black (ink), values clamped in between.
void paint_grey(RgbaView img, std::span<const float> values, int w, int h, float lo, float hi);

// The grey of `v` in [lo, hi] as paint_grey paints it (packed, opaque).
std::uint32_t ink_color(float v, float lo, float hi);

}  // namespace nnp::app
