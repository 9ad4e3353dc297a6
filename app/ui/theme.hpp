// The playground's fonts and style for a UI scale: the same for the window, the page and the
// headless layout test, so the test measures what a person sees.
#pragma once

namespace nnp::app {

// Rebuilds ImGui's font atlas (font, then the point and thumbnail sprites) and style for UI
// scale `scale` (1 at 96 dpi). The caller uploads the atlas afterwards if it draws.
void apply_theme(float scale);

}  // namespace nnp::app
