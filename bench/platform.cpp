// The one place of the benchmark that differs between native and WebAssembly builds: natively
// the CPU model comes from /proc/cpuinfo; under node, from node itself (process.version and
// os.cpus()), asked through emscripten_run_script_string.
#include "platform.hpp"

#include <fstream>
#include <thread>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace nnp::bench {

std::string machine_description() {
#ifdef __EMSCRIPTEN__
    const char* s = emscripten_run_script_string(
        "(function () { try { const os = require('os');"
        " return 'node ' + process.version + ', ' + os.cpus()[0].model + ', ' + os.cpus().length +"
        " ' logical CPUs, one thread used'; } catch (e) { return 'node (version unknown)'; } })()");
    return s != nullptr ? s : "node (version unknown)";
#else
    std::ifstream in("/proc/cpuinfo");
    std::string line, model = "unknown CPU";
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) model = line.substr(colon + 2);
            break;
        }
    }
    return model + ", " + std::to_string(std::thread::hardware_concurrency()) +
           " logical CPUs, one thread used";
#endif
}

std::string compiler_description() {
    std::string s;
#ifdef __EMSCRIPTEN__
    s = "Emscripten " + std::to_string(__EMSCRIPTEN_major__) + "." +
        std::to_string(__EMSCRIPTEN_minor__) + "." + std::to_string(__EMSCRIPTEN_tiny__) + ", ";
#endif
#if defined(__clang__)
    s += "clang " __clang_version__;
#elif defined(__GNUC__)
    s += "g++ " __VERSION__;
#else
    s += "unknown compiler";
#endif
    return s;
}

std::string flags_description() {
#ifdef NNP_BENCH_FLAGS
    return NNP_BENCH_FLAGS;
#else
    return "(not given: build with CMake)";
#endif
}

}  // namespace nnp::bench
