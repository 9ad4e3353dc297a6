// Colour maps: the diverging map's ends and middle, monotonic blending, discretizing, and the
// class encoding the shader decodes.
#include "colormap.hpp"

#include <catch2/catch.hpp>

using namespace nnp::app;

TEST_CASE("diverging map: ends and middle", "[colormap]") {
    CHECK(diverging(-1.0f, -1.0f, 1.0f) == negative_color());
    CHECK(diverging(1.0f, -1.0f, 1.0f) == positive_color());
    CHECK(diverging(0.0f, -1.0f, 1.0f) == middle_color());
    // A [0, 1] range (sigmoid): 0.5 is undecided.
    CHECK(diverging(0.5f, 0.0f, 1.0f) == middle_color());
    CHECK(diverging(0.0f, 0.0f, 1.0f) == negative_color());
    // Out of range clamps.
    CHECK(diverging(7.0f, -1.0f, 1.0f) == positive_color());
    CHECK(diverging(-7.0f, -1.0f, 1.0f) == negative_color());
}

TEST_CASE("diverging map blends linearly towards each end", "[colormap]") {
    const Rgb half = diverging(0.5f, -1.0f, 1.0f);
    const Rgb m = middle_color(), p = positive_color();
    CHECK(half.r == Approx((m.r + p.r) / 2));
    CHECK(half.g == Approx((m.g + p.g) / 2));
    CHECK(half.b == Approx((m.b + p.b) / 2));
    // Moving towards hi moves every channel monotonically from middle to positive.
    float prev_b = m.b;
    for (float v = 0.1f; v <= 1.0f; v += 0.1f) {
        const Rgb c = diverging(v, -1.0f, 1.0f);
        CHECK((p.b - m.b) * (c.b - prev_b) >= 0.0f);
        prev_b = c.b;
    }
}

TEST_CASE("discretized diverging map has only the two end colours", "[colormap]") {
    for (float v = -2.0f; v <= 2.0f; v += 0.25f) {
        const Rgb c = diverging(v, -1.0f, 1.0f, true);
        CHECK((c == negative_color() || c == positive_color()));
        CHECK((c == positive_color()) == (v >= 0.0f));
    }
}

TEST_CASE("class encoding round-trips the class and confidence", "[colormap]") {
    for (int k = 0; k < kMaxClassColors; ++k) {
        CHECK(decode_class_color(encode_class(k, 1.0f), true) == class_color(k));
        CHECK(decode_class_color(encode_class(k, 0.0f)) == middle_color());
        const Rgb half = decode_class_color(encode_class(k, 0.5f));
        CHECK(half.g == Approx((middle_color().g + class_color(k).g) / 2).margin(1e-5));
    }
    // Confidence 1 must not spill into the next class.
    CHECK(encode_class(2, 1.0f) < 3.0f);
    CHECK(class_color(0) == negative_color());
    CHECK(class_color(1) == positive_color());
}

TEST_CASE("class colours are distinct", "[colormap]") {
    for (int a = 0; a < kMaxClassColors; ++a)
        for (int b = a + 1; b < kMaxClassColors; ++b) CHECK_FALSE(class_color(a) == class_color(b));
}

TEST_CASE("pack_rgba uses ImGui's byte order", "[colormap]") {
    CHECK(pack_rgba({1.0f, 0.0f, 0.0f}) == 0xFF0000FFu);
    CHECK(pack_rgba({0.0f, 0.0f, 1.0f}, 0.0f) == 0x00FF0000u);
    CHECK(pack_rgba({0.0f, 1.0f, 0.0f}, 0.5f) == 0x8000FF00u);
}
