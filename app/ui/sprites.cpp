// Sprites in the font atlas (see sprites.hpp): the points' discs and rings, and a small scatter
// of every data set for the data panel's buttons.
#include "sprites.hpp"

#include "colormap.hpp"
#include "images.hpp"
#include "raster.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace nnp::app {

namespace {

constexpr int kSizes = 2;
constexpr std::array<float, kSizes> kRadius = {2.6f, 3.0f};  // at UI scale 1, in pixels
constexpr float kThinRing = 1.0f, kThickRing = 1.5f;         // ring widths at UI scale 1
constexpr float kThumbSide = 44.0f;                          // thumbnail side at UI scale 1
constexpr float kThumbHalfPoint = 1.0f;                      // half side of a thumbnail's point

struct Sprite {
    int id = -1;            // custom rectangle in the atlas
    float inner = 0, outer = 0;
};
struct PointSprites {
    Sprite fill, thin, thick;
    // Per class colour, the disc and its ring in one sprite: training and test points.
    std::array<int, kMaxClassColors> train{}, test{};
};
constexpr ImU32 kTrainRing = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kTestRing = IM_COL32(20, 20, 20, 255);

struct Sprites {
    ImFontAtlas* atlas = nullptr;
    bool painted = false;
    std::array<PointSprites, kSizes> points;
    std::array<ImU32, kMaxClassColors> class_fill{};  // packed class colours, to find a sprite
    std::vector<int> thumbs;  // one rectangle per DatasetKind, in enum table order
    int missing_box = -1;     // U+FFFD, the glyph of a character the font lacks
};
Sprites g;

Sprite reserve(ImFontAtlas& atlas, float inner, float outer) {
    const int side = sprite_side(outer);
    return {atlas.AddCustomRectRegular(side, side), inner, outer};
}

RgbaView view_of(ImFontAtlas& atlas, unsigned char* pixels, int id) {
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id);
    auto* base = reinterpret_cast<std::uint32_t*>(pixels);
    return {base + std::size_t(r->Y) * std::size_t(atlas.TexWidth) + r->X, int(r->Width),
            int(r->Height), atlas.TexWidth};
}

// The scatter of each data set, as the thumbnails show it (computed once).
const std::vector<std::vector<ScatterPoint>>& thumbnail_points() {
    static std::vector<std::vector<ScatterPoint>> all;
    if (!all.empty()) return all;
    for (const auto& e : enum_table<DatasetKind>()) {
        if (is_image_set(e.value) || e.value == DatasetKind::Csv) {  // painted as images (image_thumbnail, table_thumbnail)
            all.emplace_back();
            continue;
        }
        DatasetSpec spec;
        spec.kind = e.value;
        spec.points = 160;
        spec.noise = 5.0f;
        spec.classes = 4;
        const Dataset d = generate_dataset(spec);
        float m = 1e-6f;
        for (Eigen::Index i = 0; i < d.value.size(); ++i) m = std::max(m, std::abs(d.value.data()[i]));
        std::vector<ScatterPoint> pts;
        for (int i = 0; i < d.size(); ++i) {
            const float x = (d.x(i, 0) - d.domain.x_min) / (d.domain.x_max - d.domain.x_min);
            // One-input data: spread the points over the height by a fixed, even sequence.
            const float y = d.input_dims == 2
                                ? (d.domain.y_max - d.x(i, 1)) / (d.domain.y_max - d.domain.y_min)
                                : 0.1f + 0.8f * float((i * 37) % 101) / 100.0f;
            const Rgb c = d.task == Task::Regression ? diverging(d.value(i, 0), -m, m)
                                                     : class_color(d.label[std::size_t(i)]);
            pts.push_back({std::clamp(x, 0.0f, 1.0f), std::clamp(y, 0.0f, 1.0f), pack_rgba(c)});
        }
        all.push_back(std::move(pts));
    }
    return all;
}

