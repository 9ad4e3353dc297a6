// Subnormal floats flushed to zero by hand, the same way natively and in WebAssembly. x86 CPUs
// handle an operand or a result below FLT_MIN (2^-126, about 1.2e-38) in microcode, about a
// hundred times slower than a normal operation. Natively, the MXCSR flags FTZ/DAZ would hide
// that, but WebAssembly has no such mode and the two builds would then compute different bits.
// Where training keeps producing such values (see optimizer.cpp), it flushes them with this.
#pragma once

#include <cfloat>
#include <cmath>

namespace nnp {

// v, or +0 where |v| < FLT_MIN (a subnormal, or a zero of either sign). NaN and infinities pass
// unchanged, so divergence is still seen. A compare and a select: both compilers vectorise it.
inline float flush_subnormal(float v) { return std::fabs(v) < FLT_MIN ? 0.0f : v; }

}  // namespace nnp
