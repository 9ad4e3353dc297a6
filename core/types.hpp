// Basic numeric types shared by the whole engine. Everything is float32; samples are rows and
// features are columns, so one sample is one contiguous row (row-major storage).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>

namespace nnp {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::Matrix<float, 1, Eigen::Dynamic, Eigen::RowMajor>;  // one row
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<Vector>;
using ConstVectorMap = Eigen::Map<const Vector>;
// Views that accept a whole Matrix or a block of rows of one (e.g. the first n rows of a
// workspace sized for the largest batch), without copying.
using MatRef = Eigen::Ref<Matrix>;
using ConstMatRef = Eigen::Ref<const Matrix>;

// A rectangle of the input plane (x1 horizontal, x2 vertical) used for pictures and grids.
struct Domain {
    float x_min = -6.0f, x_max = 6.0f;
    float y_min = -6.0f, y_max = 6.0f;
    bool operator==(const Domain&) const = default;
};

// 64-bit FNV-1a over the bytes of a float array: the checksum used to prove that datasets and
// initial weights are bit-identical natively and in WebAssembly.
std::uint64_t checksum(const float* data, std::size_t count);

}  // namespace nnp
