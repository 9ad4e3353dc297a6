// Dataset generators (see dataset.hpp). The six TF Playground sets follow its dataset.ts draw for
// draw (its randUniform is our rng.uniform, its noise/100 our noise/100), then moons, blobs,
// k-arm spirals and the oyster set. Everything is computed in double with det_math and our Rng
// and stored as float, so a spec gives the same bits natively and in WebAssembly.
#include "dataset.hpp"

#include "config.hpp"
#include "det_math.hpp"
#include "images.hpp"
#include "rng.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <tuple>
#include <utility>

namespace nnp {

namespace {

constexpr EnumEntry<DatasetKind> kDatasetKinds[] = {
    {DatasetKind::Circle, "circle", "Circle", "circle"},
    {DatasetKind::Xor, "xor", "Exclusive or", "xor"},
    {DatasetKind::Gauss, "gauss", "Two gaussians", "gauss"},
    {DatasetKind::Spiral, "spiral", "Spiral", "spiral"},
    {DatasetKind::Moons, "moons", "Two moons", "moons"},
    {DatasetKind::Blobs, "blobs", "Blobs", "blobs"},
    {DatasetKind::KSpiral, "k_spiral", "Spiral with k arms", "k-spiral"},
    {DatasetKind::Oyster, "oyster", "Oysters", "oyster"},
    {DatasetKind::RegPlane, "reg_plane", "Plane", "reg-plane"},
    {DatasetKind::RegGauss, "reg_gauss", "Gaussian bumps", "reg-gauss"},
    {DatasetKind::Digits, "digits", "Handwritten digits (8x8)", "digits"},
    {DatasetKind::Mnist, "mnist", "MNIST digits (28x28)", "mnist"},
    {DatasetKind::Csv, "csv", "Your data (CSV)", "csv"},
};

// TF Playground's link says problem=classification or problem=regression.
constexpr EnumEntry<Task> kTasks[] = {
    {Task::BinaryClassification, "binary", "Two classes", "classification"},
    {Task::MultiClassification, "multiclass", "Several classes", "multiclass"},
    {Task::Regression, "regression", "Regression", "regression"},
};

constexpr double kTwoPi = 2.0 * det::kPi;
constexpr double kHalfExtent = 6.0;  // every 2-D set lives in [-6, 6]^2

// One generated sample before shuffling; y is unused by the one-input oyster set.
struct Sample {
    double x = 0.0, y = 0.0;
    int label = 0;       // classification
    double value = 0.0;  // regression
};

// The spec with every field forced into its range (validate() in config.cpp reports; here we
// only make sure no input can crash the generator or make it allocate absurdly).
DatasetSpec clamped(const DatasetSpec& in) {
    const DatasetSpec defaults;
    DatasetSpec s = in;
    if (enum_entry(s.kind) == nullptr) s.kind = defaults.kind;
    s.points = std::clamp(s.points, kMinPoints, kMaxPoints);
    s.noise = std::isfinite(s.noise) ? std::clamp(s.noise, 0.0f, 50.0f) : defaults.noise;
    s.train_percent = std::isfinite(s.train_percent) ? std::clamp(s.train_percent, 10.0f, 90.0f)
                                                     : defaults.train_percent;
    s.classes = std::clamp(s.classes, 3, 10);
    return s;
}

// Points of class c when n points are shared by k classes: n / k each, the remainder going to
// the first classes.
int class_count(int n, int k, int c) { return n / k + (c < n % k ? 1 : 0); }

double sq(double v) { return v * v; }

// mean + sd * N(0,1), redrawn while outside [lo, hi] (a truncated normal). TF Playground lets
// noisy gaussian points fall outside the picture; we keep every point visible. A draw lands
// inside with probability > 0.8 for our parameters, so the cap is never reached in practice.
double normal_within(Rng& rng, double mean, double sd, double lo, double hi) {
    for (int attempt = 0; attempt < 64; ++attempt) {
        const double v = rng.normal(mean, sd);
        if (v >= lo && v <= hi) return v;
    }
    return std::clamp(mean, lo, hi);
}

// ---- TF Playground's sets; `noise` is TF's noise in [0, 0.5] ----

void gen_circle(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    constexpr double radius = 5.0;
    // TF: positive (class 1) if the noisy point is within radius / 2 of the origin.
    auto label_of = [&](double x, double y) {
        return std::sqrt(x * x + y * y) < radius * 0.5 ? 1 : 0;
    };
    const int counts[2] = {n - n / 2, n / 2};  // inner disc first, as TF
    const double r_lo[2] = {0.0, radius * 0.7}, r_hi[2] = {radius * 0.5, radius};
    for (int part = 0; part < 2; ++part) {
        for (int i = 0; i < counts[part]; ++i) {
            const double r = rng.uniform(r_lo[part], r_hi[part]);
            const double angle = rng.uniform(0.0, kTwoPi);
            const double x = r * det::sin(angle), y = r * det::cos(angle);
            const double noise_x = rng.uniform(-radius, radius) * noise;
            const double noise_y = rng.uniform(-radius, radius) * noise;
            out.push_back({x, y, label_of(x + noise_x, y + noise_y), 0.0});
        }
    }
}

void gen_xor(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    constexpr double padding = 0.3;  // keeps points off the axes, where the label flips
    for (int i = 0; i < n; ++i) {
        double x = rng.uniform(-5.0, 5.0);
        x += x > 0 ? padding : -padding;
        double y = rng.uniform(-5.0, 5.0);
        y += y > 0 ? padding : -padding;
        const double noise_x = rng.uniform(-5.0, 5.0) * noise;
        const double noise_y = rng.uniform(-5.0, 5.0) * noise;
        out.push_back({x, y, (x + noise_x) * (y + noise_y) >= 0 ? 1 : 0, 0.0});
    }
}

void gen_gauss(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    // TF: variance = linear map of noise [0, 0.5] -> [0.5, 4]; stddev is its square root.
    const double sd = std::sqrt(0.5 + 3.5 * (noise / 0.5));
    const int counts[2] = {n - n / 2, n / 2};
    const double centre[2] = {2.0, -2.0};
    const int label[2] = {1, 0};
    for (int part = 0; part < 2; ++part) {
        for (int i = 0; i < counts[part]; ++i) {
            const double x = normal_within(rng, centre[part], sd, -kHalfExtent, kHalfExtent);
            const double y = normal_within(rng, centre[part], sd, -kHalfExtent, kHalfExtent);
            out.push_back({x, y, label[part], 0.0});
        }
    }
}

// One spiral arm of `m` points turning 1.75 times, rotated by `delta` (radians); TF's genSpiral.
void spiral_arm(Rng& rng, int m, double delta, int label, double noise, std::vector<Sample>& out) {
    for (int i = 0; i < m; ++i) {
        const double r = static_cast<double>(i) / m * 5.0;
        const double t = 1.75 * i / m * kTwoPi + delta;
        const double x = r * det::sin(t) + rng.uniform(-1.0, 1.0) * noise;
        const double y = r * det::cos(t) + rng.uniform(-1.0, 1.0) * noise;
        out.push_back({x, y, label, 0.0});
    }
}

void gen_spiral(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    spiral_arm(rng, n - n / 2, 0.0, 1, noise, out);
    spiral_arm(rng, n / 2, det::kPi, 0, noise, out);
}

void gen_reg_plane(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(-kHalfExtent, kHalfExtent);
        const double y = rng.uniform(-kHalfExtent, kHalfExtent);
        const double noise_x = rng.uniform(-kHalfExtent, kHalfExtent) * noise;
        const double noise_y = rng.uniform(-kHalfExtent, kHalfExtent) * noise;
        // TF: linear map of x + y from [-10, 10] to [-1, 1].
        out.push_back({x, y, 0, (x + noise_x + y + noise_y) / 10.0});
    }
}

void gen_reg_gauss(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    struct Bump {
        double cx, cy, sign;
    };
    static constexpr Bump bumps[] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                     {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(-kHalfExtent, kHalfExtent);
        const double y = rng.uniform(-kHalfExtent, kHalfExtent);
        const double px = x + rng.uniform(-kHalfExtent, kHalfExtent) * noise;
        const double py = y + rng.uniform(-kHalfExtent, kHalfExtent) * noise;
        // TF: each bump falls linearly from 1 at its centre to 0 at distance 2 (clamped); the
        // label is the bump value of largest magnitude, the first one winning ties.
        double value = 0.0;
        for (const Bump& b : bumps) {
            const double dist = std::sqrt(sq(px - b.cx) + sq(py - b.cy));
            const double v = b.sign * std::max(0.0, 1.0 - dist / 2.0);
            if (std::abs(v) > std::abs(value)) value = v;
        }
        out.push_back({x, y, 0, value});
    }
}

// ---- our own sets ----

void gen_moons(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    // sklearn's make_moons: upper (cos t, sin t) and lower (1 - cos t, 0.5 - sin t), t in
    // [0, pi]; together they span x in [-1, 2], y in [-0.5, 1]. Centred and scaled by 10/3 they
    // span [-5, 5] x [-2.5, 2.5]. Jitter stddev 2 * noise: up to 1 unit (0.3 in sklearn's units).
    constexpr double scale = 10.0 / 3.0;
    const double sd = 2.0 * noise;
    const int counts[2] = {n - n / 2, n / 2};
    for (int part = 0; part < 2; ++part) {
        for (int i = 0; i < counts[part]; ++i) {
            const double t = rng.uniform(0.0, det::kPi);
            const double mx = part == 0 ? det::cos(t) : 1.0 - det::cos(t);
            const double my = part == 0 ? det::sin(t) : 0.5 - det::sin(t);
            const double cx = (mx - 0.5) * scale, cy = (my - 0.25) * scale;
            const double x = sd > 0 ? normal_within(rng, cx, sd, -kHalfExtent, kHalfExtent) : cx;
            const double y = sd > 0 ? normal_within(rng, cy, sd, -kHalfExtent, kHalfExtent) : cy;
            out.push_back({x, y, part == 0 ? 1 : 0, 0.0});
        }
    }
}

void gen_blobs(Rng& rng, int n, int k, double noise, std::vector<Sample>& out) {
    constexpr double ring = 3.5;  // centres on a circle of this radius
    const double sd = 0.6 + 3.0 * noise;
    for (int c = 0; c < k; ++c) {
        const double angle = kTwoPi * c / k;
        const double cx = ring * det::cos(angle), cy = ring * det::sin(angle);
        for (int i = 0; i < class_count(n, k, c); ++i) {
            const double x = normal_within(rng, cx, sd, -kHalfExtent, kHalfExtent);
            const double y = normal_within(rng, cy, sd, -kHalfExtent, kHalfExtent);
            out.push_back({x, y, c, 0.0});
        }
    }
}

void gen_k_spiral(Rng& rng, int n, int k, double noise, std::vector<Sample>& out) {
    for (int c = 0; c < k; ++c)
        spiral_arm(rng, class_count(n, k, c), kTwoPi * c / k, c, noise, out);
}

void gen_oyster(Rng& rng, int n, double noise, std::vector<Sample>& out) {
    // Ripeness is a logistic function of the diameter around kOysterBoundaryCm; its width s (cm)
    // grows with noise, so the classes overlap more. Class 1 = ripe.
    const double s = 0.1 + noise * 1.2;
    for (int i = 0; i < n; ++i) {
        const double d = rng.uniform(4.0, 11.0);
        const double p = 1.0 / (1.0 + det::exp(-(d - static_cast<double>(kOysterBoundaryCm)) / s));
        out.push_back({d, 0.0, rng.uniform() < p ? 1 : 0, 0.0});
    }
}

}  // namespace

