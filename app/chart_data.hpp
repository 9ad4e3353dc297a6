// Data for the loss and accuracy charts: a history of any length reduced to at most two points
// per horizontal pixel (the minimum and the maximum of each bucket, in epoch order, so spikes
// survive), and the mapping of values to chart coordinates on a linear or log scale.
#pragma once

#include "history.hpp"

#include <span>
#include <vector>

namespace nnp::app {

struct ChartPoint {
    double x = 0;  // epoch
    float y = 0;   // value
};

// Which value of an EpochRecord a series shows.
enum class Series { TrainLoss, TestLoss, TrainAccuracy, TestAccuracy, ValLoss, ValAccuracy };
float series_value(const EpochRecord& r, Series s);

// Appends to `out` (cleared first) at most 2 * buckets points: for each of `buckets` equal epoch
// ranges between the first and last record, its smallest and largest value in epoch order. The
// first and last records are always kept. Non-finite values are skipped. `buckets` >= 1.
void downsample_minmax(std::span<const EpochRecord> records, Series series, int buckets,
                       std::vector<ChartPoint>& out);

struct ChartScale {
    double x_min = 0, x_max = 1;
    float y_min = 0, y_max = 1;  // in value units (not log)
    bool log = false;
};

// Range of the given series (x: epochs, y: values with 5% headroom; on a log scale only
// positive values count). A flat or empty series gets a non-degenerate range.
ChartScale chart_scale(std::span<const std::span<const ChartPoint>> series, bool log);
ChartScale chart_scale(std::span<const ChartPoint> a, std::span<const ChartPoint> b, bool log);

// Position in [0, 1] along each axis (0 = left / bottom), clamped.
float chart_u(const ChartScale& s, double x);
float chart_v(const ChartScale& s, float y);

}  // namespace nnp::app
