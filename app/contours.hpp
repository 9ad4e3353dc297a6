// Contour lines of a square grid of values by marching squares, and the levels they are drawn
// at: shared by the loss surfaces and the network's loss landscape.
#pragma once

#include <array>
#include <vector>

namespace nnp::app {

// `count` levels between lo and hi, evenly spaced in log(1 + f - lo): a valley gets as many lines
// as the steep walls around it.
std::vector<double> log_levels(double lo, double hi, int count);

// The segments where an n x n grid (row by row, row 0 first) crosses `level`, appended to `out`
// as (column, row, column, row) in grid units: one segment per cell side pair crossed.
void contour_segments(const std::vector<double>& grid, int n, double level, std::vector<std::array<double, 4>>& out);

}  // namespace nnp::app
