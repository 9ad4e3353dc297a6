// Throughput of the engine, natively and as WebAssembly under node (one thread): training
// samples per second on W1-W3 (for W2 and W3 also the GFLOP/s of their matrix products beside
// bare Eigen GEMMs of the same shapes), milliseconds per 128x128 grid on W4 (WORKLOADS.md), then
// TF Playground's default and big experiments through nnp::Session (epochs/s, samples/s, and the
// time of one 100x100 picture of the output and every neuron). Each row: median and spread
// (min..max) of several timed runs after a warm-up. Usage:
//   nnp_bench [--quick] [--tsv] [--reference DIR]
// --quick: a few seconds in all (CI: proves it runs and gives finite figures, never a speed).
// --tsv: tab-separated rows for scripts/bench.sh, which joins the native and web tables.
// W3's data is generated (WORKLOADS.md) and must match its published SHA-256; if it does not,
// W3 is refused and the run fails, so no figure of other data can pass for W3's.
// Exit code 1 if a figure is not finite and positive or W3's data hash is wrong; 2 on bad use.
#include "config_codec.hpp"
#include "ensemble.hpp"
#include "landscape.hpp"
#include "platform.hpp"
#include "race.hpp"
#include "sha256.hpp"
#include "workloads.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::bench;

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
    int runs = 5;               // timed runs per row (the table shows median, min and max)
    double min_seconds = 0.5;   // each run repeats its unit of work at least this long
    double warmup_seconds = 1.5;  // also lets node's tiered compiler finish optimising
};

struct Stats {
    double median = 0, low = 0, high = 0;  // of the per-run rates, units per second
    int runs = 0;
};

// Runs `once` (returning its work units) for the warm-up, then `t.runs` timed runs; returns
// units per second per run. `once` is never split, so one run may last longer than asked.
Stats measure(const std::function<double()>& once, const Timing& t) {
    const auto since = [](Clock::time_point t0) {
        return std::chrono::duration<double>(Clock::now() - t0).count();
    };
    for (auto t0 = Clock::now(); since(t0) < t.warmup_seconds;) once();
    std::vector<double> rates;
    for (int r = 0; r < t.runs; ++r) {
        double units = 0;
        const auto t0 = Clock::now();
        do units += once();
        while (since(t0) < t.min_seconds);
        rates.push_back(units / since(t0));
    }
    std::sort(rates.begin(), rates.end());
    return {rates[rates.size() / 2], rates.front(), rates.back(), t.runs};
}

// The table: rows are printed as they are measured, so a slow machine shows progress.
class Table {
public:
    explicit Table(bool tsv) : tsv_(tsv) {}

    void header(const std::vector<std::string>& facts) {
        for (const std::string& f : facts) std::printf(tsv_ ? "#\t%s\n" : "# %s\n", f.c_str());
        if (!tsv_)
            std::printf("%-36s %-10s %14s %29s %5s\n", "row", "unit", "median", "min..max", "runs");
    }

    // A rate row (units/s, higher is better).
    void rate(const std::string& name, const char* unit, const Stats& s, double scale = 1.0) {
        row(name, unit, s.median * scale, s.low * scale, s.high * scale, s.runs);
    }
    // A time row in milliseconds per unit (lower is better), from a rate of units/s.
    void millis(const std::string& name, const Stats& s) {
        row(name, "ms", 1e3 / s.median, 1e3 / s.high, 1e3 / s.low, s.runs);
    }
    void refused(const std::string& name, const std::string& why) {
        std::printf(tsv_ ? "%s\trefused\t%s\n" : "%-36s refused: %s\n", name.c_str(), why.c_str());
    }
    bool all_finite() const { return finite_; }

private:
    void row(const std::string& name, const char* unit, double med, double lo, double hi, int runs) {
        finite_ = finite_ && std::isfinite(med) && std::isfinite(lo) && std::isfinite(hi) && med > 0;
        if (tsv_) {
            std::printf("%s\t%s\t%.6g\t%.6g\t%.6g\t%d\n", name.c_str(), unit, med, lo, hi, runs);
        } else {
            const char* f = med >= 100 ? "%.0f" : "%.3f";
            char m[32], l[32], h[32], span[72];
            std::snprintf(m, sizeof m, f, med);
            std::snprintf(l, sizeof l, f, lo);
            std::snprintf(h, sizeof h, f, hi);
            std::snprintf(span, sizeof span, "%s..%s", l, h);
            std::printf("%-36s %-10s %14s %29s %5d\n", name.c_str(), unit, m, span, runs);
        }
        std::fflush(stdout);
    }
    bool tsv_;
    bool finite_ = true;
};

