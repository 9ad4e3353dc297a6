// Per-epoch training history, bounded in memory however long training runs: when full, every
// second record is dropped and from then on only every (2 * stride)-th epoch is kept. The newest
// record is always available, so the charts' last point is always current.
// Precisely: a pushed record is kept when (epoch - first kept epoch) is a multiple of stride();
// when the kept list reaches capacity, stride() doubles and the records off the new stride go.
// Pushing an epoch not after the last kept one (a re-evaluation) first drops the kept records
// from that epoch on.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace nnp {

struct EpochRecord {
    std::int64_t epoch = 0;  // 1 after the first full epoch; 0 = the initial weights
    float train_loss = 0.0f, test_loss = 0.0f;
    float train_accuracy = 0.0f, test_accuracy = 0.0f;  // in [0, 1]; 0 for regression
    float val_loss = 0.0f, val_accuracy = 0.0f;         // 0 without a validation split
};

class History {
public:
    explicit History(std::size_t capacity = 4096);  // capacity >= 4, even

    void clear();
    void push(const EpochRecord& r);
    std::span<const EpochRecord> records() const { return kept_; }  // ascending epochs
    const EpochRecord* latest() const { return has_latest_ ? &latest_ : nullptr; }
    std::int64_t stride() const { return stride_; }
    std::size_t capacity() const { return capacity_; }

private:
    std::size_t capacity_;
    std::int64_t stride_ = 1;
    std::vector<EpochRecord> kept_;
    EpochRecord latest_;
    bool has_latest_ = false;
};

}  // namespace nnp
