// The bounded per-epoch history of history.hpp. The kept list is reserved once at its capacity,
// so push() never allocates; thinning halves it in place. A record is kept when its distance in
// epochs from the first kept record is a multiple of the stride, a power of two.
#include "history.hpp"

#include <algorithm>
#include <cassert>

namespace nnp {

History::History(std::size_t capacity) : capacity_(capacity) {
    assert(capacity >= 4 && capacity % 2 == 0 && "history capacity must be even and >= 4");
    if (capacity_ < 4) capacity_ = 4;  // thinning always keeps the first record: needs room
    kept_.reserve(capacity_);
}

void History::clear() {
    kept_.clear();  // keeps the reserved storage
    stride_ = 1;
    has_latest_ = false;
    latest_ = EpochRecord{};
}

void History::push(const EpochRecord& r) {
    latest_ = r;
    has_latest_ = true;

    // Epochs must ascend. An epoch evaluated again (e.g. after an edit of the weights) replaces
    // the kept records from that epoch on; going back to or before the first one starts afresh.
    if (!kept_.empty() && r.epoch <= kept_.front().epoch) {
        kept_.clear();
        stride_ = 1;
    }
    while (!kept_.empty() && kept_.back().epoch >= r.epoch) kept_.pop_back();

    if (!kept_.empty() && (r.epoch - kept_.front().epoch) % stride_ != 0) return;
    kept_.push_back(r);  // within the reserved capacity: no allocation

    // With consecutive epochs one pass keeps every second record; with gaps the loop may need
    // more. It ends because the first record is always kept and capacity >= 4.
    while (kept_.size() >= capacity_) {
        stride_ *= 2;
        const std::int64_t first = kept_.front().epoch;
        std::size_t out = 0;
        for (const EpochRecord& k : kept_)
            if ((k.epoch - first) % stride_ == 0) kept_[out++] = k;
        kept_.resize(out);  // shrinks: no allocation
    }
}

void Trajectory::clear(std::size_t params) {
    params_ = params;
    capacity_ = std::clamp<std::size_t>(params ? kMaxTrajectoryFloats / params : kMaxTrajectorySnapshots, 4,
                                        kMaxTrajectorySnapshots);
    capacity_ -= capacity_ % 2;
    stride_ = 1;
    epochs_.clear();
    data_.clear();
    epochs_.reserve(capacity_);
    data_.reserve(capacity_ * params_);
}

void Trajectory::push(std::int64_t epoch, std::span<const float> params) {
    if (params.size() != params_) return;
    if (!epochs_.empty() && epoch <= epochs_.back()) {  // evaluated again (an edit): replace from there
        while (!epochs_.empty() && epochs_.back() >= epoch) epochs_.pop_back();
        data_.resize(epochs_.size() * params_);
    }
    if (!epochs_.empty() && (epoch - epochs_.front()) % stride_ != 0) return;
    epochs_.push_back(epoch);
    data_.insert(data_.end(), params.begin(), params.end());
    while (epochs_.size() >= capacity_) {
        stride_ *= 2;
        const std::int64_t first = epochs_.front();
        std::size_t out = 0;
        for (std::size_t i = 0; i < epochs_.size(); ++i) {
            if ((epochs_[i] - first) % stride_ != 0) continue;
            if (out != i) std::copy_n(data_.data() + i * params_, params_, data_.data() + out * params_);
            epochs_[out++] = epochs_[i];
        }
        epochs_.resize(out);
        data_.resize(out * params_);
    }
}

}  // namespace nnp

