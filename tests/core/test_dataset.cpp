// Tests of the dataset generators (core/dataset.hpp): sizes, class balance, the train/test
// split, domain containment, each set's geometry checked against its hand-derived definition,
// determinism, clamping of bad specs, and golden checksums that must be the same natively and in
// WebAssembly (the proof that generated data is bit-identical on both platforms).
#include "dataset.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

using namespace nnp;

namespace {

constexpr DatasetKind kAllKinds[] = {
    DatasetKind::Circle, DatasetKind::Xor,    DatasetKind::Gauss,   DatasetKind::Spiral,
    DatasetKind::Moons,  DatasetKind::Blobs,  DatasetKind::KSpiral, DatasetKind::Oyster,
    DatasetKind::RegPlane, DatasetKind::RegGauss, DatasetKind::Digits,   DatasetKind::Mnist,
    DatasetKind::Csv};
// The kinds drawn from a generator (every one but the real digits, see test_images.cpp).
constexpr DatasetKind kGeneratedKinds[] = {
    DatasetKind::Circle, DatasetKind::Xor,    DatasetKind::Gauss,   DatasetKind::Spiral,
    DatasetKind::Moons,  DatasetKind::Blobs,  DatasetKind::KSpiral, DatasetKind::Oyster,
    DatasetKind::RegPlane, DatasetKind::RegGauss};

DatasetSpec make_spec(DatasetKind kind, int points, float noise, std::uint32_t seed = 1,
                      float train_percent = 50.0f, int classes = 3) {
    DatasetSpec s;
    s.kind = kind;
    s.points = points;
    s.noise = noise;
    s.seed = seed;
    s.train_percent = train_percent;
    s.classes = classes;
    return s;
}

std::vector<int> class_counts(const Dataset& d) {
    std::vector<int> counts(static_cast<std::size_t>(std::max(d.num_classes, 1)), 0);
    for (int l : d.label) ++counts[static_cast<std::size_t>(l)];
    return counts;
}

float radius(const Dataset& d, int i) { return std::hypot(d.x(i, 0), d.x(i, 1)); }

std::uint64_t checksum_x(const Dataset& d) {
    return checksum(d.x.data(), static_cast<std::size_t>(d.x.size()));
}

// Labels as floats (classification) or the target values (regression).
std::uint64_t checksum_targets(const Dataset& d) {
    if (d.task == Task::Regression)
        return checksum(d.value.data(), static_cast<std::size_t>(d.value.size()));
    std::vector<float> labels(d.label.begin(), d.label.end());
    return checksum(labels.data(), labels.size());
}

// Bitwise equality of two float matrices (memcmp is not called on empty ones: null data).
bool same_bits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0);
}

bool same_bits(const Dataset& a, const Dataset& b) {
    return same_bits(a.x, b.x) && a.label == b.label && same_bits(a.value, b.value) &&
           a.n_train == b.n_train;
}

// Angle difference wrapped into (-pi, pi].
double wrap(double a) {
    const double two_pi = 2.0 * 3.14159265358979323846;
    a = std::fmod(a, two_pi);
    if (a > two_pi / 2) a -= two_pi;
    if (a <= -two_pi / 2) a += two_pi;
    return a;
}

}  // namespace

