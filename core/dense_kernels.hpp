// Dense-layer kernels for layers wider than the narrow kernels in mlp.cpp take (more than 8 units,
// or more than 256 inputs): the digits' 64-16-10, MNIST's 784-64-10. Eigen's GEMM would be faster
// natively, but it sums in a different order on every instruction set (SSE/AVX register blocking
// natively, scalar code in WebAssembly), so a network trained in the browser would drift from the
// one the native tests checked. Here every output is one sum in a fixed order, over the inputs
// (forward) or the batch rows (weight gradient), and the vectors only run across independent
// outputs: the same bits natively and in WebAssembly (with -ffp-contract=off), and the same bits
// whatever the number of rows, so a batch and a single prediction compute a row alike.
#pragma once

#include <cstddef>

namespace nnp::kernels {

// z (n x fo, row stride zs) = in (n x fi, row stride is) * w (fi x fo, row-major) + b (fo):
// z(i, j) = ((in(i,0) w(0,j) + in(i,1) w(1,j)) + ...) + b(j), inputs in order.
void dense_forward_wide(const float* in, std::ptrdiff_t is, int n, int fi, int fo, const float* w,
                        const float* b, float* z, std::ptrdiff_t zs);

// gw (fi x fo) = in^T dz and gb (fo) = the column sums of dz, each a sum over the rows in order;
// and, unless da is null, da (n x fi, row stride das) = dz w^T, each a sum over the units in order.
void dense_backward_wide(const float* in, std::ptrdiff_t is, int n, int fi, int fo, const float* dz,
                         std::ptrdiff_t dzs, const float* w, float* gw, float* gb, float* da,
                         std::ptrdiff_t das);

}  // namespace nnp::kernels
