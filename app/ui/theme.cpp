// Fonts and style (see theme.hpp).
#include "theme.hpp"

#include "sprites.hpp"

#include <imgui.h>

#include <cmath>

namespace nnp::app {

void apply_theme(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig font;
    font.SizePixels = std::round(13.0f * scale);
    font.OversampleH = font.OversampleV = 1;
    font.PixelSnapH = true;
    io.Fonts->AddFontDefault(&font);
    sprites_register(*io.Fonts, scale);
    sprites_paint(*io.Fonts);
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 2.0f;
    style.WindowBorderSize = 1.0f;
    style.ItemSpacing = ImVec2(6.0f, 4.0f);
    // Panels are not filled: the frame is cleared to the same grey, and skipping a full-screen
    // layer of blended pixels matters to software renderers. (Panels never overlap.)
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.97f, 0.0f);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.87f, 0.87f, 0.87f, 1.0f);  // visible on the light panels
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace nnp::app
