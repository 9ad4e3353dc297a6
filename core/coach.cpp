// The coach (see coach.hpp).
#include "coach.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace nnp {

namespace {

// Codes for the accessor and tests. No words: the app words each note from its string table,
// so the label column repeats the code.
constexpr std::array<EnumEntry<CoachCode>, 6> kCoachTable = {{
    {CoachCode::StepActivation, "step_activation", "step_activation", "step"},
    {CoachCode::Plateau, "plateau", "plateau", "plateau"},
    {CoachCode::DeadRelu, "dead_relu", "dead_relu", "dead"},
    {CoachCode::Saturated, "saturated", "saturated", "saturated"},
    {CoachCode::LossRising, "loss_rising", "loss_rising", "rising"},
    {CoachCode::Overfitting, "overfitting", "overfitting", "overfitting"},
}};

// The record of `epoch` or the nearest one kept before it (the history thins old epochs).
const EpochRecord* at_or_before(std::span<const EpochRecord> h, std::int64_t epoch) {
    const EpochRecord* best = nullptr;
    for (const EpochRecord& r : h) {
        if (r.epoch > epoch) break;
        best = &r;
    }
    return best;
}

// Units of each hidden layer that are dead (ReLU: 0 for every training sample) or saturated
// (sigmoid, tanh: |z| beyond the limit for almost every sample), from one forward pass over the
// training rows.
void unit_notes(const Session& s, const CoachLimits& lim, std::vector<CoachNote>& out) {
    const Mlp& net = s.net();
    const int n = s.n_train();
    const int hidden = net.num_layers() - 1;
    if (n <= 0 || hidden <= 0) return;
    Workspace ws;
    ws.resize(net, n, false);
    forward(net, s.inputs().topRows(n), ws, DropoutMode::Off);
    for (int l = 0; l < hidden; ++l) {
        const Activation act = s.config().hidden[std::size_t(l)].activation;
        const auto z = ws.z[std::size_t(l)].topRows(n);  // n x units
        const int units = int(z.cols());
        int dead = 0, saturated = 0;
        for (int j = 0; j < units; ++j) {
            if (act == Activation::Relu) {
                if ((z.col(j).array() <= 0.0f).all()) ++dead;
            } else if (act == Activation::Sigmoid || act == Activation::Tanh) {
                const int flat = int((z.col(j).array().abs() > lim.saturated_z).count());
                if (float(flat) >= lim.saturated_samples * float(n)) ++saturated;
            }
        }
        if (dead > 0 && float(dead) >= lim.dead_share * float(units))
            out.push_back({CoachCode::DeadRelu, l, dead, units});
        // Saturated units in a run that fits its data are no problem (tanh at its ends is a
        // confident decision); they are one where the run struggles.
        const bool struggling = s.data().num_classes == 0 || s.current().train_accuracy < lim.fitted_accuracy;
        if (struggling && saturated > 0 && float(saturated) >= lim.saturated_share * float(units))
            out.push_back({CoachCode::Saturated, l, saturated, units});
    }
}

}  // namespace

template <>
std::span<const EnumEntry<CoachCode>> enum_table<CoachCode>() {
    return kCoachTable;
}

std::vector<CoachNote> coach(const Session& s, const CoachLimits& lim) {
    std::vector<CoachNote> out;
    const ExperimentConfig& cfg = s.config();
    for (std::size_t l = 0; l < cfg.hidden.size(); ++l)
        if (cfg.hidden[l].activation == Activation::Step)
            out.push_back({CoachCode::StepActivation, int(l), cfg.hidden[l].width, cfg.hidden[l].width});

    const std::span<const EpochRecord> h = s.history().records();
    const EpochRecord* now = s.history().latest();
    if (!now || h.empty() || s.stop_reason() == StopReason::NonFiniteLoss) return out;
    const std::int64_t e = now->epoch;
    // Plateau: the loss has hardly moved over the last min_epochs epochs while the network is
    // no better than guessing (a converged run is flat too, but right). For regression: hardly
    // lower than at the start.
    if (e >= lim.min_epochs) {
        const int k = s.data().num_classes;
        const EpochRecord* then = k > 0 ? at_or_before(h, e - lim.min_epochs) : &h.front();
        const bool guessing = k == 0 || now->train_accuracy < 1.0f / float(std::max(k, 2)) + lim.plateau_accuracy;
        if (then && std::isfinite(then->train_loss) && guessing &&
            now->train_loss > (1.0f - lim.plateau_improvement) * then->train_loss)
            out.push_back({CoachCode::Plateau, -1, 0, 0, then->epoch, e - then->epoch, now->train_loss, then->train_loss});
    }
    unit_notes(s, lim, out);

    // Rising: above its minimum by the factor, and higher than some epochs ago.
    float min_loss = now->train_loss;
    std::int64_t min_epoch = e;
    for (const EpochRecord& r : h)
        if (r.train_loss < min_loss) min_loss = r.train_loss, min_epoch = r.epoch;
    const EpochRecord* before = at_or_before(h, e - lim.rising_epochs);
    if (before && min_loss > 0.0f && now->train_loss > lim.rising_factor * min_loss && now->train_loss > before->train_loss)
        out.push_back({CoachCode::LossRising, -1, 0, 0, min_epoch, e - min_epoch, now->train_loss, min_loss});

    // Overfitting: the held-out loss (validation if there is a split, else test) well above its
    // best, the best some epochs ago, and the training loss lower now than then.
    const bool val = s.n_val() > 0;
    const auto held = [val](const EpochRecord& r) { return val ? r.val_loss : r.test_loss; };
    const EpochRecord* best = &h.front();
    for (const EpochRecord& r : h)
        if (held(r) < held(*best)) best = &r;
    if (e - best->epoch >= lim.overfit_epochs && held(*now) > lim.overfit_factor * held(*best) &&
        now->train_loss < best->train_loss)
        out.push_back({CoachCode::Overfitting, -1, 0, 0, best->epoch, e - best->epoch, held(*now), held(*best), !val});
    return out;
}

}  // namespace nnp
