// The loss landscape (core/landscape.cpp): filter-normalised directions have each neuron's norm,
// PCA directions are orthonormal with explained variances in [0, 1] summing to at most 1, the
// slice's centre is the run's own training loss, the projected path ends at the origin and lies
// on the plane when training moved in a plane, and the trajectory stays bounded.
#include "config_codec.hpp"
#include "landscape.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace nnp;

namespace {

double dot(const std::vector<float>& a, const std::vector<float>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += double(a[i]) * double(b[i]);
    return s;
}

Session trained(const char* link, int epochs) {
    Session s(decode_config(link).config);
    for (int e = 0; e < epochs; ++e) s.train_epoch();
    return s;
}

}  // namespace

TEST_CASE("landscape: filter-normalised directions have each neuron's norm, biases 0", "[landscape]") {
    const Session s = trained("data=spiral&net=8:tanh,5:relu", 5);
    const Mlp& net = s.net();
    const LandscapeDirections d = random_directions(net, 3);
    REQUIRE(d.ok);
    for (const auto* dir : {&d.d1, &d.d2}) {
        REQUIRE(dir->size() == net.params().size());
        for (int l = 0; l < net.num_layers(); ++l) {
            const int in = net.fan_in(l), units = net.fan_out(l);
            const std::size_t w0 = net.bias_offset(l) - std::size_t(in) * std::size_t(units);
            for (int o = 0; o < units; ++o) {
                double nd = 0, nt = 0;
                for (int i = 0; i < in; ++i) {
                    const std::size_t k = w0 + std::size_t(i) * units + std::size_t(o);
                    nd += double((*dir)[k]) * (*dir)[k];
                    nt += double(net.params()[k]) * net.params()[k];
                }
                CHECK(std::sqrt(nd) == Approx(std::sqrt(nt)).epsilon(1e-5));
                CHECK((*dir)[net.bias_offset(l) + std::size_t(o)] == 0.0f);
            }
        }
    }
    CHECK(d.d1 != d.d2);
    CHECK(random_directions(net, 3).d1 == d.d1);  // the seed decides
}

TEST_CASE("landscape: PCA directions are orthonormal, their variances a share of the whole", "[landscape]") {
    const Session s = trained("data=xor&net=6:tanh&opt=adam&lr=0.02", 60);
    REQUIRE(s.trajectory().size() == 61);
    const LandscapeDirections d = pca_directions(s.trajectory(), s.net().params());
    REQUIRE(d.ok);
    CHECK(dot(d.d1, d.d1) == Approx(1.0).epsilon(1e-5));
    CHECK(dot(d.d2, d.d2) == Approx(1.0).epsilon(1e-5));
    CHECK(std::abs(dot(d.d1, d.d2)) < 1e-5);
    CHECK(d.explained1 >= d.explained2);
    CHECK(d.explained2 >= 0.0);
    CHECK(d.explained1 + d.explained2 <= 1.0 + 1e-9);
    CHECK(d.explained1 > 0.5);  // a short run moves mostly one way

    const ProjectedPath path = project_path(s.trajectory(), s.net().params(), d);
    REQUIRE(path.a.size() == s.trajectory().size() + 1);
    CHECK(path.a.back() == 0.0);  // the path ends at θ: the origin
    CHECK(path.b.back() == 0.0);
    CHECK(path.max_off_plane >= 0.0);
    CHECK(path.max_off_plane <= 1.0);
    CHECK(path.mean_off_plane <= path.max_off_plane);
    // The snapshot before θ is near the origin; the first one is the furthest.
    CHECK(std::hypot(path.a[0], path.b[0]) > std::hypot(path.a[59], path.b[59]));
    // Too short a trajectory has no principal directions.
    const Session fresh = trained("data=xor", 1);
    CHECK_FALSE(pca_directions(fresh.trajectory(), fresh.net().params()).ok);
}

TEST_CASE("landscape: a path in a plane projects onto it with nothing off the plane", "[landscape]") {
    // A hand-made trajectory that moves along two fixed directions only.
    Trajectory t;
    t.clear(4);
    const std::vector<float> theta = {1, 2, 3, 4};
    for (int e = 0; e < 10; ++e) {
        const float a = float(10 - e), b = float((e % 3) - 1);
        t.push(e, std::vector<float>{1 + a, 2 + b, 3, 4 - a});
    }
    const LandscapeDirections d = pca_directions(t, theta);
    REQUIRE(d.ok);
    CHECK(d.explained1 + d.explained2 == Approx(1.0).epsilon(1e-9));
    const ProjectedPath p = project_path(t, theta, d);
    CHECK(p.max_off_plane < 1e-3);
}

TEST_CASE("landscape: the slice's centre is the run's training loss, and the grid is bounded", "[landscape]") {
    const Session s = trained("data=circle&net=4:tanh,2:tanh", 20);
    LandscapeJob job(s, random_directions(s.net(), 1), 31, -1, 1, -1, 1);
    CHECK_FALSE(job.clamped());
    int calls = 0;
    while (!job.step(100)) ++calls;
    CHECK(calls == 9);  // 961 cells, 100 a call: spread over calls
    CHECK(job.progress() == 1.0f);
    CHECK(job.alpha(15) == 0.0);
    CHECK(job.beta(15) == 0.0);
    CHECK(float(job.loss()[15 * 31 + 15]) == s.current().train_loss);
    // Away from the minimum the loss is higher in every direction (trained, so near a minimum).
    CHECK(job.loss()[0] > job.loss()[15 * 31 + 15]);
    CHECK(job.loss()[31 * 31 - 1] > job.loss()[15 * 31 + 15]);
    // 10,000 x 10,000 is clamped, and says so.
    LandscapeJob huge(s, random_directions(s.net(), 1), 10000, -1, 1, -1, 1);
    CHECK(huge.clamped());
    CHECK(huge.n() == kMaxLandscapeGrid);
    const std::vector<double> line = slice_1d(s, random_directions(s.net(), 2).d1, 21, -1, 1);
    REQUIRE(line.size() == 21);
    CHECK(float(line[10]) == s.current().train_loss);
}

TEST_CASE("landscape: the trajectory is bounded however long training runs", "[landscape]") {
    Session s(decode_config("data=xor&net=3:tanh").config);
    for (int e = 0; e < 1000; ++e) s.train_epoch();
    const Trajectory& t = s.trajectory();
    CHECK(t.size() < kMaxTrajectorySnapshots);
    CHECK(t.size() > kMaxTrajectorySnapshots / 4);
    CHECK(t.epoch(0) == 0);
    CHECK(t.stride() == 8);
    for (std::size_t i = 1; i < t.size(); ++i) CHECK(t.epoch(i) - t.epoch(i - 1) == t.stride());
    // A big network keeps fewer snapshots within the same memory.
    Trajectory big;
    big.clear(100000);
    CHECK(big.capacity() * 100000 <= kMaxTrajectoryFloats);
}