TEST_CASE("dataset: enum tables are complete, unique and use TF Playground's tokens", "[dataset]") {
    std::set<std::string> codes, urls;
    for (DatasetKind k : kAllKinds) {
        const auto* e = enum_entry(k);
        REQUIRE(e != nullptr);
        codes.insert(e->code);
        urls.insert(e->url);
        CHECK(enum_parse<DatasetKind>(e->code) == k);
        CHECK(enum_parse<DatasetKind>(e->url) == k);
        CHECK(std::string(e->label).size() > 0);
    }
    CHECK(enum_table<DatasetKind>().size() == std::size(kAllKinds));
    CHECK(codes.size() == std::size(kAllKinds));
    CHECK(urls.size() == std::size(kAllKinds));
    CHECK(std::string(enum_url(DatasetKind::Circle)) == "circle");
    CHECK(std::string(enum_url(DatasetKind::Xor)) == "xor");
    CHECK(std::string(enum_url(DatasetKind::Gauss)) == "gauss");
    CHECK(std::string(enum_url(DatasetKind::Spiral)) == "spiral");
    CHECK(std::string(enum_url(DatasetKind::RegPlane)) == "reg-plane");
    CHECK(std::string(enum_url(DatasetKind::RegGauss)) == "reg-gauss");
    CHECK(std::string(enum_code(DatasetKind::KSpiral)) == "k_spiral");
    CHECK(std::string(enum_code(DatasetKind::RegPlane)) == "reg_plane");
    CHECK_FALSE(enum_parse<DatasetKind>("square").has_value());

    for (Task t : {Task::BinaryClassification, Task::MultiClassification, Task::Regression})
        CHECK(enum_parse<Task>(enum_code(t)) == t);
    CHECK(enum_table<Task>().size() == 3);
    CHECK(std::string(enum_url(Task::BinaryClassification)) == "classification");
    CHECK(std::string(enum_url(Task::Regression)) == "regression");
}

TEST_CASE("dataset: task and input dimensions per kind", "[dataset]") {
    for (DatasetKind k : kAllKinds) {
        const bool regression = k == DatasetKind::RegPlane || k == DatasetKind::RegGauss;
        const bool image = k == DatasetKind::Digits || k == DatasetKind::Mnist;
        const bool multi = k == DatasetKind::Blobs || k == DatasetKind::KSpiral || image;
        CHECK(task_of(k) == (regression ? Task::Regression
                             : multi    ? Task::MultiClassification
                                        : Task::BinaryClassification));
        CHECK(input_dims_of(k) == (k == DatasetKind::Oyster   ? 1
                                   : k == DatasetKind::Digits ? 64
                                   : k == DatasetKind::Mnist  ? 784
                                                              : 2));
        CHECK(is_image_set(k) == image);
    }
}

TEST_CASE("dataset: sizes, split, targets and domain for every kind", "[dataset]") {
    for (DatasetKind k : kGeneratedKinds) {
        for (float noise : {0.0f, 25.0f, 50.0f}) {
            for (int points : {10, 11, 501}) {
                for (float pct : {10.0f, 50.0f, 73.0f, 90.0f}) {
                    const DatasetSpec spec = make_spec(k, points, noise, 3, pct, 4);
                    const Dataset d = generate_dataset(spec);
                    INFO(enum_code(k) << " noise " << noise << " points " << points << " pct " << pct);
                    REQUIRE(d.size() == points);
                    CHECK(d.task == task_of(k));
                    CHECK(d.input_dims == input_dims_of(k));
                    CHECK(d.x.cols() == d.input_dims);
                    // TF: floor(n * percent / 100) training rows. 501 * 73 / 100 = 365.73.
                    const int expected_train = points * static_cast<int>(pct) / 100;
                    CHECK(d.n_train == expected_train);
                    CHECK(d.n_test() == points - expected_train);
                    if (d.task == Task::Regression) {
                        CHECK(d.label.empty());
                        REQUIRE(d.value.rows() == points);
                        REQUIRE(d.value.cols() == 1);
                        CHECK(d.value.allFinite());
                    } else {
                        CHECK(d.num_classes == (d.task == Task::MultiClassification ? 4 : 2));
                        REQUIRE(static_cast<int>(d.label.size()) == points);
                        for (int l : d.label) {
                            CHECK(l >= 0);
                            CHECK(l < d.num_classes);
                        }
                    }
                    REQUIRE(d.x.allFinite());
                    bool inside = true;
                    for (int i = 0; i < points; ++i) {
                        inside &= d.x(i, 0) >= d.domain.x_min && d.x(i, 0) <= d.domain.x_max;
                        if (d.input_dims == 2)
                            inside &= d.x(i, 1) >= d.domain.y_min && d.x(i, 1) <= d.domain.y_max;
                    }
                    CHECK(inside);
                }
            }
        }
    }
    const Dataset oyster = generate_dataset(make_spec(DatasetKind::Oyster, 100, 0.0f));
    CHECK(oyster.domain == Domain{3.5f, 11.5f, -1.0f, 1.0f});
    CHECK(generate_dataset(make_spec(DatasetKind::Circle, 100, 0.0f)).domain == Domain{});
}

