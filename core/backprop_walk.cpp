// Backpropagation on one training sample (see backprop_walk.hpp).
#include "backprop_walk.hpp"

#include "regularization.hpp"

namespace nnp {

namespace {

std::vector<float> row_of(ConstMatRef m, int cols) {
    std::vector<float> v(static_cast<std::size_t>(cols));
    for (int j = 0; j < cols; ++j) v[std::size_t(j)] = m(0, j);
    return v;
}

}  // namespace

std::optional<BackpropWalk> backprop_walk(const Session& s, int sample) {
    if (sample < 0 || sample >= s.n_train()) return std::nullopt;
    const Mlp& net = s.net();
    const int layers = net.num_layers(), last = layers - 1;
    const auto x = s.inputs().middleRows(sample, 1);
    const auto t = s.targets().middleRows(sample, 1);

    Workspace ws;
    ws.resize(net, 1);
    forward(net, x, ws, DropoutMode::Off);
    BackpropWalk w;
    w.sample = sample;
    w.loss = s.config().loss;
    w.optimizer = s.config().optimizer;
    w.target = row_of(t, int(t.cols()));
    w.loss_value = backward(net, x, t, w.loss, ws);
    w.penalty = regularization_penalty(net, s.config().regularization, s.config().reg_rate);
    w.grad = ws.grad;

    // The output's dL/da from the engine's loss derivative: through a linear output it is dL/dz.
    const int outs = net.fan_out(last);
    Matrix dl_da(1, outs), scratch(1, outs);
    const auto a_out = ws.h[std::size_t(last)].topRows(1);
    loss_backward(w.loss, Activation::Linear, a_out, a_out, t, 1.0f, dl_da, scratch);

    const std::span<const float> p = net.params();
    w.layers.resize(std::size_t(layers));
    for (int l = 0; l < layers; ++l) {
        LayerWalk& L = w.layers[std::size_t(l)];
        const auto li = std::size_t(l);
        L.fan_in = net.fan_in(l);
        L.fan_out = net.fan_out(l);
        L.activation = net.activation(l);
        L.input = l == 0 ? row_of(x, L.fan_in) : row_of(ws.h[li - 1].topRows(1), L.fan_in);
        L.z = row_of(ws.z[li].topRows(1), L.fan_out);
        L.a = row_of(ws.h[li].topRows(1), L.fan_out);
        L.dl_da = l == last ? row_of(dl_da, outs) : row_of(ws.da[li].topRows(1), L.fan_out);
        L.dl_dz = row_of(ws.dz[li].topRows(1), L.fan_out);
        if (L.activation != Activation::Softmax) {
            const Matrix ones = Matrix::Ones(1, L.fan_out);
            Matrix slope(1, L.fan_out);
            activation_backward(L.activation, ws.z[li].topRows(1), ws.h[li].topRows(1), ones, slope);
            L.slope = row_of(slope, L.fan_out);
        }
        const std::size_t wo = net.weight_offset(l), bo = net.bias_offset(l);
        const std::size_t nw = std::size_t(L.fan_in) * std::size_t(L.fan_out), nb = std::size_t(L.fan_out);
        L.dl_dw.assign(w.grad.begin() + std::ptrdiff_t(wo), w.grad.begin() + std::ptrdiff_t(wo + nw));
        L.dl_db.assign(w.grad.begin() + std::ptrdiff_t(bo), w.grad.begin() + std::ptrdiff_t(bo + nb));
        L.w.assign(p.begin() + std::ptrdiff_t(wo), p.begin() + std::ptrdiff_t(wo + nw));
        L.b.assign(p.begin() + std::ptrdiff_t(bo), p.begin() + std::ptrdiff_t(bo + nb));
        // What the layer sends back is the previous layer's dL/da (the engine keeps it there).
        if (l > 0) L.dl_dinput = row_of(ws.da[li - 1].topRows(1), L.fan_in);
    }

    // The update: the run's own optimizer state, stepped once on copies.
    w.step_grad = w.grad;
    add_regularization_gradient(net, s.config().regularization, s.config().reg_rate, w.step_grad);
    w.params_after.assign(p.begin(), p.end());
    Optimizer opt = s.optimizer();
    opt.step(w.optimizer, w.params_after, w.step_grad);
    for (int l = 0; l < layers; ++l) {
        LayerWalk& L = w.layers[std::size_t(l)];
        const auto wo = std::ptrdiff_t(net.weight_offset(l)), bo = std::ptrdiff_t(net.bias_offset(l));
        L.w_after.assign(w.params_after.begin() + wo, w.params_after.begin() + wo + std::ptrdiff_t(L.w.size()));
        L.b_after.assign(w.params_after.begin() + bo, w.params_after.begin() + bo + std::ptrdiff_t(L.b.size()));
    }
    return w;
}

}  // namespace nnp
