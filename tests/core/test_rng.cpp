// Tests of the engine's RNG (core/rng.hpp): PCG32's published reference output, stream
// independence, and the statistics of uniform, below, normal and shuffle. The golden checksum of
// normal() values proves the sampling functions give the same bits natively and in WebAssembly.
#include "rng.hpp"
#include "types.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

using namespace nnp;

namespace {
double sq(double v) { return v * v; }
}  // namespace

TEST_CASE("rng: first outputs equal PCG32's reference demo (seed 42, stream 54)", "[rng]") {
    // pcg32-demo.c of the PCG reference C library: pcg32_srandom_r(&rng, 42u, 54u).
    const std::uint32_t expected[] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                      0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
    Rng rng(42, 54);
    for (std::uint32_t e : expected) CHECK(rng.next_u32() == e);
}

TEST_CASE("rng: same seed and stream repeat, other streams and seeds differ", "[rng]") {
    Rng a(7, 1), b(7, 1), other_stream(7, 2), other_seed(8, 1);
    int same_stream_diffs = 0, other_stream_equal = 0, other_seed_equal = 0;
    for (int i = 0; i < 1000; ++i) {
        const std::uint32_t va = a.next_u32();
        same_stream_diffs += va != b.next_u32();
        other_stream_equal += va == other_stream.next_u32();
        other_seed_equal += va == other_seed.next_u32();
    }
    CHECK(same_stream_diffs == 0);
    // Two independent 32-bit sequences agree by chance about 1000 / 2^32 times.
    CHECK(other_stream_equal <= 1);
    CHECK(other_seed_equal <= 1);

    // make_rng uses the stream ids, so Data and Init sequences differ for one seed.
    Rng data = make_rng(5, RngStream::Data), init = make_rng(5, RngStream::Init);
    Rng data_again(5, static_cast<std::uint64_t>(RngStream::Data));
    bool data_differs_from_init = false;
    for (int i = 0; i < 8; ++i) {
        const std::uint32_t v = data.next_u32();
        CHECK(v == data_again.next_u32());
        data_differs_from_init |= v != init.next_u32();
    }
    CHECK(data_differs_from_init);
}

TEST_CASE("rng: uniform lies in 0 to 1 (excluded) with mean 1/2 and variance 1/12", "[rng]") {
    Rng rng(123, 9);
    constexpr int n = 100000;
    double sum = 0.0, sum_sq = 0.0;
    double lo = 1.0, hi = 0.0;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform();
        lo = std::min(lo, u);
        hi = std::max(hi, u);
        sum += u;
        sum_sq += u * u;
    }
    const double mean = sum / n, var = sum_sq / n - mean * mean;
    CHECK(lo >= 0.0);
    CHECK(hi < 1.0);
    CHECK(lo < 0.001);  // the whole interval is reached
    CHECK(hi > 0.999);
    // Standard error of the mean is sqrt(1/12 / n) = 0.0009.
    CHECK(mean == Approx(0.5).margin(0.005));
    CHECK(var == Approx(1.0 / 12.0).margin(0.002));

    // uniform(lo, hi) is an affine map of uniform().
    Rng r1(3, 3), r2(3, 3);
    for (int i = 0; i < 1000; ++i) {
        const double v = r1.uniform(-6.0, 6.0);
        CHECK(v >= -6.0);
        CHECK(v < 6.0);
        CHECK(v == -6.0 + 12.0 * r2.uniform());
    }
}

TEST_CASE("rng: below(bound) stays in range and is unbiased", "[rng]") {
    Rng rng(99, 4);
    constexpr int draws = 60000;
    std::array<int, 6> counts{};
    for (int i = 0; i < draws; ++i) {
        const std::uint32_t v = rng.below(6);
        REQUIRE(v < 6u);
        ++counts[v];
    }
    // Each face 10000 expected, standard deviation about 91.
    for (int c : counts) CHECK(std::abs(c - draws / 6) < 500);

    for (int i = 0; i < 100; ++i) CHECK(rng.below(1) == 0u);

    // With bound 3e9 a plain modulo would favour [0, 2^32 - 3e9) twice: mean 1.24e9 instead of
    // 1.5e9. The rejection keeps the mean at (bound - 1) / 2 (standard error 2.7e6 here).
    constexpr std::uint32_t big = 3000000000u;
    double sum = 0.0;
    for (int i = 0; i < 100000; ++i) {
        const std::uint32_t v = rng.below(big);
        REQUIRE(v < big);
        sum += v;
    }
    CHECK(sum / 100000 == Approx(1.5e9).epsilon(0.01));
}

