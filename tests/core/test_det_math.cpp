// Tests of the deterministic elementary functions (core/det_math.hpp) against the C library:
// within a few units in the last place over wide ranges, and exact special values. The C library
// is the reference here only for accuracy; det_math exists because libm's last bit may differ
// between glibc and Emscripten's musl.
#include "det_math.hpp"
#include "rng.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

using namespace nnp;

namespace {

// Distance in units in the last place between two finite doubles of any sign: the number of
// representable doubles between them (the IEEE bit patterns, mapped to a monotonic integer line).
std::int64_t ulp_distance(double a, double b) {
    auto ordered = [](double v) {
        std::int64_t i;
        std::memcpy(&i, &v, sizeof i);
        return i < 0 ? std::numeric_limits<std::int64_t>::min() - i : i;
    };
    const std::int64_t ia = ordered(a), ib = ordered(b);
    return ia > ib ? ia - ib : ib - ia;
}

struct Worst {
    std::int64_t ulps = 0;
    double x = 0.0;  // where it happened
};

// Largest ulp error of `f` against `ref` over `count` uniform points in [lo, hi).
template <typename F, typename R>
Worst worst_ulps(F f, R ref, double lo, double hi, int count, std::uint64_t seed) {
    Rng rng(seed, 7);
    Worst worst;
    for (int i = 0; i < count; ++i) {
        const double x = rng.uniform(lo, hi);
        const std::int64_t d = ulp_distance(f(x), ref(x));
        if (d > worst.ulps) worst = {d, x};
    }
    return worst;
}

#define CHECK_ULPS(f, ref, lo, hi, count, seed)                         \
    do {                                                                \
        const Worst w_ = worst_ulps(f, ref, lo, hi, count, seed);       \
        INFO("worst " << w_.ulps << " ulp at x = " << w_.x);            \
        CHECK(w_.ulps <= kMaxUlps);                                     \
    } while (false)

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kPoints = 200000;
constexpr std::int64_t kMaxUlps = 4;

}  // namespace

TEST_CASE("det_math: ulp_distance helper counts representable doubles", "[det_math]") {
    CHECK(ulp_distance(1.0, 1.0) == 0);
    CHECK(ulp_distance(1.0, std::nextafter(1.0, 2.0)) == 1);
    CHECK(ulp_distance(-1.0, std::nextafter(-1.0, -2.0)) == 1);
    CHECK(ulp_distance(0.0, -0.0) == 0);
    CHECK(ulp_distance(std::numeric_limits<double>::denorm_min(),
                       -std::numeric_limits<double>::denorm_min()) == 2);
}

TEST_CASE("det_math: exp within a few ulp of std::exp", "[det_math]") {
    auto f = [](double x) { return det::exp(x); };
    auto ref = [](double x) { return std::exp(x); };
    CHECK_ULPS(f, ref, -1.0, 1.0, kPoints, 1);
    CHECK_ULPS(f, ref, -20.0, 20.0, kPoints, 2);
    CHECK_ULPS(f, ref, -700.0, 709.0, kPoints, 3);
    // Subnormal results: the final scaling rounds once more, so allow the same few ulp.
    CHECK_ULPS(f, ref, -745.0, -709.0, 20000, 4);
}

TEST_CASE("det_math: log within a few ulp of std::log", "[det_math]") {
    auto f = [](double x) { return det::log(x); };
    auto ref = [](double x) { return std::log(x); };
    CHECK_ULPS(f, ref, 0.5, 2.0, kPoints, 5);
    CHECK_ULPS(f, ref, 1e-6, 1.0, kPoints, 6);
    CHECK_ULPS(f, ref, 1.0, 1e6, kPoints, 7);
    // Over the whole exponent range: x = 2^e * m with e uniform.
    auto wide_f = [](double t) { return det::log(std::ldexp(1.0 + (t - std::floor(t)), int(std::floor(t)))); };
    auto wide_ref = [](double t) { return std::log(std::ldexp(1.0 + (t - std::floor(t)), int(std::floor(t)))); };
    CHECK_ULPS(wide_f, wide_ref, -1070.0, 1020.0, kPoints, 8);
    // Just around 1, where log is tiny and cancellation would show.
    CHECK_ULPS(f, ref, 1.0 - 1e-3, 1.0 + 1e-3, kPoints, 9);
}

