// The loss landscape (see landscape.hpp). PCA goes through the snapshots' Gram matrix (T x T,
// T <= 200 snapshots) instead of the P x P covariance: its eigenvectors u give the directions
// Mᵀu, so a network of 50,000 weights costs a 200 x 200 eigenproblem.
#include "landscape.hpp"

#include "loss.hpp"
#include "rng.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace nnp {

namespace {

constexpr EnumEntry<LandscapeDirs> kDirs[] = {
    {LandscapeDirs::Random, "random", "Random", "random"},  // worded by the app's string table
    {LandscapeDirs::Pca, "pca", "PCA", "pca"},
};

double dot(std::span<const float> a, std::span<const float> b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += double(a[i]) * double(b[i]);
    return s;
}

}  // namespace

template <>
std::span<const EnumEntry<LandscapeDirs>> enum_table<LandscapeDirs>() {
    return kDirs;
}

LandscapeDirections random_directions(const Mlp& net, std::uint32_t seed) {
    LandscapeDirections out;
    Rng rng = make_rng(seed, RngStream::Landscape);
    const auto theta = net.params();
    for (std::vector<float>* d : {&out.d1, &out.d2}) {
        d->assign(theta.size(), 0.0f);
        for (int l = 0; l < net.num_layers(); ++l) {
            const int in = net.fan_in(l), units = net.fan_out(l);
            const std::size_t w0 = net.bias_offset(l) - std::size_t(in) * std::size_t(units);
            // Neuron o's incoming weights are column o of W (element (i, o) at w0 + i * units + o).
            for (int o = 0; o < units; ++o) {
                double norm_d = 0, norm_t = 0;
                for (int i = 0; i < in; ++i) {
                    const std::size_t k = w0 + std::size_t(i) * units + std::size_t(o);
                    const double g = rng.normal();
                    (*d)[k] = float(g);
                    norm_d += g * g;
                    norm_t += double(theta[k]) * double(theta[k]);
                }
                const double scale = norm_d > 0 ? std::sqrt(norm_t / norm_d) : 0.0;
                for (int i = 0; i < in; ++i) {
                    const std::size_t k = w0 + std::size_t(i) * units + std::size_t(o);
                    (*d)[k] = float(double((*d)[k]) * scale);
                }
            }
            // Biases stay 0.
        }
    }
    out.ok = true;
    return out;
}

LandscapeDirections pca_directions(const Trajectory& trajectory, std::span<const float> final_params) {
    LandscapeDirections out;
    const std::size_t p = final_params.size();
    const int t = int(trajectory.size());
    if (t < 3 || p == 0 || trajectory.at(0).size() != p) return out;
    // M: t x p, the snapshots minus θ. G = M Mᵀ.
    Eigen::MatrixXd m(t, Eigen::Index(p));
    for (int i = 0; i < t; ++i) {
        const auto s = trajectory.at(std::size_t(i));
        for (std::size_t k = 0; k < p; ++k) m(i, Eigen::Index(k)) = double(s[k]) - double(final_params[k]);
    }
    const Eigen::MatrixXd g = m * m.transpose();
    const double total = g.trace();
    if (!(total > 0)) return out;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(g);
    if (eig.info() != Eigen::Success) return out;
    // Eigenvalues ascend: the last two are the largest.
    const Eigen::VectorXd values = eig.eigenvalues();
    for (int k = 0; k < 2; ++k) {
        const int col = t - 1 - k;
        Eigen::VectorXd dir = m.transpose() * eig.eigenvectors().col(col);
        const double norm = dir.norm();
        if (!(norm > 0)) return out;
        dir /= norm;
        std::vector<float>& d = k == 0 ? out.d1 : out.d2;
        d.resize(p);
        for (std::size_t i = 0; i < p; ++i) d[i] = float(dir(Eigen::Index(i)));
        (k == 0 ? out.explained1 : out.explained2) = std::clamp(values(col) / total, 0.0, 1.0);
    }
    out.ok = true;
    return out;
}

