// ImGui helpers (see widgets.hpp).
#include "widgets.hpp"

#include "colormap.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace nnp::app {

void tooltip(const char* text) {
    if (!text || !ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_AllowWhenDisabled))
        return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void tooltip(Str id) { tooltip(tr(id)); }

bool begin_view_window(const char* id, Str title, float width_em, float height_em, bool& open) {
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 size(std::min(display.x - 1.0f * em, width_em * em), std::min(display.y - 5.0f * em, height_em * em));
    ImGui::SetNextWindowPos(ImVec2(0.5f * (display.x - size.x), 4.5f * em), ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    // A modal window: always over the panels (which it dims). "###" keeps its ID whatever the
    // language of its title.
    const std::string text = std::string(tr(title)) + id;
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    bool still_open = true;
    if (!ImGui::BeginPopupModal(text.c_str(), &still_open,
                                ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        open = false;
        return false;
    }
    if (!still_open) {
        open = false;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    return true;
}

// A choice as the combo shows it: the prefix (if any), a space, the value in `fmt`.
template <typename T>
static void choice_text(char* out, std::size_t n, const char* fmt, T value, const char* prefix) {
    char number[32];
    std::snprintf(number, sizeof number, fmt, double(value));
    std::snprintf(out, n, "%s%s%s", prefix ? prefix : "", prefix ? " " : "", number);
}

template <typename T>
static bool choice_combo_impl(const char* id, T* value, std::span<const T> choices, const char* fmt,
                              const char* prefix = nullptr, ImGuiComboFlags flags = 0) {
    char preview[96];
    choice_text(preview, sizeof preview, fmt, *value, prefix);
    bool changed = false;
    if (ImGui::BeginCombo(id, preview, flags)) {
        for (const T c : choices) {
            char text[32];
            std::snprintf(text, sizeof text, fmt, double(c));
            const bool selected = c == *value;
            if (ImGui::Selectable(text, selected)) {
                changed = c != *value;
                *value = c;
            }
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    return changed;
}

template <typename T>
static float choice_combo_width_impl(std::span<const T> choices, const char* fmt, const char* prefix) {
    float widest = 0.0f;
    for (const T c : choices) {
        char text[96];
        choice_text(text, sizeof text, fmt, c, prefix);
        widest = std::max(widest, ImGui::CalcTextSize(text).x);
    }
    return combo_width(widest);
}

bool choice_combo(const char* id, float* value, std::span<const float> choices, const char* prefix,
                  ImGuiComboFlags flags) {
    return choice_combo_impl(id, value, choices, "%g", prefix, flags);
}

bool choice_combo(const char* id, int* value, std::span<const int> choices) {
    return choice_combo_impl(id, value, choices, "%.0f");
}

void label_left(const char* text, float width) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
}

float labelled_width(const char* text, float width) {
    return ImGui::CalcTextSize(text).x + ImGui::GetStyle().ItemSpacing.x + width;
}

float combo_width(float text_width) {
    return text_width + 2.0f * ImGui::GetStyle().FramePadding.x + ImGui::GetFrameHeight();
}

float choice_combo_width(std::span<const float> choices, const char* prefix) {
    return choice_combo_width_impl(choices, "%g", prefix);
}

float choice_combo_width(std::span<const int> choices) { return choice_combo_width_impl(choices, "%.0f", nullptr); }

float button_width(std::initializer_list<const char*> labels) {
    float widest = 0.0f;
    for (const char* l : labels) widest = std::max(widest, ImGui::CalcTextSize(l).x);
    return widest + 2.0f * ImGui::GetStyle().FramePadding.x;
}

void Flow::next(float width) {
    if (first_) {
        first_ = false;
        return;
    }
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

ImU32 to_imgui(Rgb c, float alpha) { return pack_rgba(c, alpha); }

void picture(HeatmapRenderer& heat, const PictureInfo& p, ImVec2 size, bool discretize) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    picture_at(ImGui::GetWindowDrawList(), heat, p, min, max, discretize);
    ImGui::Dummy(size);
}

void picture_at(ImDrawList* list, HeatmapRenderer& heat, const PictureInfo& p, ImVec2 min,
                ImVec2 max, bool discretize) {
    // The renderer draws it beneath this list's content, at the screen's own resolution.
    const ImVec2 cmin = list->GetClipRectMin(), cmax = list->GetClipRectMax();
    if (!heat.add(list, p, {min.x, min.y, max.x, max.y}, {cmin.x, cmin.y, cmax.x, cmax.y}, discretize))
        list->AddRectFilled(min, max, to_imgui(middle_color()));
}

ImU32 point_color(const Dataset& d, int i, float value_scale) {
    if (d.task == Task::Regression) return to_imgui(diverging(d.value(i, 0), -value_scale, value_scale));
    return to_imgui(class_color(d.label[std::size_t(i)]));
}

ImVec2 plane_position(const Dataset& d, int i, ImVec2 mn, ImVec2 mx) {
    const Domain& dom = d.domain;
    return {mn.x + (d.x(i, 0) - dom.x_min) / (dom.x_max - dom.x_min) * (mx.x - mn.x),
            mn.y + (dom.y_max - d.x(i, 1)) / (dom.y_max - dom.y_min) * (mx.y - mn.y)};
}

}  // namespace nnp::app
