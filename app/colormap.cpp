// Colour maps: see colormap.hpp. The palette follows TF Playground (orange for negative / class 0,
// blue for positive / class 1) and adds distinct hues for up to eight classes.
#include "colormap.hpp"

#include <algorithm>
#include <cmath>

namespace nnp::app {

namespace {
constexpr Rgb kClassColors[kMaxClassColors] = {
    {0.961f, 0.576f, 0.133f},  // orange (class 0, negative)
    {0.035f, 0.435f, 0.733f},  // blue (class 1, positive)
    {0.180f, 0.650f, 0.290f},  // green
    {0.820f, 0.200f, 0.360f},  // crimson
    {0.550f, 0.350f, 0.750f},  // purple
    {0.150f, 0.700f, 0.750f},  // teal
    {0.600f, 0.450f, 0.200f},  // brown
    {0.450f, 0.450f, 0.450f},  // grey
    {0.900f, 0.470f, 0.760f},  // pink
    {0.560f, 0.620f, 0.100f},  // olive
};
constexpr Rgb kMiddle = {0.910f, 0.918f, 0.922f};

float clamp01(float x) { return std::clamp(x, 0.0f, 1.0f); }
}  // namespace

Rgb negative_color() { return kClassColors[0]; }
Rgb middle_color() { return kMiddle; }
Rgb positive_color() { return kClassColors[1]; }

Rgb class_color(int k) {
    const int i = ((k % kMaxClassColors) + kMaxClassColors) % kMaxClassColors;
    return kClassColors[i];
}

Rgb picture_color(Rgb c) { return mix(middle_color(), c, kPictureStrength); }

Rgb mix(Rgb a, Rgb b, float t) {
    // a (1 - t) + b t, as GLSL's mix(): exact at both ends.
    const float u = 1.0f - t;
    return {a.r * u + b.r * t, a.g * u + b.g * t, a.b * u + b.b * t};
}

float diverging_position(float v, float lo, float hi) {
    if (!std::isfinite(v)) return 0.0f;
    const float span = std::max(hi - lo, 1e-12f);
    return std::clamp((v - lo) / span * 2.0f - 1.0f, -1.0f, 1.0f);
}

Rgb diverging(float v, float lo, float hi, bool discrete) {
    float t = diverging_position(v, lo, hi);
    if (discrete) t = t < 0.0f ? -1.0f : 1.0f;
    return t < 0.0f ? mix(kMiddle, negative_color(), -t) : mix(kMiddle, positive_color(), t);
}

float encode_class(int k, float confidence) {
    // Below 1 so that floor() gives back k; float32 has room for this up to k = 9.
    return static_cast<float>(std::clamp(k, 0, kMaxClassColors - 1)) +
           std::clamp(confidence, 0.0f, 0.999f);
}

Rgb decode_class_color(float texel, bool discrete) {
    const float k = std::floor(texel);
    const float confidence = discrete ? 1.0f : clamp01(texel - k);
    const int index = static_cast<int>(std::clamp(k, 0.0f, float(kMaxClassColors - 1)));
    return mix(kMiddle, kClassColors[index], confidence);
}

std::uint32_t pack_rgba(Rgb c, float alpha) {
    auto byte = [](float x) { return static_cast<std::uint32_t>(std::lround(clamp01(x) * 255.0f)); };
    return (byte(alpha) << 24) | (byte(c.b) << 16) | (byte(c.g) << 8) | byte(c.r);
}

}  // namespace nnp::app
