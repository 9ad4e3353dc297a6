// History tests: thinning traced by hand on a small capacity, then a million pushes (bounded
// size and memory, first and recent records kept, even stride, exact latest), re-evaluated
// epochs, gaps, and clear().
#include "history.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace nnp;

namespace {

// A record whose fields are all derived from its epoch, so a kept record can be checked
// against the epoch it claims to be.
EpochRecord record_for(std::int64_t epoch) {
    EpochRecord r;
    r.epoch = epoch;
    r.train_loss = 1.0f / static_cast<float>(1 + epoch);
    r.test_loss = static_cast<float>(epoch % 1000);
    r.train_accuracy = static_cast<float>(epoch % 7) / 7.0f;
    r.test_accuracy = static_cast<float>(epoch % 11) / 11.0f;
    return r;
}

bool same(const EpochRecord& a, const EpochRecord& b) {
    return a.epoch == b.epoch && a.train_loss == b.train_loss && a.test_loss == b.test_loss &&
           a.train_accuracy == b.train_accuracy && a.test_accuracy == b.test_accuracy;
}

std::vector<std::int64_t> epochs_of(const History& h) {
    std::vector<std::int64_t> out;
    for (const EpochRecord& r : h.records()) out.push_back(r.epoch);
    return out;
}

}  // namespace

TEST_CASE("history starts empty", "[history]") {
    History h(8);
    CHECK(h.records().empty());
    CHECK(h.latest() == nullptr);
    CHECK(h.stride() == 1);
    CHECK(h.capacity() == 8);
}

TEST_CASE("history thinning traced by hand", "[history]") {
    // Capacity 8. Epochs 0..6 are kept; pushing 7 makes 8 records, so every second one goes:
    // {0, 2, 4, 6}, stride 2. Then 8 is kept, 9 is not (odd), 10, 12, 14 are kept: 14 makes
    // {0, 2, 4, 6, 8, 10, 12, 14} = 8 records, thinned to {0, 4, 8, 12}, stride 4.
    History h(8);
    for (std::int64_t e = 0; e <= 6; ++e) h.push(record_for(e));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6});
    CHECK(h.stride() == 1);

    h.push(record_for(7));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 2, 4, 6});
    CHECK(h.stride() == 2);
    REQUIRE(h.latest() != nullptr);
    CHECK(same(*h.latest(), record_for(7)));  // not kept, but still the latest

    for (std::int64_t e = 8; e <= 13; ++e) h.push(record_for(e));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 2, 4, 6, 8, 10, 12});
    h.push(record_for(14));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 4, 8, 12});
    CHECK(h.stride() == 4);
    CHECK(same(*h.latest(), record_for(14)));
    for (const EpochRecord& r : h.records()) CHECK(same(r, record_for(r.epoch)));
}

TEST_CASE("a million pushes stay bounded, evenly strided and current", "[history]") {
    for (std::size_t capacity : {std::size_t{4}, std::size_t{64}, std::size_t{4096}}) {
        INFO("capacity " << capacity);
        History h(capacity);
        h.push(record_for(0));
        const EpochRecord* storage = h.records().data();  // reserved once: must never move
        bool bounded = true, never_moved = true;
        std::size_t max_size = 0;
        const std::int64_t n = 1000000;
        for (std::int64_t e = 1; e <= n; ++e) {
            h.push(record_for(e));
            bounded = bounded && h.records().size() <= capacity;
            never_moved = never_moved && h.records().data() == storage;
            if (h.records().size() > max_size) max_size = h.records().size();
        }
        CHECK(bounded);
        CHECK(never_moved);
        CHECK(max_size == capacity - 1);  // thinning happens as soon as the list is full

        const auto records = h.records();
        const std::int64_t stride = h.stride();
        CHECK((stride & (stride - 1)) == 0);  // a power of two
        // Thinning halves the list, so at least half the capacity is in use afterwards.
        CHECK(records.size() >= capacity / 2);
        CHECK(records.front().epoch == 0);
        // The most recent kept epoch is the last multiple of the stride.
        CHECK(records.back().epoch == n - n % stride);
        for (std::size_t i = 1; i < records.size(); ++i)
            CHECK(records[i].epoch - records[i - 1].epoch == stride);
        for (const EpochRecord& r : records) CHECK(same(r, record_for(r.epoch)));
        REQUIRE(h.latest() != nullptr);
        CHECK(same(*h.latest(), record_for(n)));
        // Span check: records cover [0, n] with fewer than `capacity` points of this stride.
        CHECK(n / stride < static_cast<std::int64_t>(capacity));
    }
}

TEST_CASE("history kept relative to the first epoch", "[history]") {
    // Starting at epoch 1 (no initial record): kept epochs are 1 + k * stride.
    History h(4);
    for (std::int64_t e = 1; e <= 10; ++e) h.push(record_for(e));
    // 1,2,3,4 -> full -> {1, 3}, stride 2; 5 kept -> {1,3,5}; 7 kept -> 4 records -> {1, 5},
    // stride 4; 9 kept -> {1, 5, 9}; 10 not kept.
    CHECK(epochs_of(h) == std::vector<std::int64_t>{1, 5, 9});
    CHECK(h.stride() == 4);
    CHECK(h.latest()->epoch == 10);
}

TEST_CASE("history with gaps between epochs stays bounded and ascending", "[history]") {
    // Only every third epoch pushed: the thinning loop may take several passes.
    History h(8);
    for (std::int64_t e = 0; e <= 3000; e += 3) {
        h.push(record_for(e));
        REQUIRE(h.records().size() < 8);
    }
    const auto records = h.records();
    CHECK(records.front().epoch == 0);
    for (std::size_t i = 1; i < records.size(); ++i) {
        CHECK(records[i].epoch > records[i - 1].epoch);
        CHECK(records[i].epoch % h.stride() == 0);
    }
    CHECK(h.latest()->epoch == 3000);
}

TEST_CASE("an epoch pushed again replaces what came after it", "[history]") {
    History h(16);
    for (std::int64_t e = 0; e <= 5; ++e) h.push(record_for(e));
    // Epoch 5 evaluated again (e.g. after an edit of the weights): the new values replace it.
    EpochRecord again = record_for(5);
    again.train_loss = 42.0f;
    h.push(again);
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
    CHECK(h.records().back().train_loss == 42.0f);
    CHECK(h.latest()->train_loss == 42.0f);
    // Going back to epoch 3 drops 4 and 5.
    h.push(record_for(3));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 1, 2, 3});
    // Going back to the first epoch starts afresh.
    h.push(record_for(0));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0});
    CHECK(h.stride() == 1);
}

TEST_CASE("clear() empties the history and restarts the stride", "[history]") {
    History h(4);
    for (std::int64_t e = 0; e <= 20; ++e) h.push(record_for(e));
    REQUIRE(h.stride() > 1);
    const EpochRecord* storage = h.records().data();
    h.clear();
    CHECK(h.records().empty());
    CHECK(h.latest() == nullptr);
    CHECK(h.stride() == 1);
    h.push(record_for(0));
    h.push(record_for(1));
    CHECK(epochs_of(h) == std::vector<std::int64_t>{0, 1});
    CHECK(h.records().data() == storage);  // the reserved storage is reused
}
