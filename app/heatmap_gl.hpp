// The heatmap renderer: uploads the frame's value atlas (pictures.hpp) as one float texture and
// draws every requested picture through the colour-map shader into one RGBA colour texture, in
// one draw call, before ImGui renders; ImGui then shows parts of that texture as images.
// Dense pictures are textures, never thousands of ImGui rectangles.
#pragma once

#include "pictures.hpp"

#include <vector>

namespace nnp::app {

struct PictureSlot {
    bool ok = false;
    unsigned texture = 0;               // GL texture name, for ImGui::Image
    float u0 = 0, v0 = 0, u1 = 0, v1 = 0;  // part of the texture
};

class HeatmapRenderer {
public:
    // `version_line` is "#version 300 es\nprecision highp float;\n" on WebGL2 or
    // "#version 330 core\n" on desktop GL. False if the shaders do not compile.
    bool init(const char* version_line);
    void shutdown();

    // Starts a frame's requests for pictures from `pictures` (which must live until render()).
    void begin_frame(const PictureSet& pictures);
    // A `width` x `height` pixel image of picture `p` (drawn at render()).
    PictureSlot request(const PictureInfo& p, int width, int height, bool discretize);
    // Uploads changed values and draws the requested pictures. Call after ImGui::Render() and
    // before drawing ImGui; leaves the default framebuffer bound.
    void render();

private:
    struct Quad {
        float x0, y0, x1, y1;         // target pixels
        float sx0, sy0, sx1, sy1;     // source texels
        float cell[4];
        float map[4];
        bool operator==(const Quad&) const = default;
    };

    const PictureSet* pictures_ = nullptr;
    std::vector<Quad> quads_, drawn_;
    long long uploaded_version_ = -1, drawn_version_ = -1;
    int value_w_ = 0, value_h_ = 0;
    // Shelf packing of the colour target.
    int shelf_x_ = 0, shelf_y_ = 0, shelf_h_ = 0;

    unsigned program_ = 0, vao_ = 0, vbo_ = 0, fbo_ = 0;
    unsigned value_tex_ = 0, color_tex_ = 0;
    int loc_target_size_ = -1;
    std::vector<float> vertices_;
};

constexpr int kColorTargetSize = 1024;  // pixels per side of the colour texture

}  // namespace nnp::app
