// Proves that a training step allocates nothing: malloc and friends are interposed in the test
// binary (native glibc only) and counted while a flag is set; after one warm-up step, forward
// and backward of a W3-shaped net (full and partial batch) and of a small net with dropout must
// not call them at all. The counter itself is checked first, so the test cannot pass vacuously.
#ifndef __EMSCRIPTEN__

#include "mlp.hpp"

#include <catch2/catch.hpp>

#include "regularization.hpp"
#include "session.hpp"

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <vector>

// glibc's own allocator entry points, which the replacements below forward to.
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* ptr, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* ptr);
}

namespace {

std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
std::atomic<long> g_frees{0};

void note_allocation() {
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}

// Counts calls between construction and allocations() / frees().
class AllocationCounter {
public:
    AllocationCounter() {
        g_allocations = 0;
        g_frees = 0;
        g_counting = true;
    }
    ~AllocationCounter() { g_counting = false; }
    long allocations() const { return g_allocations.load(); }
    long frees() const { return g_frees.load(); }
    void stop() { g_counting = false; }
};

}  // namespace

// Replacing malloc in the executable is supported by glibc (it documents which functions a
// replacement must provide); operator new and Eigen's aligned_malloc end up here too.
extern "C" {
void* malloc(std::size_t size) noexcept {
    note_allocation();
    return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
    note_allocation();
    return __libc_calloc(count, size);
}
void* realloc(void* ptr, std::size_t size) noexcept {
    note_allocation();
    return __libc_realloc(ptr, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
    note_allocation();
    return __libc_memalign(alignment, size);
}
void* memalign(std::size_t alignment, std::size_t size) noexcept {
    note_allocation();
    return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
    note_allocation();
    void* p = __libc_memalign(alignment, size);
    if (p == nullptr) return ENOMEM;
    *out = p;
    return 0;
}
void free(void* ptr) noexcept {
    if (ptr != nullptr && g_counting.load(std::memory_order_relaxed))
        g_frees.fetch_add(1, std::memory_order_relaxed);
    __libc_free(ptr);
}
}

using namespace nnp;

namespace {

// Keeps the compiler from removing the allocation in the self-test (new/delete pairs may be
// elided when nothing observes them).
std::vector<int>* volatile g_escape = nullptr;

Matrix random_matrix(Rng& rng, int n, int m) {
    Matrix x(n, m);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < m; ++j) x(i, j) = static_cast<float>(rng.uniform());
    return x;
}

Matrix one_hot(Rng& rng, int n, int m) {
    Matrix t = Matrix::Zero(n, m);
    for (int i = 0; i < n; ++i) t(i, rng.below(static_cast<std::uint32_t>(m))) = 1.0f;
    return t;
}

// One training step as the trainer does it: forward, backward, penalty gradient, SGD update.
void train_step(Mlp& net, ConstMatRef x, ConstMatRef t, Loss loss, Workspace& ws, DropoutMode mode,
                Rng* rng) {
    forward(net, x, ws, mode, rng);
    backward(net, x, t, loss, ws);
    add_regularization_gradient(net, Regularization::L2, 1e-4f, ws.grad);
    auto params = net.params();
    for (std::size_t k = 0; k < params.size(); ++k) params[k] -= 0.01f * ws.grad[k];
}

}  // namespace

TEST_CASE("no allocation: the counter sees allocations", "[no_alloc]") {
    AllocationCounter counter;
    auto* v = new std::vector<int>();
    g_escape = v;
    v->push_back(1);
    v->push_back(2);
    v->push_back(3);
    g_escape = nullptr;
    delete v;
    counter.stop();
    CHECK(counter.allocations() > 0);
    CHECK(counter.frees() > 0);
}

