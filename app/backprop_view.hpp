// Backpropagation step by step on one training sample, without drawing: which run and sample,
// the walk-through (core's backprop_walk: the engine's own numbers), the list of steps (the
// forward pass neuron by neuron, the loss, the error at the output, each layer's gradients and
// the error signal sent back, the update), each step in words with its numbers, and which
// neurons and edges it involves. The walk follows the run: when its weights change (training
// goes on, a weight is edited) it is taken again, the step kept.
#pragma once

#include "backprop_walk.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nnp::app {

enum class BpStepKind {
    Input,        // the sample enters
    Forward,      // layer, unit: z = Σ w·x + b, a = f(z)
    Loss,         // the loss of the output against the target
    OutputError,  // unit of the output layer: dL/da, dL/dz
    Grads,        // layer, unit: dL/dw of its incoming weights, dL/db
    Signal,       // layer, unit (a hidden unit): dL/da = Σ w·dL/dz sent back, dL/dz = dL/da·f'(z)
    Update,       // layer: the optimizer's step on its weights
};

struct BpStep {
    BpStepKind kind = BpStepKind::Input;
    int layer = 0;  // dense layer (Forward, OutputError, Grads, Signal, Update)
    int unit = 0;   // unit of that layer (Forward, OutputError, Grads, Signal)
};

// What a step involves, for drawing. Columns: 0 the inputs, l + 1 dense layer l. Edges go into
// column `edge_column` (0: none) from unit `edge_from` of the column before (-1: every unit) to
// unit `edge_to` (-1: every unit).
struct BpHighlight {
    std::vector<std::pair<int, int>> units;  // (column, unit)
    int edge_column = 0, edge_from = -1, edge_to = -1;
};

struct BackpropView {
    bool open = false;
    int run = 0;
    int sample = 0;
    int step = 0;
    std::optional<BackpropWalk> walk;
    std::vector<BpStep> steps;
    // What the walk was taken on: a new build, new weights or a new sample take it again.
    const Session* session = nullptr;
    std::uint64_t built = 0;
    std::int64_t session_steps = -1;
    std::uint64_t weights_sum = 0;  // a checksum of the weights (an edited weight changes it)
    int walk_sample = -1;
};

std::vector<BpStep> backprop_steps(const BackpropWalk& w);
std::string backprop_step_text(const BackpropWalk& w, const BpStep& step);
BpHighlight backprop_highlight(const BackpropWalk& w, const BpStep& step);

// A frame: the walk follows run `s` (null: gone) of build `built`; the sample and step are
// clamped to what exists.
void backprop_frame(BackpropView& v, const Session* s, std::uint64_t built);
void backprop_move(BackpropView& v, int by);  // the step before (-1) or after (+1)
// The training sample nearest to (x, y) on the plane in the data's own units (-1: none).
int nearest_training_sample(const Session& s, float x, float y);

}  // namespace nnp::app
