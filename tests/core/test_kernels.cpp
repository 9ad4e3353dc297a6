// The fast paths against plain references computed here in double: tanh over its whole range,
// and the small-layer forward/backward kernels of mlp.cpp (layers of 1..8 units) against the
// same network evaluated by straightforward loops, for every width from 1 to 12 (so both the
// small kernels and the general Eigen path are covered).
#include "mlp.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

using namespace nnp;

TEST_CASE("kernels: tanh is within a few ulp of the true value everywhere", "[kernels]") {
    Matrix z(1, 200001), a(1, 200001);
    for (int i = 0; i < z.cols(); ++i) z(0, i) = -15.0f + 30.0f * static_cast<float>(i) / 200000.0f;
    activation_forward(Activation::Tanh, z, a);
    double worst = 0;
    for (int i = 0; i < z.cols(); ++i) {
        const double ref = std::tanh(static_cast<double>(z(0, i)));
        worst = std::max(worst, std::fabs(a(0, i) - ref) / std::max(std::fabs(ref), 1e-30));
    }
    CHECK(worst < 4e-7);  // float's epsilon is 1.2e-7
    Matrix special(1, 4), out(1, 4);
    special << 0.0f, 1e-30f, 100.0f, std::nanf("");
    activation_forward(Activation::Tanh, special, out);
    CHECK(out(0, 0) == 0.0f);
    CHECK(out(0, 1) == 1e-30f);
    CHECK(out(0, 2) == 1.0f);
    CHECK(std::isnan(out(0, 3)));
}

namespace {

double act(Activation f, double z) {
    switch (f) {
        case Activation::Tanh: return std::tanh(z);
        case Activation::Relu: return z > 0 ? z : 0;
        case Activation::Sigmoid: return 1 / (1 + std::exp(-z));
        default: return z;
    }
}

}  // namespace

TEST_CASE("kernels: forward and gradient of every small width match plain loops", "[kernels]") {
    Rng rng(404, 1);
    for (int width = 1; width <= 12; ++width) {
        for (const Activation f : {Activation::Tanh, Activation::Relu, Activation::Sigmoid}) {
            NetworkSpec spec{3, {{width, f, 0.0f}, {width, f, 0.0f}}, 1, Activation::Linear};
            Mlp net(spec);
            net.init(Init::Glorot, rng);
            for (float& b : net.params().subspan(net.bias_offset(0), static_cast<std::size_t>(width)))
                b = static_cast<float>(rng.uniform(-0.3, 0.3));
            const int n = 5;
            Matrix x(n, 3), t(n, 1);
            for (int i = 0; i < n; ++i) {
                for (int j = 0; j < 3; ++j) x(i, j) = static_cast<float>(rng.uniform(-2, 2));
                t(i, 0) = static_cast<float>(rng.uniform(-1, 1));
            }
            Workspace ws;
            ws.resize(net, 8);
            forward(net, x, ws, DropoutMode::Off);
            backward(net, x, t, Loss::Mse, ws);

            // Reference: the same network and the gradient of the output bias in double.
            double bias_grad = 0;
            for (int i = 0; i < n; ++i) {
                std::vector<double> in(x.row(i).data(), x.row(i).data() + 3);
                for (int l = 0; l < net.num_layers(); ++l) {
                    std::vector<double> out(static_cast<std::size_t>(net.fan_out(l)));
                    const auto w = net.weights(l);
                    const auto b = net.bias(l);
                    for (int o = 0; o < net.fan_out(l); ++o) {
                        double z = b(o);
                        for (int k = 0; k < net.fan_in(l); ++k) z += in[static_cast<std::size_t>(k)] * w(k, o);
                        out[static_cast<std::size_t>(o)] = act(net.activation(l), z);
                    }
                    in = out;
                }
                CAPTURE(width, enum_code(f), i);
                CHECK(ws.out(net.num_layers() - 1, n)(i, 0) == Approx(in[0]).epsilon(1e-5).margin(1e-6));
                bias_grad += (in[0] - t(i, 0)) / n;  // MSE 1/2 (a - t)^2 through a linear output
            }
            CAPTURE(width, enum_code(f));
            CHECK(ws.grad[net.bias_offset(2)] == Approx(bias_grad).epsilon(1e-4).margin(1e-6));
        }
    }
}

TEST_CASE("kernels: a row's forward result does not depend on the row count", "[kernels]") {
    // The narrow kernels apply tanh and sigmoid in blocks of 256 rows and compute a one-unit
    // layer four rows at a time (a zero-padded group at the end): every row must still get the
    // same bits as when it is alone, across block edges, for inputs wider than 4 and not a
    // multiple of 4 (the output layer reads 5 units), and with a width that is not a power of two.
    Rng rng(405, 1);
    for (const Activation f : {Activation::Tanh, Activation::Sigmoid}) {
        for (const int fi : {2, 6}) {
            NetworkSpec spec{fi, {{8, f, 0.0f}, {8, f, 0.0f}, {5, f, 0.0f}}, 1, f};
            Mlp net(spec);
            net.init(Init::Glorot, rng);
            for (float& p : net.params()) p += static_cast<float>(rng.uniform(-0.2, 0.2));
            const int n = 263;
            Matrix x(n, fi);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < fi; ++j) x(i, j) = static_cast<float>(rng.uniform(-6, 6));
            Workspace all, one;
            all.resize(net, n, /*with_gradients=*/false);
            one.resize(net, 1, /*with_gradients=*/false);
            forward(net, x, all, DropoutMode::Off);
            const int last = net.num_layers() - 1;
            int mismatches = 0;
            for (int i = 0; i < n; ++i) {
                forward(net, x.middleRows(i, 1), one, DropoutMode::Off);
                for (int l = 0; l <= last; ++l)
                    for (int o = 0; o < net.fan_out(l); ++o) {
                        const float a = all.h[static_cast<std::size_t>(l)](i, o);
                        const float b = one.h[static_cast<std::size_t>(l)](0, o);
                        const float za = all.z[static_cast<std::size_t>(l)](i, o);
                        const float zb = one.z[static_cast<std::size_t>(l)](0, o);
                        if (std::memcmp(&a, &b, sizeof a) != 0 || std::memcmp(&za, &zb, sizeof za) != 0)
                            ++mismatches;
                    }
            }
            // A prefix of the rows gives the same bits as the whole batch, too.
            Workspace part;
            part.resize(net, 257, /*with_gradients=*/false);
            forward(net, x.topRows(257), part, DropoutMode::Off);
            for (int i = 0; i < 257; ++i) {
                const float a = all.h[static_cast<std::size_t>(last)](i, 0);
                const float b = part.h[static_cast<std::size_t>(last)](i, 0);
                if (std::memcmp(&a, &b, sizeof a) != 0) ++mismatches;
            }
            CAPTURE(enum_code(f), fi);
            CHECK(mismatches == 0);
        }
    }
}