TEST_CASE("dataset: class balance", "[dataset]") {
    // Sets with a fixed number of points per class: ceil(n/2) of class 1, floor(n/2) of class 0.
    for (DatasetKind k : {DatasetKind::Gauss, DatasetKind::Spiral, DatasetKind::Moons}) {
        for (float noise : {0.0f, 50.0f}) {
            const auto counts = class_counts(generate_dataset(make_spec(k, 301, noise)));
            CHECK(counts[1] == 151);
            CHECK(counts[0] == 150);
        }
    }
    // Circle: the label follows the noiseless radius at noise 0.
    const auto circle = class_counts(generate_dataset(make_spec(DatasetKind::Circle, 301, 0.0f)));
    CHECK(circle[1] == 151);
    CHECK(circle[0] == 150);
    // k classes: n / k each, the remainder to the first classes (302 = 5 * 60 + 2).
    for (DatasetKind k : {DatasetKind::Blobs, DatasetKind::KSpiral}) {
        const auto counts = class_counts(generate_dataset(make_spec(k, 302, 20.0f, 1, 50.0f, 5)));
        REQUIRE(counts.size() == 5);
        CHECK(counts == std::vector<int>{61, 61, 60, 60, 60});
    }
}

TEST_CASE("dataset: samples are shuffled before the split", "[dataset]") {
    // Gauss generates all of class 1 first; after the shuffle the training half holds both.
    const Dataset d = generate_dataset(make_spec(DatasetKind::Gauss, 1000, 0.0f));
    int ones_in_train = 0;
    for (int i = 0; i < d.n_train; ++i) ones_in_train += d.label[static_cast<std::size_t>(i)];
    CHECK(ones_in_train > 200);
    CHECK(ones_in_train < 300);
}

TEST_CASE("dataset: circle geometry", "[dataset]") {
    const Dataset clean = generate_dataset(make_spec(DatasetKind::Circle, 2000, 0.0f));
    for (int i = 0; i < clean.size(); ++i) {
        const float r = radius(clean, i);
        if (clean.label[static_cast<std::size_t>(i)] == 1) {
            CHECK(r <= 2.5f + 1e-5f);
        } else {
            CHECK(r >= 3.5f - 1e-5f);
            CHECK(r <= 5.0f + 1e-5f);
        }
    }
    // With noise the label comes from a jittered copy of the point, but the stored point is the
    // noiseless one: radii stay in the two bands while some labels disagree with the radius.
    const Dataset noisy = generate_dataset(make_spec(DatasetKind::Circle, 2000, 50.0f));
    int disagree = 0;
    for (int i = 0; i < noisy.size(); ++i) {
        const float r = radius(noisy, i);
        CHECK((r <= 2.5f + 1e-5f || (r >= 3.5f - 1e-5f && r <= 5.0f + 1e-5f)));
        disagree += (r < 2.5f) != (noisy.label[static_cast<std::size_t>(i)] == 1);
    }
    CHECK(disagree > 50);
    CHECK(disagree < 1000);
}

