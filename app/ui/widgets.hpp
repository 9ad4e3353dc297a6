// Small ImGui helpers shared by the panels: tooltips, enumeration combos whose labels and
// tooltips come from the string table, value-choice combos, and picture images.
#pragma once

#include "colormap.hpp"
#include "heatmap_gl.hpp"
#include "strings.hpp"

#include <imgui.h>

#include <algorithm>
#include <initializer_list>
#include <span>

namespace nnp::app {

// A view's modal window over the page (the surfaces, the landscape, backpropagation): centred,
// at most width_em x height_em, titled `title` in the active language under the fixed ImGui id
// `id` ("###surface"), closed with its x. True while it is open: draw into it, then call
// ImGui::EndPopup(). False once closed, with `open` set to false.
bool begin_view_window(const char* id, Str title, float width_em, float height_em, bool& open);

// A wrapped tooltip for the last item, after a short hover delay.
void tooltip(const char* text);
void tooltip(Str id);

// A combo over an enumeration's values (those `allowed` accepts); each entry has its tooltip.
template <typename E, typename Allowed>
bool enum_combo(const char* id, E* value, Allowed allowed, ImGuiComboFlags flags = 0) {
    bool changed = false;
    if (ImGui::BeginCombo(id, label(*value), flags)) {
        for (const auto& e : enum_table<E>()) {
            if (!allowed(e.value)) continue;
            const bool selected = e.value == *value;
            if (ImGui::Selectable(label(e.value), selected)) {
                changed = e.value != *value;
                *value = e.value;
            }
            if (const char* t = tip(e.value)) tooltip(t);
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    return changed;
}
template <typename E>
bool enum_combo(const char* id, E* value) {
    return enum_combo(id, value, [](E) { return true; });
}

// A combo over fixed numeric choices (shown with %g); a value not in the list is shown as is.
// `prefix` (optional) is shown before the value in the closed combo.
bool choice_combo(const char* id, float* value, std::span<const float> choices,
                  const char* prefix = nullptr, ImGuiComboFlags flags = 0);
bool choice_combo(const char* id, int* value, std::span<const int> choices);

// A label to the left of the next widget, then the widget takes `width` pixels.
void label_left(const char* text, float width);
// The width label_left(text, width) takes in all.
float labelled_width(const char* text, float width);

// The width of a combo that shows `text_width` pixels of text whole (padding and arrow included).
float combo_width(float text_width);
// The widest label among an enumeration's values that `allowed` accepts, as a combo's width.
template <typename E, typename Allowed>
float enum_combo_width(Allowed allowed) {
    float widest = 0.0f;
    for (const auto& e : enum_table<E>())
        if (allowed(e.value)) widest = std::max(widest, ImGui::CalcTextSize(label(e.value)).x);
    return combo_width(widest);
}
template <typename E>
float enum_combo_width() {
    return enum_combo_width<E>([](E) { return true; });
}
// The same for choice_combo's choices (and its prefix).
float choice_combo_width(std::span<const float> choices, const char* prefix = nullptr);
float choice_combo_width(std::span<const int> choices);
// A button's width for the widest of `labels`.
float button_width(std::initializer_list<const char*> labels);

// Lays out groups of widgets left to right on rows that wrap: next(width) before each group
// keeps it on the current row if it fits the window, else starts a new row.
class Flow {
public:
    void next(float width);

private:
    bool first_ = true;
};

// Draws picture `p` as an image of `size` pixels at the cursor (a blank box if there is none).
// Pictures lie beneath everything else the window draws (see heatmap_gl.hpp).
void picture(HeatmapRenderer& heat, const PictureInfo& p, ImVec2 size, bool discretize);
// The same at an absolute screen position, into `list`.
void picture_at(ImDrawList* list, HeatmapRenderer& heat, const PictureInfo& p, ImVec2 min,
                ImVec2 max, bool discretize);

ImU32 to_imgui(Rgb c, float alpha = 1.0f);

// Point i's colour: its class's, or its value's on the diverging scale up to `value_scale`.
ImU32 point_color(const Dataset& d, int i, float value_scale);
// Where point i of two-input data lies on a map of its domain drawn over mn..mx.
ImVec2 plane_position(const Dataset& d, int i, ImVec2 mn, ImVec2 mx);

}  // namespace nnp::app
