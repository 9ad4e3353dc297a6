// Heatmap renderer (see heatmap_gl.hpp): GL objects, shader setup, clipping the queued quads,
// and one draw call per colour map in use per window.
#include "heatmap_gl.hpp"

#include "gl_program.hpp"

#include "colormap.hpp"
#include "gl.hpp"
#include "nnp_shaders.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace nnp::app {

namespace {

void set_color(GLuint program, const char* name, Rgb c) {
    glUniform3f(glGetUniformLocation(program, name), c.r, c.g, c.b);
}

}  // namespace

bool HeatmapRenderer::init(const char* version_line, bool float_linear) {
    constexpr const char* kMapDefines[kMaps] = {"#define NNP_MAP_DIVERGING 1\n",
                                                 "#define NNP_MAP_CLASSES 1\n",
                                                 "#define NNP_MAP_CLASSES_DISCRETE 1\n"};
    for (int m = 0; m < kMaps; ++m) {
        const std::string header = std::string(version_line) + kMapDefines[m] +
                                   (float_linear ? "#define NNP_FLOAT_LINEAR 1\n" : "");
        const GLuint program = build_program("heatmap", header.c_str(), kShader_heatmap_vert,
                                             kShader_heatmap_frag, {"a_pos", "a_src", "a_cell", "a_map"});
        if (!program) return false;
        programs_[m] = program;
        glUseProgram(program);
        loc_scale_[m] = glGetUniformLocation(program, "u_scale");
        loc_offset_[m] = glGetUniformLocation(program, "u_offset");
        glUniform1i(glGetUniformLocation(program, "u_values"), 0);
        set_color(program, "u_negative", picture_color(negative_color()));
        set_color(program, "u_middle", middle_color());
        set_color(program, "u_positive", picture_color(positive_color()));
        for (int k = 0; k < kMaxClassColors; ++k) {
            const std::string name = "u_classes[" + std::to_string(k) + "]";
            set_color(program, name.c_str(), picture_color(class_color(k)));
        }
    }
    glUseProgram(0);

    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    const GLsizei stride = 12 * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(0));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(4 * sizeof(float)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(8 * sizeof(float)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    glGenTextures(1, &value_tex_);
    glBindTexture(GL_TEXTURE_2D, value_tex_);
    // Without the extension a linearly filtered float texture is incomplete and reads as zero.
    const GLint filter = float_linear ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    return true;
}

void HeatmapRenderer::shutdown() {
    for (unsigned& program : programs_) {
        if (program) glDeleteProgram(program);
        program = 0;
    }
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (value_tex_) glDeleteTextures(1, &value_tex_);
    vbo_ = vao_ = value_tex_ = 0;
}

int HeatmapRenderer::map_of(const Quad& q) {
    if (q.map[0] < 0.5f) return 0;    // PictureMode::Diverging
    return q.map[3] > 0.5f ? 2 : 1;  // classes, discretized or blended
}

void HeatmapRenderer::begin_frame(const PictureSet& pictures) {
    pictures_ = &pictures;
    quads_.clear();
}

bool HeatmapRenderer::add(const void* owner, const PictureInfo& p, ScreenRect where,
                          ScreenRect clip, bool discretize) {
    if (!pictures_ || p.cell < 0 || p.cell >= pictures_->atlas.count()) return false;
    if (!(where.x1 > where.x0) || !(where.y1 > where.y0)) return false;
    int cx0, cy0, cx1, cy1;
    pictures_->atlas.cell_rect(p.cell, cx0, cy0, cx1, cy1);
    Quad q{};
    q.owner = owner;
    // Cut the quad to the clip rectangle, moving its source coordinates along with it, so no
    // scissor is needed and a picture scrolled half out of its panel shows its visible half.
    q.x0 = std::max(where.x0, clip.x0);
    q.y0 = std::max(where.y0, clip.y0);
    q.x1 = std::min(where.x1, clip.x1);
    q.y1 = std::min(where.y1, clip.y1);
    if (!(q.x1 > q.x0) || !(q.y1 > q.y0)) return true;  // exists but hidden
    const auto src = [](float v, float a, float b, int s0, int s1) {
        return float(s0) + (v - a) / (b - a) * float(s1 - s0);
    };
    q.sx0 = src(q.x0, where.x0, where.x1, cx0, cx1);
    q.sx1 = src(q.x1, where.x0, where.x1, cx0, cx1);
    q.sy0 = src(q.y0, where.y0, where.y1, cy0, cy1);
    q.sy1 = src(q.y1, where.y0, where.y1, cy0, cy1);
    q.cell[0] = float(cx0), q.cell[1] = float(cy0), q.cell[2] = float(cx1), q.cell[3] = float(cy1);
    q.map[0] = float(static_cast<int>(p.mode));
    q.map[1] = p.lo;
    q.map[2] = p.hi;
    q.map[3] = discretize ? 1.0f : 0.0f;
    quads_.push_back(q);
    return true;
}

void HeatmapRenderer::upload() {
    ranges_.clear();
    if (!pictures_ || !programs_[0] || quads_.empty()) return;
    const ValueAtlas& atlas = pictures_->atlas;
    if (pictures_->version != uploaded_version_) {
        glBindTexture(GL_TEXTURE_2D, value_tex_);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        if (atlas.width() != value_w_ || atlas.height() != value_h_) {
            value_w_ = atlas.width();
            value_h_ = atlas.height();
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, value_w_, value_h_, 0, GL_RED, GL_FLOAT,
                         atlas.texels().data());
        } else {
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, value_w_, value_h_, GL_RED, GL_FLOAT,
                            atlas.texels().data());
        }
        glBindTexture(GL_TEXTURE_2D, 0);
        uploaded_version_ = pictures_->version;
    }

    // Vertices grouped by owner (in order of first appearance), then by colour map.
    vertices_.clear();
    owners_.clear();
    for (const Quad& q : quads_)
        if (std::find(owners_.begin(), owners_.end(), q.owner) == owners_.end()) owners_.push_back(q.owner);
    for (const void* owner : owners_) {
        for (int m = 0; m < kMaps; ++m) {
            const int first = int(vertices_.size() / 12);
            for (const Quad& q : quads_) {
                if (q.owner != owner || map_of(q) != m) continue;
                const float corners[6][4] = {{q.x0, q.y0, q.sx0, q.sy0}, {q.x1, q.y0, q.sx1, q.sy0},
                                             {q.x1, q.y1, q.sx1, q.sy1}, {q.x0, q.y0, q.sx0, q.sy0},
                                             {q.x1, q.y1, q.sx1, q.sy1}, {q.x0, q.y1, q.sx0, q.sy1}};
                for (const auto& c : corners) {
                    vertices_.insert(vertices_.end(), c, c + 4);
                    vertices_.insert(vertices_.end(), q.cell, q.cell + 4);
                    vertices_.insert(vertices_.end(), q.map, q.map + 4);
                }
            }
            const int count = int(vertices_.size() / 12) - first;
            if (count > 0) ranges_.push_back({owner, m, first, count});
        }
    }
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(vertices_.size() * sizeof(float)), vertices_.data(),
                 GL_STREAM_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

bool HeatmapRenderer::draw(const void* owner, const float scale[2], const float offset[2]) {
    bool bound = false;
    for (const Range& r : ranges_) {
        if (r.owner != owner) continue;
        if (!bound) {
            glDisable(GL_SCISSOR_TEST);  // the quads are clipped already
            glDisable(GL_BLEND);         // pictures are opaque
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, value_tex_);
            glBindVertexArray(vao_);
            bound = true;
        }
        glUseProgram(programs_[r.map]);
        glUniform2f(loc_scale_[r.map], scale[0], scale[1]);
        glUniform2f(loc_offset_[r.map], offset[0], offset[1]);
        glDrawArrays(GL_TRIANGLES, r.first, r.count);
    }
    return bound;
}

}  // namespace nnp::app
