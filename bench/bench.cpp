// Throughput of the engine on the fixed reference workloads (tests/reference, WORKLOADS.md):
// training samples per second for W1-W3 and milliseconds per 128x128 grid for W4. Prints the
// median and the spread of several timed runs after a warm-up. Usage:
//   nnp_bench [--quick] [--reference DIR]
#include "grid.hpp"
#include "mlp.hpp"
#include "optimizer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace nnp;

namespace {

using Clock = std::chrono::steady_clock;

std::vector<float> load(const std::string& path, std::size_t expected) {
    std::ifstream in(path, std::ios::binary);
    std::vector<float> v(expected);
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(expected * sizeof(float)));
    if (!in || in.gcount() != static_cast<std::streamsize>(expected * sizeof(float))) {
        std::fprintf(stderr, "nnp_bench: cannot read %zu floats from %s\n", expected, path.c_str());
        std::exit(2);
    }
    return v;
}

// W3's data, generated as WORKLOADS.md specifies (mulberry32, seed 20240603).
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

void make_w3(Matrix& x, Matrix& y) {
    Mulberry32 rng{20240603u};
    constexpr int kInputs = 784, kClasses = 10, kSamples = 10000;
    std::vector<double> proto(kClasses * kInputs);
    for (double& p : proto) p = rng.next();
    x.resize(kSamples, kInputs);
    y.setZero(kSamples, kClasses);
    for (int s = 0; s < kSamples; ++s) {
        const int c = static_cast<int>(std::floor(rng.next() * 10));
        y(s, c) = 1.0f;
        for (int i = 0; i < kInputs; ++i) x(s, i) = static_cast<float>(0.5 * proto[c * kInputs + i] + 0.5 * rng.next());
    }
}

struct Workload {
    const char* name;
    NetworkSpec spec;
    Loss loss;
    OptimizerParams opt;
    int batch;
    Matrix x, y;
    std::vector<float> init;
};

// One epoch in file order (the last batch partial), as the reference defines it.
void train_epoch(const Workload& w, Mlp& net, Workspace& ws, Optimizer& opt) {
    const int n = static_cast<int>(w.x.rows());
    for (int start = 0; start < n; start += w.batch) {
        const int rows = std::min(w.batch, n - start);
        const auto x = w.x.middleRows(start, rows);
        forward(net, x, ws, DropoutMode::Off);
        backward(net, x, w.y.middleRows(start, rows), w.loss, ws);
        opt.step(w.opt, net.params(), ws.grad);
    }
}

struct Stats {
    double median, low, high;
};

// Runs `once` (returning its work units) repeatedly: warm-up, then `runs` timed runs of at
// least `min_seconds` each; reports units per second.
Stats measure(const std::function<double()>& once, int runs, double min_seconds, double warmup_seconds) {
    const auto elapsed = [](Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    for (auto t0 = Clock::now(); elapsed(t0) < warmup_seconds;) once();
    std::vector<double> rates;
    for (int r = 0; r < runs; ++r) {
        double units = 0;
        const auto t0 = Clock::now();
        do units += once();
        while (elapsed(t0) < min_seconds);
        rates.push_back(units / elapsed(t0));
    }
    std::sort(rates.begin(), rates.end());
    return {rates[rates.size() / 2], rates.front(), rates.back()};
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
#ifdef NNP_REFERENCE_DIR
    std::string dir = NNP_REFERENCE_DIR;
#else
    std::string dir = "tests/reference";
#endif
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
        else if (std::strcmp(argv[i], "--reference") == 0 && i + 1 < argc) dir = argv[++i];
        else {
            std::fprintf(stderr, "usage: nnp_bench [--quick] [--reference DIR]\n");
            return 2;
        }
    }
    const int runs = quick ? 2 : 5;
    const double min_seconds = quick ? 0.05 : 0.5, warmup = quick ? 0.05 : 1.0;

    OptimizerParams sgd;
    sgd.kind = OptimizerKind::Sgd;
    sgd.learning_rate = 0.03f;
    OptimizerParams adam;
    adam.kind = OptimizerKind::Adam;
    adam.learning_rate = 1e-3f;
    adam.epsilon = 1e-7f;

    std::vector<Workload> loads;
    loads.push_back({"W1 tiny 2-8-8-1", {2, {{8, Activation::Tanh, 0}, {8, Activation::Tanh, 0}}, 1, Activation::Sigmoid},
                     Loss::BinaryCrossEntropy, sgd, 10, {}, {}, load(dir + "/w1_init.f32", 105)});
    loads.back().x = ConstMatrixMap(load(dir + "/w1_x.f32", 1000).data(), 500, 2);
    loads.back().y = ConstMatrixMap(load(dir + "/w1_y.f32", 500).data(), 500, 1);
    loads.push_back({"W2 digits 64-64-10", {64, {{64, Activation::Relu, 0}}, 10, Activation::Softmax},
                     Loss::CategoricalCrossEntropy, adam, 32, {}, {}, load(dir + "/w2_init.f32", 4810)});
    loads.back().x = ConstMatrixMap(load(dir + "/w2_x.f32", 1797 * 64).data(), 1797, 64);
    loads.back().y = ConstMatrixMap(load(dir + "/w2_y.f32", 1797 * 10).data(), 1797, 10);
    loads.push_back({"W3 mnist-mlp 784-128-10", {784, {{128, Activation::Relu, 0}}, 10, Activation::Softmax},
                     Loss::CategoricalCrossEntropy, adam, 64, {}, {}, load(dir + "/w3_init.f32", 101770)});
    make_w3(loads.back().x, loads.back().y);

    bool finite = true;  // the quick CI run asserts only that every figure is a finite rate
    std::printf("%-26s %14s %14s %14s\n", "workload", "median", "min", "max");
    for (const Workload& w : loads) {
        Mlp net(w.spec);
        net.set_params(w.init);
        Workspace ws;
        ws.resize(net, w.batch);
        Optimizer opt;
        opt.reset(net.params().size());
        const double samples = static_cast<double>(w.x.rows());
        const Stats s = measure([&] { train_epoch(w, net, ws, opt); return samples; }, runs, min_seconds, warmup);
        std::printf("%-26s %10.0f s/s %10.0f s/s %10.0f s/s\n", w.name, s.median, s.low, s.high);
        finite = finite && std::isfinite(s.median) && s.median > 0;
    }

    // W4: the W1 network at its initial weights over a 128x128 grid of [-6,6]^2.
    Mlp net(loads[0].spec);
    net.set_params(loads[0].init);
    GridPictures grid;
    const Stats g = measure([&] { compute_grid(net, kDefaultFeatures, Domain{}, 128, 128, grid); return 1.0; },
                            runs, min_seconds, warmup);
    std::printf("%-26s %11.4f ms %11.4f ms %11.4f ms\n", "W4 grid 128x128", 1e3 / g.median, 1e3 / g.high, 1e3 / g.low);
    finite = finite && std::isfinite(g.median) && g.median > 0;
    if (!finite) std::fprintf(stderr, "nnp_bench: a figure is not a finite positive rate\n");
    return finite ? 0 : 1;
}
