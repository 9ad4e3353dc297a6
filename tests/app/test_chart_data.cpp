// Chart data: min/max downsampling keeps extremes and end points within the point budget, and
// the axis mapping handles linear and log scales.
#include "chart_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace nnp;
using namespace nnp::app;

namespace {
std::vector<EpochRecord> make_records(int n, auto&& f) {
    std::vector<EpochRecord> r(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        r[std::size_t(i)].epoch = i;
        r[std::size_t(i)].train_loss = f(i);
    }
    return r;
}
}  // namespace

TEST_CASE("short series pass through unchanged", "[chart]") {
    auto recs = make_records(10, [](int i) { return float(i) * 0.5f; });
    std::vector<ChartPoint> out;
    downsample_minmax(recs, Series::TrainLoss, 100, out);
    REQUIRE(out.size() == 10);
    for (int i = 0; i < 10; ++i) {
        CHECK(out[std::size_t(i)].x == double(i));
        CHECK(out[std::size_t(i)].y == float(i) * 0.5f);
    }
}

TEST_CASE("a million epochs reduce to two points per bucket, keeping the spikes", "[chart]") {
    const int n = 1000000;
    auto recs = make_records(n, [](int i) {
        if (i == 123457) return 50.0f;   // one spike up
        if (i == 876543) return -3.0f;   // one spike down
        return 1.0f + std::sin(float(i) * 1e-4f);
    });
    std::vector<ChartPoint> out;
    const int buckets = 300;
    downsample_minmax(recs, Series::TrainLoss, buckets, out);
    CHECK(out.size() <= std::size_t(2 * buckets + 2));
    CHECK(out.size() >= std::size_t(buckets));
    CHECK(out.front().x == 0.0);
    CHECK(out.back().x == double(n - 1));
    const auto max_it = std::max_element(out.begin(), out.end(),
                                         [](auto a, auto b) { return a.y < b.y; });
    const auto min_it = std::min_element(out.begin(), out.end(),
                                         [](auto a, auto b) { return a.y < b.y; });
    CHECK(max_it->y == 50.0f);
    CHECK(max_it->x == 123457.0);
    CHECK(min_it->y == -3.0f);
    CHECK(min_it->x == 876543.0);
    for (std::size_t i = 1; i < out.size(); ++i) CHECK(out[i].x > out[i - 1].x);
}

TEST_CASE("non-finite values are skipped", "[chart]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    // Short series pass through: every finite point stays, in order, and only the others go.
    auto few = make_records(10, [&](int i) { return i == 3 ? nan : i == 6 ? inf : float(i); });
    std::vector<ChartPoint> out;
    downsample_minmax(few, Series::TrainLoss, 100, out);
    REQUIRE(out.size() == 8);
    const double kept[] = {0, 1, 2, 4, 5, 7, 8, 9};
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(out[i].x == kept[i]);
        CHECK(out[i].y == float(kept[i]));
    }

    // Long series: each of the 50 buckets of 20 epochs keeps its finite min and max, so every
    // bucket's two points are there; the NaNs at i % 7 == 3 never are.
    auto recs = make_records(1000, [&](int i) { return i % 7 == 3 ? nan : float(i); });
    downsample_minmax(recs, Series::TrainLoss, 50, out);
    REQUIRE(out.size() == 100);
    for (int b = 0; b < 50; ++b) {
        int lo = 20 * b, hi = 20 * b + 19;
        if (lo % 7 == 3) ++lo;
        if (hi % 7 == 3) --hi;
        INFO("bucket " << b);
        CHECK(out[std::size_t(2 * b)].x == double(lo));
        CHECK(out[std::size_t(2 * b + 1)].x == double(hi));
    }
    for (const auto& p : out) {
        CHECK(std::isfinite(p.y));
        CHECK(p.y == float(p.x));
    }

    // All values non-finite: nothing to draw, in both paths.
    auto none = make_records(5, [&](int) { return nan; });
    downsample_minmax(none, Series::TrainLoss, 100, out);
    CHECK(out.empty());
    auto many_none = make_records(1000, [&](int) { return nan; });
    downsample_minmax(many_none, Series::TrainLoss, 50, out);
    CHECK(out.empty());
}

TEST_CASE("series_value picks the right field", "[chart]") {
    EpochRecord r;
    r.train_loss = 1, r.test_loss = 2, r.train_accuracy = 0.3f, r.test_accuracy = 0.4f;
    CHECK(series_value(r, Series::TrainLoss) == 1.0f);
    CHECK(series_value(r, Series::TestLoss) == 2.0f);
    CHECK(series_value(r, Series::TrainAccuracy) == 0.3f);
    CHECK(series_value(r, Series::TestAccuracy) == 0.4f);
}

TEST_CASE("chart scale covers the data and maps into [0, 1]", "[chart]") {
    std::vector<ChartPoint> a = {{0, 0.7f}, {10, 0.2f}, {20, 0.05f}};
    std::vector<ChartPoint> b = {{0, 0.8f}, {20, 0.3f}};
    const ChartScale lin = chart_scale(a, b, false);
    CHECK(lin.x_min == 0.0);
    CHECK(lin.x_max == 20.0);
    CHECK(lin.y_min <= 0.05f);
    CHECK(lin.y_min >= 0.0f);  // losses are never drawn below zero
    CHECK(lin.y_max >= 0.8f);
    CHECK(chart_u(lin, 10.0) == Approx(0.5));
    CHECK(chart_v(lin, 0.8f) < 1.0f);
    CHECK(chart_v(lin, 0.8f) > chart_v(lin, 0.7f));

    const ChartScale log = chart_scale(a, b, true);
    // On a log axis, equal ratios are equal distances: 0.05 -> 0.5 equals 0.08 -> 0.8.
    const float d1 = chart_v(log, 0.5f) - chart_v(log, 0.05f);
    const float d2 = chart_v(log, 0.8f) - chart_v(log, 0.08f);
    CHECK(d1 == Approx(d2).epsilon(1e-4));
    // Values off the axis are clamped; NaN goes to the top.
    CHECK(chart_v(log, 0.0f) == 0.0f);
    CHECK(chart_v(lin, std::numeric_limits<float>::quiet_NaN()) == 1.0f);
}

TEST_CASE("empty and flat series get usable scales", "[chart]") {
    std::vector<ChartPoint> none;
    const ChartScale s = chart_scale(none, none, false);
    CHECK(s.x_max > s.x_min);
    CHECK(s.y_max > s.y_min);
    std::vector<ChartPoint> flat = {{5, 0.3f}};
    const ChartScale f = chart_scale(flat, none, true);
    CHECK(f.x_max > f.x_min);
    CHECK(f.y_max > f.y_min);
    CHECK(chart_v(f, 0.3f) > 0.0f);
    CHECK(chart_v(f, 0.3f) < 1.0f);
}
