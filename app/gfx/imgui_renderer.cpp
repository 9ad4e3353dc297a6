// Dear ImGui renderer without state read-back (see imgui_renderer.hpp).
#include "imgui_renderer.hpp"

#include "gl_program.hpp"
#include "nnp_shaders.hpp"

#include <imgui.h>

#include <cstddef>
#include <cstdint>

namespace nnp::app {

namespace {

struct Renderer {
    GLuint program = 0, vao = 0, vbo = 0, ebo = 0, font_texture = 0;
    GLint loc_scale = -1, loc_offset = -1, loc_texture = -1;
    // All draw lists of a frame in one vertex and one index buffer: one upload each per frame
    // instead of two per window (each upload costs a software renderer a buffer copy and sync).
    ImVector<ImDrawVert> vertices;
    ImVector<ImDrawIdx> indices;
};
Renderer r;

}  // namespace

bool imgui_renderer_init(const char* version_line) {
    r.program = build_program("imgui", version_line, kShader_imgui_vert, kShader_imgui_frag,
                              {"a_pos", "a_uv", "a_color"});
    if (!r.program) return false;
    r.loc_scale = glGetUniformLocation(r.program, "u_scale");
    r.loc_offset = glGetUniformLocation(r.program, "u_offset");
    r.loc_texture = glGetUniformLocation(r.program, "u_texture");

    glGenVertexArrays(1, &r.vao);
    glGenBuffers(1, &r.vbo);
    glGenBuffers(1, &r.ebo);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ebo);  // recorded in the VAO
    const auto stride = GLsizei(sizeof(ImDrawVert));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(ImDrawVert, pos));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(ImDrawVert, uv));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (void*)offsetof(ImDrawVert, col));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "nnp_imgui_renderer";
    imgui_renderer_update_fonts();
    return true;
}

void imgui_renderer_shutdown() {
    if (r.font_texture) glDeleteTextures(1, &r.font_texture);
    if (r.vbo) glDeleteBuffers(1, &r.vbo);
    if (r.ebo) glDeleteBuffers(1, &r.ebo);
    if (r.vao) glDeleteVertexArrays(1, &r.vao);
    if (r.program) glDeleteProgram(r.program);
    r = Renderer{};
    ImGui::GetIO().Fonts->SetTexID(ImTextureID{});
}

void imgui_renderer_update_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (!r.font_texture) glGenTextures(1, &r.font_texture);
    glBindTexture(GL_TEXTURE_2D, r.font_texture);
    // Nearest, not linear: glyphs, sprites and thumbnails are baked at the size they are drawn
    // (no oversampling, glyphs snapped to whole pixels), and untextured shapes read one white
    // texel, so filtering changes nothing on screen, while SwiftShader's bilinear read made
    // every UI pixel about a quarter dearer (the race: 21.4 -> 23.3 frames/s).
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, 0);
    io.Fonts->SetTexID(ImTextureID(std::intptr_t(r.font_texture)));
}

void imgui_renderer_draw(ImDrawData* data, int fb_width, int fb_height, UnderlayFn underlay) {
    if (!data || fb_width <= 0 || fb_height <= 0 || data->CmdListsCount == 0) return;
    const ImVec2 clip_off = data->DisplayPos;
    const ImVec2 clip_scale = data->FramebufferScale;  // display points to framebuffer pixels

    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(r.program);
    glUniform1i(r.loc_texture, 0);
    // Display rectangle (DisplayPos .. DisplayPos + DisplaySize) to clip space, y pointing down.
    const float sx = 2.0f / data->DisplaySize.x, sy = -2.0f / data->DisplaySize.y;
    const float scale[2] = {sx, sy};
    const float offset[2] = {-1.0f - clip_off.x * sx, 1.0f - clip_off.y * sy};
    glUniform2f(r.loc_scale, scale[0], scale[1]);
    glUniform2f(r.loc_offset, offset[0], offset[1]);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);

    static_assert(sizeof(ImDrawIdx) == 4, "nnp_imconfig.h makes ImDrawIdx 32-bit");
    // Concatenate the lists; a list's indices are rebased by the vertices before it (WebGL2 has
    // no base-vertex draws).
    r.vertices.resize(0);
    r.indices.resize(0);
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        const auto base = static_cast<ImDrawIdx>(r.vertices.Size);
        r.vertices.reserve(r.vertices.Size + list->VtxBuffer.Size);
        for (const ImDrawVert& v : list->VtxBuffer) r.vertices.push_back(v);
        r.indices.reserve(r.indices.Size + list->IdxBuffer.Size);
        for (const ImDrawIdx i : list->IdxBuffer) r.indices.push_back(static_cast<ImDrawIdx>(base + i));
    }
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(r.vertices.size_in_bytes()), r.vertices.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(r.indices.size_in_bytes()), r.indices.Data, GL_STREAM_DRAW);

    GLuint bound_texture = 0;
    std::size_t index_base = 0;  // of the current list in r.indices
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        if (underlay && underlay(list, scale, offset)) {
            // Back to this renderer's state.
            glEnable(GL_SCISSOR_TEST);
            glEnable(GL_BLEND);
            glUseProgram(r.program);
            glActiveTexture(GL_TEXTURE0);
            glBindVertexArray(r.vao);
            glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
            bound_texture = 0;
        }
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - clip_off.x) * clip_scale.x;
            const float y0 = (cmd.ClipRect.y - clip_off.y) * clip_scale.y;
            const float x1 = (cmd.ClipRect.z - clip_off.x) * clip_scale.x;
            const float y1 = (cmd.ClipRect.w - clip_off.y) * clip_scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(GLint(x0), GLint(float(fb_height) - y1), GLsizei(x1 - x0), GLsizei(y1 - y0));
            const auto texture = GLuint(std::intptr_t(cmd.GetTexID()));
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), GL_UNSIGNED_INT,
                           (void*)((index_base + cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
        index_base += std::size_t(list->IdxBuffer.Size);
    }
    // Back to GL's defaults so the next frame's own passes start from a known state.
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glUseProgram(0);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
}

}  // namespace nnp::app
