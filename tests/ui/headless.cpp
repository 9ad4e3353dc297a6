// The headless frame and the glyph reader (see headless.hpp).
#include "headless.hpp"

#include "app_main.hpp"
#include "strings.hpp"
#include "theme.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace nnp::app::test {

Headless::Headless(float width, float height, float scale, const std::string& link)
    : width_(width), height_(height), scale_(scale) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    apply_theme(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(std::intptr_t(1)));
    std::vector<std::string> commands;
    if (!link.empty()) {
        // The command's JSON: the link has no quotes or backslashes to escape.
        commands.push_back("{\"cmd\":\"open_link\",\"value\":\"" + link + "\"}");
        commands.push_back("{\"cmd\":\"dismiss_link_issues\"}");
    }
    app_create(nullptr, false, commands);
}

Headless::~Headless() {
    app_destroy();
    set_language(Language::English);  // a link's lang= must not leak into the next test
    ImGui::DestroyContext();
}

void Headless::frame_with_mouse(float x, float y, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    io.AddMousePosEvent(x, y);
    io.AddMouseButtonEvent(0, down);
    ImGui::NewFrame();
    app_frame(scale_);
    ImGui::Render();
    app_count_missing_glyphs();
    app_frame_done(16.0f);
    read_draw_data();
}

void Headless::frames(int n) {
    for (int i = 0; i < n; ++i) frame_with_mouse(-FLT_MAX, -FLT_MAX, false);
}

float Headless::page_scroll_max() const {
    const ImGuiWindow* page = ImGui::FindWindowByName("##page");
    return page && page->Active ? page->ScrollMax.y : 0.0f;
}

void Headless::scroll_page(float y) {
    if (ImGuiWindow* page = ImGui::FindWindowByName("##page")) ImGui::SetScrollY(page, y);
}

void Headless::read_draw_data() {
    glyphs_.clear();
    const ImDrawData* data = ImGui::GetDrawData();
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    const ImTextureID tex = ImGui::GetIO().Fonts->TexID;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != tex) continue;
            const unsigned end = cmd.IdxOffset + cmd.ElemCount;
            for (unsigned i = cmd.IdxOffset; i + 6 <= end;) {
                const ImDrawIdx* idx = &list->IdxBuffer[int(i)];
                const unsigned a = idx[0];
                // ImGui's quads (PrimRectUV, glyphs): a, a+1, a+2, a, a+2, a+3.
                if (!(idx[1] == a + 1 && idx[2] == a + 2 && idx[3] == a && idx[4] == a + 2 && idx[5] == a + 3)) {
                    i += 3;
                    continue;
                }
                i += 6;
                const ImDrawVert& p = list->VtxBuffer[int(cmd.VtxOffset + a)];
                const ImDrawVert& q = list->VtxBuffer[int(cmd.VtxOffset + a + 2)];
                if (p.uv.x == q.uv.x || p.uv.y == q.uv.y) continue;  // a flat fill, not a glyph
                // Which glyph: its texture rectangle holds this quad's.
                for (const ImFontGlyph& g : font->Glyphs) {
                    const float eps = 1e-6f;
                    if (p.uv.x < g.U0 - eps || q.uv.x > g.U1 + eps || p.uv.y < g.V0 - eps || q.uv.y > g.V1 + eps)
                        continue;
                    GlyphBox b{};
                    b.x0 = p.pos.x, b.y0 = p.pos.y, b.x1 = q.pos.x, b.y1 = q.pos.y;
                    b.cx0 = cmd.ClipRect.x, b.cy0 = cmd.ClipRect.y, b.cx1 = cmd.ClipRect.z, b.cy1 = cmd.ClipRect.w;
                    b.codepoint = g.Codepoint;
                    b.trimmed_x = std::fabs(p.uv.x - g.U0) > eps || std::fabs(q.uv.x - g.U1) > eps;
                    b.window = list->_OwnerName ? list->_OwnerName : "";
                    glyphs_.push_back(b);
                    break;
                }
            }
        }
    }
}