// MNIST's thumbnail (its images arrive only when picked): a 7 drawn the way the pad reduces
// a drawing for MNIST, 28 x 28 grey levels.
std::vector<float> mnist_thumbnail() {
    const std::vector<PadStroke> seven = {{{0.0f, 0.0f}, {10.0f, 0.0f}, {4.0f, 14.0f}}};
    const auto img = pad_to_mnist(seven);
    return {img.begin(), img.end()};
}

// The user's data: a small table, its header row dark, its grid lines grey, 16 x 16 values.
std::vector<float> table_thumbnail() {
    std::vector<float> cells(16 * 16, 0.0f);
    for (int r = 1; r < 15; ++r)
        for (int c = 1; c < 15; ++c) {
            float v = 0.0f;
            if (r <= 3) v = 0.75f;                      // the header
            else if (r % 3 == 0 || c % 5 == 0) v = 0.35f;  // grid lines
            cells[std::size_t(r * 16 + c)] = v;
        }
    return cells;
}

// The first 0, 1, 2 and 3 of the digits set in a 2 x 2 mosaic of 16 x 16 values.
std::vector<float> image_thumbnail() {
    std::vector<float> mosaic(16 * 16, 0.0f);
    for (int digit = 0; digit < 4; ++digit) {
        int i = 0;
        while (i < kDigitsImages - 1 && digits_label(i) != digit) ++i;
        const auto px = digits_pixels(i);
        const int ox = (digit % 2) * 8, oy = (digit / 2) * 8;
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x) mosaic[std::size_t((oy + y) * 16 + ox + x)] = px[std::size_t(y * 8 + x)];
    }
    return mosaic;
}

void add_sprite(ImDrawList* list, int id, ImVec2 centre, ImU32 color) {
    const ImFontAtlasCustomRect* r = g.atlas->GetCustomRectByIndex(id);
    ImVec2 uv0, uv1;
    g.atlas->CalcCustomRectUV(r, &uv0, &uv1);
    const float h = 0.5f * float(r->Width);
    list->AddImage(g.atlas->TexID, ImVec2(centre.x - h, centre.y - h),
                   ImVec2(centre.x + h, centre.y + h), uv0, uv1, color);
}

}  // namespace

void sprites_register(ImFontAtlas& atlas, float scale) {
    g = Sprites{};
    g.atlas = &atlas;
    for (int k = 0; k < kSizes; ++k) {
        const float r = kRadius[std::size_t(k)] * scale;
        const float thin = 0.5f * kThinRing * scale, thick = 0.5f * kThickRing * scale;
        PointSprites& p = g.points[std::size_t(k)];
        p.fill = reserve(atlas, 0.0f, r);
        p.thin = reserve(atlas, r - thin, r + thin);
        p.thick = reserve(atlas, r - thick, r + thick);
        for (int c = 0; c < kMaxClassColors; ++c) {
            p.train[std::size_t(c)] = reserve(atlas, 0.0f, r + thin).id;
            p.test[std::size_t(c)] = reserve(atlas, 0.0f, r + thick).id;
        }
    }
    const int side = std::max(8, int(std::lround(kThumbSide * scale)));
    for (std::size_t i = 0; i < enum_table<DatasetKind>().size(); ++i)
        g.thumbs.push_back(atlas.AddCustomRectRegular(side, side));
    // NanumGothic has no U+FFFD, so ImGui would draw a character the subset lacks as '?', which
    // neither a person nor a test can tell from a real one. A glyph of its own (an empty box,
    // the usual sign of a missing character) becomes ImGui's fallback.
    if (!atlas.Fonts.empty()) {
        ImFont* font = atlas.Fonts[0];
        const float size = font->FontSize;
        const int w = std::max(4, int(std::lround(0.5f * size))), h = std::max(6, int(std::lround(0.7f * size)));
        g.missing_box = atlas.AddCustomRectFontGlyph(font, 0xFFFD, w, h, float(w) + std::round(0.15f * size),
                                                     ImVec2(std::round(0.05f * size), std::round(0.2f * size)));
    }
}