// One epoch in file order, the last batch partial, as WORKLOADS.md defines it.
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

// Floating-point operations of one training sample in the three products of each dense layer:
// forward z = x W, weight gradient x^T dz, and (except into the input) dz W^T, each a multiply
// and an add per weight. Biases, activations, the loss and Adam are left out: the figure is how
// fast the step runs its matrix products. (WORKLOADS.md's "6 x parameters" also counts the input
// gradient of the first layer, which backward() never computes: 1.5x more for W3.)
double flops_per_sample(const Mlp& net) {
    double flops = 0;
    for (int l = 0; l < net.num_layers(); ++l) {
        const double weights = static_cast<double>(net.fan_in(l)) * net.fan_out(l);
        flops += (l > 0 ? 6.0 : 4.0) * weights;
    }
    return flops;
}

// The same products as a training step on a full batch, as bare Eigen GEMMs into preallocated
// matrices: the ceiling for that step on this machine and build, timed in the same run. Inputs
// are ordinary values (no subnormals), so the figure is the arithmetic's speed, not a slow path.
struct GemmStep {
    std::vector<Matrix> x, w, z, dz, gw, da;  // per layer: batch x fi, fi x fo, batch x fo, ...

    GemmStep(const Mlp& net, int batch) {
        for (int l = 0; l < net.num_layers(); ++l) {
            const int fi = net.fan_in(l), fo = net.fan_out(l);
            x.push_back(filled(batch, fi, 1.0f));
            w.push_back(filled(fi, fo, 0.1f));
            dz.push_back(filled(batch, fo, 0.01f));
            z.emplace_back(batch, fo);
            gw.emplace_back(fi, fo);
            da.emplace_back(batch, fi);
        }
    }
    // Values in [-scale, scale], all normal floats.
    static Matrix filled(int rows, int cols, float scale) {
        Matrix m(rows, cols);
        for (Eigen::Index i = 0; i < m.size(); ++i)
            m.data()[i] = scale * static_cast<float>(std::sin(0.37 * static_cast<double>(i) + 1.0));
        return m;
    }
    void run() {
        for (std::size_t l = 0; l < x.size(); ++l) {
            z[l].noalias() = x[l] * w[l];
            gw[l].noalias() = x[l].transpose() * dz[l];
            if (l > 0) da[l].noalias() = dz[l] * w[l].transpose();
        }
    }
};

// Samples/s of training, and for networks whose layers go through Eigen's GEMM (`with_gflops`)
// the achieved GFLOP/s of those products beside bare GEMMs of the same shapes.
void bench_workload(Table& table, const Workload& w, const Timing& t, bool with_gflops = false) {
    Mlp net(w.spec);
    if (!net.set_params(w.init)) {
        table.refused(w.name, "initial parameters do not fit the network");
        return;
    }
    Workspace ws;
    ws.resize(net, w.batch);
    Optimizer opt;
    opt.reset(net.params().size());
    const double samples = static_cast<double>(w.x.rows());
    // Training goes on across runs: the speed of these networks does not depend on the weights.
    const Stats trained = measure([&] { train_epoch(w, net, ws, opt); return samples; }, t);
    table.rate(w.name, "samples/s", trained);
    if (!with_gflops) return;
    const double flops = flops_per_sample(net);
    const std::string id = w.name.substr(0, 2);  // "W2", "W3"
    table.rate(id + " training, its products", "GFLOP/s", trained, flops * 1e-9);
    GemmStep gemm(net, w.batch);
    table.rate(id + " bare Eigen GEMMs, same shapes", "GFLOP/s",
               measure([&] { gemm.run(); return flops * w.batch; }, t), 1e-9);
}

