// Data-point sprites and dataset thumbnails, baked once per UI scale into rectangles of ImGui's
// font atlas (see raster.hpp for why). Living in the font texture, they are drawn in the same
// draw call as the text around them: a point is two quads, a thumbnail one.
#pragma once

#include "dataset.hpp"

#include <imgui.h>

namespace nnp::app {

// The two point sizes the panels use: the output view's and the oyster strip's.
enum class PointSize { Output, Strip };

// Reserves the sprites' rectangles for UI scale `scale`. Call after adding the fonts to a
// cleared atlas and before it is built.
void sprites_register(ImFontAtlas& atlas, float scale);
// Paints the reserved rectangles into the atlas's RGBA32 pixels (building the atlas if it is
// not built yet). Call before the atlas texture is uploaded.
void sprites_paint(ImFontAtlas& atlas);

// A data point at `centre`: a disc of `fill` with a thin white ring (training points) or a
// thicker dark one (test points). A class colour is one quad of its own sprite, any other
// colour (regression values) a disc and a ring. Falls back to ImGui's circles if the sprites
// are not baked.
void draw_point(ImDrawList* list, ImVec2 centre, PointSize size, ImU32 fill, bool test);
// The thumbnail of data set `kind` stretched over min..max (a plain box if not baked).
void draw_thumbnail(ImDrawList* list, DatasetKind kind, ImVec2 min, ImVec2 max);

}  // namespace nnp::app