TEST_CASE("dataset: xor geometry", "[dataset]") {
    const Dataset clean = generate_dataset(make_spec(DatasetKind::Xor, 2000, 0.0f));
    for (int i = 0; i < clean.size(); ++i) {
        const float x = clean.x(i, 0), y = clean.x(i, 1);
        CHECK(clean.label[static_cast<std::size_t>(i)] == (x * y >= 0 ? 1 : 0));
        // Pushed 0.3 away from the axes: |x|, |y| in [0.3, 5.3].
        CHECK(std::abs(x) >= 0.3f - 1e-6f);
        CHECK(std::abs(x) <= 5.3f + 1e-6f);
        CHECK(std::abs(y) >= 0.3f - 1e-6f);
        CHECK(std::abs(y) <= 5.3f + 1e-6f);
    }
    const Dataset noisy = generate_dataset(make_spec(DatasetKind::Xor, 2000, 50.0f));
    int disagree = 0;
    for (int i = 0; i < noisy.size(); ++i)
        disagree += noisy.label[static_cast<std::size_t>(i)] != (noisy.x(i, 0) * noisy.x(i, 1) >= 0);
    CHECK(disagree > 50);
    CHECK(disagree < 1000);
}

TEST_CASE("dataset: gauss geometry", "[dataset]") {
    for (float noise : {0.0f, 50.0f}) {
        const Dataset d = generate_dataset(make_spec(DatasetKind::Gauss, 4000, noise));
        double sum[2][2] = {}, sum_sq[2][2] = {};
        int count[2] = {};
        for (int i = 0; i < d.size(); ++i) {
            const int c = d.label[static_cast<std::size_t>(i)];
            ++count[c];
            for (int a = 0; a < 2; ++a) {
                sum[c][a] += d.x(i, a);
                sum_sq[c][a] += d.x(i, a) * d.x(i, a);
            }
        }
        // TF: variance 0.5 at noise 0 (sd 0.707), 4 at noise 50 (sd 2). At noise 50 the domain
        // cut at 6 (= mean + 2 sd) truncates the normal: mean moves 0.11 towards the origin and
        // sd becomes 1.88 (truncated normal: sd * sqrt(1 - 2 phi(2)/Phi(2) - (phi(2)/Phi(2))^2)).
        const double expected_sd = noise == 0.0f ? std::sqrt(0.5) : 1.88;
        const double inward = noise == 0.0f ? 0.0 : 0.11;
        for (int c = 0; c < 2; ++c) {
            const double centre = c == 1 ? 2.0 - inward : -2.0 + inward;
            for (int a = 0; a < 2; ++a) {
                const double mean = sum[c][a] / count[c];
                const double sd = std::sqrt(sum_sq[c][a] / count[c] - mean * mean);
                INFO("noise " << noise << " class " << c << " axis " << a);
                CHECK(mean == Approx(centre).margin(0.1));
                CHECK(sd == Approx(expected_sd).margin(0.07));
            }
        }
    }
}

TEST_CASE("dataset: spiral and k-spiral geometry", "[dataset]") {
    // Arm point i of m: r = 5 i / m, angle t = 1.75 * 2 pi * i / m + delta with x = r sin t,
    // y = r cos t. So at noise 0 the angle is a function of the radius: t = 1.75 * 2 pi r / 5.
    const double two_pi = 2.0 * 3.14159265358979323846;
    auto check_arms = [&](const Dataset& d, int k, const std::vector<double>& delta) {
        std::vector<std::vector<float>> radii(static_cast<std::size_t>(k));
        for (int i = 0; i < d.size(); ++i) {
            const int c = d.label[static_cast<std::size_t>(i)];
            const float r = radius(d, i);
            radii[static_cast<std::size_t>(c)].push_back(r);
            if (r > 0.05f) {
                const double t = std::atan2(d.x(i, 0), d.x(i, 1));
                CHECK(std::abs(wrap(t - (1.75 * two_pi * r / 5.0 + delta[static_cast<std::size_t>(c)]))) < 1e-4);
            }
        }
        for (auto& arm : radii) {
            std::sort(arm.begin(), arm.end());
            const int m = static_cast<int>(arm.size());
            for (int i = 0; i < m; ++i) CHECK(arm[static_cast<std::size_t>(i)] == Approx(5.0 * i / m).margin(1e-5));
        }
    };
    const Dataset two = generate_dataset(make_spec(DatasetKind::Spiral, 400, 0.0f));
    check_arms(two, 2, {3.14159265358979323846, 0.0});  // class 0 is the arm turned by pi
    const Dataset five = generate_dataset(make_spec(DatasetKind::KSpiral, 500, 0.0f, 1, 50.0f, 5));
    std::vector<double> deltas;
    for (int c = 0; c < 5; ++c) deltas.push_back(two_pi * c / 5);
    check_arms(five, 5, deltas);

    // Noise moves each coordinate by at most noise/100 (0.5 at 50): radii stay within 5.71.
    const Dataset noisy = generate_dataset(make_spec(DatasetKind::Spiral, 400, 50.0f));
    float max_r = 0.0f;
    for (int i = 0; i < noisy.size(); ++i) max_r = std::max(max_r, radius(noisy, i));
    CHECK(max_r <= 5.0f + 0.5f * std::sqrt(2.0f) + 1e-5f);
    CHECK(max_r > 4.9f);
}

