// Heatmap pass, vertex stage: one quad per picture, drawn straight onto the screen.
// a_pos is in ImGui's display coordinates, mapped to clip space as ImGui's own shader does
// (u_scale, u_offset; y down); a_src in texels of the value atlas; a_cell the picture's texel
// rectangle (x0, y0, x1, y1) so filtering never bleeds into a neighbour; a_map = (mode, lo, hi,
// discretize).
in vec2 a_pos;
in vec2 a_src;
in vec4 a_cell;
in vec4 a_map;
uniform vec2 u_scale;
uniform vec2 u_offset;
out vec2 v_src;
flat out vec4 v_cell;
flat out vec4 v_map;
void main() {
    v_src = a_src;
    v_cell = a_cell;
    v_map = a_map;
    gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
}
