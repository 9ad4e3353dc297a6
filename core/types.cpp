// Checksums of float arrays (see types.hpp).
#include "types.hpp"

#include <cstring>

namespace nnp {

std::uint64_t checksum(const float* data, std::size_t count) {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis
    for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, &data[i], sizeof bits);
        for (int byte = 0; byte < 4; ++byte) {
            hash ^= (bits >> (8 * byte)) & 0xffu;
            hash *= 1099511628211ULL;  // FNV prime
        }
    }
    return hash;
}

}  // namespace nnp
