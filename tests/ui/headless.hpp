// Runs the playground's real frame (app_frame: training, pictures, every panel) without a window
// or GL, at a chosen display size and UI scale, and reads back what ImGui would draw: every glyph
// of text as a rectangle with its character and clip rectangle. The layout tests judge those.
#pragma once

#include <string>
#include <vector>

namespace nnp::app::test {

struct GlyphBox {
    float x0, y0, x1, y1;     // screen pixels
    float cx0, cy0, cx1, cy1; // the clip rectangle it is drawn under
    unsigned codepoint;
    bool trimmed_x;           // ImGui cut the glyph itself at a clip edge, left or right
    std::string window;       // the draw list's owner
};

// One text run: glyphs of one draw list in a row, for messages ("Batch siz" at x, y).
struct TextRun {
    std::string text, window;
    float x, y;
};

class Headless {
public:
    // Sets up ImGui and the app (no GL) at width x height display pixels and UI `scale`, opens
    // `link` (a share link's fragment, may be empty).
    Headless(float width, float height, float scale, const std::string& link);
    ~Headless();
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    // Runs `n` frames (1/60 s each) with the mouse outside the window.
    void frames(int n);
    // A frame with the mouse at (x, y) and the left button as given.
    void frame_with_mouse(float x, float y, bool down);
    // The stacked layout's page: its scrollable height (0 when the panels are side by side), and
    // scrolling it to `y` (applied in the next frame).
    float page_scroll_max() const;
    void scroll_page(float y);
    const std::vector<GlyphBox>& glyphs() const { return glyphs_; }
    std::vector<TextRun> runs() const;
    float width() const { return width_; }
    float height() const { return height_; }

private:
    void read_draw_data();
    float width_, height_, scale_ = 1.0f;
    std::vector<GlyphBox> glyphs_;
};

// Text runs that overlap another run (by more than 1 pixel each way), as messages.
std::vector<std::string> overlapping_text(const Headless& h);
// Text cut at the left or right by its clip rectangle, or lying outside the display sideways.
std::vector<std::string> cut_text(const Headless& h);

}  // namespace nnp::app::test
