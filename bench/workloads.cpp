// The workloads of workloads.hpp. W1 and W2 come from the reference files; W3's 31 MB of inputs
// are generated here and hashed, so a wrong generator can never produce a published W3 figure.
#include "workloads.hpp"

#include "sha256.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace nnp::bench {

namespace {

constexpr const char* kW3xSha = "17b507bca6b47c25b32f7e7d22a1cc8e0b8572108664841562565c1758e861b4";
constexpr const char* kW3ySha = "0cdcc73c89422dd6c21d1c9857391362093b0135f7d5120bf40f509136a3760e";

// mulberry32 exactly as WORKLOADS.md writes it (all arithmetic on unsigned 32-bit; imul is the
// low 32 bits of the product, which unsigned multiplication gives in C++).
struct Mulberry32 {
    std::uint32_t a;
    double next() {
        a += 0x6D2B79F5u;
        std::uint32_t t = a;
        t = (t ^ (t >> 15)) * (t | 1u);
        t ^= t + (t ^ (t >> 7)) * (t | 61u);
        return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
    }
};

OptimizerParams sgd(float lr) {
    OptimizerParams p;
    p.kind = OptimizerKind::Sgd;
    p.learning_rate = lr;
    return p;
}

// Adam with lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-7 (W2 and W3).
OptimizerParams adam() {
    OptimizerParams p;
    p.kind = OptimizerKind::Adam;
    p.learning_rate = 1e-3f;
    p.beta1 = 0.9f;
    p.beta2 = 0.999f;
    p.epsilon = 1e-7f;
    return p;
}

Matrix to_matrix(const std::vector<float>& v, int rows, int cols) {
    return ConstMatrixMap(v.data(), rows, cols);
}

}  // namespace

std::vector<float> load_f32(const std::string& dir, const std::string& file, std::size_t count) {
    const std::string path = dir + "/" + file;
    std::ifstream in(path, std::ios::binary);
    std::vector<float> v(count);
    const auto bytes = static_cast<std::streamsize>(count * sizeof(float));
    in.read(reinterpret_cast<char*>(v.data()), bytes);
    if (!in || in.gcount() != bytes) {
        std::fprintf(stderr, "nnp_bench: cannot read %zu floats from %s\n", count, path.c_str());
        std::exit(2);
    }
    return v;
}

Workload make_w1(const std::string& dir) {
    Workload w;
    w.name = "W1 tiny 2-8-8-1, batch 10";
    w.spec = {2, {{8, Activation::Tanh, 0.0f}, {8, Activation::Tanh, 0.0f}}, 1, Activation::Sigmoid};
    w.loss = Loss::BinaryCrossEntropy;
    w.opt = sgd(0.03f);
    w.batch = 10;
    w.x = to_matrix(load_f32(dir, "w1_x.f32", 500 * 2), 500, 2);
    w.y = to_matrix(load_f32(dir, "w1_y.f32", 500), 500, 1);
    w.init = load_f32(dir, "w1_init.f32", 105);
    return w;
}

Workload make_w2(const std::string& dir) {
    Workload w;
    w.name = "W2 digits 64-64-10, batch 32";
    w.spec = {64, {{64, Activation::Relu, 0.0f}}, 10, Activation::Softmax};
    w.loss = Loss::CategoricalCrossEntropy;
    w.opt = adam();
    w.batch = 32;
    w.x = to_matrix(load_f32(dir, "w2_x.f32", 1797 * 64), 1797, 64);
    w.y = to_matrix(load_f32(dir, "w2_y.f32", 1797 * 10), 1797, 10);
    w.init = load_f32(dir, "w2_init.f32", 4810);
    return w;
}

Workload make_w3(const std::string& dir, bool& hash_ok, std::string& hashes) {
    Workload w;
    w.name = "W3 mnist-mlp 784-128-10, b. 64";
    w.spec = {784, {{128, Activation::Relu, 0.0f}}, 10, Activation::Softmax};
    w.loss = Loss::CategoricalCrossEntropy;
    w.opt = adam();
    w.batch = 64;
    w.init = load_f32(dir, "w3_init.f32", 101770);

    constexpr int kInputs = 784, kClasses = 10, kSamples = 10000;
    Mulberry32 rng{20240604u};
    // 10 prototypes, drawn first and rounded to float32 as they are stored: the sample values
    // below are computed in double from that float32, and rounding only at the end (a double
    // prototype) gives other bytes, which the hash would refuse.
    std::vector<float> proto(kClasses * kInputs);
    for (float& p : proto) p = static_cast<float>(rng.next());
    w.x.resize(kSamples, kInputs);  // 10,000 x 784, row-major like the file
    w.y.setZero(kSamples, kClasses);
    for (int s = 0; s < kSamples; ++s) {
        const int c = static_cast<int>(std::floor(rng.next() * 10));
        w.y(s, c) = 1.0f;
        for (int i = 0; i < kInputs; ++i)
            w.x(s, i) = static_cast<float>(0.5 * static_cast<double>(proto[c * kInputs + i]) +
                                           0.5 * rng.next());
    }
    // Both platforms are little-endian, so the matrices' bytes are the files' bytes.
    const std::string hx = sha256_hex(w.x.data(), static_cast<std::size_t>(w.x.size()) * sizeof(float));
    const std::string hy = sha256_hex(w.y.data(), static_cast<std::size_t>(w.y.size()) * sizeof(float));
    hash_ok = hx == kW3xSha && hy == kW3ySha;
    hashes = "x " + hx.substr(0, 16) + "..., y " + hy.substr(0, 16) + "...";
    return w;
}

ExperimentConfig tf_default_config() {
    ExperimentConfig c;
    c.data.kind = DatasetKind::Circle;
    c.data.points = 500;
    c.data.train_percent = 50.0f;
    c.data.noise = 0.0f;
    c.features = kDefaultFeatures;
    c.hidden = {{4, Activation::Tanh, 0.0f}, {2, Activation::Tanh, 0.0f}};
    c.output = Activation::Tanh;
    c.loss = Loss::Mse;
    c.init = Init::Uniform;
    c.optimizer = sgd(0.03f);
    c.regularization = Regularization::None;
    c.batch_size = 10;
    return c;
}

ExperimentConfig tf_big_config() {
    ExperimentConfig c = tf_default_config();
    c.data.kind = DatasetKind::Spiral;
    c.features = kAllFeatures;
    c.hidden.assign(6, {8, Activation::Tanh, 0.0f});
    return c;
}

}  // namespace nnp::bench