ProjectedPath project_path(const Trajectory& trajectory, std::span<const float> final_params,
                           const LandscapeDirections& dirs) {
    ProjectedPath out;
    if (!dirs.ok) return out;
    const std::size_t p = final_params.size();
    std::vector<float> delta(p);
    int counted = 0;
    for (std::size_t i = 0; i < trajectory.size(); ++i) {
        const auto s = trajectory.at(i);
        for (std::size_t k = 0; k < p; ++k) delta[k] = s[k] - final_params[k];
        const double a = dot(delta, dirs.d1), b = dot(delta, dirs.d2);
        out.a.push_back(a);
        out.b.push_back(b);
        const double len2 = dot(delta, delta);
        if (len2 > 0) {
            const double off = std::sqrt(std::max(0.0, len2 - a * a - b * b) / len2);
            out.max_off_plane = std::max(out.max_off_plane, off);
            out.mean_off_plane += off;
            ++counted;
        }
    }
    out.a.push_back(0.0);  // θ itself
    out.b.push_back(0.0);
    if (counted > 0) out.mean_off_plane /= counted;
    return out;
}

LandscapeRange landscape_range(LandscapeDirs dirs, const ProjectedPath& path) {
    if (dirs == LandscapeDirs::Random) return {};
    double ra = 0.1, rb = 0.1;
    for (std::size_t i = 0; i < path.a.size() && i < path.b.size(); ++i) {
        if (std::isfinite(path.a[i])) ra = std::max(ra, std::abs(path.a[i]));
        if (std::isfinite(path.b[i])) rb = std::max(rb, std::abs(path.b[i]));
    }
    return {-1.2 * ra, 1.2 * ra, -1.2 * rb, 1.2 * rb};
}

double training_loss(const Session& s, std::span<const float> params, Workspace& ws, Mlp& scratch) {
    const int n = s.n_train();
    if (n == 0) return 0.0;
    if (!(scratch.spec() == s.net().spec())) scratch = s.net();
    scratch.set_params(params);
    if (ws.max_rows < n) ws.resize(scratch, n, /*with_gradients=*/false);
    forward(scratch, s.inputs().topRows(n), ws, DropoutMode::Off);
    const int last = scratch.num_layers() - 1;
    const double sum = loss_sum(s.config().loss, scratch.spec().output, ws.z[std::size_t(last)].topRows(n),
                                ws.h[std::size_t(last)].topRows(n), s.targets().topRows(n));
    return sum / n;
}

LandscapeJob::LandscapeJob(const Session& s, LandscapeDirections dirs, int n, double a_lo, double a_hi, double b_lo,
                           double b_hi)
    : s_(s), dirs_(std::move(dirs)), a_lo_(a_lo), a_hi_(a_hi), b_lo_(b_lo), b_hi_(b_hi) {
    n_ = std::clamp(n, kMinLandscapeGrid, kMaxLandscapeGrid);
    clamped_ = n_ != n;
    loss_.assign(std::size_t(n_) * std::size_t(n_), 0.0);
    theta_.assign(s.net().params().begin(), s.net().params().end());
    params_.resize(theta_.size());
    scratch_ = s.net();
    if (!dirs_.ok || dirs_.d1.size() != theta_.size() || dirs_.d2.size() != theta_.size()) next_ = n_ * n_;
}

bool LandscapeJob::step(int cells) {
    for (int c = 0; c < cells && next_ < n_ * n_; ++c, ++next_) {
        const int j = next_ / n_, i = next_ % n_;
        const double a = alpha(i), b = beta(j);
        for (std::size_t k = 0; k < theta_.size(); ++k)
            params_[k] = float(double(theta_[k]) + a * double(dirs_.d1[k]) + b * double(dirs_.d2[k]));
        loss_[std::size_t(next_)] = training_loss(s_, params_, ws_, scratch_);
    }
    return done();
}

std::vector<double> slice_1d(const Session& s, std::span<const float> d, int n, double lo, double hi) {
    n = std::clamp(n, kMinLandscapeGrid, 1001);
    std::vector<double> out;
    const auto theta = s.net().params();
    if (d.size() != theta.size()) return out;
    std::vector<float> params(theta.size());
    Workspace ws;
    Mlp scratch = s.net();
    for (int i = 0; i < n; ++i) {
        const double a = lo + (hi - lo) * i / (n - 1);
        for (std::size_t k = 0; k < theta.size(); ++k) params[k] = float(double(theta[k]) + a * double(d[k]));
        out.push_back(training_loss(s, params, ws, scratch));
    }
    return out;
}

}  // namespace nnp