template <>
std::span<const EnumEntry<DatasetKind>> enum_table<DatasetKind>() {
    return kDatasetKinds;
}

template <>
std::span<const EnumEntry<Task>> enum_table<Task>() {
    return kTasks;
}

Task task_of(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::Blobs:
        case DatasetKind::KSpiral:
        case DatasetKind::Digits:
        case DatasetKind::Mnist: return Task::MultiClassification;
        case DatasetKind::RegPlane:
        case DatasetKind::RegGauss: return Task::Regression;
        default: return Task::BinaryClassification;
    }
}

Task task_of(const DatasetSpec& spec) {
    if (spec.kind == DatasetKind::Csv) return spec.user ? spec.user->task : Task::BinaryClassification;
    return task_of(spec.kind);
}

int input_dims_of(const DatasetSpec& spec) {
    if (spec.kind == DatasetKind::Csv) return spec.user ? spec.user->inputs() : 2;
    return input_dims_of(spec.kind);
}

int input_dims_of(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::Oyster: return 1;
        case DatasetKind::Digits: return kDigitsPixels;
        case DatasetKind::Mnist: return kMnistPixels;
        default: return 2;
    }
}

bool is_image_set(DatasetKind kind) { return kind == DatasetKind::Digits || kind == DatasetKind::Mnist; }

