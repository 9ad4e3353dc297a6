// Heatmap pass, fragment stage: a value texture mapped through a colour map. Mirrors
// app/colormap.cpp (tested there). Built three times, one program per map, because a software
// renderer runs every branch of a shader for every pixel (one shader with all three maps cost
// about twice as much per picture as its slowest map alone):
//   NNP_MAP_DIVERGING: lo -> negative colour, midpoint -> white, hi -> positive colour
//     (v_map.w > 0.5: snapped to the nearer end, the decision boundary);
//   NNP_MAP_CLASSES: each texel holds class + confidence in [0, 1), blended from white;
//   NNP_MAP_CLASSES_DISCRETE: the class colour at full strength, no blending.
// Where float textures can be filtered (NNP_FLOAT_LINEAR) the diverging map samples once with
// the hardware's bilinear filter; otherwise it fetches four neighbours and interpolates here.
// Both clamp to the picture's own texels, so a picture never bleeds into its atlas neighbour.
uniform sampler2D u_values;
uniform vec3 u_negative;
uniform vec3 u_middle;
uniform vec3 u_positive;
uniform vec3 u_classes[10];
in vec2 v_src;
flat in vec4 v_cell;
flat in vec4 v_map;
out vec4 frag_color;

float fetch_value(ivec2 p) {
    ivec2 lo = ivec2(v_cell.xy);
    ivec2 hi = ivec2(v_cell.zw) - ivec2(1);
    return texelFetch(u_values, clamp(p, lo, hi), 0).r;
}

#if defined(NNP_MAP_DIVERGING)

float bilinear(vec2 s) {
#ifdef NNP_FLOAT_LINEAR
    vec2 p = clamp(s, v_cell.xy + vec2(0.5), v_cell.zw - vec2(0.5));
    return texture(u_values, p / vec2(textureSize(u_values, 0))).r;
#else
    vec2 t = s - vec2(0.5);
    vec2 f = fract(t);
    ivec2 i = ivec2(floor(t));
    float a = fetch_value(i);
    float b = fetch_value(i + ivec2(1, 0));
    float c = fetch_value(i + ivec2(0, 1));
    float d = fetch_value(i + ivec2(1, 1));
    return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
#endif
}

void main() {
    float lo = v_map.y, hi = v_map.z;
    float t = clamp((bilinear(v_src) - lo) / max(hi - lo, 1e-12) * 2.0 - 1.0, -1.0, 1.0);
    float amount = v_map.w > 0.5 ? 1.0 : abs(t);
    vec3 end = t < 0.0 ? u_negative : u_positive;
    frag_color = vec4(mix(u_middle, end, amount), 1.0);
}

#else

vec3 class_color(float v, bool discrete) {
    float k = floor(v);
    float confidence = discrete ? 1.0 : clamp(v - k, 0.0, 1.0);
    int index = int(clamp(k, 0.0, 9.0));
    return mix(u_middle, u_classes[index], confidence);
}

void main() {
#if defined(NNP_MAP_CLASSES_DISCRETE)
    vec3 c = class_color(fetch_value(ivec2(floor(v_src))), true);
#else
    // Blend the colours, not the values: the average of two class indices is a third class.
    vec2 t = v_src - vec2(0.5);
    vec2 f = fract(t);
    ivec2 i = ivec2(floor(t));
    vec3 a = class_color(fetch_value(i), false);
    vec3 b = class_color(fetch_value(i + ivec2(1, 0)), false);
    vec3 d = class_color(fetch_value(i + ivec2(0, 1)), false);
    vec3 e = class_color(fetch_value(i + ivec2(1, 1)), false);
    vec3 c = mix(mix(a, b, f.x), mix(d, e, f.x), f.y);
#endif
    frag_color = vec4(c, 1.0);
}

#endif
