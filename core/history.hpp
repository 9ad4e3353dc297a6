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

// The parameters at epoch ends, for the loss landscape's PCA directions (landscape.hpp): kept
// the way History keeps its records (every stride()-th epoch from the first, the stride doubling
// when full), with room for at most kMaxTrajectorySnapshots snapshots and kMaxTrajectoryFloats
// floats in all, so a big network keeps fewer snapshots, never more memory. The room is reserved
// when cleared, so training steps still allocate nothing.
constexpr std::size_t kMaxTrajectorySnapshots = 200;
constexpr std::size_t kMaxTrajectoryFloats = std::size_t(1) << 20;  // 4 MiB, reserved up front

class Trajectory {
public:
    // Forgets every snapshot; snapshots will have `params` floats.
    void clear(std::size_t params);
    void push(std::int64_t epoch, std::span<const float> params);
    std::size_t size() const { return epochs_.size(); }
    std::size_t capacity() const { return capacity_; }
    std::int64_t stride() const { return stride_; }
    std::int64_t epoch(std::size_t i) const { return epochs_[i]; }
    std::span<const float> at(std::size_t i) const { return {data_.data() + i * params_, params_}; }

private:
    std::size_t params_ = 0, capacity_ = 0;
    std::int64_t stride_ = 1;
    std::vector<std::int64_t> epochs_;
    std::vector<float> data_;  // size() x params, snapshot by snapshot
};

}  // namespace nnp
