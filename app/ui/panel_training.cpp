// The training bar across the top: play/pause, step, reset, the epoch, speed, Lessons and the
// language; then (side by side, or in their own panel when stacked) learning rate, optimizer and
// its hyperparameters, task, output activation, loss, regularization, initialisation, seed and
// early stopping. Also the panels' shared frame: begin/end_panel, the stacked page, note_ui.
#include "fields.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

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

bool begin_panel(PanelContext& c, const char* title, const Rect& r, bool title_bar) {
    if (c.stacked) {
        // On the page: a child at the full width, titled by a separator line of its own.
        ImGui::SetCursorPos(ImVec2(r.x, r.y));
        const float w = ImGui::GetContentRegionAvail().x;
        const bool open = ImGui::BeginChild(title, ImVec2(w, r.h), ImGuiChildFlags_AlwaysUseWindowPadding,
                                            ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        if (open && title_bar) ImGui::SeparatorText(title);
        return open;
    }
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (!title_bar) flags |= ImGuiWindowFlags_NoTitleBar;
    return ImGui::Begin(title, nullptr, flags);
}

void end_panel(PanelContext& c, float* height) {
    if (height) {
        // The content's height: to the last row, plus the padding below it.
        const ImGuiStyle& st = ImGui::GetStyle();
        *height = std::ceil(ImGui::GetCursorPosY() - st.ItemSpacing.y + st.WindowPadding.y);
    }
    if (c.stacked) ImGui::EndChild();
    else ImGui::End();
}

void begin_page(PanelContext& c, const WindowLayout& l) {
    ImGui::SetNextWindowPos(ImVec2(l.page.x, l.page.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(l.page.w, l.page.h), ImGuiCond_Always);
    ImGui::SetNextWindowContentSize(ImVec2(0.0f, l.page_height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::Begin("##page", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    c.stacked = true;
    c.app.ui.push_back({"page", l.page.x / c.scale, l.page.y / c.scale, l.page.w / c.scale, l.page.h / c.scale});
}

void end_page(PanelContext& c) {
    // A press on the page's background (not on a control) and a drag scroll the page, as a
    // finger expects; the wheel and the scroll bar work as usual.
    bool& drag = c.state.page_drag;
    // Only this frame's hover counts (IsAnyItemHovered also reports the previous frame's, which
    // for a finger is wherever the last touch or mouse was).
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        drag = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && ImGui::GetCurrentContext()->HoveredId == 0;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) drag = false;
    if (drag && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f * c.scale))
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    ImGui::End();
    c.stacked = false;
}

void note_ui(PanelContext& c, std::string name) {
    note_ui(c, std::move(name), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void note_ui(PanelContext& c, std::string name, ImVec2 a, ImVec2 b) {
    const float k = 1.0f / std::max(c.scale, 0.25f);
    c.app.ui.push_back({std::move(name), a.x * k, a.y * k, (b.x - a.x) * k, (b.y - a.y) * k});
}

namespace {

// The training settings, each group on the current row while it fits: learning rate, optimizer
// and its hyperparameters; task, output activation, loss, regularization, initialisation, seed
// and early stopping.
void training_settings(PanelContext& c, Flow& flow) {
    ExperimentConfig& next = c.req.next;
    const Session& s = c.app.session();
    const float em = ImGui::GetFontSize();
    // A label and a widget of `width`, placed by the flow.
    const auto place = [&](const char* text, float width) {
        flow.next(labelled_width(text, width));
        label_left(text, width);
    };
    place(tr(Str::LearningRate), choice_combo_width(kLearningRates));
    choice_combo("##lr", &next.optimizer.learning_rate, kLearningRates);
    tooltip(Str::TipLearningRate);
    note_ui(c, "learning_rate");
    place(tr(Str::Optimizer), enum_combo_width<OptimizerKind>());
    enum_combo("##opt", &next.optimizer.kind);
    tooltip(Str::TipOptimizer);
    note_ui(c, "optimizer");
    // One drag per hyperparameter, with its row's range, label and tooltip.
    const auto param = [&](const char* key, float* v, const char* fmt) {
        const Field& f = field(key);
        const float lo = float(f.lo), hi = float(f.hi);
        place(field_label(key), 4.5f * em);
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

    const Task task = s.data().task;
    const char* task_text = tr(task_name(task));
    flow.next(labelled_width(tr(Str::Task), ImGui::CalcTextSize(task_text).x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::Task));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", task_text);
    tooltip(Str::TipTask);
    const auto output_fits_task = [task](Activation a) { return output_fits(task, a); };
    place(tr(Str::OutputActivation), enum_combo_width<Activation>(output_fits_task));
    {
        const ExperimentConfig before = next;  // the loss follows the output while at its default
        if (enum_combo("##out", &next.output, output_fits_task)) follow_defaults(before, next);
    }
    tooltip(Str::TipOutputActivation);
    const Activation output = next.output;
    const auto loss_fits_output = [output](Loss l) { return loss_fits(output, l); };
    place(tr(Str::Loss), enum_combo_width<Loss>(loss_fits_output));
    enum_combo("##loss", &next.loss, loss_fits_output);
    tooltip(Str::TipLoss);
    place(tr(Str::Regularization), enum_combo_width<Regularization>());
    enum_combo("##reg", &next.regularization);
    tooltip(Str::TipRegularization);
    place(tr(Str::RegRate), choice_combo_width(kRegRates));
    choice_combo("##regrate", &next.reg_rate, kRegRates);
    tooltip(Str::TipRegRate);
    place(tr(Str::InitLabel), enum_combo_width<Init>());
    enum_combo("##init", &next.init);
    tooltip(Str::TipInit);
    // The seed's field: room for 6 digits and its two step buttons.
    place(tr(Str::Seed), ImGui::CalcTextSize("000000").x + 2.0f * ImGui::GetStyle().FramePadding.x +
                             2.0f * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x));
    int seed = static_cast<int>(next.seed & 0x7fffffff);
    if (ImGui::InputInt("##seed", &seed, 1, 10) && seed >= 0) next.seed = std::uint32_t(seed);
    tooltip(Str::TipSeed);
    flow.next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
              ImGui::CalcTextSize(tr(Str::EarlyStopping)).x);
    {
        // Early stopping brings its validation share (the field table's derived default).
        const ExperimentConfig before = next;
        if (ImGui::Checkbox(tr(Str::EarlyStopping), &next.early_stopping)) follow_defaults(before, next);
    }
    tooltip(Str::TipEarlyStopping);
    if (next.early_stopping) {
        place(tr(Str::Patience), 4.0f * em);
        const Field& pat = field("pat");
        ImGui::DragInt("##patience", &next.patience, 1.0f, int(pat.lo), int(pat.hi), "%d",
                       ImGuiSliderFlags_AlwaysClamp);
        tooltip(Str::TipPatience);
    }
}

}  // namespace

void panel_training(PanelContext& c, const Rect& r, bool with_settings) {
    AppState& app = c.app;
    const Session& s = app.session();
    if (!begin_panel(c, tr(Str::PanelTraining), r, false)) {
        end_panel(c);
        return;
    }
    {
        const float k = 1.0f / std::max(c.scale, 0.25f);
        c.app.ui.push_back({"bar", r.x * k, r.y * k, r.w * k, r.h * k});
    }
    Flow flow;
    // Transport: play/pause, step, reset, the epoch, the speed and what it achieves.
    const float button_w = button_width({tr(Str::Play), tr(Str::Pause), tr(Str::Step), tr(Str::Reset)});
    flow.next(button_w);
    if (ImGui::Button(app.playing ? tr(Str::Pause) : tr(Str::Play), ImVec2(button_w, 0)))
        c.req.toggle_play = true;
    tooltip(Str::TipPlay);
    note_ui(c, "play");
    flow.next(button_w);
    if (ImGui::Button(tr(Str::Step), ImVec2(button_w, 0))) c.req.step = true;
    tooltip(Str::TipStep);
    note_ui(c, "step");
    flow.next(button_w);
    if (ImGui::Button(tr(Str::Reset), ImVec2(button_w, 0))) c.req.reset = true;
    tooltip(Str::TipReset);
    note_ui(c, "reset");
    // The epoch in a box as wide as 7 digits need, so the row does not jump as it counts.
    char epoch[64], widest[64];
    std::snprintf(epoch, sizeof epoch, tr(Str::EpochFmt), static_cast<long long>(s.epoch()));
    std::snprintf(widest, sizeof widest, tr(Str::EpochFmt), 8888888LL);
    const float epoch_w = std::max(ImGui::CalcTextSize(epoch).x, ImGui::CalcTextSize(widest).x);
    flow.next(epoch_w);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(epoch);
    tooltip(Str::TipEpoch);
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::Dummy(ImVec2(epoch_w - ImGui::CalcTextSize(epoch).x, 1.0f));
    if (with_settings) training_settings(c, flow);
    flow.next(labelled_width(tr(Str::Speed), choice_combo_width(kSpeedChoices)));
    label_left(tr(Str::Speed), choice_combo_width(kSpeedChoices));
    choice_combo("##speed", &app.speed, kSpeedChoices);
    tooltip(Str::TipSpeed);
    note_ui(c, "speed");
    char actual[96];
    std::snprintf(actual, sizeof actual, tr(Str::SpeedActualFmt), double(app.stats.epochs_per_frame),
                  double(app.stats.fps));
    std::snprintf(widest, sizeof widest, tr(Str::SpeedActualFmt), 88.8, 88.0);
    flow.next(std::max(ImGui::CalcTextSize(actual).x, ImGui::CalcTextSize(widest).x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", actual);
    flow.next(button_width({tr(Str::Lessons)}));
    if (ImGui::Button(tr(Str::Lessons))) c.state.lesson_picker_open = true;
    tooltip(Str::TipLessons);
    note_ui(c, "lessons");
    flow.next(button_width({tr(Str::Surfaces)}));
    if (ImGui::Button(tr(Str::Surfaces))) {
        app.surface.open = !app.surface.open;
        if (app.surface.open && app.surface.paths.empty()) surface_select(app.surface, app.surface.kind);
    }
    tooltip(Str::TipSurfaces);
    note_ui(c, "surfaces");
    // The other language, named in itself ("한국어" / "English").
    const char* other_language = tr(Str::LanguageSwitch);
    flow.next(button_width({other_language}));
    if (ImGui::Button(other_language))
        c.req.language = language() == Language::Korean ? Language::English : Language::Korean;
    tooltip(Str::TipLanguage);
    note_ui(c, "language");
    if (!app.ever_played) {
        // A first visit: what to do, until training starts for the first time.
        // Wrapped on a row of its own when it does not fit beside the rest.
        const char* hint = tr(Str::WelcomeHint);
        flow.next(ImGui::CalcTextSize(hint).x);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(13, 90, 166, 255));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(hint);
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    end_panel(c, &c.state.heights.training);
}

void panel_settings(PanelContext& c, const Rect& r) {
    if (begin_panel(c, tr(Str::PanelTraining), r)) {
        Flow flow;
        training_settings(c, flow);
    }
    end_panel(c, &c.state.heights.settings);
}

}  // namespace nnp::app