int classes_of(const DatasetSpec& spec) {
    if (spec.kind == DatasetKind::Csv && spec.user) return static_cast<int>(spec.user->class_names.size());
    switch (task_of(spec)) {
        case Task::BinaryClassification: return 2;
        case Task::Regression: return 0;
        case Task::MultiClassification: break;
    }
    return is_image_set(spec.kind) ? 10 : std::clamp(spec.classes, 3, 10);
}

namespace {

// Every image of an image set in an order shuffled from the seed, training rows first; pixel
// values as the set stores them (digits 0..16, MNIST 0..255).
Dataset image_dataset(const DatasetSpec& spec) {
    const bool mnist = spec.kind == DatasetKind::Mnist;
    const int count = mnist ? mnist_count() : kDigitsImages;
    const int side = mnist ? kMnistSide : kDigitsSide, pixels = side * side;
    Rng rng = make_rng(spec.seed, RngStream::Data);
    std::vector<int> order(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) order[static_cast<std::size_t>(i)] = i;
    rng.shuffle(order);

    Dataset data;
    data.task = Task::MultiClassification;
    data.input_dims = pixels;
    data.num_classes = 10;
    data.image_width = data.image_height = side;
    data.pixel_max = float(mnist ? kMnistMaxValue : kDigitsMaxValue);
    data.x.resize(count, pixels);  // count x pixels
    data.label.resize(static_cast<std::size_t>(count));
    for (int row = 0; row < count; ++row) {
        const int image = order[static_cast<std::size_t>(row)];
        const unsigned char* px = mnist ? mnist_pixels(image).data() : digits_pixels(image).data();
        for (int j = 0; j < pixels; ++j) data.x(row, j) = static_cast<float>(px[j]);
        data.label[static_cast<std::size_t>(row)] = mnist ? mnist_label(image) : digits_label(image);
    }
    data.n_train = static_cast<int>(std::floor(count * static_cast<double>(spec.train_percent) / 100.0));
    return data;
}

// The smallest and largest value of column `col` over every row, widened by 5% on each side
// (by 1 for a constant column), so that no point sits on the picture's edge.
std::pair<float, float> padded_range(const Matrix& x, int col) {
    if (x.rows() == 0) return {-6.0f, 6.0f};
    const float lo = x.col(col).minCoeff(), hi = x.col(col).maxCoeff();
    const float pad = hi > lo ? 0.05f * (hi - lo) : 1.0f;
    return {lo - pad, hi + pad};
}

// The user's rows in an order shuffled from the seed, training rows first. Without rows (a link
// with data=csv: links do not carry the data) the set is empty, with two inputs and two classes.
Dataset user_dataset(const DatasetSpec& spec) {
    Dataset data;
    if (!spec.user) return data;
    const UserData& user = *spec.user;
    const int n = user.rows();
    data.task = user.task;
    data.input_dims = user.inputs();
    data.num_classes = user.task == Task::Regression ? 0 : static_cast<int>(user.class_names.size());
    data.input_names = user.input_names;
    data.class_names = user.class_names;
    data.target_name = user.target_name;
    Rng rng = make_rng(spec.seed, RngStream::Data);
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    rng.shuffle(order);
    data.x.resize(n, user.inputs());  // n x inputs
    if (user.task == Task::Regression) data.value.resize(n, 1);  // n x 1
    else data.label.resize(static_cast<std::size_t>(n));
    for (int row = 0; row < n; ++row) {
        const int i = order[static_cast<std::size_t>(row)];
        data.x.row(row) = user.x.row(i);
        if (user.task == Task::Regression) data.value(row, 0) = user.value(i, 0);
        else data.label[static_cast<std::size_t>(row)] = user.label[static_cast<std::size_t>(i)];
    }
    data.n_train = static_cast<int>(std::floor(n * static_cast<double>(spec.train_percent) / 100.0));
    if (n >= 2) data.n_train = std::clamp(data.n_train, 1, n - 1);
    if (user.plane) return data;  // TF Playground's plane, [-6, 6]^2
    const auto [x0, x1] = padded_range(data.x, 0);
    data.domain.x_min = x0;
    data.domain.x_max = x1;
    if (data.input_dims >= 2) {
        const auto [y0, y1] = padded_range(data.x, 1);
        data.domain.y_min = y0;
        data.domain.y_max = y1;
    } else {
        data.domain.y_min = -1.0f;
        data.domain.y_max = 1.0f;
    }
    return data;
}

}  // namespace

