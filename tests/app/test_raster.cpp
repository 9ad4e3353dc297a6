// Sprite and thumbnail rasterisation: a disc's and a ring's alpha add up to their areas, sit
// where the geometry says, and a scatter paints each point's colour around its position.
#include "raster.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace nnp::app;

namespace {

constexpr float kPi = 3.14159265f;

float total_alpha(const std::vector<std::uint32_t>& px) {
    float sum = 0;
    for (std::uint32_t p : px) sum += float(p >> 24) / 255.0f;
    return sum;
}

}  // namespace

TEST_CASE("annulus coverage: inside, outside and on the edge", "[raster]") {
    // Pixel (10, 10) has its centre at 10.5: the circle is centred there.
    CHECK(annulus_coverage(10, 10, 10.5f, 10.5f, 0.0f, 3.0f) == 1.0f);
    CHECK(annulus_coverage(20, 10, 10.5f, 10.5f, 0.0f, 3.0f) == 0.0f);
    // The hole of a ring is empty; the ring itself covered.
    CHECK(annulus_coverage(10, 10, 10.5f, 10.5f, 2.0f, 3.0f) == 0.0f);
    CHECK(annulus_coverage(13, 10, 10.5f, 10.5f, 2.0f, 3.5f) == 1.0f);
    // A pixel cut by the edge through its middle is half covered (a straight-ish edge at r = 50).
    CHECK(annulus_coverage(50, 0, 0.5f, 0.5f, 0.0f, 50.0f) == Approx(0.5f).margin(0.13f));
}

TEST_CASE("a painted disc and ring weigh their areas", "[raster]") {
    for (float r : {2.6f, 3.0f, 5.2f, 9.0f}) {
        const int side = sprite_side(r);
        CHECK(side >= 2.0f * r + 2.0f);
        std::vector<std::uint32_t> px(std::size_t(side * side));
        paint_annulus({px.data(), side, side, side}, 0.0f, r);
        CHECK(total_alpha(px) == Approx(kPi * r * r).epsilon(0.03));
        // A margin of at least one transparent pixel all around: quads may be drawn off the grid.
        for (int i = 0; i < side; ++i) {
            CHECK((px[std::size_t(i)] >> 24) == 0u);
            CHECK((px[std::size_t((side - 1) * side + i)] >> 24) == 0u);
        }
        // White everywhere: the vertex colour alone decides the colour.
        for (std::uint32_t p : px) REQUIRE((p & 0x00FFFFFFu) == 0x00FFFFFFu);

        const float t = 1.5f;
        std::vector<std::uint32_t> ring(std::size_t(sprite_side(r + t / 2) * sprite_side(r + t / 2)));
        const int rs = sprite_side(r + t / 2);
        paint_annulus({ring.data(), rs, rs, rs}, r - t / 2, r + t / 2);
        CHECK(total_alpha(ring) == Approx(kPi * ((r + t / 2) * (r + t / 2) - (r - t / 2) * (r - t / 2))).epsilon(0.06));
        // Symmetric: mirrored pixels have the same alpha.
        for (int y = 0; y < rs; ++y)
            for (int x = 0; x < rs; ++x)
                REQUIRE(ring[std::size_t(y * rs + x)] == ring[std::size_t((rs - 1 - y) * rs + (rs - 1 - x))]);
    }
}

TEST_CASE("a scatter paints points over the background, clipped to the image", "[raster]") {
    const int w = 20, h = 10, stride = 24;  // a sub-window of a wider buffer
    std::vector<std::uint32_t> px(std::size_t(stride * h), 0xDEADBEEFu);
    const std::uint32_t bg = 0xFFFAFAFAu, red = 0xFF0000FFu, blue = 0xFFFF0000u;
    const std::vector<ScatterPoint> pts = {{0.5f, 0.5f, red}, {0.0f, 0.0f, blue}, {0.5f, 0.5f, blue}};
    paint_scatter({px.data(), w, h, stride}, pts, bg, 1.0f);
    // The last point at the centre wins: a 2x2 square around (10, 5).
    CHECK(px[std::size_t(5 * stride + 10)] == blue);
    CHECK(px[std::size_t(4 * stride + 9)] == blue);
    CHECK(px[std::size_t(5 * stride + 8)] == bg);
    // The corner point is clipped to one pixel.
    CHECK(px[0] == blue);
    CHECK(px[1] == bg);
    CHECK(px[std::size_t(stride)] == bg);
    // Nothing outside the window is touched.
    for (int y = 0; y < h; ++y)
        for (int x = w; x < stride; ++x) REQUIRE(px[std::size_t(y * stride + x)] == 0xDEADBEEFu);
    int reds = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) reds += px[std::size_t(y * stride + x)] == red;
    CHECK(reds == 0);  // covered by the later blue point
}

TEST_CASE("a ringed disc: fill inside, ring around it, clear outside", "[raster]") {
    const std::uint32_t orange = 0xFF1E90F5u, white = 0xFFFFFFFFu;  // packed R in the low byte
    const float r = 5.2f, t = 2.0f;
    const int side = sprite_side(r + t / 2);
    std::vector<std::uint32_t> px(std::size_t(side * side));
    paint_ringed_disc({px.data(), side, side, side}, orange, r, white, r - t / 2, r + t / 2);
    const int c = side / 2;
    CHECK(px[std::size_t(c * side + c)] == orange);                      // the centre
    CHECK(px[std::size_t(c * side + c + 5)] == white);                   // on the ring, 5 px right
    CHECK(px[0] == 0u);                                                  // the corner: nothing
    // Coverage adds up to the outer disc's area: the ring is laid over the fill, not beside it.
    float alpha = 0;
    for (std::uint32_t p : px) alpha += float(p >> 24) / 255.0f;
    CHECK(alpha == Approx(kPi * (r + t / 2) * (r + t / 2)).epsilon(0.04));
    // Between ring and fill the colour lies between the two, channel by channel.
    const std::uint32_t edge = px[std::size_t(c * side + c + 3)];
    for (int k = 0; k < 3; ++k) {
        const auto ch = [&](std::uint32_t v) { return int((v >> (8 * k)) & 0xFFu); };
        CHECK(ch(edge) >= std::min(ch(orange), ch(white)));
        CHECK(ch(edge) <= std::max(ch(orange), ch(white)));
    }
}
