// Marching squares (see contours.hpp).
#include "contours.hpp"

#include <cmath>
#include <cstddef>

namespace nnp::app {

std::vector<double> log_levels(double lo, double hi, int count) {
    std::vector<double> levels;
    if (!(hi > lo) || count < 1) return levels;
    for (int k = 1; k <= count; ++k) levels.push_back(lo + std::expm1(std::log1p(hi - lo) * k / (count + 1.0)));
    return levels;
}

void contour_segments(const std::vector<double>& grid, int n, double level, std::vector<std::array<double, 4>>& out) {
    if (n < 2 || grid.size() < std::size_t(n) * std::size_t(n)) return;
    const auto at = [&](int i, int j) { return grid[std::size_t(j) * std::size_t(n) + std::size_t(i)]; };
    for (int j = 0; j + 1 < n; ++j)
        for (int i = 0; i + 1 < n; ++i) {
            const double c[4] = {at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)};
            const double px[4] = {double(i), double(i + 1), double(i + 1), double(i)};
            const double py[4] = {double(j), double(j), double(j + 1), double(j + 1)};
            double cx[4], cy[4];
            int m = 0;
            for (int e = 0; e < 4; ++e) {
                const int f = (e + 1) % 4;
                const double a = c[e], b = c[f];
                if (!std::isfinite(a) || !std::isfinite(b) || (a < level) == (b < level)) continue;
                const double t = (level - a) / (b - a);
                cx[m] = px[e] + t * (px[f] - px[e]);
                cy[m] = py[e] + t * (py[f] - py[e]);
                ++m;
            }
            for (int e = 0; e + 1 < m; e += 2) out.push_back({cx[e], cy[e], cx[e + 1], cy[e + 1]});
        }
}

}  // namespace nnp::app
