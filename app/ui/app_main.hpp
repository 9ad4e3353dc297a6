// The interface between the platform layer (platform.cpp: window, GL context, main loop) and
// the app: create it once the GL context exists, then per frame build the UI between
// ImGui::NewFrame() and ImGui::Render(), and draw the heatmaps before ImGui draws.
#pragma once

#include "app_state.hpp"

#include <string>
#include <vector>

namespace nnp::app {

// `version_line` is the GLSL version line (and precision) for this GL; `float_linear` says
// whether float textures can be filtered linearly. Commands are JSON accessor commands run once
// at start (e.g. from the command line). False if GL setup failed. A null `version_line` sets
// the app up without GL (the headless layout test).
bool app_create(const char* version_line, bool float_linear, const std::vector<std::string>& commands);
// Trains within the frame budget, updates pictures and builds the UI. `ui_scale` is the UI's
// scale factor (1 at 96 dpi).
void app_frame(float ui_scale);
// Uploads the frame's pictures. After ImGui::Render(), before ImGui draws.
void app_upload_heatmaps();
// Draws the pictures of ImGui draw list `list` (called by the renderer before the list's own
// content); `scale` and `offset` map display coordinates to clip space. True if it drew any.
bool app_draw_heatmaps(const void* list, const float scale[2], const float offset[2]);
// After ImGui::Render(): how many characters of the frame were drawn as the font's fallback
// glyph (the missing-glyph box), counted from the draw lists, into the frame's stats.
void app_count_missing_glyphs();
// Reports the whole frame's CPU time in ms (measured by the platform), for the budget.
void app_frame_done(float frame_ms);
void app_destroy();

AppState& app_state();

}  // namespace nnp::app