TEST_CASE("dataset: moons geometry", "[dataset]") {
    // Undo the centring and scaling: (x, y) * 3/10 + (0.5, 0.25) are sklearn's moon coordinates.
    const Dataset d = generate_dataset(make_spec(DatasetKind::Moons, 1000, 0.0f));
    float min_x = 10, max_x = -10, min_y = 10, max_y = -10;
    for (int i = 0; i < d.size(); ++i) {
        const double mx = d.x(i, 0) * 0.3 + 0.5, my = d.x(i, 1) * 0.3 + 0.25;
        if (d.label[static_cast<std::size_t>(i)] == 1) {  // upper moon: (cos t, sin t)
            CHECK(mx * mx + my * my == Approx(1.0).margin(1e-5));
            CHECK(my >= -1e-6);
        } else {  // lower moon: (1 - cos t, 0.5 - sin t)
            CHECK((1 - mx) * (1 - mx) + (0.5 - my) * (0.5 - my) == Approx(1.0).margin(1e-5));
            CHECK(my <= 0.5 + 1e-6);
        }
        min_x = std::min(min_x, d.x(i, 0));
        max_x = std::max(max_x, d.x(i, 0));
        min_y = std::min(min_y, d.x(i, 1));
        max_y = std::max(max_y, d.x(i, 1));
    }
    // The pair spans about [-5, 5] x [-2.5, 2.5].
    CHECK(min_x == Approx(-5.0).margin(0.1));
    CHECK(max_x == Approx(5.0).margin(0.1));
    CHECK(min_y == Approx(-2.5).margin(0.1));
    CHECK(max_y == Approx(2.5).margin(0.1));

    // Noise jitters the points off the curves.
    const Dataset noisy = generate_dataset(make_spec(DatasetKind::Moons, 1000, 30.0f));
    int off = 0;
    for (int i = 0; i < noisy.size(); ++i) {
        const double mx = noisy.x(i, 0) * 0.3 + 0.5, my = noisy.x(i, 1) * 0.3 + 0.25;
        off += std::abs(mx * mx + my * my - 1.0) > 0.01 && noisy.label[static_cast<std::size_t>(i)] == 1;
    }
    CHECK(off > 400);
}