Domain column_domain(const Dataset& data, int col_x, int col_y) {
    Domain d;
    if (col_x < 0 || col_x >= data.input_dims || col_y < 0 || col_y >= data.input_dims) return data.domain;
    std::tie(d.x_min, d.x_max) = padded_range(data.x, col_x);
    std::tie(d.y_min, d.y_max) = padded_range(data.x, col_y);
    return d;
}

Dataset generate_dataset(const DatasetSpec& raw_spec) {
    const DatasetSpec spec = clamped(raw_spec);
    if (spec.kind == DatasetKind::Csv) return user_dataset(spec);
    if (is_image_set(spec.kind)) return image_dataset(spec);
    const int n = spec.points;
    const double noise = spec.noise / 100.0;  // TF's scale: 0 .. 0.5
    Rng rng = make_rng(spec.seed, RngStream::Data);

    std::vector<Sample> samples;
    samples.reserve(static_cast<std::size_t>(n));
    switch (spec.kind) {
        case DatasetKind::Circle: gen_circle(rng, n, noise, samples); break;
        case DatasetKind::Xor: gen_xor(rng, n, noise, samples); break;
        case DatasetKind::Gauss: gen_gauss(rng, n, noise, samples); break;
        case DatasetKind::Spiral: gen_spiral(rng, n, noise, samples); break;
        case DatasetKind::Moons: gen_moons(rng, n, noise, samples); break;
        case DatasetKind::Blobs: gen_blobs(rng, n, spec.classes, noise, samples); break;
        case DatasetKind::KSpiral: gen_k_spiral(rng, n, spec.classes, noise, samples); break;
        case DatasetKind::Oyster: gen_oyster(rng, n, noise, samples); break;
        case DatasetKind::RegPlane: gen_reg_plane(rng, n, noise, samples); break;
        case DatasetKind::RegGauss: gen_reg_gauss(rng, n, noise, samples); break;
        case DatasetKind::Digits:
        case DatasetKind::Mnist:
        case DatasetKind::Csv: break;  // not generated (image_dataset, user_dataset above)
    }
    assert(static_cast<int>(samples.size()) == n);

    Dataset data;
    data.task = task_of(spec.kind);
    data.input_dims = input_dims_of(spec.kind);
    data.num_classes = classes_of(spec);
    if (spec.kind == DatasetKind::Oyster) data.domain = Domain{3.5f, 11.5f, -1.0f, 1.0f};

    // Shuffle with the same rng (Fisher-Yates), then training rows first, as TF does.
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    rng.shuffle(order);

    data.x.resize(n, data.input_dims);  // n x input_dims
    if (data.task == Task::Regression)
        data.value.resize(n, 1);  // n x 1
    else
        data.label.resize(static_cast<std::size_t>(n));
    for (int row = 0; row < n; ++row) {
        const Sample& s = samples[static_cast<std::size_t>(order[static_cast<std::size_t>(row)])];
        data.x(row, 0) = static_cast<float>(s.x);
        if (data.input_dims == 2) data.x(row, 1) = static_cast<float>(s.y);
        if (data.task == Task::Regression)
            data.value(row, 0) = static_cast<float>(s.value);
        else
            data.label[static_cast<std::size_t>(row)] = s.label;
    }
    // TF: floor(n * percent / 100) training rows.
    data.n_train =
        static_cast<int>(std::floor(n * static_cast<double>(spec.train_percent) / 100.0));
    return data;
}

int validation_rows(const Dataset& data, float percent) {
    const int train = data.n_train + data.n_val;
    percent = std::isfinite(percent) ? std::clamp(percent, 0.0f, 100.0f) : 0.0f;
    const int val = static_cast<int>(std::floor(train * static_cast<double>(percent) / 100.0));
    return std::clamp(val, 0, std::max(0, train - 1));
}

void hold_out_validation(Dataset& data, float percent) {
    const int train = data.n_train + data.n_val;
    data.n_val = validation_rows(data, percent);
    data.n_train = train - data.n_val;
}

int count_threshold_errors(const Dataset& data, float threshold_cm, int begin, int end) {
    assert(data.task != Task::Regression && data.x.cols() >= 1);
    begin = std::clamp(begin, 0, data.size());
    end = std::clamp(end, begin, data.size());
    if (data.label.size() < static_cast<std::size_t>(data.size())) return 0;
    int errors = 0;
    for (int row = begin; row < end; ++row) {
        const bool predicted_ripe = data.x(row, 0) > threshold_cm;
        const bool ripe = data.label[static_cast<std::size_t>(row)] == 1;
        errors += predicted_ripe != ripe ? 1 : 0;
    }
    return errors;
}

}  // namespace nnp
