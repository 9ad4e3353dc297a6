// The vectorised tanh, sigmoid and exp(-|x|) of vec_math.hpp. Written on explicit vectors
// rather than left to the auto-vectoriser because clang turns the clamps into wasm's f32x4.max,
// whose NaN rules V8 spends nine x86 instructions on, and float-to-int conversions into
// saturating ones that cost five: here a clamp is one pmax and rounding is float arithmetic.
#include "vec_math.hpp"

#include <cstdint>
#include <cstring>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace nnp::vec {

namespace {

// Lanes are independent, so the width changes the speed, never a result.
#if defined(__wasm_simd128__)
constexpr int kLanes = 4;  // one v128
#elif defined(__AVX512F__)
constexpr int kLanes = 16;
#else
constexpr int kLanes = 8;  // AVX; the compiler splits it where there is only SSE
#endif
typedef float VF __attribute__((vector_size(kLanes * sizeof(float))));
typedef std::int32_t VI __attribute__((vector_size(kLanes * sizeof(float))));

// Same bits, other lane type (a vector cast reinterprets, it does not convert).
VF as_float(VI v) { return (VF)v; }
VI as_int(VF v) { return (VI)v; }

// a < b ? b : a per lane: b wherever a is smaller, else a (so a NaN in a stays).
VF max_keep_a_nan(VF a, VF b) {
#ifdef __wasm_simd128__
    return __builtin_wasm_pmax_f32x4(a, b);
#else
    return a < b ? b : a;
#endif
}

constexpr std::int32_t kSignBit = INT32_MIN;

// 1.5 * 2^23: adding it to a float of magnitude below 2^22 rounds that float to the nearest
// integer (ties to even) and leaves that integer in the low mantissa bits; subtracting it back
// gives the integer as a float. So no float-to-int conversion is needed.
constexpr float kRoundMagic = 12582912.0f;
constexpr std::int32_t kRoundMagicBits = 0x4B400000;
constexpr float kLog2e = 1.44269504f;
// ln 2 in two parts: the high one has 15 significant bits, so k * kLn2Hi is exact for |k| < 512
// and r = (y - k hi) - k lo keeps the reduced argument accurate to about 1e-12.
constexpr float kLn2Hi = 0.693145752f;   // 0x3F317200
constexpr float kLn2Lo = 1.42860677e-6f;

// 2^k for integer lanes k in [-126, 127], built from the exponent bits.
VF pow2(VI k) { return as_float((k + 127) << 23); }

// Splits y <= 0 (|y| < 2^21) as y = k ln2 + r, |r| <= ln2/2 + 1e-7; returns k as integer lanes.
VI reduce_ln2(VF y, VF& r) {
    const VF shifted = y * kLog2e + kRoundMagic;
    const VF k = shifted - kRoundMagic;
    r = (y - k * kLn2Hi) - k * kLn2Lo;
    return as_int(shifted) - kRoundMagicBits;
}

// exp(y) for y <= 0 (NaN stays NaN). exp(r) on |r| <= 0.347 by Taylor to r^7: the remainder is
// below r^8 / 8! * e^0.347 = 7.5e-9 relative, a sixteenth of float's half ulp. 2^k is applied
// in two halves so that k down to -150 (results in the subnormal range) still works.
VF exp_nonpositive(VF y) {
    const VF yc = max_keep_a_nan(y, VF{} - 104.0f);  // exp(-104) rounds to 0 in float
    VF r;
    const VI k = reduce_ln2(yc, r);
    VF p = r * (1.0f / 5040.0f) + (1.0f / 720.0f);
    p = p * r + (1.0f / 120.0f);
    p = p * r + (1.0f / 24.0f);
    p = p * r + (1.0f / 6.0f);
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const VI k_half = k >> 1;  // arithmetic shift: both halves >= -75
    return (p * pow2(k_half)) * pow2(k - k_half);
}

// expm1(r) ~ r + r^2 (1/2 + C3 r + C4 r^2 + C5 r^3 + C6 r^4) on |r| <= ln2/2 + 1e-6: our own
// fit (tools: Python doubles), weighted least squares of the relative error of expm1 over 400
// Chebyshev points, the quadratic coefficient held at 1/2, then rounded to float. Worst
// relative error of the rounded polynomial, evaluated in double on 20,001 points: 1.6e-8
// (an eighth of float's epsilon); two degrees fewer than Taylor's series for the same accuracy.
constexpr float kExpm1C3 = 1.666654050e-01f;
constexpr float kExpm1C4 = 4.166635126e-02f;
constexpr float kExpm1C5 = 8.366760798e-03f;
constexpr float kExpm1C6 = 1.394111081e-03f;

// tanh from expm1: with m = expm1(-2|x|) in (-1, 0], tanh|x| = -m / (2 + m), free of
// cancellation near 0. expm1(y) = 2^k expm1(r) + (2^k - 1), exact in its last step for k = 0;
// expm1(r) by the degree-6 polynomial above. From |x| = 9 on, float's tanh is
// 1, so y is clamped to -18 (k >= -26). The sign of x is put back last: tanh(-0) = -0.
VF tanh_v(VF x) {
    const VI sign = as_int(x) & kSignBit;
    const VF ax = as_float(as_int(x) & ~kSignBit);
    const VF y = max_keep_a_nan(ax * -2.0f, VF{} - 18.0f);
    VF r;
    const VI k = reduce_ln2(y, r);
    VF p = r * kExpm1C6 + kExpm1C5;
    p = p * r + kExpm1C4;
    p = p * r + kExpm1C3;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r;  // expm1(r)
    const VF scale = pow2(k);
    const VF m = scale * p + (scale - 1.0f);
    const VF t = (0.0f - m) / (m + 2.0f);  // >= +0: m is never -0 here
    return as_float(as_int(t) ^ sign);
}

// Sigmoid never takes exp of a positive number: with e = exp(-|z|) in (0, 1], sigmoid(z) is
// 1 / (1 + e) for z >= 0 and e / (1 + e) for z < 0, one division either way. A large |z| gives
// exactly 0 or 1 (or the tiny true value), never inf / inf; NaN fails z >= 0 and stays NaN.
VF sigmoid_v(VF z) {
    const VF e = exp_nonpositive(as_float(as_int(z) | kSignBit));
    const VI nonnegative = z >= 0.0f;
    const VF one = VF{} + 1.0f;
    const VF numerator = as_float((nonnegative & as_int(one)) | (~nonnegative & as_int(e)));
    return numerator / (e + 1.0f);
}

VF exp_neg_abs_v(VF x) { return exp_nonpositive(as_float(as_int(x) | kSignBit)); }

// Applies f to whole vectors, then to the last count % kLanes values through a zero-padded
// vector, so every value goes through the same lane arithmetic.
template <VF (*F)(VF)>
void apply(const float* in, float* out, std::size_t count) {
    std::size_t i = 0;
    for (; i + kLanes <= count; i += kLanes) {
        VF v;
        std::memcpy(&v, in + i, sizeof v);
        v = F(v);
        std::memcpy(out + i, &v, sizeof v);
    }
    if (i == count) return;
    // Element by element: a memcpy of a run-time length is a library call under WebAssembly.
    float part[kLanes] = {};
    for (std::size_t j = i; j < count; ++j) part[j - i] = in[j];
    VF v;
    std::memcpy(&v, part, sizeof v);
    v = F(v);
    std::memcpy(part, &v, sizeof v);
    for (std::size_t j = i; j < count; ++j) out[j] = part[j - i];
}

}  // namespace

void tanh(const float* in, float* out, std::size_t count) { apply<tanh_v>(in, out, count); }
void sigmoid(const float* in, float* out, std::size_t count) { apply<sigmoid_v>(in, out, count); }
void exp_neg_abs(const float* in, float* out, std::size_t count) {
    apply<exp_neg_abs_v>(in, out, count);
}

}  // namespace nnp::vec
