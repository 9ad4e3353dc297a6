// vec_math's tanh, sigmoid and exp(-|x|) against the standard library in double over a dense
// sweep, at the extremes (0, -0, tiny, huge, +-inf, NaN, the subnormal tail of exp) and for
// every array length around the vector width, where the last values go through a padded vector.
#include "vec_math.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

double ref_tanh(double x) { return std::tanh(x); }
double ref_sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double ref_exp_neg_abs(double x) { return std::exp(-std::fabs(x)); }

// Largest relative error of f against ref over n evenly spaced points of [lo, hi]; a true
// value below float's smallest normal counts absolutely in units of that normal instead.
template <typename F, typename R>
double worst_relative_error(F f, R ref, float lo, float hi, int n) {
    std::vector<float> x(static_cast<std::size_t>(n)), y(x.size());
    for (int i = 0; i < n; ++i)
        x[static_cast<std::size_t>(i)] = lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(n - 1);
    f(x.data(), y.data(), x.size());
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double r = ref(static_cast<double>(x[i]));
        const double scale = std::max(std::fabs(r), static_cast<double>(std::numeric_limits<float>::min()));
        worst = std::max(worst, std::fabs(static_cast<double>(y[i]) - r) / scale);
    }
    return worst;
}

std::vector<float> apply(void (*f)(const float*, float*, std::size_t), std::vector<float> x) {
    std::vector<float> y(x.size());
    f(x.data(), y.data(), x.size());
    return y;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("vec_math: within a few float ulp of the true value over a dense sweep", "[vec_math]") {
    // Measured: tanh 1.8e-7, sigmoid 1.8e-7, exp(-|x|) 9.8e-8 (float's epsilon is 1.2e-7).
    CHECK(worst_relative_error(nnp::vec::tanh, ref_tanh, -20.0f, 20.0f, 400001) < 2.5e-7);
    CHECK(worst_relative_error(nnp::vec::tanh, ref_tanh, -0.01f, 0.01f, 100001) < 2.5e-7);
    CHECK(worst_relative_error(nnp::vec::sigmoid, ref_sigmoid, -100.0f, 40.0f, 400001) < 2.5e-7);
    CHECK(worst_relative_error(nnp::vec::exp_neg_abs, ref_exp_neg_abs, -87.0f, 87.0f, 400001) < 1.5e-7);
    // Into the subnormal range, where float itself has fewer digits: absolute, in smallest normals.
    CHECK(worst_relative_error(nnp::vec::exp_neg_abs, ref_exp_neg_abs, -110.0f, -87.0f, 20001) < 1e-6);
    CHECK(worst_relative_error(nnp::vec::sigmoid, ref_sigmoid, -110.0f, -87.0f, 20001) < 1e-6);
}

TEST_CASE("vec_math: zeros, tiny and huge arguments, infinities and NaN", "[vec_math]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> x = {0.0f, -0.0f, 1e-30f, -1e-30f, 1e-45f, 9.5f, -9.5f,
                                  100.0f, -100.0f, 1e30f, -1e30f, kInf, -kInf, nan};
    const auto th = apply(nnp::vec::tanh, x);
    CHECK(same_bits(th[0], 0.0f));
    CHECK(same_bits(th[1], -0.0f));  // tanh keeps the sign of zero
    CHECK(th[2] == 1e-30f);          // tanh x = x where x^3 vanishes
    CHECK(th[3] == -1e-30f);
    CHECK(th[4] == 1e-45f);
    for (std::size_t i = 5; i <= 12; ++i) CHECK(th[i] == (x[i] > 0 ? 1.0f : -1.0f));
    CHECK(std::isnan(th[13]));

    const auto sg = apply(nnp::vec::sigmoid, x);
    CHECK(sg[0] == 0.5f);
    CHECK(sg[1] == 0.5f);
    CHECK(sg[2] == 0.5f);
    CHECK(sg[7] == 1.0f);
    CHECK(sg[8] > 0.0f);  // a subnormal, good to its last place
    CHECK(sg[8] == Approx(std::exp(-100.0)).margin(1e-45));
    CHECK(sg[9] == 1.0f);
    CHECK(sg[10] == 0.0f);
    CHECK(sg[11] == 1.0f);
    CHECK(sg[12] == 0.0f);
    CHECK(std::isnan(sg[13]));

    const auto ex = apply(nnp::vec::exp_neg_abs, x);
    CHECK(ex[0] == 1.0f);
    CHECK(ex[1] == 1.0f);
    CHECK(ex[7] > 0.0f);
    CHECK(ex[7] == Approx(std::exp(-100.0)).margin(1e-45));
    CHECK(ex[8] == ex[7]);  // symmetric in x
    CHECK(ex[9] == 0.0f);
    CHECK(ex[11] == 0.0f);
    CHECK(ex[12] == 0.0f);
    CHECK(std::isnan(ex[13]));
    CHECK(ex[2] == 1.0f);
}

TEST_CASE("vec_math: a value's result does not depend on its place in the array", "[vec_math]") {
    // Lengths 1..19 cover whole vectors and every padded tail; in place must work too.
    std::vector<float> pool(19);
    for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = -4.0f + 0.43f * static_cast<float>(i);
    for (auto f : {nnp::vec::tanh, nnp::vec::sigmoid, nnp::vec::exp_neg_abs}) {
        const auto whole = apply(f, pool);
        for (std::size_t n = 1; n <= pool.size(); ++n) {
            for (std::size_t start = 0; start + n <= pool.size(); start += 5) {
                std::vector<float> part(pool.begin() + static_cast<std::ptrdiff_t>(start),
                                        pool.begin() + static_cast<std::ptrdiff_t>(start + n));
                f(part.data(), part.data(), part.size());
                for (std::size_t i = 0; i < n; ++i) {
                    CAPTURE(n, start, i);
                    CHECK(same_bits(part[i], whole[start + i]));
                }
            }
        }
    }
}
