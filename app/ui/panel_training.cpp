// The training bar across the top: play/pause, step, reset and the epoch counter; learning rate,
// optimizer and its hyperparameters, speed; task, output activation, loss, regularization,
// initialisation, seed and early stopping. Also the shared begin_panel helper.
#include "fields.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <cstdio>

namespace nnp::app {

namespace {
constexpr float kLearningRates[] = {0.00001f, 0.0001f, 0.001f, 0.003f, 0.01f, 0.03f,
                                    0.1f,     0.3f,    1.0f,   3.0f,   10.0f};
constexpr float kRegRates[] = {0.0f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.0f, 3.0f, 10.0f};

Str task_name(Task t) {
    switch (t) {
        case Task::BinaryClassification: return Str::TaskBinary;
        case Task::MultiClassification: return Str::TaskMulti;
        case Task::Regression: return Str::TaskRegression;
    }
    return Str::TaskBinary;
}
}  // namespace

bool begin_panel(const char* title, const Rect& r, bool title_bar) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (!title_bar) flags |= ImGuiWindowFlags_NoTitleBar;
    return ImGui::Begin(title, nullptr, flags);
}

float training_bar_height() {
    const ImGuiStyle& s = ImGui::GetStyle();
    return 2.0f * ImGui::GetFrameHeightWithSpacing() + 2.0f * s.WindowPadding.y;
}

void panel_training(PanelContext& c, const Rect& r) {
    AppState& app = c.app;
    ExperimentConfig& next = c.req.next;
    const Session& s = app.session();
    const float em = ImGui::GetFontSize();
    if (!begin_panel(tr(Str::PanelTraining), r, false)) {
        ImGui::End();
        return;
    }
    // Row 1: transport, epoch, learning rate, optimizer and its hyperparameters, speed.
    const float button_w = 4.5f * em;
    if (ImGui::Button(app.playing ? tr(Str::Pause) : tr(Str::Play), ImVec2(button_w, 0)))
        c.req.toggle_play = true;
    tooltip(Str::TipPlay);
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::Step), ImVec2(button_w, 0))) c.req.step = true;
    tooltip(Str::TipStep);
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::Reset), ImVec2(button_w, 0))) c.req.reset = true;
    tooltip(Str::TipReset);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    char epoch[64];
    std::snprintf(epoch, sizeof epoch, tr(Str::EpochFmt), static_cast<long long>(s.epoch()));
    ImGui::Text("%-16s", epoch);
    tooltip(Str::TipEpoch);

    ImGui::SameLine();
    label_left(tr(Str::LearningRate), 5.5f * em);
    choice_combo("##lr", &next.optimizer.learning_rate, kLearningRates);
    tooltip(Str::TipLearningRate);
    ImGui::SameLine();
    label_left(tr(Str::Optimizer), 7.0f * em);
    enum_combo("##opt", &next.optimizer.kind);
    tooltip(Str::TipOptimizer);
    // One drag per hyperparameter; its range is the field table's.
    // One drag per hyperparameter, with its row's range, label and tooltip.
    const auto param = [&](const char* key, float* v, const char* fmt) {
        const Field& f = field(key);
        const float lo = float(f.lo), hi = float(f.hi);
        ImGui::SameLine();
        label_left(field_label(key), 4.5f * em);
        ImGui::PushID(key);
        ImGui::DragFloat("##p", v, (hi - lo) / 500.0f, lo, hi, fmt, ImGuiSliderFlags_AlwaysClamp);
        ImGui::PopID();
        tooltip(field_tip(key));
    };
    OptimizerParams& o = next.optimizer;
    switch (o.kind) {
        case OptimizerKind::Sgd: break;
        case OptimizerKind::Momentum:
        case OptimizerKind::Nesterov: param("mom", &o.momentum, "%.3f"); break;
        case OptimizerKind::AdaGrad: param("eps", &o.epsilon, "%.0e"); break;
        case OptimizerKind::RmsProp:
            param("rho", &o.rho, "%.3f");
            param("eps", &o.epsilon, "%.0e");
            break;
        case OptimizerKind::Adam:
            param("b1", &o.beta1, "%.3f");
            param("b2", &o.beta2, "%.5f");
            param("eps", &o.epsilon, "%.0e");
            break;
    }
    ImGui::SameLine();
    label_left(tr(Str::Speed), 4.0f * em);
    choice_combo("##speed", &app.speed, kSpeedChoices);
    tooltip(Str::TipSpeed);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled(tr(Str::SpeedActualFmt), double(app.stats.epochs_per_frame),
                        double(app.stats.fps));

    // Row 2: task, output, loss, regularization, init, seed, early stopping.
    const Task task = s.data().task;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::Task));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr(task_name(task)));
    tooltip(Str::TipTask);
    ImGui::SameLine();
    label_left(tr(Str::OutputActivation), 6.0f * em);
    {
        const ExperimentConfig before = next;  // the loss follows the output while at its default
        if (enum_combo("##out", &next.output, [task](Activation a) { return output_fits(task, a); }))
            follow_defaults(before, next);
    }
    tooltip(Str::TipOutputActivation);
    ImGui::SameLine();
    label_left(tr(Str::Loss), 13.0f * em);
    const Activation output = next.output;
    enum_combo("##loss", &next.loss, [output](Loss l) { return loss_fits(output, l); });
    tooltip(Str::TipLoss);
    ImGui::SameLine();
    label_left(tr(Str::Regularization), 4.5f * em);
    enum_combo("##reg", &next.regularization);
    tooltip(Str::TipRegularization);
    ImGui::SameLine();
    label_left(tr(Str::RegRate), 4.5f * em);
    choice_combo("##regrate", &next.reg_rate, kRegRates);
    tooltip(Str::TipRegRate);
    ImGui::SameLine();
    label_left(tr(Str::InitLabel), 8.5f * em);
    enum_combo("##init", &next.init);
    tooltip(Str::TipInit);
    ImGui::SameLine();
    label_left(tr(Str::Seed), 5.0f * em);
    int seed = static_cast<int>(next.seed & 0x7fffffff);
    if (ImGui::InputInt("##seed", &seed, 1, 10) && seed >= 0) next.seed = std::uint32_t(seed);
    tooltip(Str::TipSeed);
    ImGui::SameLine();
    {
        // Early stopping brings its validation share (the field table's derived default).
        const ExperimentConfig before = next;
        if (ImGui::Checkbox(tr(Str::EarlyStopping), &next.early_stopping)) follow_defaults(before, next);
    }
    tooltip(Str::TipEarlyStopping);
    if (next.early_stopping) {
        ImGui::SameLine();
        label_left(tr(Str::Patience), 4.0f * em);
        const Field& pat = field("pat");
        ImGui::DragInt("##patience", &next.patience, 1.0f, int(pat.lo), int(pat.hi), "%d",
                       ImGuiSliderFlags_AlwaysClamp);
        tooltip(Str::TipPatience);
    }
    ImGui::End();
}

}  // namespace nnp::app
