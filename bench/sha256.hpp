// SHA-256 (FIPS 180-4), small and dependency-free: the benchmark uses it to prove that the W3
// data it generates is byte for byte the data of WORKLOADS.md before it reports W3's speed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace nnp::bench {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t bytes);
    std::string hex_digest();  // 64 lowercase hex digits; finishes the hash (call once)

private:
    void block(const std::uint8_t* p);  // one 64-byte block
    std::uint32_t h_[8];
    std::uint8_t buffer_[64];
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

std::string sha256_hex(const void* data, std::size_t bytes);

// The standard test vectors ("abc", the empty message, the 448-bit two-block message of
// FIPS 180-2); false if any digest is wrong.
bool sha256_self_test();

}  // namespace nnp::bench