TEST_CASE("dataset: blobs geometry", "[dataset]") {
    const int k = 5;
    const Dataset d = generate_dataset(make_spec(DatasetKind::Blobs, 3000, 0.0f, 2, 50.0f, k));
    std::vector<double> sx(k, 0.0), sy(k, 0.0), sxx(k, 0.0);
    std::vector<int> n(k, 0);
    for (int i = 0; i < d.size(); ++i) {
        const int c = d.label[static_cast<std::size_t>(i)];
        sx[c] += d.x(i, 0);
        sy[c] += d.x(i, 1);
        sxx[c] += d.x(i, 0) * d.x(i, 0);
        ++n[c];
    }
    for (int c = 0; c < k; ++c) {
        // Centre c on the circle of radius 3.5 at angle 2 pi c / k; stddev 0.6 at noise 0
        // (the domain cut lies 4 sd away and changes nothing measurable).
        const double angle = 2.0 * 3.14159265358979323846 * c / k;
        const double mx = sx[c] / n[c], my = sy[c] / n[c];
        CHECK(mx == Approx(3.5 * std::cos(angle)).margin(0.08));
        CHECK(my == Approx(3.5 * std::sin(angle)).margin(0.08));
        CHECK(std::sqrt(sxx[c] / n[c] - mx * mx) == Approx(0.6).margin(0.05));
    }
}

TEST_CASE("dataset: regression plane and bumps", "[dataset]") {
    const Dataset plane = generate_dataset(make_spec(DatasetKind::RegPlane, 1000, 0.0f));
    for (int i = 0; i < plane.size(); ++i)
        CHECK(plane.value(i, 0) == Approx((plane.x(i, 0) + plane.x(i, 1)) / 10.0).margin(1e-6));
    const Dataset noisy = generate_dataset(make_spec(DatasetKind::RegPlane, 1000, 50.0f));
    int moved = 0;
    for (int i = 0; i < noisy.size(); ++i) {
        const double clean_value = (noisy.x(i, 0) + noisy.x(i, 1)) / 10.0;
        moved += std::abs(noisy.value(i, 0) - clean_value) > 0.01;
        CHECK(std::abs(noisy.value(i, 0) - clean_value) <= 0.6 + 1e-6);  // |nx + ny| <= 6, / 10
    }
    CHECK(moved > 800);

    // All bumps fall with the same slope, so the largest |v| belongs to the nearest centre:
    // value = sign(nearest) * max(0, 1 - d_nearest / 2).
    const double cx[] = {-4, 0, 4, -4, 0, 4}, cy[] = {2.5, 2.5, 2.5, -2.5, -2.5, -2.5};
    const double sign[] = {1, -1, 1, -1, 1, -1};
    const Dataset bumps = generate_dataset(make_spec(DatasetKind::RegGauss, 2000, 0.0f));
    int zeros = 0, positive = 0, negative = 0;
    for (int i = 0; i < bumps.size(); ++i) {
        int nearest = 0;
        double best = 1e9;
        for (int b = 0; b < 6; ++b) {
            const double dist = std::hypot(bumps.x(i, 0) - cx[b], bumps.x(i, 1) - cy[b]);
            if (dist < best) best = dist, nearest = b;
        }
        const double expected = sign[nearest] * std::max(0.0, 1.0 - best / 2.0);
        CHECK(bumps.value(i, 0) == Approx(expected).margin(1e-5));
        zeros += bumps.value(i, 0) == 0.0f;
        positive += bumps.value(i, 0) > 0.0f;
        negative += bumps.value(i, 0) < 0.0f;
    }
    // Six discs of radius 2 cover 6 * 4 pi / 144 = 52 % of the square.
    CHECK(zeros > 800);
    CHECK(positive > 350);
    CHECK(negative > 350);
}

