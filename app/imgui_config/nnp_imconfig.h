// Dear ImGui compile-time options for the playground (IMGUI_USER_CONFIG).
// 32-bit indices: a scatter of thousands of points overflows 16-bit draw lists, and the WebGL2
// backend cannot split them with vertex offsets.
#pragma once
#define ImDrawIdx unsigned int
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_DEMO_WINDOWS
