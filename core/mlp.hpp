// The multi-layer perceptron: dense layers with all parameters in one contiguous buffer, so
// "zero the gradients" and "apply Adam" are single flat loops. Forward and backward work on
// whole batches (rows = samples) in a Workspace sized once, so a training step allocates nothing.
// Zero hidden layers is the single-layer perceptron of the lecture.
#pragma once

#include "activation.hpp"
#include "loss.hpp"
#include "rng.hpp"
#include "types.hpp"
#include "enum_table.hpp"

#include <span>
#include <vector>

namespace nnp {

struct LayerSpec {
    int width = 4;                              // 1 .. kMaxLayerWidth
    Activation activation = Activation::Tanh;   // not Softmax
    float dropout = 0.0f;                       // probability of dropping a unit, [0, 0.9]
    bool operator==(const LayerSpec&) const = default;
};

struct NetworkSpec {
    int inputs = 2;
    std::vector<LayerSpec> hidden;              // 0 .. kMaxHiddenLayers
    int outputs = 1;
    Activation output = Activation::Sigmoid;
    bool operator==(const NetworkSpec&) const = default;
};

enum class Init {
    Zeros,    // every parameter 0: all units of a layer stay equal (the symmetry problem)
    Uniform,  // TF Playground: weights uniform(-0.5, 0.5), biases 0.1
    Glorot,   // Glorot & Bengio 2010: uniform(+-sqrt(6 / (fan_in + fan_out))), biases 0
    He,       // He et al. 2015: normal(0, sqrt(2 / fan_in)), biases 0
};

template <>
std::span<const EnumEntry<Init>> enum_table<Init>();

class Mlp {
public:
    Mlp() = default;
    explicit Mlp(const NetworkSpec& spec);

    const NetworkSpec& spec() const { return spec_; }
    int num_layers() const { return static_cast<int>(spec_.hidden.size()) + 1; }  // dense layers
    int fan_in(int layer) const;
    int fan_out(int layer) const;
    Activation activation(int layer) const;
    float dropout(int layer) const;  // 0 for the output layer

    // Parameter layout (same as ../shared/reference): for each dense layer in order, the weights
    // W (fan_in x fan_out, element (i, o) at index i * fan_out + o), then the biases (fan_out).
    std::span<float> params() { return params_; }
    std::span<const float> params() const { return params_; }
    std::size_t weight_offset(int layer) const { return offsets_[layer]; }
    std::size_t bias_offset(int layer) const;
    MatrixMap weights(int layer);
    ConstMatrixMap weights(int layer) const;
    VectorMap bias(int layer);
    ConstVectorMap bias(int layer) const;

    void init(Init init, Rng& rng);
    // Replaces all parameters; false (and nothing changed) if the count is wrong.
    bool set_params(std::span<const float> values);
    // Dropout is a live hyperparameter: changing it keeps the weights and needs no new Workspace.
    void set_dropout(int hidden_layer, float p);  // p in [0, 0.9]

private:
    NetworkSpec spec_;
    std::vector<float> params_;
    std::vector<std::size_t> offsets_;  // weight offset of each dense layer
};

enum class DropoutMode {
    Off,     // inference: every unit kept, no scaling (inverted dropout scales while training)
    Sample,  // training: new masks drawn from the RNG
    Frozen,  // reuse the masks of the previous pass (for finite-difference checks)
};

// Buffers of one forward/backward pass over at most `max_rows` samples. Index l is a dense layer.
// A training workspace has a mask for every hidden layer, so dropout rates can change between
// steps without a resize; an inference-only one (pictures) has only z and h.
struct Workspace {
    int max_rows = 0;
    std::vector<Matrix> z;     // pre-activation, max_rows x fan_out(l)
    std::vector<Matrix> h;     // f(z), before dropout
    std::vector<Matrix> a;     // h .* mask where dropped[l] (else unused, see out())
    std::vector<Matrix> mask;  // 0 or 1/(1-p), meaningful only where dropped[l]; empty if inference-only
    std::vector<char> dropped; // 1 if the last forward() applied dropout to layer l
    std::vector<Matrix> dz, da;  // gradients w.r.t. z and to the layer's output; empty if inference-only
    std::vector<float> grad;   // d(mean loss)/d(params), same layout as Mlp::params()

    // Allocates once; calling it again with the same sizes allocates nothing. `with_gradients`
    // false gives an inference-only workspace (forward in Off mode only, no backward).
    void resize(const Mlp& net, int max_rows, bool with_gradients = true);
    // The output of layer l as seen by the next layer (after dropout), first n rows.
    Eigen::Block<const Matrix> out(int layer, int n) const;
};

// Forward pass over the rows of x (n x inputs, n <= ws.max_rows). The network's output is
// ws.out(net.num_layers() - 1, n). `rng` is needed only for DropoutMode::Sample.
void forward(const Mlp& net, ConstMatRef x, Workspace& ws, DropoutMode mode, Rng* rng = nullptr);

// After forward() over the same rows: ws.grad = gradient of the mean data loss over these rows.
// Returns the summed data loss over the rows (divide by n for the mean).
// With `row_weights` (n values >= 0, not all zero): the gradient of the weighted mean
// sum(w_i * loss_i) / sum(w_i), and the return value is sum(w_i * loss_i). Boosting re-weights
// the training rows this way; integer weights give what duplicating rows would.
double backward(const Mlp& net, ConstMatRef x, ConstMatRef targets, Loss loss, Workspace& ws,
                const float* row_weights = nullptr);

}  // namespace nnp