// TF Playground's experiment: epochs of nnp::Session (shuffled batches, the per-epoch loss and
// accuracy evaluation over all 500 points included), then the 100x100 picture of the output and
// of every neuron (Session::compute_grid computes all of them in one batched pass).
void bench_session(Table& table, const std::string& name, const ExperimentConfig& cfg,
                   const Timing& t) {
    Session s(cfg);
    const double train = s.n_train();
    const Stats epochs = measure([&] {
        if (!s.train_epoch()) s.reinitialize(cfg.seed);  // cannot happen at lr 0.03; stay safe
        return 1.0;
    }, t);
    table.rate(name + ": training", "epochs/s", epochs);
    table.rate(name + ": training", "samples/s", epochs, train);
    GridPictures pictures;
    table.millis(name + ": 100x100 pictures",
                 measure([&] { s.compute_grid(100, 100, pictures); return 1.0; }, t));
}

// A race: every run trains one epoch per round, as the app's frames do; the rate is epochs per
// second of each run (rounds/s), to compare with the one-run row of the same experiment.
void bench_race(Table& table, const std::string& name, const ExperimentConfig& base, const Timing& t) {
    std::vector<Session> runs;
    for (const ExperimentConfig& c : race_configs(base)) runs.emplace_back(c);
    const Stats rounds = measure([&] {
        for (Session& s : runs)
            if (!s.train_epoch()) s.reinitialize(s.config().seed);  // a diverged run starts again
        return 1.0;
    }, t);
    table.rate(name + ": training, per run", "epochs/s", rounds);
}

// Bagging of 7 members of `base` against 7 separate runs of it (seeds seed..seed+6, as the
// members have): training samples/s of all seven, the members' share of the separate runs'
// rate (a round is an epoch of every run), and what combining them costs: the ensemble's record
// (its vote and losses over all points, as nnp_run prints every epoch) in ms.
void bench_bagging(Table& table, const std::string& name, ExperimentConfig base, const Timing& t) {
    constexpr int kMembers = 7;
    std::vector<Session> runs;
    for (int k = 0; k < kMembers; ++k) {
        ExperimentConfig c = base;
        c.seed = base.seed + std::uint32_t(k);
        runs.emplace_back(c);
    }
    const double samples = double(kMembers) * double(runs.front().n_train());
    const Stats separate = measure([&] {
        for (Session& s : runs)
            if (!s.train_epoch()) s.reinitialize(s.config().seed);
        return samples;
    }, t);
    base.ensemble.kind = EnsembleKind::Bagging;
    base.ensemble.members = kMembers;
    EnsembleRun bagging(base);
    const Stats together = measure([&] {
        bagging.advance();
        return samples;
    }, t);
    double sink = 0.0;
    const Stats record = measure([&] {
        sink += double(bagging.record().test_accuracy);
        return 1.0;
    }, t);
    table.rate(name + ": 7 runs", "samples/s", separate);
    table.rate(name + ": bagging of 7", "samples/s", together);
    // The ratio of the medians, with the extremes' ratios as its range.
    table.rate(name + ": bagging / 7 runs", "%", {together.median / separate.median, together.low / separate.high,
                                                  together.high / separate.low, t.runs}, 100.0);
    table.millis(name + ": bagging's vote (record)", record);
    if (!(sink >= 0.0)) std::fprintf(stderr, "nnp_bench: bagging's accuracy is not a number\n");
}