TEST_CASE("rng: normal has mean 0, stddev 1 and the normal's 68 % within one stddev", "[rng]") {
    Rng rng(2024, 1);
    constexpr int n = 100000;
    double sum = 0.0, sum_sq = 0.0;
    int within_one = 0, beyond_three = 0;
    for (int i = 0; i < n; ++i) {
        const double z = rng.normal();
        REQUIRE(std::isfinite(z));
        sum += z;
        sum_sq += z * z;
        within_one += std::abs(z) < 1.0;
        beyond_three += std::abs(z) > 3.0;
    }
    const double mean = sum / n, sd = std::sqrt(sum_sq / n - mean * mean);
    CHECK(mean == Approx(0.0).margin(0.015));
    CHECK(sd == Approx(1.0).margin(0.015));
    CHECK(within_one / double(n) == Approx(0.6827).margin(0.01));
    // P(|z| > 3) = 0.0027: 270 expected.
    CHECK(beyond_three > 170);
    CHECK(beyond_three < 370);

    // Box-Muller returns values in pairs: the two of a pair must be independent, so neither
    // they nor their squares correlate (standard error of each correlation about 0.0045).
    double sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0;
    double qxy = 0.0, qx = 0.0, qy = 0.0, qxx = 0.0, qyy = 0.0;
    constexpr int pairs = n / 2;
    for (int i = 0; i < pairs; ++i) {
        const double a = rng.normal(), b = rng.normal();
        sx += a, sy += b, sxx += a * a, syy += b * b, sxy += a * b;
        const double a2 = a * a, b2 = b * b;
        qx += a2, qy += b2, qxx += a2 * a2, qyy += b2 * b2, qxy += a2 * b2;
    }
    auto correlation = [](double xy, double x, double y, double xx, double yy, int count) {
        const double cov = xy / count - (x / count) * (y / count);
        return cov / std::sqrt((xx / count - sq(x / count)) * (yy / count - sq(y / count)));
    };
    CHECK(std::abs(correlation(sxy, sx, sy, sxx, syy, pairs)) < 0.02);
    CHECK(std::abs(correlation(qxy, qx, qy, qxx, qyy, pairs)) < 0.02);

    Rng shifted(2024, 1), plain(2024, 1);
    for (int i = 0; i < 100; ++i) CHECK(shifted.normal(3.0, 2.0) == 3.0 + 2.0 * plain.normal());
}

TEST_CASE("rng: shuffle is a permutation with every order equally likely", "[rng]") {
    Rng rng(11, 3);
    std::vector<int> items(100);
    for (int i = 0; i < 100; ++i) items[i] = i;
    rng.shuffle(items);
    std::vector<int> sorted = items;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 100; ++i) CHECK(sorted[i] == i);
    int fixed_points = 0;
    for (int i = 0; i < 100; ++i) fixed_points += items[i] == i;
    CHECK(fixed_points < 10);  // about 1 expected

    // The 6 orders of 3 items, 60000 shuffles: 10000 each (sd about 91). A wrong Fisher-Yates
    // (e.g. drawing j from all n positions at every step) gives three orders 11 % too often.
    std::map<std::vector<int>, int> orders;
    for (int i = 0; i < 60000; ++i) {
        std::vector<int> three = {0, 1, 2};
        rng.shuffle(three);
        ++orders[three];
    }
    CHECK(orders.size() == 6);
    for (const auto& [order, count] : orders) CHECK(std::abs(count - 10000) < 500);

    std::vector<int> empty, one = {5};
    rng.shuffle(empty);
    rng.shuffle(one);
    CHECK(empty.empty());
    CHECK(one == std::vector<int>{5});
}

TEST_CASE("rng: golden checksum of 1000 normal values (same bits in WebAssembly)", "[rng][golden]") {
    Rng rng = make_rng(42, RngStream::Data);
    std::vector<float> values(1000);
    for (float& v : values) v = static_cast<float>(rng.normal());
    // Computed once natively; the WebAssembly build must give the same bits.
    CHECK(checksum(values.data(), values.size()) == 0xc2261647aac56da8ull);
}
