// PCG32 (XSH-RR variant) and the sampling functions built on it. See rng.hpp.
#include "rng.hpp"

#include "det_math.hpp"

#include <cassert>
#include <cmath>

namespace nnp {

namespace {
constexpr std::uint64_t kMultiplier = 6364136223846793005ULL;
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream) : state_(0), inc_((stream << 1u) | 1u) {
    next_u32();
    state_ += seed;
    next_u32();
}

std::uint32_t Rng::next_u32() {
    const std::uint64_t old = state_;
    state_ = old * kMultiplier + inc_;
    const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
    const auto rot = static_cast<std::uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

double Rng::uniform() {
    // 53 bits: 27 from the first draw, 26 from the second.
    const std::uint64_t a = next_u32() >> 5, b = next_u32() >> 6;
    return static_cast<double>((a << 26) | b) * (1.0 / 9007199254740992.0);
}

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

std::uint32_t Rng::below(std::uint32_t bound) {
    assert(bound > 0);
    // Lemire's rejection: discard the few values that would bias the modulo.
    const std::uint32_t threshold = (0u - bound) % bound;
    for (;;) {
        const std::uint32_t r = next_u32();
        if (r >= threshold) return r % bound;
    }
}

double Rng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    // Box-Muller on (0, 1]: 1 - uniform() is never 0, so the log is finite.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * det::log(u1));  // sqrt is correctly rounded everywhere
    const double angle = 2.0 * det::kPi * u2;
    spare_ = radius * det::sin(angle);
    has_spare_ = true;
    return radius * det::cos(angle);
}

double Rng::normal(double mean, double stddev) { return mean + stddev * normal(); }

void Rng::shuffle(std::vector<int>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::size_t j = below(static_cast<std::uint32_t>(i));
        std::swap(items[i - 1], items[j]);
    }
}

}  // namespace nnp
