// The app's frame: keyboard shortcuts, training within the budget, pictures, the four panels
// and the banner, and applying what the panels asked for once; share links in and out of the
// page's URL through link_platform() (empty natively). Holds the one AppState and the heatmap
// renderer; knows nothing about the platform.
#include "app_main.hpp"

#include "app_api.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace nnp::app {

namespace {

AppState g_app;
HeatmapRenderer g_heat;
PanelState g_panels;
bool g_created = false;

double now_ms() {
    using clock = std::chrono::steady_clock;
    static const auto start = clock::now();
    return std::chrono::duration<double, std::milli>(clock::now() - start).count();
}

// ImGui's own copy (Ctrl+C in a text field) goes to the page's clipboard when there is one:
// Emscripten's GLFW keeps copied text to itself.
void copy_to_page(void*, const char* text) { link_platform().copy(text ? text : ""); }

// A link pasted into the address bar opens without a reload; edits reach the URL, throttled,
// and never while a widget is held down with the mouse (dragging a slider).
void sync_link_in(AppState& app) {
    const LinkPlatform& page = link_platform();
    if (page.take_hash_change && page.read_hash && page.take_hash_change())
        app_open_link(app, page.read_hash());
    if (app.link.copy == CopyStatus::Pending && page.copy_status) app.link.copy = page.copy_status();
}

void sync_link_out(AppState& app) {
    const LinkPlatform& page = link_platform();
    if (!page.write_hash) return;
    const bool editing = ImGui::IsAnyItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
    const std::string text = link_to_write(app, now_ms(), editing);
    if (!text.empty()) page.write_hash(text);
}

// `shown`: the config the panels started from this frame (shown_config).
void apply_requests(UiRequests& req, const ExperimentConfig& shown) {
    AppState& app = g_app;
    if (req.weight.set) app_set_weight(app, req.weight.layer, req.weight.from, req.weight.to, req.weight.value);
    // The panels edited the selected run's view; in a race, fold_edit sorts the edit into that
    // run's own value or the base shared by every run.
    if (!(req.next == shown)) apply_config(app, fold_edit(app, req.next));
    if (req.point.set && req.point.remove) app_remove_point(app, req.point.x, req.point.y);
    else if (req.point.set) app_add_point(app, req.point.x, req.point.y, app.points.label, app.points.value);
    if (req.clear_points) app_clear_points(app);
    if (req.reset) app_reset(app);
    if (req.step) app_step(app);
    if (req.toggle_play) app_play(app, !app.playing);
    if (req.select_run >= 0) app_select_run(app, req.select_run);
    if (req.language) {
        app_set_language(*req.language);
        app_name_runs(app);
    }
    if (req.open_lesson) app_open_lesson(app, req.open_lesson->lesson, req.open_lesson->step);
}

}  // namespace

AppState& app_state() { return g_app; }

bool app_create(const char* version_line, bool float_linear, const std::vector<std::string>& commands) {
    app_init(g_app, ExperimentConfig{});
    g_panels = PanelState{};
    const LinkPlatform& page = link_platform();
    // The language: a link's lang= (applied by app_open_link below), else the last choice on
    // this page, else the browser's.
    if (page.preferred_language)
        if (const auto lang = parse_language(page.preferred_language())) set_language(*lang);
    if (page.read_hash) {
        const std::string hash = page.read_hash();
        if (!hash.empty() && hash != "#") app_open_link(g_app, hash);
    }
    if (page.read_store) read_progress(g_app.lesson, page.read_store("nnp.lessons"));
    if (page.copy) ImGui::GetIO().SetClipboardTextFn = copy_to_page;
    for (const auto& cmd : commands) {
        const std::string result = run_command(g_app, cmd);
        if (result.find("\"ok\":true") == std::string::npos)
            std::fprintf(stderr, "command %s: %s\n", cmd.c_str(), result.c_str());
    }
    // Without a version line there is no GL (the headless layout test): the pictures are laid
    // out but never uploaded or drawn.
    g_created = version_line && g_heat.init(version_line, float_linear);
    return g_created || !version_line;
}