// The 8x8 digits as the page trains them: one epoch of nnp::Session (shuffled batches of 32 over
// the 1,437 training images, then the loss and accuracy over all 1,797), in milliseconds.
void bench_digits(Table& table, const std::string& name, const std::string& link, const Timing& t) {
    const DecodedConfig decoded = decode_config(link);
    if (!decoded.issues.empty()) std::fprintf(stderr, "nnp_bench: %s has issues\n", link.c_str());
    Session s(decoded.config);
    table.millis(name, measure([&] {
        if (!s.train_epoch()) s.reinitialize(decoded.config.seed);
        return 1.0;
    }, t));
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false, tsv = false;
#ifdef NNP_REFERENCE_DIR
    std::string dir = NNP_REFERENCE_DIR;
#else
    std::string dir = "tests/reference";
#endif
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
        else if (std::strcmp(argv[i], "--tsv") == 0) tsv = true;
        else if (std::strcmp(argv[i], "--reference") == 0 && i + 1 < argc) dir = argv[++i];
        else {
            std::fprintf(stderr, "usage: nnp_bench [--quick] [--tsv] [--reference DIR]\n");
            return 2;
        }
    }
    if (!sha256_self_test()) {
        std::fprintf(stderr, "nnp_bench: SHA-256 fails its standard test vectors\n");
        return 1;
    }
    Timing timing;
    if (quick) timing = {3, 0.02, 0.05};

    Table table(tsv);
    table.header({"machine: " + machine_description(), "compiler: " + compiler_description(),
                  "flags: " + flags_description(),
                  std::string("mode: ") + (quick ? "quick (CI smoke run, figures meaningless)"
                                                 : "full")});

    const Workload w1 = make_w1(dir);
    bench_workload(table, w1, timing);
    bench_workload(table, make_w2(dir), timing, true);
    bool w3_ok = false;
    std::string w3_hashes;
    {
        const Workload w3 = make_w3(dir, w3_ok, w3_hashes);
        if (w3_ok) bench_workload(table, w3, timing, true);
        else table.refused(w3.name, "generated data has the wrong SHA-256 (" + w3_hashes + ")");
    }

    // W4: the W1 network at its initial parameters over the 128x128 grid of [-6,6]^2.
    {
        Mlp net(w1.spec);
        net.set_params(w1.init);
        GridPictures grid;
        table.millis("W4 grid 128x128 (W1 net, forward)",
                     measure([&] {
                         compute_grid(net, kDefaultFeatures, Domain{}, 128, 128, grid);
                         return 1.0;
                     }, timing));
    }

    bench_session(table, "TF default 2-4-2-1", tf_default_config(), timing);
    bench_session(table, "TF big 7-8x6-1", tf_big_config(), timing);
    ExperimentConfig race = tf_big_config();
    race.race = {"opt", {"sgd", "mom", "nag", "adag", "rms", "adam"}};
    if (!validate(race).empty()) std::fprintf(stderr, "nnp_bench: the race config is not valid\n");
    bench_race(table, "TF big, race of 6 optimizers", race, timing);
    bench_bagging(table, "TF default", tf_default_config(), timing);
    // The loss landscape: a 31x31 slice of the big experiment (after 20 epochs) over its 250
    // training points, random filter-normalised directions; one row per whole grid.
    {
        Session big(tf_big_config());
        for (int e = 0; e < 20; ++e) big.train_epoch();
        const LandscapeDirections dirs = random_directions(big.net(), 1);
        table.millis("landscape 31x31, TF big, 250 points", measure([&] {
            LandscapeJob job(big, dirs, 31, -1, 1, -1, 1);
            job.step(31 * 31);
            return 1.0;
        }, timing));
    }
    bench_digits(table, "digits 64-16-10 (page default): epoch", "data=digits", timing);
    bench_digits(table, "digits 64-32-10 ReLU, Adam, b. 32: epoch", "data=digits&net=32:relu", timing);

    if (!table.all_finite()) std::fprintf(stderr, "nnp_bench: a figure is not a finite positive rate\n");
    if (!w3_ok) std::fprintf(stderr, "nnp_bench: W3 refused: its data does not match WORKLOADS.md\n");
    return table.all_finite() && w3_ok ? 0 : 1;
}
