// The engine's own random numbers: PCG32 (O'Neill 2014, "PCG: A Family of Simple Fast
// Space-Efficient Statistically Good Algorithms for Random Number Generation") plus our own
// sampling functions. Standard-library distributions differ between glibc and Emscripten's libc,
// so nothing here uses them: the same seed gives the same bits natively and in WebAssembly.
#pragma once

#include <cstdint>
#include <vector>

namespace nnp {

class Rng {
public:
    // `stream` selects one of 2^63 independent sequences for the same seed (init, shuffle, dropout).
    explicit Rng(std::uint64_t seed = 0, std::uint64_t stream = 0);

    std::uint32_t next_u32();
    double uniform();                          // [0, 1), 53 random bits
    double uniform(double lo, double hi);      // [lo, hi)
    std::uint32_t below(std::uint32_t bound);  // [0, bound), unbiased; bound > 0
    double normal();                           // standard normal (Box-Muller with det_math)
    double normal(double mean, double stddev);
    void shuffle(std::vector<int>& items);     // Fisher-Yates

private:
    std::uint64_t state_ = 0;
    std::uint64_t inc_ = 1;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

// Stream ids, so that e.g. changing the dropout rate never changes the initial weights.
enum class RngStream : std::uint64_t { Data = 1, Init = 2, Shuffle = 3, Dropout = 4, Landscape = 5, Bootstrap = 6, Folds = 7 };

inline Rng make_rng(std::uint64_t seed, RngStream stream) {
    return Rng(seed, static_cast<std::uint64_t>(stream));
}

}  // namespace nnp
