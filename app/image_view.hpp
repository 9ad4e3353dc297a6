// What the page shows of an image data set (the 8x8 digits), without any drawing: the input
// on show (a test image or the drawing pad's), its ten class probabilities, and over the test
// split a confusion matrix and the misclassified images. GL-free and ImGui-free, so it is tested;
// ui/panel_images.cpp draws it.
#pragma once

#include "images.hpp"
#include "mlp.hpp"
#include "session.hpp"

#include <vector>

namespace nnp::app {

struct ImageView {
    int row = -1;                  // the data row on show (a test row); -1: the first test row
    bool drawing = false;          // the drawing pad is the input instead of `row`
    std::vector<PadStroke> strokes;
    // Derived by update_image_view:
    std::vector<float> pixels;         // the input on show in the data's units (0..16), row by row
    std::vector<float> probabilities;  // of each class for that input
    int predicted = -1;                // the most probable class
    int label = -1;                    // the true class of `row` (-1 for the pad)
    std::vector<int> confusion;        // classes x classes over the test split: [true * k + predicted]
    std::vector<int> wrong;            // the misclassified test rows, in row order
    std::vector<int> wrong_answer;     // the network's answer for each of them
    int classes = 0;
    // Buffers, kept between frames. After update_image_view, ws.h[l] row 0 holds every layer's
    // activations for the input on show (the network panel colours its neurons by them).
    Workspace ws;
    Matrix input;
};

// Recomputes the derived fields for the session's current network: the input on show through
// the network, and the test split's results from the session's own evaluation (so they follow
// each epoch, reset or edit, not every batch, and cost no second pass over the test images).
// Clears them for data that is not an image set, or has no rows yet.
void update_image_view(const Session& s, ImageView& view);

// Moves the shown test row by `delta` (wrapping around the test split) and leaves the pad.
void step_image(const Session& s, ImageView& view, int delta);

// The shown row after clamping `view.row` into the test split.
int shown_row(const Session& s, const ImageView& view);

// Reads MNIST's images from a file (mnist.bin, see data/mnist_to_bin.mjs) into the engine
// (load_mnist). False with a reason when the file cannot be read or is not one.
bool load_mnist_file(const std::string& path, std::string& error);
// The same from the folder of a program (its argv[0]) or the folder above it: where the build
// puts mnist.bin beside nnp_run and the desktop app. False when neither has a readable one.
bool load_mnist_beside(const char* argv0, std::string& error);

}  // namespace nnp::app
