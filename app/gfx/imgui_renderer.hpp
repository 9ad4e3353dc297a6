// Draws Dear ImGui's draw lists with OpenGL 3.3 / WebGL2, in place of imgui_impl_opengl3.
// It never reads GL state back: the stock backend saves and restores about twenty values with
// glGet* every frame, and in a browser each such query waits for the GPU process to finish the
// previous work, which blocked the main thread for 35-65 ms a frame under software rendering.
// This app owns all GL state, so nothing needs restoring; what the renderer changes it resets to
// GL's defaults at the end of a frame (no blending, no scissor, nothing bound).
#pragma once

struct ImDrawData;

namespace nnp::app {

// `version_line` is prepended to the shaders ("#version 300 es\nprecision highp float;\n" or
// "#version 330 core\n"). Returns false if a shader does not compile or link.
bool imgui_renderer_init(const char* version_line);
void imgui_renderer_shutdown();
// (Re)builds the font atlas texture from ImGui's current fonts, e.g. after a UI scale change.
void imgui_renderer_update_fonts();
// Called before each draw list's own content with the list and the display-to-clip transform,
// to draw what lies beneath it (the heatmaps). Returns whether it drew anything; if so it may
// have changed any GL state, and the renderer restores its own.
using UnderlayFn = bool (*)(const void* list, const float scale[2], const float offset[2]);
void imgui_renderer_draw(ImDrawData* data, int framebuffer_width, int framebuffer_height,
                         UnderlayFn underlay = nullptr);

}  // namespace nnp::app
