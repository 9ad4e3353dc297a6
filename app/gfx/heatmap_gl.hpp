// The heatmap renderer: uploads the frame's value atlas (pictures.hpp) as one float texture and
// draws each picture straight onto the screen through the colour-map shader, beneath the ImGui
// content of the window that asked for it. Drawing in place, rather than into an intermediate
// texture that ImGui then shows, shades every picture pixel once instead of twice and avoids a
// render-target switch a frame, which under software rendering cost about 4 ms a frame.
// Dense pictures are textures, never thousands of ImGui rectangles.
#pragma once

#include "pictures.hpp"

#include <vector>

namespace nnp::app {

// A rectangle in ImGui's display coordinates.
struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class HeatmapRenderer {
public:
    // `version_line` is "#version 300 es\nprecision highp float;\n" on WebGL2 or
    // "#version 330 core\n" on desktop GL. `float_linear`: float textures may be filtered
    // linearly (desktop GL 3.3; WebGL2 with OES_texture_float_linear), so the shader samples a
    // value once instead of fetching four neighbours. False if the shaders do not compile.
    bool init(const char* version_line, bool float_linear);
    void shutdown();

    // Starts a frame's pictures from `pictures` (which must live until the frame is drawn).
    void begin_frame(const PictureSet& pictures);
    // Queues picture `p` over `where`, cut to `clip`, beneath the content of draw list `owner`
    // (any pointer that names the list). False if there is no such picture.
    bool add(const void* owner, const PictureInfo& p, ScreenRect where, ScreenRect clip,
             bool discretize);
    // Uploads changed values and the frame's quads. Call once after ImGui::Render().
    void upload();
    // Draws the pictures queued for `owner`; `scale` and `offset` map display coordinates to
    // clip space as ImGui's renderer does. If it draws anything (returns true) it changes the
    // program, vertex array, texture, blending and scissor test, which the caller restores.
    bool draw(const void* owner, const float scale[2], const float offset[2]);

private:
    struct Quad {
        const void* owner;
        float x0, y0, x1, y1;      // display coordinates, already clipped
        float sx0, sy0, sx1, sy1;  // source texels of the same corners
        float cell[4];
        float map[4];
    };
    struct Range {
        const void* owner;
        int map, first, count;  // vertices of one colour map for one owner
    };
    // One program per colour map (diverging, classes, classes discretized): see the shader.
    static constexpr int kMaps = 3;
    static int map_of(const Quad& q);

    const PictureSet* pictures_ = nullptr;
    std::vector<Quad> quads_;
    std::vector<Range> ranges_;
    std::vector<const void*> owners_;  // this frame's owners in order of first appearance
    std::vector<float> vertices_;      // kept between frames: the frame allocates nothing
    long long uploaded_version_ = -1;
    int value_w_ = 0, value_h_ = 0;

    unsigned programs_[kMaps] = {}, vao_ = 0, vbo_ = 0, value_tex_ = 0;
    int loc_scale_[kMaps] = {-1, -1, -1}, loc_offset_[kMaps] = {-1, -1, -1};
};

}  // namespace nnp::app