TEST_CASE("no allocation: W3-shaped training steps (784 -> 128 relu -> 10 softmax)",
          "[no_alloc]") {
    NetworkSpec spec;
    spec.inputs = 784;
    spec.hidden = {{128, Activation::Relu, 0.0f}};
    spec.outputs = 10;
    spec.output = Activation::Softmax;
    Mlp net(spec);
    Rng rng(81);
    net.init(Init::Glorot, rng);
    const Matrix x = random_matrix(rng, 64, 784);
    const Matrix t = one_hot(rng, 64, 10);
    Workspace ws;
    ws.resize(net, 64);
    // Warm-up: anything lazily set up on first use (Eigen's cache-size query) happens here.
    train_step(net, x, t, Loss::CategoricalCrossEntropy, ws, DropoutMode::Off, nullptr);
    train_step(net, x.topRows(16), t.topRows(16), Loss::CategoricalCrossEntropy, ws,
               DropoutMode::Off, nullptr);

    AllocationCounter counter;
    for (int step = 0; step < 3; ++step) {
        train_step(net, x, t, Loss::CategoricalCrossEntropy, ws, DropoutMode::Off, nullptr);
        // The last batch of an epoch is partial: 16 rows of the same workspace.
        train_step(net, x.topRows(16), t.topRows(16), Loss::CategoricalCrossEntropy, ws,
                   DropoutMode::Off, nullptr);
    }
    ws.resize(net, 64);  // same size again: nothing new
    counter.stop();
    CHECK(counter.allocations() == 0);
    CHECK(counter.frees() == 0);
}

TEST_CASE("no allocation: small net with dropout, every loss path", "[no_alloc]") {
    NetworkSpec spec;
    spec.inputs = 2;
    spec.hidden = {{8, Activation::Tanh, 0.3f}, {8, Activation::LeakyRelu, 0.2f}};
    spec.outputs = 3;
    Rng rng(82);
    const Matrix x = random_matrix(rng, 10, 2);
    const Matrix t = one_hot(rng, 10, 3);
    Rng drops(82, 4);

    struct Case {
        Activation out;
        Loss loss;
    };
    for (const Case c : {Case{Activation::Sigmoid, Loss::BinaryCrossEntropy},
                         Case{Activation::Softmax, Loss::CategoricalCrossEntropy},
                         Case{Activation::Softmax, Loss::BinaryCrossEntropy},
                         Case{Activation::Tanh, Loss::Mse}, Case{Activation::Linear, Loss::Mse}}) {
        CAPTURE(enum_code(c.out), enum_code(c.loss));
        spec.output = c.out;
        Mlp net(spec);
        net.init(Init::Glorot, rng);
        Workspace ws;
        ws.resize(net, 10);
        train_step(net, x, t, c.loss, ws, DropoutMode::Sample, &drops);

        AllocationCounter counter;
        train_step(net, x, t, c.loss, ws, DropoutMode::Sample, &drops);
        train_step(net, x.topRows(3), t.topRows(3), c.loss, ws, DropoutMode::Sample, &drops);
        train_step(net, x.topRows(3), t.topRows(3), c.loss, ws, DropoutMode::Frozen, nullptr);
        net.set_dropout(0, 0.5f);  // a live change of the rate needs no new buffers
        train_step(net, x, t, c.loss, ws, DropoutMode::Sample, &drops);
        forward(net, x, ws, DropoutMode::Off);  // evaluation pass
        counter.stop();
        CHECK(counter.allocations() == 0);
        CHECK(counter.frees() == 0);
    }
}

TEST_CASE("no allocation: whole training epochs of a session", "[no_alloc]") {
    // Batches with shuffling, dropout, L2, Adam and the end-of-epoch evaluation and history.
    ExperimentConfig c;
    c.data.kind = DatasetKind::Spiral;
    c.features = kAllFeatures;
    c.hidden = {{8, Activation::Relu, 0.2f}, {8, Activation::Tanh, 0.1f}};
    c.optimizer.kind = OptimizerKind::Adam;
    c.regularization = Regularization::L2;
    c.reg_rate = 0.001f;
    c.batch_size = 7;  // 250 training points: a partial last batch
    Session s(c);
    REQUIRE(s.train_epoch());  // warm-up
    AllocationCounter counter;
    for (int e = 0; e < 3; ++e) REQUIRE(s.train_epoch());
    counter.stop();
    CHECK(counter.allocations() == 0);
    CHECK(counter.frees() == 0);
}

#endif  // __EMSCRIPTEN__
