// Fonts and style (see theme.hpp).
#include "theme.hpp"

#include "sprites.hpp"

#include <imgui.h>

#include <cmath>

#ifdef NNP_UI_FONT
#include "nnp_ui_font.hpp"
#endif

namespace nnp::app {

namespace {

#ifdef NNP_UI_FONT
// What the font holds: Latin with Latin-1, Greek (Σ in the backpropagation steps), general
// punctuation, arrows and mathematical operators, geometric shapes (● a met goal), Hangul
// compatibility jamo and syllables, and the replacement box. ImGui bakes only the glyphs the subset really has.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                    0x25A0, 0x25FF, 0x3131, 0x3163, 0xAC00, 0xD7A3, 0xFFFD, 0xFFFD, 0};
#endif

}  // namespace

void apply_theme(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig font;
    font.OversampleH = font.OversampleV = 1;
    font.PixelSnapH = true;
#ifdef NNP_UI_FONT
    // NanumGothic for both languages (the embedded subset; the atlas must not free it).
    font.FontDataOwnedByAtlas = false;
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kUiFont), int(kUiFontSize),
                                   std::round(14.0f * scale), &font, kGlyphRanges);
#else
    font.SizePixels = std::round(13.0f * scale);
    io.Fonts->AddFontDefault(&font);
#endif
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