TEST_CASE("dataset: oyster ripeness follows the diameter", "[dataset]") {
    const Dataset d = generate_dataset(make_spec(DatasetKind::Oyster, 2000, 0.0f));
    REQUIRE(d.x.cols() == 1);
    int big = 0, big_ripe = 0, small = 0, small_ripe = 0;
    for (int i = 0; i < d.size(); ++i) {
        const float cm = d.x(i, 0);
        CHECK(cm >= 4.0f);
        CHECK(cm <= 11.0f);
        const bool ripe = d.label[static_cast<std::size_t>(i)] == 1;
        if (cm > 8.0f) big++, big_ripe += ripe;
        if (cm < 6.5f) small++, small_ripe += ripe;
    }
    REQUIRE(big > 100);
    REQUIRE(small > 100);
    CHECK(big_ripe > 0.95 * big);
    CHECK(small_ripe < 0.05 * small);

    // The lecture's rule "ripe if > 7.5 cm" errs between 7.2 and 7.5 cm, where oysters are
    // already mostly ripe; the generator's own boundary 7.2 cm does better.
    const int rule_errors = count_threshold_errors(d, kOysterRuleCm, 0, d.size());
    const int boundary_errors = count_threshold_errors(d, kOysterBoundaryCm, 0, d.size());
    CHECK(rule_errors > boundary_errors);
    // About 2000 * 0.3 / 7 = 86 oysters lie between 7.2 and 7.5 cm; each costs the 7.5 rule
    // 2p - 1 = tanh(u / 0.2) more errors at u = d - 7.2: 2000 / 7 * 0.2 ln cosh 1.5 = 49 expected.
    CHECK(rule_errors - boundary_errors > 20);
    // More noise widens the overlap, so even the best threshold errs more.
    const Dataset noisy = generate_dataset(make_spec(DatasetKind::Oyster, 2000, 50.0f));
    CHECK(count_threshold_errors(noisy, kOysterBoundaryCm, 0, noisy.size()) > boundary_errors + 100);
}

TEST_CASE("dataset: count_threshold_errors on a hand-made set", "[dataset]") {
    Dataset d;
    d.input_dims = 1;
    d.x.resize(5, 1);
    d.x << 5.0f, 7.3f, 7.6f, 9.0f, 7.4f;
    d.label = {0, 1, 0, 1, 0};
    // Threshold 7.5: 7.3 (ripe, said unripe) and 7.6 (unripe, said ripe) are wrong.
    CHECK(count_threshold_errors(d, 7.5f, 0, 5) == 2);
    // Threshold 7.2: 7.6 and 7.4 (unripe, said ripe) are wrong.
    CHECK(count_threshold_errors(d, 7.2f, 0, 5) == 2);
    CHECK(count_threshold_errors(d, 8.0f, 0, 5) == 1);
    CHECK(count_threshold_errors(d, 7.5f, 2, 5) == 1);  // rows 2..4 only
    CHECK(count_threshold_errors(d, 7.5f, 3, 3) == 0);
    CHECK(count_threshold_errors(d, 100.0f, 0, 5) == 2);  // says unripe always: 2 ripe missed
}

TEST_CASE("dataset: same spec gives identical bits, other seeds other data", "[dataset]") {
    for (DatasetKind k : kAllKinds) {
        const DatasetSpec spec = make_spec(k, 300, 20.0f, 17);
        const Dataset a = generate_dataset(spec), b = generate_dataset(spec);
        if (a.size() == 0 && k == DatasetKind::Mnist) continue;  // not loaded in this process (test_images.cpp)
        if (k == DatasetKind::Csv) {  // no user data in the spec: no rows (test_csv.cpp has the rest)
            CHECK(a.size() == 0);
            continue;
        }
        INFO(enum_code(k));
        CHECK(same_bits(a, b));
        DatasetSpec other = spec;
        other.seed = 18;
        const Dataset c = generate_dataset(other);
        CHECK(checksum_x(c) != checksum_x(a));
    }
}

