// What the benchmark ran on, for its table header: the machine (CPU model natively, node's
// version and the CPU it reports under WebAssembly), the compiler and the flags the build used.
#pragma once

#include <string>

namespace nnp::bench {

std::string machine_description();
std::string compiler_description();
std::string flags_description();  // from the NNP_BENCH_FLAGS definition CMake passes

}  // namespace nnp::bench