TEST_CASE("det_math: sin and cos within a few ulp of std::sin and std::cos", "[det_math]") {
    auto s = [](double x) { return det::sin(x); };
    auto s_ref = [](double x) { return std::sin(x); };
    auto c = [](double x) { return det::cos(x); };
    auto c_ref = [](double x) { return std::cos(x); };
    // The generators use angles in [0, 2 pi] plus spiral turns up to about 4 pi.
    CHECK_ULPS(s, s_ref, -det::kPi, det::kPi, kPoints, 10);
    CHECK_ULPS(c, c_ref, -det::kPi, det::kPi, kPoints, 11);
    CHECK_ULPS(s, s_ref, -20.0, 20.0, kPoints, 12);
    CHECK_ULPS(c, c_ref, -20.0, 20.0, kPoints, 13);
    CHECK_ULPS(s, s_ref, -1000.0, 1000.0, kPoints, 14);
    CHECK_ULPS(c, c_ref, -1000.0, 1000.0, kPoints, 15);
    // Small arguments: sin x ~ x, relative accuracy must hold there too.
    CHECK_ULPS(s, s_ref, -1e-4, 1e-4, kPoints, 16);
}

TEST_CASE("det_math: sin and cos stay accurate next to their zeros", "[det_math]") {
    // Next to x = k pi the result is tiny, so any error in pi/2's split constants shows at once
    // in relative terms (a split that sums to pi/2 + 2e-21 gave thousands of ulp here).
    for (int k = -1000; k <= 1000; ++k) {
        for (double offset : {0.0, 1e-9, -3e-7}) {
            const double x = k * det::kPi + offset;
            INFO("k = " << k << ", offset = " << offset);
            CHECK(ulp_distance(det::sin(x), std::sin(x)) <= kMaxUlps);
            const double y = (k + 0.5) * det::kPi + offset;
            CHECK(ulp_distance(det::cos(y), std::cos(y)) <= kMaxUlps);
        }
    }
}

TEST_CASE("det_math: special values", "[det_math]") {
    CHECK(det::exp(0.0) == 1.0);
    CHECK(det::exp(1.0) == Approx(2.718281828459045).epsilon(1e-15));
    CHECK(det::exp(kInf) == kInf);
    CHECK(det::exp(-kInf) == 0.0);
    CHECK(det::exp(1000.0) == kInf);
    CHECK(det::exp(-1000.0) == 0.0);
    CHECK(std::isnan(det::exp(kNaN)));
    CHECK(std::isfinite(det::exp(709.78)));

    CHECK(det::log(1.0) == 0.0);
    CHECK(det::log(0.0) == -kInf);
    CHECK(det::log(kInf) == kInf);
    CHECK(std::isnan(det::log(-1.0)));
    CHECK(std::isnan(det::log(kNaN)));
    CHECK(det::log(2.0) == Approx(0.6931471805599453).epsilon(1e-15));
    CHECK(ulp_distance(det::log(std::numeric_limits<double>::denorm_min()),
                       std::log(std::numeric_limits<double>::denorm_min())) <= kMaxUlps);

    CHECK(det::sin(0.0) == 0.0);
    CHECK(det::cos(0.0) == 1.0);
    CHECK(std::isnan(det::sin(kInf)));
    CHECK(std::isnan(det::cos(-kInf)));
    CHECK(std::isnan(det::sin(kNaN)));
    CHECK(std::isnan(det::cos(kNaN)));
    CHECK(det::sin(det::kPi / 2) == 1.0);
    CHECK(det::cos(det::kPi) == -1.0);
}

TEST_CASE("det_math: identities hold (odd/even symmetry, exp-log inverse, Pythagoras)", "[det_math]") {
    Rng rng(77, 7);
    for (int i = 0; i < 10000; ++i) {
        const double x = rng.uniform(-50.0, 50.0);
        CHECK(det::sin(-x) == -det::sin(x));
        CHECK(det::cos(-x) == det::cos(x));
        const double s = det::sin(x), c = det::cos(x);
        CHECK(std::abs(s * s + c * c - 1.0) < 1e-15);
        const double y = rng.uniform(-700.0, 700.0);
        CHECK(det::log(det::exp(y)) == Approx(y).epsilon(1e-14).margin(1e-13));
    }
}
