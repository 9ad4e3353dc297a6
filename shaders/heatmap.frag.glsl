// Heatmap pass, fragment stage: a value texture mapped through a colour map. Mirrors
// app/colormap.cpp (tested there): mode 0 is the diverging map (lo -> negative colour,
// midpoint -> white, hi -> positive colour), mode 1 the k-class map where each texel holds
// class + confidence (confidence in [0, 1), blended from white). Values are read with texelFetch
// (float textures are not filterable in every WebGL2) and interpolated here.
uniform sampler2D u_values;
uniform vec3 u_negative;
uniform vec3 u_middle;
uniform vec3 u_positive;
uniform vec3 u_classes[8];
in vec2 v_src;
flat in vec4 v_cell;
flat in vec4 v_map;
out vec4 frag_color;

float fetch_value(ivec2 p) {
    ivec2 lo = ivec2(v_cell.xy);
    ivec2 hi = ivec2(v_cell.zw) - ivec2(1);
    return texelFetch(u_values, clamp(p, lo, hi), 0).r;
}

float bilinear(vec2 s) {
    vec2 t = s - vec2(0.5);
    vec2 f = fract(t);
    ivec2 i = ivec2(floor(t));
    float a = fetch_value(i);
    float b = fetch_value(i + ivec2(1, 0));
    float c = fetch_value(i + ivec2(0, 1));
    float d = fetch_value(i + ivec2(1, 1));
    return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
}

vec3 diverging(float v, float lo, float hi, bool discrete) {
    float t = clamp((v - lo) / max(hi - lo, 1e-12) * 2.0 - 1.0, -1.0, 1.0);
    if (discrete) t = t < 0.0 ? -1.0 : 1.0;
    return t < 0.0 ? mix(u_middle, u_negative, -t) : mix(u_middle, u_positive, t);
}

vec3 classes(float v, bool discrete) {
    float k = floor(v);
    float confidence = discrete ? 1.0 : clamp(v - k, 0.0, 1.0);
    int index = int(clamp(k, 0.0, 7.0));
    return mix(u_middle, u_classes[index], confidence);
}

void main() {
    bool discrete = v_map.w > 0.5;
    vec3 c;
    if (v_map.x > 0.5 && discrete) {
        c = classes(fetch_value(ivec2(floor(v_src))), true);
    } else if (v_map.x > 0.5) {
        // Blend the colours, not the values: the average of two class indices is a third class.
        vec2 t = v_src - vec2(0.5);
        vec2 f = fract(t);
        ivec2 i = ivec2(floor(t));
        vec3 a = classes(fetch_value(i), false);
        vec3 b = classes(fetch_value(i + ivec2(1, 0)), false);
        vec3 d = classes(fetch_value(i + ivec2(0, 1)), false);
        vec3 e = classes(fetch_value(i + ivec2(1, 1)), false);
        c = mix(mix(a, b, f.x), mix(d, e, f.x), f.y);
    } else {
        c = diverging(bilinear(v_src), v_map.y, v_map.z, discrete);
    }
    frag_color = vec4(c, 1.0);
}
