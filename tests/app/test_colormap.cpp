// Colour maps against their definition, written out here as numbers (not read back from the
// module): TF Playground's orange (#F59322) - near white (#E8EAEB) - blue scale, the class
// palette, linear blending towards each end, discretizing, and the class encoding the shader
// decodes.
#include "colormap.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace nnp::app;

namespace {
// The scale's definition (app/colormap.cpp): class 0 / negative, the middle, class 1 / positive.
constexpr Rgb kOrange = {0.961f, 0.576f, 0.133f};
constexpr Rgb kWhite = {0.910f, 0.918f, 0.922f};
constexpr Rgb kBlue = {0.035f, 0.435f, 0.733f};

bool near(Rgb a, Rgb b, float tol = 1e-5f) {
    return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol;
}
}  // namespace

namespace Catch {
template <>
struct StringMaker<Rgb> {
    static std::string convert(const Rgb& c) {
        return "(" + std::to_string(c.r) + ", " + std::to_string(c.g) + ", " + std::to_string(c.b) + ")";
    }
};
}  // namespace Catch

TEST_CASE("the scale's three colours are TF Playground's orange, white and our blue", "[colormap]") {
    CHECK(negative_color() == kOrange);
    CHECK(middle_color() == kWhite);
    CHECK(positive_color() == kBlue);
    // As ImGui bytes (A, B, G, R from the top): orange is F5 93 22, white E8 EA EB.
    CHECK(pack_rgba(negative_color()) == 0xFF2293F5u);
    CHECK(pack_rgba(middle_color()) == 0xFFEBEAE8u);
    CHECK(pack_rgba(positive_color()) == 0xFFBB6F09u);
}

TEST_CASE("diverging map: ends and middle", "[colormap]") {
    CHECK(diverging(-1.0f, -1.0f, 1.0f) == kOrange);
    CHECK(diverging(1.0f, -1.0f, 1.0f) == kBlue);
    CHECK(diverging(0.0f, -1.0f, 1.0f) == kWhite);
    // A [0, 1] range (sigmoid): 0.5 is undecided, 0 is class 0, 1 is class 1.
    CHECK(diverging(0.5f, 0.0f, 1.0f) == kWhite);
    CHECK(diverging(0.0f, 0.0f, 1.0f) == kOrange);
    CHECK(diverging(1.0f, 0.0f, 1.0f) == kBlue);
    // Out of range clamps.
    CHECK(diverging(7.0f, -1.0f, 1.0f) == kBlue);
    CHECK(diverging(-7.0f, -1.0f, 1.0f) == kOrange);
}

TEST_CASE("diverging map blends linearly towards each end", "[colormap]") {
    // Halfway from white to blue and to orange, each channel the mean of its two ends.
    const Rgb half_blue = {(0.910f + 0.035f) / 2, (0.918f + 0.435f) / 2, (0.922f + 0.733f) / 2};
    const Rgb half_orange = {(0.910f + 0.961f) / 2, (0.918f + 0.576f) / 2, (0.922f + 0.133f) / 2};
    CHECK(near(diverging(0.5f, -1.0f, 1.0f), half_blue));
    CHECK(near(diverging(-0.5f, -1.0f, 1.0f), half_orange));
    CHECK(near(diverging(0.75f, 0.0f, 1.0f), half_blue));    // sigmoid range
    CHECK(near(diverging(0.25f, 0.0f, 1.0f), half_orange));
    CHECK(near(diverging(3.0f, -4.0f, 4.0f), {0.910f + 0.75f * (0.035f - 0.910f),
                                              0.918f + 0.75f * (0.435f - 0.918f),
                                              0.922f + 0.75f * (0.733f - 0.922f)}));
    // Towards hi the blue channel falls from white's 0.922 to blue's 0.733 without turning back.
    float prev_b = kWhite.b;
    for (float v = 0.1f; v <= 1.0f; v += 0.1f) {
        const Rgb c = diverging(v, -1.0f, 1.0f);
        CHECK(c.b <= prev_b);
        CHECK(c.b >= kBlue.b);
        prev_b = c.b;
    }
}

