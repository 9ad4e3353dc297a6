// The accessor's JSON reader and writer, and the layout arithmetic: panels tile the window
// without overlapping, network columns fit their area, edges are found under the mouse.
#include "json_lite.hpp"
#include "layout.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace nnp::app;

TEST_CASE("flat JSON objects parse", "[json]") {
    auto o = parse_json_object(R"( {"cmd":"set_dropout", "layer":1, "value":0.5, "on":true, "x":null} )");
    REQUIRE(o);
    CHECK(o->string("cmd") == "set_dropout");
    CHECK(o->number("layer") == 1.0);
    CHECK(o->number("value") == 0.5);
    CHECK(o->number("on") == 1.0);
    CHECK_FALSE(o->number("cmd"));
    CHECK_FALSE(o->string("missing"));
    REQUIRE(o->find("x"));
    CHECK(o->find("x")->kind == JsonValue::Kind::Null);
    auto e = parse_json_object("{}");
    REQUIRE(e);
    CHECK(e->fields.empty());
    auto esc = parse_json_object(R"({"a":"q\"b\\c\n"})");
    REQUIRE(esc);
    CHECK(esc->string("a") == "q\"b\\c\n");
}

TEST_CASE("bad JSON gives nothing", "[json]") {
    for (const char* bad : {"", "{", "}", "[1]", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x",
                            "{\"a\":{\"b\":1}}", "{\"a\":1e999}", "{a:1}", "{\"a\":\"open}"})
        CHECK_FALSE(parse_json_object(bad));
}

TEST_CASE("JSON writing escapes and nulls non-finite numbers", "[json]") {
    std::string s;
    json_append_string(s, "a\"b\\\n");
    CHECK(s == R"("a\"b\\\n")");
    s.clear();
    json_append_number(s, std::numeric_limits<double>::quiet_NaN());
    CHECK(s == "null");
    s.clear();
    json_append_number(s, 0.25);
    CHECK(s == "0.25");
    // Round trip through the parser.
    std::string obj = "{\"k\":";
    json_append_string(obj, "tab\there");
    obj += "}";
    CHECK(parse_json_object(obj)->string("k") == "tab\there");
}

TEST_CASE("wide windows: panels tile the window without overlapping", "[layout]") {
    for (auto [w, h, s] : std::vector<std::tuple<float, float, float>>{
             {1280, 720, 1}, {2560, 1440, 2}, {1920, 1080, 1}, {1000, 700, 1}, {3000, 1800, 1.5f}}) {
        PanelHeights heights;
        heights.training = 80 * s;
        const WindowLayout l = window_layout(w, h, s, heights);
        CHECK_FALSE(l.stacked);
        const Rect all[] = {l.training, l.data, l.network, l.output};
        float area = 0;
        for (int i = 0; i < 4; ++i) {
            CHECK(all[i].w > 0);
            CHECK(all[i].h > 0);
            CHECK(all[i].x >= 0);
            CHECK(all[i].y >= 0);
            CHECK(all[i].right() <= w + 0.01f);
            CHECK(all[i].bottom() <= h + 0.01f);
            area += all[i].w * all[i].h;
            for (int j = i + 1; j < 4; ++j) CHECK_FALSE(overlaps(all[i], all[j]));
        }
        CHECK(area == Approx(w * h).epsilon(1e-4));  // no gaps either
        // Left to right: data, network, output.
        CHECK(l.data.x < l.network.x);
        CHECK(l.network.x < l.output.x);
    }
}

TEST_CASE("narrow windows: panels stack on a page that scrolls", "[layout]") {
    for (auto [w, h, s] : std::vector<std::tuple<float, float, float>>{
             {390, 844, 1}, {800, 600, 1}, {1170, 2532, 3}, {640, 480, 1.5f}}) {
        PanelHeights heights;
        heights.training = 40 * s;
        const WindowLayout l = window_layout(w, h, s, heights);
        REQUIRE(l.stacked);
        CHECK(l.page.y == Approx(l.training.bottom()));
        CHECK(l.page.bottom() == Approx(h));
        const Rect order[] = {l.settings, l.data, l.network, l.output};
        for (int i = 0; i < 4; ++i) {
            CHECK(order[i].x == 0);
            CHECK(order[i].w == w);  // the full width
            CHECK(order[i].h > 0);
            if (i > 0) CHECK(order[i].y == Approx(order[i - 1].bottom()));
        }
        CHECK(l.page_height == Approx(l.output.bottom()));
        // The panels' measured heights are used as they are.
        heights.data = 123;
        heights.output = 456;
        const WindowLayout m = window_layout(w, h, s, heights);
        CHECK(m.data.h == 123);
        CHECK(m.output.h == 456);
    }
}

TEST_CASE("at 1280 x 720 the network gets the room it needs, at 1920 the side columns grow", "[layout]") {
    PanelHeights heights;
    heights.training = 80;
    const WindowLayout l = window_layout(1280, 720, 1, heights);
    CHECK(l.network.w >= 500);
    CHECK(l.output.w >= 330);  // a 300 px heatmap plus padding
    CHECK(l.data.w >= 220);
    const WindowLayout big = window_layout(1920, 1080, 1, heights);
    CHECK(big.output.w >= 500);
    CHECK(big.network.w >= 900);
}

