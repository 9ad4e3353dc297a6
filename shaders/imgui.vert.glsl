// Dear ImGui's triangles: positions in framebuffer pixels (y down), texture coordinates into the
// font atlas or a picture texture, and a per-vertex colour (premultiplied by nothing; blended
// with the usual source-alpha rule).
in vec2 a_pos;
in vec2 a_uv;
in vec4 a_color;
uniform vec2 u_scale;  // 2 / display size, with y flipped
uniform vec2 u_offset; // maps the display's top-left corner to (-1, 1)
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
}