void sprites_paint(ImFontAtlas& atlas) {
    if (g.atlas != &atlas) return;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    if (!pixels) return;
    for (const PointSprites& p : g.points) {
        for (const Sprite* s : {&p.fill, &p.thin, &p.thick})
            paint_annulus(view_of(atlas, pixels, s->id), s->inner, s->outer);
        for (int c = 0; c < kMaxClassColors; ++c) {
            const std::uint32_t fill = pack_rgba(class_color(c));
            g.class_fill[std::size_t(c)] = fill;
            paint_ringed_disc(view_of(atlas, pixels, p.train[std::size_t(c)]), fill, p.fill.outer,
                              kTrainRing, p.thin.inner, p.thin.outer);
            paint_ringed_disc(view_of(atlas, pixels, p.test[std::size_t(c)]), fill, p.fill.outer,
                              kTestRing, p.thick.inner, p.thick.outer);
        }
    }
    const auto& scatters = thumbnail_points();
    const float half = kThumbHalfPoint * std::max(1.0f, float(atlas.GetCustomRectByIndex(g.thumbs[0])->Width) / kThumbSide);
    const auto& kinds = enum_table<DatasetKind>();
    for (std::size_t i = 0; i < g.thumbs.size() && i < scatters.size(); ++i) {
        if (kinds[i].value == DatasetKind::Mnist)
            paint_grey(view_of(atlas, pixels, g.thumbs[i]), mnist_thumbnail(), kMnistSide, kMnistSide, 0.0f,
                       float(kMnistMaxValue));
        else if (kinds[i].value == DatasetKind::Csv)
            paint_grey(view_of(atlas, pixels, g.thumbs[i]), table_thumbnail(), 16, 16, 0.0f, 1.0f);
        else if (is_image_set(kinds[i].value))
            paint_grey(view_of(atlas, pixels, g.thumbs[i]), image_thumbnail(), 16, 16, 0.0f, float(kDigitsMaxValue));
        else
            paint_scatter(view_of(atlas, pixels, g.thumbs[i]), scatters[i], IM_COL32(250, 250, 250, 255), half);
    }
    if (g.missing_box >= 0) {  // a one-pixel outline, white: the text's colour tints it
        const RgbaView box = view_of(atlas, pixels, g.missing_box);
        for (int y = 0; y < box.height; ++y)
            for (int x = 0; x < box.width; ++x)
                box.at(x, y) = (x == 0 || y == 0 || x == box.width - 1 || y == box.height - 1) ? 0xFFFFFFFFu : 0u;
    }
    g.painted = true;
}

void draw_point(ImDrawList* list, ImVec2 centre, PointSize size, ImU32 fill, bool test) {
    const PointSprites& p = g.points[std::size_t(size)];
    const ImU32 ring = test ? kTestRing : kTrainRing;
    if (!g.painted || p.fill.id < 0) {
        const float r = kRadius[std::size_t(size)];
        list->AddCircleFilled(centre, r, fill, 8);
        list->AddCircle(centre, r, ring, 8, test ? kThickRing : kThinRing);
        return;
    }
    for (int c = 0; c < kMaxClassColors; ++c) {
        if (g.class_fill[std::size_t(c)] == fill) {
            add_sprite(list, (test ? p.test : p.train)[std::size_t(c)], centre, IM_COL32_WHITE);
            return;
        }
    }
    add_sprite(list, p.fill.id, centre, fill);
    add_sprite(list, (test ? p.thick : p.thin).id, centre, ring);
}

void draw_thumbnail(ImDrawList* list, DatasetKind kind, ImVec2 min, ImVec2 max) {
    const auto& table = enum_table<DatasetKind>();
    std::size_t i = 0;
    while (i < table.size() && table[i].value != kind) ++i;
    if (!g.painted || i >= g.thumbs.size()) {
        list->AddRectFilled(min, max, IM_COL32(250, 250, 250, 255));
        return;
    }
    ImVec2 uv0, uv1;
    g.atlas->CalcCustomRectUV(g.atlas->GetCustomRectByIndex(g.thumbs[i]), &uv0, &uv1);
    list->AddImage(g.atlas->TexID, min, max, uv0, uv1);
}

}  // namespace nnp::app
