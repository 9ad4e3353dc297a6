// The backpropagation walk-through (core/backprop_walk.cpp): its gradient is the engine's for a
// batch of that one sample and agrees with finite differences of the sample's loss; every number
// it shows obeys the rule it is shown with (dL/dw = a_prev · dL/dz, dL/db = dL/dz,
// dL/da_prev = Σ w · dL/dz, dL/dz = dL/da · f'(z)); the update is the optimizer's step, derived
// by hand for SGD with L2; and it leaves the run untouched.
#include "backprop_walk.hpp"
#include "config_codec.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace nnp;

namespace {

Session trained(const char* link, int epochs) {
    Session s(decode_config(link).config);
    for (int e = 0; e < epochs; ++e) s.train_epoch();
    return s;
}

// The data loss of training row `row` with parameters `p`.
double sample_loss(const Session& s, std::span<const float> p, int row) {
    Mlp net = s.net();
    net.set_params(p);
    Workspace ws;
    ws.resize(net, 1, false);
    forward(net, s.inputs().middleRows(row, 1), ws, DropoutMode::Off);
    const int last = net.num_layers() - 1;
    return loss_sum(s.config().loss, net.activation(last), ws.z[std::size_t(last)].topRows(1),
                    ws.h[std::size_t(last)].topRows(1), s.targets().middleRows(row, 1));
}

}  // namespace

TEST_CASE("backprop walk: the gradient is the engine's for this one sample and passes finite differences", "[backprop]") {
    // The page's default network on xor, and a softmax net on three classes.
    for (const char* link : {"data=xor", "data=blobs&classes=3&net=5:relu,3:sigmoid&out=softmax&loss=cce"}) {
        INFO(link);
        const Session s = trained(link, 3);
        const int row = 7;
        const auto w = backprop_walk(s, row);
        REQUIRE(w);
        // The engine's gradient of a batch of this one row.
        Workspace ws;
        ws.resize(s.net(), 1);
        forward(s.net(), s.inputs().middleRows(row, 1), ws, DropoutMode::Off);
        const double loss = backward(s.net(), s.inputs().middleRows(row, 1), s.targets().middleRows(row, 1), s.config().loss, ws);
        CHECK(w->loss_value == loss);
        REQUIRE(w->grad == ws.grad);
        CHECK(w->loss_value == Approx(sample_loss(s, s.net().params(), row)).epsilon(1e-6));
        // Central differences in double on each parameter.
        std::vector<float> p(s.net().params().begin(), s.net().params().end());
        int checked = 0;
        for (std::size_t k = 0; k < p.size(); ++k) {
            const float keep = p[k], h = 1e-2f;
            p[k] = keep + h;
            const double up = sample_loss(s, p, row);
            p[k] = keep - h;
            const double down = sample_loss(s, p, row);
            p[k] = keep;
            const double numeric = (up - down) / (2.0 * double(h));
            CHECK(double(w->grad[k]) == Approx(numeric).margin(2e-3).epsilon(2e-2));
            ++checked;
        }
        CHECK(checked == int(p.size()));
    }
}