TEST_CASE("discretized diverging map has only the two end colours", "[colormap]") {
    for (float v = -2.0f; v <= 2.0f; v += 0.25f) {
        INFO("v = " << v);
        CHECK(diverging(v, -1.0f, 1.0f, true) == (v >= 0.0f ? kBlue : kOrange));
    }
    CHECK(diverging(0.49f, 0.0f, 1.0f, true) == kOrange);
    CHECK(diverging(0.51f, 0.0f, 1.0f, true) == kBlue);
}

TEST_CASE("the class palette, in order", "[colormap]") {
    const Rgb palette[kMaxClassColors] = {
        kOrange, kBlue, {0.180f, 0.650f, 0.290f}, {0.820f, 0.200f, 0.360f},
        {0.550f, 0.350f, 0.750f}, {0.150f, 0.700f, 0.750f}, {0.600f, 0.450f, 0.200f},
        {0.450f, 0.450f, 0.450f}, {0.900f, 0.470f, 0.760f}, {0.560f, 0.620f, 0.100f}};
    for (int k = 0; k < kMaxClassColors; ++k) {
        INFO("class " << k);
        CHECK(class_color(k) == palette[k]);
        for (int j = k + 1; j < kMaxClassColors; ++j) CHECK_FALSE(class_color(k) == class_color(j));
    }
    CHECK(class_color(kMaxClassColors) == kOrange);  // wraps around
    CHECK(class_color(-1) == palette[kMaxClassColors - 1]);
}

TEST_CASE("class encoding: the class index plus the confidence", "[colormap]") {
    CHECK(encode_class(3, 0.25f) == 3.25f);
    CHECK(encode_class(0, 0.0f) == 0.0f);
    CHECK(encode_class(2, 1.0f) == Approx(2.999f));  // confidence 1 must not spill into class 3
    CHECK(encode_class(9, 0.5f) == 9.5f);
    CHECK(encode_class(12, 0.5f) == 9.5f);           // clamped to the last class
    // Decoding blends white towards the class colour by the confidence.
    CHECK(near(decode_class_color(2.5f), {(0.910f + 0.180f) / 2, (0.918f + 0.650f) / 2, (0.922f + 0.290f) / 2}));
    CHECK(near(decode_class_color(1.25f), {0.910f + 0.25f * (0.035f - 0.910f),
                                           0.918f + 0.25f * (0.435f - 0.918f),
                                           0.922f + 0.25f * (0.733f - 0.922f)}));
    CHECK(decode_class_color(0.0f) == kWhite);
    CHECK(decode_class_color(1.0f) == kWhite);
    CHECK(decode_class_color(3.2f, true) == Rgb{0.820f, 0.200f, 0.360f});  // discrete: full colour
    for (int k = 0; k < kMaxClassColors; ++k) {
        INFO("class " << k);
        CHECK(near(decode_class_color(encode_class(k, 1.0f)), class_color(k), 2e-3f));
        CHECK(decode_class_color(encode_class(k, 0.0f)) == kWhite);
    }
}

TEST_CASE("pack_rgba uses ImGui's byte order", "[colormap]") {
    CHECK(pack_rgba({1.0f, 0.0f, 0.0f}) == 0xFF0000FFu);
    CHECK(pack_rgba({0.0f, 0.0f, 1.0f}, 0.0f) == 0x00FF0000u);
    CHECK(pack_rgba({0.0f, 1.0f, 0.0f}, 0.5f) == 0x8000FF00u);
}

TEST_CASE("a point in its class colour stands out on the most certain map of its own class", "[colormap]") {
    // The map's strongest colour lies between the middle and the class colour, far enough from
    // the point's fill to see the point, and still clearly that class's hue.
    for (int k = 0; k < kMaxClassColors; ++k) {
        const Rgb point = class_color(k);
        const Rgb map = picture_color(point);
        const auto dist = [](Rgb a, Rgb b) {
            return std::sqrt((a.r - b.r) * (a.r - b.r) + (a.g - b.g) * (a.g - b.g) + (a.b - b.b) * (a.b - b.b));
        };
        INFO("class " << k);
        CHECK(dist(map, point) > 0.12f);
        CHECK(dist(map, middle_color()) > 0.12f);
        CHECK(dist(map, point) < dist(middle_color(), point));
    }
}
