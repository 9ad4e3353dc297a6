// Deterministic elementary functions in double precision, built only from IEEE-754 operations
// that are correctly rounded everywhere (+, -, *, /, sqrt). libm's sin/cos/exp/log may differ in
// the last bit between glibc and Emscripten's musl, which would make generated datasets differ
// between native and WebAssembly builds. Accurate to a few ulp; the core is compiled with
// -ffp-contract=off so no compiler fuses a multiply-add differently on one platform.
#pragma once

namespace nnp::det {

constexpr double kPi = 3.14159265358979323846;

double exp(double x);
double log(double x);  // x > 0
double sin(double x);
double cos(double x);

}  // namespace nnp::det