TEST_CASE("backprop walk: every number obeys the rule it is shown with", "[backprop]") {
    const Session s = trained("data=spiral&net=6:tanh,4:relu,3:sigmoid", 4);
    const auto w = backprop_walk(s, 11);
    REQUIRE(w);
    REQUIRE(w->layers.size() == 4);
    for (std::size_t l = 0; l < w->layers.size(); ++l) {
        const LayerWalk& L = w->layers[l];
        INFO("layer " << l);
        // The forward pass: z = Σ w·x + b, a = f(z); the next layer's input is a.
        for (int o = 0; o < L.fan_out; ++o) {
            double z = L.b[std::size_t(o)];
            for (int i = 0; i < L.fan_in; ++i) z += double(L.w[std::size_t(i * L.fan_out + o)]) * L.input[std::size_t(i)];
            CHECK(L.z[std::size_t(o)] == Approx(z).margin(1e-5));
        }
        if (l + 1 < w->layers.size()) CHECK(w->layers[l + 1].input == L.a);
        // dL/dw(i, o) = a_prev(i) · dL/dz(o); dL/db = dL/dz.
        for (int i = 0; i < L.fan_in; ++i)
            for (int o = 0; o < L.fan_out; ++o)
                CHECK(L.dl_dw[std::size_t(i * L.fan_out + o)] == Approx(double(L.input[std::size_t(i)]) * L.dl_dz[std::size_t(o)]).margin(1e-7));
        CHECK(L.dl_db == L.dl_dz);
        // dL/da_prev(i) = Σ_o w(i, o) · dL/dz(o), and it is the previous layer's dL/da.
        if (l > 0) {
            for (int i = 0; i < L.fan_in; ++i) {
                double sum = 0;
                for (int o = 0; o < L.fan_out; ++o) sum += double(L.w[std::size_t(i * L.fan_out + o)]) * L.dl_dz[std::size_t(o)];
                CHECK(L.dl_dinput[std::size_t(i)] == Approx(sum).margin(1e-6));
            }
            CHECK(L.dl_dinput == w->layers[l - 1].dl_da);
        }
        // dL/dz = dL/da · f'(z), f' by a central difference of the activation.
        if (l + 1 < w->layers.size() || L.activation == Activation::Linear) {
            for (int o = 0; o < L.fan_out; ++o) {
                const float z = L.z[std::size_t(o)], h = 1e-3f;
                if (L.activation == Activation::Relu && std::abs(z) < h) continue;  // the kink
                Matrix zz(1, 2), aa(1, 2);
                zz << z - h, z + h;
                activation_forward(L.activation, zz, aa);
                const double slope = (double(aa(0, 1)) - aa(0, 0)) / (2.0 * double(h));
                CHECK(L.dl_dz[std::size_t(o)] == Approx(double(L.dl_da[std::size_t(o)]) * slope).margin(1e-5).epsilon(1e-3));
                CHECK(L.slope[std::size_t(o)] == Approx(slope).margin(1e-4).epsilon(1e-3));
            }
        }
    }
    // The output of a sigmoid with cross-entropy: dL/dz = a - t, and dL/da = (a - t) / (a (1 - a)).
    const LayerWalk& out = w->layers.back();
    const double a = out.a[0], t = w->target[0];
    CHECK(out.dl_dz[0] == Approx(a - t).margin(1e-6));
    CHECK(out.dl_da[0] == Approx((a - t) / (a * (1 - a))).epsilon(1e-4));
}

TEST_CASE("backprop walk: the update is the optimizer's step, by hand for SGD with L2", "[backprop]") {
    const Session s = trained("data=circle&opt=sgd&lr=0.1&reg=L2&rr=0.01", 2);
    const auto w = backprop_walk(s, 0);
    REQUIRE(w);
    const Mlp& net = s.net();
    for (int l = 0; l < net.num_layers(); ++l) {
        const LayerWalk& L = w->layers[std::size_t(l)];
        for (std::size_t k = 0; k < L.w.size(); ++k)  // w - lr (dL/dw + rate w)
            CHECK(L.w_after[k] == Approx(L.w[k] - 0.1 * (double(L.dl_dw[k]) + 0.01 * L.w[k])).margin(1e-7));
        for (std::size_t k = 0; k < L.b.size(); ++k)  // biases carry no penalty
            CHECK(L.b_after[k] == Approx(L.b[k] - 0.1 * double(L.dl_db[k])).margin(1e-7));
    }
    CHECK(w->penalty > 0);
}

TEST_CASE("backprop walk: Adam's update uses the run's moments and leaves the run untouched", "[backprop]") {
    Session s = trained("data=xor&opt=adam&lr=0.01", 2);
    const std::vector<float> before(s.net().params().begin(), s.net().params().end());
    const auto w = backprop_walk(s, 3);
    REQUIRE(w);
    CHECK(std::vector<float>(s.net().params().begin(), s.net().params().end()) == before);
    // By hand from the run's moments at step t + 1.
    const Optimizer& o = s.optimizer();
    const double t = double(o.steps() + 1), b1 = 0.9, b2 = 0.999;
    for (std::size_t k = 0; k < before.size(); ++k) {
        const double g = w->step_grad[k];
        const double m = b1 * o.first_state()[k] + (1 - b1) * g, v = b2 * o.second_state()[k] + (1 - b2) * g * g;
        const double expected = before[k] - 0.01 * (m / (1 - std::pow(b1, t))) / (std::sqrt(v / (1 - std::pow(b2, t))) + 1e-7);
        CHECK(w->params_after[k] == Approx(expected).margin(2e-6));
    }
}

TEST_CASE("backprop walk: a row that is not a training row gives nothing", "[backprop]") {
    const Session s = trained("data=xor", 0);
    CHECK_FALSE(backprop_walk(s, -1));
    CHECK_FALSE(backprop_walk(s, s.n_train()));
    CHECK(backprop_walk(s, s.n_train() - 1));
}
