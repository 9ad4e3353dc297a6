// Chart data: min/max downsampling and axis mapping (see chart_data.hpp).
#include "chart_data.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace nnp::app {

namespace {
constexpr float kLogFloor = 1e-6f;  // the smallest value a log axis shows

float to_axis(float y, bool log) { return log ? std::log10(std::max(y, kLogFloor)) : y; }
}  // namespace

float series_value(const EpochRecord& r, Series s) {
    switch (s) {
        case Series::TrainLoss: return r.train_loss;
        case Series::TestLoss: return r.test_loss;
        case Series::TrainAccuracy: return r.train_accuracy;
        case Series::TestAccuracy: return r.test_accuracy;
        case Series::ValLoss: return r.val_loss;
        case Series::ValAccuracy: return r.val_accuracy;
    }
    return 0.0f;
}

void downsample_minmax(std::span<const EpochRecord> records, Series series, int buckets,
                       std::vector<ChartPoint>& out) {
    assert(buckets >= 1);
    out.clear();
    const std::size_t n = records.size();
    if (n == 0) return;
    if (n <= static_cast<std::size_t>(2 * buckets)) {
        for (const auto& r : records) {
            const float y = series_value(r, series);
            if (std::isfinite(y)) out.push_back({double(r.epoch), y});
        }
        return;
    }
    const double x0 = double(records.front().epoch), x1 = double(records.back().epoch);
    const double width = std::max(x1 - x0, 1.0);
    std::size_t i = 0;
    for (int b = 0; b < buckets && i < n; ++b) {
        // Bucket b covers epochs [x0 + b w / B, x0 + (b + 1) w / B); the last one includes x1.
        const double end = (b == buckets - 1) ? std::numeric_limits<double>::infinity()
                                              : x0 + width * double(b + 1) / double(buckets);
        std::size_t lo = n, hi = n;
        for (; i < n && double(records[i].epoch) < end; ++i) {
            const float y = series_value(records[i], series);
            if (!std::isfinite(y)) continue;
            if (lo == n || y < series_value(records[lo], series)) lo = i;
            if (hi == n || y > series_value(records[hi], series)) hi = i;
        }
        if (lo == n) continue;
        const std::size_t first = std::min(lo, hi), second = std::max(lo, hi);
        out.push_back({double(records[first].epoch), series_value(records[first], series)});
        if (second != first)
            out.push_back({double(records[second].epoch), series_value(records[second], series)});
    }
    // Keep the true end points so the line starts at the first epoch and ends at the newest.
    const float y_first = series_value(records.front(), series);
    if (std::isfinite(y_first) && (out.empty() || out.front().x != double(records.front().epoch)))
        out.insert(out.begin(), {double(records.front().epoch), y_first});
    const float y_last = series_value(records.back(), series);
    if (std::isfinite(y_last) && out.back().x != double(records.back().epoch))
        out.push_back({double(records.back().epoch), y_last});
}

ChartScale chart_scale(std::span<const ChartPoint> a, std::span<const ChartPoint> b, bool log) {
    const std::span<const ChartPoint> both[] = {a, b};
    return chart_scale(both, log);
}

ChartScale chart_scale(std::span<const std::span<const ChartPoint>> all, bool log) {
    ChartScale s;
    s.log = log;
    double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo;
    float y_lo = std::numeric_limits<float>::infinity(), y_hi = -y_lo;
    for (const auto& series : all) {
        for (const auto& p : series) {
            x_lo = std::min(x_lo, p.x);
            x_hi = std::max(x_hi, p.x);
            if (!std::isfinite(p.y) || (log && p.y <= 0.0f)) continue;
            y_lo = std::min(y_lo, p.y);
            y_hi = std::max(y_hi, p.y);
        }
    }
    if (x_lo > x_hi) x_lo = 0, x_hi = 1;
    if (x_hi - x_lo < 1.0) x_hi = x_lo + 1.0;
    s.x_min = x_lo;
    s.x_max = x_hi;
    if (y_lo > y_hi) {
        y_lo = log ? 0.01f : 0.0f;
        y_hi = 1.0f;
    }
    if (log) {
        y_lo = std::max(y_lo, kLogFloor);
        const float l0 = std::log10(y_lo), l1 = std::log10(y_hi);
        const float pad = std::max((l1 - l0) * 0.05f, 0.05f);
        s.y_min = std::pow(10.0f, l0 - pad);
        s.y_max = std::pow(10.0f, l1 + pad);
    } else {
        const float pad = std::max((y_hi - y_lo) * 0.05f, 1e-3f);
        s.y_min = y_lo - pad;
        s.y_max = y_hi + pad;
        if (y_lo >= 0.0f) s.y_min = std::max(s.y_min, 0.0f);  // losses never go below zero
    }
    return s;
}

float chart_u(const ChartScale& s, double x) {
    return static_cast<float>(std::clamp((x - s.x_min) / (s.x_max - s.x_min), 0.0, 1.0));
}

float chart_v(const ChartScale& s, float y) {
    const float lo = to_axis(s.y_min, s.log), hi = to_axis(s.y_max, s.log);
    if (!std::isfinite(y)) return 1.0f;  // off the top, where a diverged loss belongs
    return std::clamp((to_axis(y, s.log) - lo) / std::max(hi - lo, 1e-12f), 0.0f, 1.0f);
}

}  // namespace nnp::app
