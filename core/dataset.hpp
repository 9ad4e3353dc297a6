// Datasets of the playground: TF Playground's four classification and two regression sets with
// its geometry, two moons, k-class blobs and k-arm spirals, and the lecture's oyster set (one
// input: shell diameter in cm; ripe or not). Generated from a seed with our own RNG and
// det_math, so the points are bit-identical natively and in WebAssembly. One real set besides:
// the 8x8 handwritten digits (images.hpp), 64 inputs, shuffled and split from the seed.
#pragma once

#include "types.hpp"
#include "enum_table.hpp"

#include <memory>
#include <string>
#include <vector>

namespace nnp {

enum class DatasetKind {
    Circle,      // binary: inside radius 2.5 vs ring 3.5..5 (TF Playground)
    Xor,         // binary: uniform on [-5,5]^2 pushed 0.3 off the axes, label sign(x*y)
    Gauss,       // binary: two blobs at (2,2) and (-2,-2), spread grows with noise
    Spiral,      // binary: two interleaved arms
    Moons,       // binary: two interleaving half circles
    Blobs,       // k classes: k gaussian blobs on a circle
    KSpiral,     // k classes: k interleaved arms
    Oyster,      // binary, 1-D: shell diameter (cm), ripe or unripe, overlapping near 7.5 cm
    RegPlane,    // regression: (x + y) / 10 on [-6,6]^2
    RegGauss,    // regression: six gaussian bumps on [-6,6]^2
    Digits,      // 10 classes, 64 inputs: the 8x8 handwritten digits (values 0..16), all 1,797
    Mnist,       // 10 classes, 784 inputs: 10,000 of MNIST's 28x28 digits (0..255), once loaded
    Csv,         // the user's own data (DatasetSpec::user, from csv.hpp): 1 to 1,024 inputs
};

enum class Task { BinaryClassification, MultiClassification, Regression };

// Data the user brought (the chosen columns of a CSV file, csv.hpp), rows in the file's order;
// generate_dataset shuffles and splits it from the seed as it does a generated set. Inputs are
// in the user's units (normalisation belongs to the model, normalize.hpp).
struct UserData {
    std::vector<std::string> input_names;  // one per input column
    std::string target_name;
    Task task = Task::BinaryClassification;
    std::vector<std::string> class_names;  // classification: class index -> name; empty: regression
    Matrix x;                // rows x inputs
    std::vector<int> label;  // rows: class index (classification)
    Matrix value;            // rows x 1: target (regression)
    // Points placed on TF Playground's plane (user_points.hpp): two inputs in [-6, 6], drawn
    // over the plane's domain, its features apply, no normalisation by default.
    bool plane = false;

    int rows() const { return static_cast<int>(x.rows()); }
    int inputs() const { return static_cast<int>(x.cols()); }
};

struct DatasetSpec {
    DatasetKind kind = DatasetKind::Circle;
    std::uint32_t seed = 1;
    int points = 500;            // 10 .. 10000 (kMinPoints .. kMaxPoints in config.hpp); not for images
    float noise = 0.0f;          // 0 .. 50 (percent, as TF Playground); not for images
    float train_percent = 50.0f; // 10 .. 90
    int classes = 3;             // 3 .. 10, only for Blobs and KSpiral
    // DatasetKind::Csv's rows; links never carry them (a link with data=csv has none, and the
    // set is empty until the user gives the data again). Compared by identity: new data is a
    // new pointer, the same data shared by a race's runs is one.
    std::shared_ptr<const UserData> user;
    bool operator==(const DatasetSpec&) const = default;
};

// The generator's own decision boundary of the oyster set (cm); the lecture's hand-written rule
// is "ripe if diameter > 7.5 cm". The learned threshold is compared with both.
constexpr float kOysterBoundaryCm = 7.2f;
constexpr float kOysterRuleCm = 7.5f;

struct Dataset {
    Task task = Task::BinaryClassification;
    int input_dims = 2;     // 2, 1 for the oyster set (one column), 64 for the 8x8 digits, 784 MNIST
    int num_classes = 2;    // 2 (binary), k (multi-class), 0 (regression)
    int image_width = 0;    // an image set's rows are image_width x image_height pixels
    int image_height = 0;   // (row by row); 0 for the sets on the plane
    float pixel_max = 0.0f; // an image set's largest pixel value (16 digits, 255 MNIST)
    // The user's data: its columns' names, its class names (empty for the generated sets).
    std::vector<std::string> input_names, class_names;
    std::string target_name;
    Domain domain;          // the part of the input plane the pictures show
    // All samples, training first, then validation, then test; rows are samples.
    Matrix x;               // n x input_dims, raw inputs
    std::vector<int> label; // n, class index (classification); empty for regression
    Matrix value;           // n x 1, target value (regression); empty for classification
    int n_train = 0;        // rows [0, n_train) train
    int n_val = 0;          // rows [n_train, n_train + n_val) validation, the rest test

    int size() const { return static_cast<int>(x.rows()); }
    int test_begin() const { return n_train + n_val; }
    int n_test() const { return size() - test_begin(); }
};

// `spec` must be valid (see validate() in config.hpp); out-of-range values are clamped anyway.
Dataset generate_dataset(const DatasetSpec& spec);

// The part of the plane of input columns (col_x, col_y) that the data's rows cover, with a
// margin: where a map of a data set of many inputs over two of them is drawn.
Domain column_domain(const Dataset& data, int col_x, int col_y);

template <>
std::span<const EnumEntry<DatasetKind>> enum_table<DatasetKind>();
template <>
std::span<const EnumEntry<Task>> enum_table<Task>();

// Moves the last `percent` % of the training rows (at least one training row stays) into the
// validation split; the test rows are untouched. Rows are in random order already, so the tail
// is a random sample. Early stopping watches these rows, never the test rows.
void hold_out_validation(Dataset& data, float percent);
// The validation rows hold_out_validation(data, percent) gives.
int validation_rows(const Dataset& data, float percent);

// What a data set is: for the user's data (DatasetKind::Csv) these look at spec.user (no rows:
// two inputs, two classes); the kind alone answers for the others.
Task task_of(DatasetKind kind);
Task task_of(const DatasetSpec& spec);
int input_dims_of(DatasetKind kind);
int input_dims_of(const DatasetSpec& spec);
// True for the image sets: many inputs, no plane to draw pictures on, no feature expansion.
bool is_image_set(DatasetKind kind);
// The classes a spec's data has: 2 (binary), spec.classes (blobs, k arms), 10 (digits), 0.
// (MNIST's images must be loaded first, see load_mnist in images.hpp; until then its data set
// has no rows.)
int classes_of(const DatasetSpec& spec);

// Sum of errors of the hand-written oyster rule (ripe if x > threshold) over rows [begin, end).
int count_threshold_errors(const Dataset& data, float threshold_cm, int begin, int end);

}  // namespace nnp
