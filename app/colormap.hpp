// Colour maps of the playground, on the CPU: the diverging map of values (TF Playground's
// orange - white - blue), one colour per class, and 8-bit packing for ImGui. The heatmap shader
// (shaders/heatmap.frag.glsl) receives these same colours as uniforms and mirrors the formulas.
#pragma once

#include <cstdint>

namespace nnp::app {

struct Rgb {
    float r = 0, g = 0, b = 0;  // each in [0, 1]
    bool operator==(const Rgb&) const = default;
};

constexpr int kMaxClassColors = 10;

Rgb negative_color();  // class 0 / negative values (orange)
Rgb middle_color();    // zero / undecided (near white)
Rgb positive_color();  // class 1 / positive values (blue)
Rgb class_color(int k);  // k in [0, kMaxClassColors); wraps around beyond

Rgb mix(Rgb a, Rgb b, float t);  // a at t = 0, b at t = 1

// The pictures' (heatmaps') strongest colour for class or sign colour `c`: partway from the
// middle colour, so the data points, drawn at full strength with a light ring, keep their class
// visible even where the map is most certain (as TF Playground draws them). The heatmap shader
// gets these as its end colours.
constexpr float kPictureStrength = 0.62f;
Rgb picture_color(Rgb c);

// Maps v in [lo, hi] to [-1, 1] (clamped; midpoint -> 0); lo < hi expected, a degenerate
// range maps everything to 0 unless v differs from lo.
float diverging_position(float v, float lo, float hi);
// lo -> negative colour, midpoint -> middle colour, hi -> positive colour. `discrete` snaps to
// the nearer end (the sign of the position; exactly the midpoint counts as positive).
Rgb diverging(float v, float lo, float hi, bool discrete = false);

// A class picture's texel: class index plus confidence in [0, 1), as the shader reads it.
float encode_class(int k, float confidence);
Rgb decode_class_color(float texel, bool discrete = false);

// ImGui's packed colour (IM_COL32 layout: A in the top byte, then B, G, R).
std::uint32_t pack_rgba(Rgb c, float alpha = 1.0f);

}  // namespace nnp::app