void app_frame(float ui_scale) {
    AppState& app = g_app;
    ImGuiIO& io = ImGui::GetIO();
    ++app.frames;
    app.stats.vertices = io.MetricsRenderVertices;
    if (io.DeltaTime > 0.0f) {
        const float fps = 1.0f / io.DeltaTime;
        app.stats.fps = app.stats.fps <= 0.0f ? fps : app.stats.fps + 0.05f * (fps - app.stats.fps);
    }

    sync_link_in(app);
    UiRequests req;
    const ExperimentConfig shown = shown_config(app);
    req.next = shown;
    // Keyboard: space play/pause, s step, r reset (not while typing into a field).
    if (!io.WantTextInput) {
        if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) req.toggle_play = true;
        if (ImGui::IsKeyPressed(ImGuiKey_S, false)) req.step = true;
        if (ImGui::IsKeyPressed(ImGuiKey_R, false)) req.reset = true;
    }

    train_frame(app, now_ms);
    surface_frame(app.surface, app.config.optimizer, app.speed);
    landscape_frame(app.landscape, app.session_of(app.landscape.run), app.built, now_ms);
    backprop_frame(app.backprop, app.session_of(app.backprop.run), app.built);
    lesson_update(app);
    coach_update(app);
    const double t0 = now_ms();
    update_pictures(app);
    app.stats.pictures_ms = float(now_ms() - t0);

    const double t1 = now_ms();
    g_heat.begin_frame(app.pictures);
    app.ui.clear();
    PanelContext ctx{app, g_heat, req, g_panels, ui_scale};
    const WindowLayout layout = window_layout(io.DisplaySize.x, io.DisplaySize.y, ui_scale, g_panels.heights);
    app.stacked = layout.stacked;
    panel_training(ctx, layout.training, !layout.stacked);
    if (layout.stacked) {
        begin_page(ctx, layout);
        panel_settings(ctx, layout.settings);
        panel_data(ctx, layout.data);
        panel_network(ctx, layout.network);
        panel_output(ctx, layout.output);
        end_page(ctx);
        stop_banner(ctx, layout.page);
    } else {
        panel_data(ctx, layout.data);
        panel_network(ctx, layout.network);
        panel_output(ctx, layout.output);
        stop_banner(ctx, layout.network);
    }
    link_banner(ctx);
    lesson_picker(ctx);
    surface_window(ctx);
    landscape_window(ctx);
    backprop_window(ctx);
    apply_requests(req, shown);
    sync_link_out(app);
    app.stats.ui_ms = float(now_ms() - t1);
}

void app_upload_heatmaps() {
    const double t0 = now_ms();
    if (g_created) g_heat.upload();
    g_app.stats.heatmap_ms = float(now_ms() - t0);
}

bool app_draw_heatmaps(const void* list, const float scale[2], const float offset[2]) {
    return g_created && g_heat.draw(list, scale, offset);
}

void app_count_missing_glyphs() {
    const ImDrawData* data = ImGui::GetDrawData();
    const ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    // The fallback is the box glyph of U+FFFD (sprites.cpp), drawn for no real character.
    const ImFontGlyph* box = font && font->FallbackChar == 0xFFFD ? font->FallbackGlyph : nullptr;
    int count = 0;
    if (data && box && box->Visible) {
        // A glyph is a quad whose first vertex has the glyph's top-left texture coordinates.
        for (int l = 0; l < data->CmdListsCount; ++l)
            for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
                count += v.uv.x == box->U0 && v.uv.y == box->V0;
    }
    g_app.stats.missing_glyphs = count;
}

void app_frame_done(float frame_ms) {
    // Drawing is whatever the frame spent outside training and the pictures.
    const float draw_ms = std::max(frame_ms - g_app.stats.train_ms - g_app.stats.pictures_ms, 0.0f);
    g_app.stats.draw_ms = draw_ms;
    g_app.budget.record_other(g_app.stats.pictures_ms + draw_ms);
}

void app_destroy() {
    g_heat.shutdown();
    g_app.runs.clear();
}

}  // namespace nnp::app