TEST_CASE("dataset: out-of-range specs are clamped, never crash", "[dataset]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    CHECK(generate_dataset(make_spec(DatasetKind::Circle, 0, 0.0f)).size() == 10);
    CHECK(generate_dataset(make_spec(DatasetKind::Circle, -5, 0.0f)).size() == 10);
    CHECK(generate_dataset(make_spec(DatasetKind::Circle, 1000000000, 0.0f)).size() == 10000);

    // NaN noise and percent fall back to the defaults: same data as the default spec's values.
    const DatasetSpec defaults;
    DatasetSpec bad = make_spec(DatasetKind::Xor, 200, nan, 5, nan);
    DatasetSpec good = make_spec(DatasetKind::Xor, 200, defaults.noise, 5, defaults.train_percent);
    CHECK(same_bits(generate_dataset(bad), generate_dataset(good)));
    bad.noise = inf;
    CHECK(same_bits(generate_dataset(bad), generate_dataset(good)));

    // Out-of-range values clamp to the nearest limit.
    CHECK(same_bits(generate_dataset(make_spec(DatasetKind::Xor, 200, 400.0f, 5, 200.0f)),
                    generate_dataset(make_spec(DatasetKind::Xor, 200, 50.0f, 5, 90.0f))));
    CHECK(same_bits(generate_dataset(make_spec(DatasetKind::Xor, 200, -3.0f, 5, 1.0f)),
                    generate_dataset(make_spec(DatasetKind::Xor, 200, 0.0f, 5, 10.0f))));
    const Dataset many = generate_dataset(make_spec(DatasetKind::Blobs, 200, 0.0f, 5, 50.0f, 99));
    CHECK(many.num_classes == 10);
    const Dataset few = generate_dataset(make_spec(DatasetKind::KSpiral, 200, 0.0f, 5, 50.0f, -1));
    CHECK(few.num_classes == 3);

    DatasetSpec unknown = make_spec(static_cast<DatasetKind>(99), 100, 0.0f);
    const Dataset fallback = generate_dataset(unknown);
    CHECK(same_bits(fallback, generate_dataset(make_spec(DatasetKind::Circle, 100, 0.0f))));
}

TEST_CASE("dataset: golden checksums (the same bits natively and in WebAssembly)", "[dataset][golden]") {
    struct Golden {
        DatasetSpec spec;
        std::uint64_t x, targets;
    };
    // Computed once natively (g++ 12, x86-64); the WebAssembly build must give the same bits.
    const Golden goldens[] = {
        {make_spec(DatasetKind::Circle, 500, 0.0f, 1), 0xd32b11a14d57eb53ull, 0x7b128a580b350745ull},
        {make_spec(DatasetKind::Circle, 500, 35.0f, 9), 0x98e7567d01bcbb3dull, 0xcad7b75745fff355ull},
        {make_spec(DatasetKind::Xor, 400, 10.0f, 2), 0x92414ac272a54d41ull, 0x8539eb56566b3d48ull},
        {make_spec(DatasetKind::Gauss, 400, 45.0f, 3), 0xe39dca86ea48e8faull, 0x5a8087d5aa56dfd5ull},
        {make_spec(DatasetKind::Spiral, 600, 25.0f, 4), 0xa2d04bdb40a48ee9ull, 0x64e3eab900659ec5ull},
        {make_spec(DatasetKind::Moons, 300, 20.0f, 5), 0x2bf62f8ace4e7cc4ull, 0x50f3c886d172a9d5ull},
        {make_spec(DatasetKind::Blobs, 333, 30.0f, 6, 50.0f, 4), 0xd85dbba5d2b1dc04ull, 0x112bb92e903204d8ull},
        {make_spec(DatasetKind::KSpiral, 500, 15.0f, 7, 50.0f, 6), 0x963706b4499620c8ull, 0x9ae6d11f95b86885ull},
        {make_spec(DatasetKind::Oyster, 200, 20.0f, 8), 0xad8269cb1d246c43ull, 0x6ecddf3c99d9a875ull},
        {make_spec(DatasetKind::RegPlane, 300, 40.0f, 10), 0xd54e9907de1f60c1ull, 0xc451758adf3be259ull},
        {make_spec(DatasetKind::RegGauss, 300, 15.0f, 11), 0xb2c3fef1d2ac1e75ull, 0x4f4d05a4f168b0c5ull},
    };
    for (const Golden& g : goldens) {
        const Dataset d = generate_dataset(g.spec);
        INFO(enum_code(g.spec.kind) << " seed " << g.spec.seed);
        CHECK(checksum_x(d) == g.x);
        CHECK(checksum_targets(d) == g.targets);
    }
}
