// Branch-free float tanh, sigmoid and exp(-|x|) over arrays, on short SIMD vectors: wasm
// simd128 in the browser, GCC/clang vector extensions natively. Each lane runs the same IEEE
// operations in the same order, so the results are the same bits natively and in WebAssembly
// (the core is compiled with -ffp-contract=off), whatever the array length or alignment.
// Accuracy (tested in tests/core/test_vec_math.cpp): within a few float ulp of the true value.
#pragma once

#include <cstddef>

namespace nnp::vec {

// out[i] = f(in[i]) for i < count. `in` and `out` may be the same array, but must not overlap
// otherwise. NaN gives NaN; +-inf gives the limits (+-1 for tanh, 0 or 1 for sigmoid).
void tanh(const float* in, float* out, std::size_t count);
void sigmoid(const float* in, float* out, std::size_t count);
void exp_neg_abs(const float* in, float* out, std::size_t count);  // exp(-|x|), in (0, 1]

}  // namespace nnp::vec