namespace {

// Glyphs grouped into runs: the same list, the same baseline, each glyph right of the last.
struct Run {
    TextRun text;
    float x0, y0, x1, y1;
    std::vector<std::size_t> members;
};

std::vector<Run> group(const std::vector<GlyphBox>& gs) {
    std::vector<Run> out;
    const float em = ImGui::GetFontSize();
    for (std::size_t i = 0; i < gs.size(); ++i) {
        const GlyphBox& g = gs[i];
        const bool joins = !out.empty() && out.back().text.window == g.window &&
                           std::fabs(out.back().y1 - g.y1) < 0.6f * em && g.x0 >= out.back().x1 - 1.0f &&
                           g.x0 - out.back().x1 < 1.2f * em;
        if (!joins) {
            out.push_back({{"", g.window, g.x0, g.y0}, g.x0, g.y0, g.x1, g.y1, {}});
        } else if (g.x0 - out.back().x1 > 0.3f * em) {
            out.back().text.text += ' ';
        }
        Run& r = out.back();
        if (g.codepoint < 128) r.text.text += char(g.codepoint);
        else r.text.text += '?';
        r.x0 = std::min(r.x0, g.x0), r.y0 = std::min(r.y0, g.y0);
        r.x1 = std::max(r.x1, g.x1), r.y1 = std::max(r.y1, g.y1);
        r.members.push_back(i);
    }
    return out;
}

std::string describe(const TextRun& t) {
    char where[64];
    std::snprintf(where, sizeof where, " at (%.0f, %.0f) in ", double(t.x), double(t.y));
    return "\"" + t.text + "\"" + where + t.window;
}

}  // namespace

std::vector<TextRun> Headless::runs() const {
    std::vector<TextRun> out;
    for (const Run& r : group(glyphs_)) out.push_back(r.text);
    return out;
}

std::vector<std::string> overlapping_text(const Headless& h) {
    const std::vector<GlyphBox>& gs = h.glyphs();
    const std::vector<Run> runs = group(gs);
    std::vector<std::string> out;
    for (std::size_t a = 0; a < runs.size(); ++a) {
        for (std::size_t b = a + 1; b < runs.size(); ++b) {
            const Run& p = runs[a];
            const Run& q = runs[b];
            if (p.x1 <= q.x0 || q.x1 <= p.x0 || p.y1 <= q.y0 || q.y1 <= p.y0) continue;
            // The runs' boxes touch: do two of their glyphs, as seen through their clips?
            bool hit = false;
            for (std::size_t i : p.members) {
                for (std::size_t j : q.members) {
                    const GlyphBox& g = gs[i];
                    const GlyphBox& k = gs[j];
                    const float x0 = std::max({g.x0, k.x0, g.cx0, k.cx0}), x1 = std::min({g.x1, k.x1, g.cx1, k.cx1});
                    const float y0 = std::max({g.y0, k.y0, g.cy0, k.cy0}), y1 = std::min({g.y1, k.y1, g.cy1, k.cy1});
                    if (x1 - x0 > 1.0f && y1 - y0 > 1.0f) hit = true;
                }
            }
            if (hit) out.push_back(describe(p.text) + " overlaps " + describe(q.text));
        }
    }
    return out;
}

std::vector<std::string> cut_text(const Headless& h) {
    const std::vector<GlyphBox>& gs = h.glyphs();
    std::vector<std::string> out;
    for (const Run& r : group(gs)) {
        bool cut = false;
        for (std::size_t i : r.members) {
            const GlyphBox& g = gs[i];
            // Vertical cuts are scrolling (the content goes on below); sideways ones lose text.
            const bool visible_rows = g.y1 > g.cy0 && g.y0 < g.cy1;
            if (!visible_rows) continue;
            if (g.trimmed_x || g.x0 < g.cx0 - 0.5f || g.x1 > g.cx1 + 0.5f || g.x0 < 0.0f || g.x1 > h.width())
                cut = true;
        }
        if (cut) out.push_back(describe(r.text) + " is cut at the side");
    }
    return out;
}

}  // namespace nnp::app::test
