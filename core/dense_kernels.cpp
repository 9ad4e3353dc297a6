// The wide dense-layer kernels (see dense_kernels.hpp). Tiles of 4 rows (or 4 inputs) by 8
// units are summed in registers; the 8 units are one GCC/clang vector (two SSE registers
// natively, two simd128 ones in WebAssembly). A tile only decides which sums run side by side,
// never the order of the terms within a sum.
#include "dense_kernels.hpp"

#include <algorithm>
#include <cstring>

namespace nnp::kernels {

namespace {

typedef float V8 __attribute__((vector_size(32)));
constexpr int kLanes = 8;

inline V8 load8(const float* p) {
    V8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void store8(float* p, const V8& v) { std::memcpy(p, &v, sizeof v); }
// The first `count` (< 8) lanes; the rest zero.
inline V8 load_part(const float* p, int count) {
    float part[kLanes] = {};
    std::memcpy(part, p, sizeof(float) * std::size_t(count));
    return load8(part);
}
inline void store_part(float* p, const V8& v, int count) {
    float part[kLanes];
    std::memcpy(part, &v, sizeof v);
    std::memcpy(p, part, sizeof(float) * std::size_t(count));
}

// Units [j, j + lanes) of rows r .. r + rows - 1 (rows <= 4): the sums over the inputs in order.
template <int Rows>
void forward_tile(const float* in, std::ptrdiff_t is, int r, int fi, int fo, const float* w,
                  const float* b, float* z, std::ptrdiff_t zs, int j, int lanes) {
    V8 acc[Rows] = {};
    const float* x[Rows];
    for (int i = 0; i < Rows; ++i) x[i] = in + (r + i) * is;
    for (int k = 0; k < fi; ++k) {
        const float* wk = w + std::ptrdiff_t(k) * fo + j;
        const V8 wv = lanes == kLanes ? load8(wk) : load_part(wk, lanes);
        for (int i = 0; i < Rows; ++i) acc[i] += x[i][k] * wv;
    }
    const V8 bv = lanes == kLanes ? load8(b + j) : load_part(b + j, lanes);
    for (int i = 0; i < Rows; ++i) {
        const V8 out = acc[i] + bv;
        float* zi = z + (r + i) * zs + j;
        if (lanes == kLanes) store8(zi, out);
        else store_part(zi, out, lanes);
    }
}

// Inputs [k, k + Inputs) by units [j, j + lanes) of the weight gradient: sums over the rows in
// order. A row whose inputs here are all zero adds nothing (an image's blank pixels) and is
// skipped; that can only turn a -0 sum into +0, the same way on every platform.
template <int Inputs>
void gradient_tile(const float* in, std::ptrdiff_t is, int n, int k, int fo, const float* dz,
                   std::ptrdiff_t dzs, float* gw, int j, int lanes) {
    V8 acc[Inputs] = {};
    for (int r = 0; r < n; ++r) {
        const float* x = in + r * is + k;
        bool any = false;
        for (int i = 0; i < Inputs; ++i) any = any || x[i] != 0.0f;
        if (!any) continue;
        const float* d = dz + r * dzs + j;
        const V8 dv = lanes == kLanes ? load8(d) : load_part(d, lanes);
        for (int i = 0; i < Inputs; ++i) acc[i] += x[i] * dv;
    }
    for (int i = 0; i < Inputs; ++i) {
        float* g = gw + std::ptrdiff_t(k + i) * fo + j;
        if (lanes == kLanes) store8(g, acc[i]);
        else store_part(g, acc[i], lanes);
    }
}

}  // namespace

void dense_forward_wide(const float* in, std::ptrdiff_t is, int n, int fi, int fo, const float* w,
                        const float* b, float* z, std::ptrdiff_t zs) {
    for (int j = 0; j < fo; j += kLanes) {
        const int lanes = std::min(kLanes, fo - j);
        int r = 0;
        for (; r + 4 <= n; r += 4) forward_tile<4>(in, is, r, fi, fo, w, b, z, zs, j, lanes);
        for (; r < n; ++r) forward_tile<1>(in, is, r, fi, fo, w, b, z, zs, j, lanes);
    }
}

void dense_backward_wide(const float* in, std::ptrdiff_t is, int n, int fi, int fo, const float* dz,
                         std::ptrdiff_t dzs, const float* w, float* gw, float* gb, float* da,
                         std::ptrdiff_t das) {
    for (int j = 0; j < fo; j += kLanes) {
        const int lanes = std::min(kLanes, fo - j);
        int k = 0;
        for (; k + 4 <= fi; k += 4) gradient_tile<4>(in, is, n, k, fo, dz, dzs, gw, j, lanes);
        for (; k < fi; ++k) gradient_tile<1>(in, is, n, k, fo, dz, dzs, gw, j, lanes);
    }
    for (int j = 0; j < fo; ++j) gb[j] = 0.0f;
    for (int r = 0; r < n; ++r) {
        const float* d = dz + r * dzs;
        for (int j = 0; j < fo; ++j) gb[j] += d[j];  // vectorised across units, rows in order
    }
    if (da == nullptr) return;
    for (int r = 0; r < n; ++r) {
        const float* d = dz + r * dzs;
        float* out = da + r * das;
        for (int k = 0; k < fi; ++k) {
            const float* wk = w + std::ptrdiff_t(k) * fo;
            float sum = d[0] * wk[0];
            for (int j = 1; j < fo; ++j) sum += d[j] * wk[j];  // a reduction: stays in unit order
            out[k] = sum;
        }
    }
}

}  // namespace nnp::kernels
