// Deterministic exp, log, sin and cos (see det_math.hpp): range reduction with split constants
// (Cody & Waite 1980) and Taylor series long enough for double precision on the reduced range.
// Only +, -, *, /, ldexp, frexp and rounding are used; all are exact or correctly rounded.
#include "det_math.hpp"

#include <cmath>
#include <limits>

namespace nnp::det {

namespace {
// ln 2 and pi/2 split so that k * hi is exact for the |k| we meet.
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kPio2Hi = 1.57079632673412561417e+00;
constexpr double kPio2Mid = 6.07710050630396597660e-11;  // 33 bits, so k * mid is exact too
constexpr double kPio2Lo = 2.02226624879595063154e-21;

// sum of c_i r^i by Horner, i = 0 .. n-1
double horner(const double* c, int n, double r) {
    double acc = c[n - 1];
    for (int i = n - 2; i >= 0; --i) acc = acc * r + c[i];
    return acc;
}

// sin(r), cos(r) for |r| <= pi/4 + a little.
double sin_reduced(double r) {
    static const double c[] = {1.0, -1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880,
                               -1.0 / 39916800, 1.0 / 6227020800.0, -1.0 / 1307674368000.0,
                               1.0 / 355687428096000.0};
    return r * horner(c, 9, r * r);
}
double cos_reduced(double r) {
    static const double c[] = {1.0, -1.0 / 2, 1.0 / 24, -1.0 / 720, 1.0 / 40320,
                               -1.0 / 3628800, 1.0 / 479001600, -1.0 / 87178291200.0,
                               1.0 / 20922789888000.0, -1.0 / 6402373705728000.0};
    return horner(c, 10, r * r);
}

// Reduces x to r in [-pi/4, pi/4] with x = k * pi/2 + r; returns k mod 4.
int reduce_quadrant(double x, double& r) {
    const double k = std::nearbyint(x * (2.0 / kPi));
    r = ((x - k * kPio2Hi) - k * kPio2Mid) - k * kPio2Lo;
    const long long q = static_cast<long long>(k);
    return static_cast<int>(((q % 4) + 4) % 4);
}
}  // namespace

double exp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.78) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0.0;
    const double k = std::nearbyint(x / kLn2Hi);
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= ~0.347
    static const double c[] = {1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720,
                               1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
                               1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0,
                               1.0 / 87178291200.0};
    return std::ldexp(horner(c, 15, r), static_cast<int>(k));
}

double log(double x) {
    if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172
    const double s = (m - 1.0) / (m + 1.0);
    static const double c[] = {1.0, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13,
                               1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23};
    const double log_m = 2.0 * s * horner(c, 12, s * s);
    return e * kLn2Hi + (e * kLn2Lo + log_m);
}

double sin(double x) {
    if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
    double r = 0.0;
    switch (reduce_quadrant(x, r)) {
        case 0: return sin_reduced(r);
        case 1: return cos_reduced(r);
        case 2: return -sin_reduced(r);
        default: return -cos_reduced(r);
    }
}

double cos(double x) {
    if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
    double r = 0.0;
    switch (reduce_quadrant(x, r)) {
        case 0: return cos_reduced(r);
        case 1: return -sin_reduced(r);
        case 2: return -cos_reduced(r);
        default: return sin_reduced(r);
    }
}

}  // namespace nnp::det
