// Heatmap renderer (see heatmap_gl.hpp): GL objects, shader setup, shelf packing of the colour
// target, and the one draw call per frame.
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

bool HeatmapRenderer::init(const char* version_line) {
    program_ = build_program("heatmap", version_line, kShader_heatmap_vert, kShader_heatmap_frag,
                             {"a_pos", "a_src", "a_cell", "a_map"});
    if (!program_) return false;
    glUseProgram(program_);
    loc_target_size_ = glGetUniformLocation(program_, "u_target_size");
    glUniform1i(glGetUniformLocation(program_, "u_values"), 0);
    set_color(program_, "u_negative", negative_color());
    set_color(program_, "u_middle", middle_color());
    set_color(program_, "u_positive", positive_color());
    for (int k = 0; k < kMaxClassColors; ++k) {
        const std::string name = "u_classes[" + std::to_string(k) + "]";
        set_color(program_, name.c_str(), class_color(k));
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
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    glGenTextures(1, &color_tex_);
    glBindTexture(GL_TEXTURE_2D, color_tex_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kColorTargetSize, kColorTargetSize, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);

    glGenFramebuffers(1, &fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_tex_, 0);
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (!complete) std::fprintf(stderr, "heatmap: colour target incomplete\n");
    return complete;
}

void HeatmapRenderer::shutdown() {
    if (program_) glDeleteProgram(program_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (value_tex_) glDeleteTextures(1, &value_tex_);
    if (color_tex_) glDeleteTextures(1, &color_tex_);
    program_ = vbo_ = vao_ = fbo_ = value_tex_ = color_tex_ = 0;
}

void HeatmapRenderer::begin_frame(const PictureSet& pictures) {
    pictures_ = &pictures;
    quads_.clear();
    shelf_x_ = shelf_y_ = shelf_h_ = 0;
}

PictureSlot HeatmapRenderer::request(const PictureInfo& p, int width, int height, bool discretize) {
    PictureSlot slot;
    if (!pictures_ || p.cell < 0 || p.cell >= pictures_->atlas.count() || width <= 0 || height <= 0)
        return slot;
    width = std::min(width, kColorTargetSize);
    height = std::min(height, kColorTargetSize);
    if (shelf_x_ + width > kColorTargetSize) {  // next shelf
        shelf_y_ += shelf_h_ + 1;
        shelf_x_ = 0;
        shelf_h_ = 0;
    }
    if (shelf_y_ + height > kColorTargetSize) return slot;  // full: the picture is left out
    Quad q{};
    q.x0 = float(shelf_x_);
    q.y0 = float(shelf_y_);
    q.x1 = float(shelf_x_ + width);
    q.y1 = float(shelf_y_ + height);
    int cx0, cy0, cx1, cy1;
    pictures_->atlas.cell_rect(p.cell, cx0, cy0, cx1, cy1);
    q.sx0 = float(cx0);
    q.sy0 = float(cy0);
    q.sx1 = float(cx1);
    q.sy1 = float(cy1);
    q.cell[0] = float(cx0), q.cell[1] = float(cy0), q.cell[2] = float(cx1), q.cell[3] = float(cy1);
    q.map[0] = float(static_cast<int>(p.mode));
    q.map[1] = p.lo;
    q.map[2] = p.hi;
    q.map[3] = discretize ? 1.0f : 0.0f;
    quads_.push_back(q);
    shelf_x_ += width + 1;
    shelf_h_ = std::max(shelf_h_, height);

    const float s = 1.0f / float(kColorTargetSize);
    slot.ok = true;
    slot.texture = color_tex_;
    slot.u0 = q.x0 * s;
    slot.v0 = q.y0 * s;
    slot.u1 = q.x1 * s;
    slot.v1 = q.y1 * s;
    return slot;
}

void HeatmapRenderer::render() {
    if (!pictures_ || !program_ || quads_.empty()) return;
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
        uploaded_version_ = pictures_->version;
    }
    if (drawn_version_ == uploaded_version_ && drawn_ == quads_) return;  // nothing changed

    vertices_.clear();
    for (const Quad& q : quads_) {
        const float corners[6][4] = {{q.x0, q.y0, q.sx0, q.sy0}, {q.x1, q.y0, q.sx1, q.sy0},
                                     {q.x1, q.y1, q.sx1, q.sy1}, {q.x0, q.y0, q.sx0, q.sy0},
                                     {q.x1, q.y1, q.sx1, q.sy1}, {q.x0, q.y1, q.sx0, q.sy1}};
        for (const auto& c : corners) {
            vertices_.insert(vertices_.end(), c, c + 4);
            vertices_.insert(vertices_.end(), q.cell, q.cell + 4);
            vertices_.insert(vertices_.end(), q.map, q.map + 4);
        }
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, kColorTargetSize, kColorTargetSize);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glUseProgram(program_);
    glUniform2f(loc_target_size_, float(kColorTargetSize), float(kColorTargetSize));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, value_tex_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(vertices_.size() * sizeof(float)), vertices_.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(vertices_.size() / 12));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glUseProgram(0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    drawn_ = quads_;
    drawn_version_ = uploaded_version_;
}

}  // namespace nnp::app