TEST_CASE("network layout fits the columns into the area", "[layout]") {
    const Rect area{100, 50, 600, 400};
    const std::vector<int> counts = {2, 4, 2, 1};
    const NetworkLayout n = network_layout(area, counts, 60, 10);
    REQUIRE(n.nodes.size() == 4);
    CHECK(n.node <= 60);
    for (std::size_t c = 0; c < counts.size(); ++c) {
        REQUIRE(n.nodes[c].size() == std::size_t(counts[c]));
        for (const auto& p : n.nodes[c]) {
            CHECK(p.x >= area.x - 1e-3f);
            CHECK(p.x + n.node <= area.right() + 1e-3f);
            CHECK(p.y >= area.y - 1e-3f);
            CHECK(p.y + n.node <= area.bottom() + 1e-3f);
        }
        for (std::size_t i = 1; i < n.nodes[c].size(); ++i)
            CHECK(n.nodes[c][i].y >= n.nodes[c][i - 1].y + n.node);  // no overlap in a column
        if (c > 0) CHECK(n.column_x[c] >= n.column_x[c - 1] + n.node);
    }
    // 16 neurons still fit vertically by shrinking the node.
    const std::vector<int> tall = {7, 16, 16, 1};
    const NetworkLayout t = network_layout(area, tall, 60, 10);
    CHECK(t.nodes[1].back().y + t.node <= area.bottom() + 1e-3f);
}

TEST_CASE("a layer too tall for one column becomes a grid of the largest squares that fit", "[layout]") {
    const Rect area{100, 50, 600, 500};
    const std::vector<int> counts = {1, 1, 10};  // the grid's column counts as one node here
    NetworkLayout n = network_layout(area, counts, 60, 10);
    const float band = 0.75f * (n.column_x[2] - n.column_x[1]);
    grid_column(n, area, 1, 64, band, 60);
    REQUIRE(n.nodes[1].size() == 64);
    CHECK(n.grid == 1);
    const float s = n.side[1];
    CHECK(s > 2.0f * 500.0f / 64.0f);  // far larger than 64 squares stacked in one column
    CHECK(s <= 60.0f);
    CHECK(n.side[2] == n.node);  // the other columns keep their size
    for (std::size_t i = 0; i < 64; ++i) {
        const Point p = n.nodes[1][i];
        CHECK(p.x >= n.column_x[1] - 1e-3f);
        CHECK(p.x + s <= n.column_x[1] + band + 1e-3f);
        CHECK(p.y >= area.y - 1e-3f);
        CHECK(p.y + s <= area.bottom() + 1e-3f);
        for (std::size_t k = 0; k < i; ++k) {  // no two squares overlap
            const Point q = n.nodes[1][k];
            CHECK((std::fabs(p.x - q.x) >= s - 1e-3f || std::fabs(p.y - q.y) >= s - 1e-3f));
        }
    }
    CHECK(n.grid_w <= band + 1e-3f);
    CHECK(n.nodes[1].back().y + s == Approx(n.nodes[1].front().y + n.grid_h));
    // One more grid column or row would give smaller squares: the band or the height binds.
    const int per_row = int(std::lround((n.grid_w + s / 6.0f) / (s * 7.0f / 6.0f)));
    const int rows = (64 + per_row - 1) / per_row;
    const bool width_binds = std::fabs(n.grid_w - band) < 1e-2f;
    const bool height_binds = std::fabs(n.grid_h - area.h) < 1e-2f;
    CHECK((width_binds || height_binds));
    CHECK(rows * per_row >= 64);
}

TEST_CASE("segment distance and edge picking", "[layout]") {
    CHECK(distance_to_segment({5, 3}, {0, 0}, {10, 0}) == Approx(3));
    CHECK(distance_to_segment({-4, 3}, {0, 0}, {10, 0}) == Approx(5));  // beyond an end
    CHECK(distance_to_segment({1, 1}, {0, 0}, {0, 0}) == Approx(std::sqrt(2.0f)));
    const std::vector<Segment> segs = {{{0, 0}, {10, 0}}, {{0, 5}, {10, 5}}};
    CHECK(nearest_segment(segs, {5, 1}, 3) == 0);
    CHECK(nearest_segment(segs, {5, 4}, 3) == 1);
    CHECK(nearest_segment(segs, {5, 20}, 3) == -1);
    // A click on a thick line's body picks it, even where a thin neighbour's centre is nearer.
    const std::vector<Segment> thick = {{{0, 0}, {10, 0}, 3.0f}, {{0, 4}, {10, 4}, 0.5f}};
    CHECK(nearest_segment(thick, {5, 2.5f}, 3) == 0);
    CHECK(nearest_segment(thick, {5, 3.8f}, 3) == 1);
}

TEST_CASE("the weight editor steps by a tenth of the weight's order of magnitude", "[layout]") {
    CHECK(weight_step(2.3f) == Approx(0.1f));
    CHECK(weight_step(-2.3f) == Approx(0.1f));
    CHECK(weight_step(0.04f) == Approx(0.001f));
    CHECK(weight_step(15.0f) == Approx(1.0f));
    CHECK(weight_step(0.0f) == Approx(0.001f));
    CHECK(weight_step(1e-9f) == Approx(0.001f));
    CHECK(weight_step(std::numeric_limits<float>::quiet_NaN()) == Approx(0.1f));
}
