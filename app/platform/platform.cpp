// The platform layer: owns main(), the GLFW window and GL context, Dear ImGui's setup and the
// one main loop, which runs under emscripten_set_main_loop on the web and as a plain while-loop
// natively. The only file of the app that knows which platform it is on. Native flags:
//   --frames N (render N frames, then exit 0)  --play  --print-state  --command JSON
//   --width W --height H  --lang en|ko
// and one optional argument: a share link to open, or a file (a CSV table) to train on. Files
// dropped on the window are opened too.
#include "app_api.hpp"
#include "app_main.hpp"
#include "export.hpp"
#include "gl.hpp"
#include "imgui_renderer.hpp"
#include "strings.hpp"
#include "theme.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#ifndef __EMSCRIPTEN__
#include <filesystem>
#endif

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#endif

namespace {

using namespace nnp::app;

struct Platform {
    GLFWwindow* window = nullptr;
    float ui_scale = 0.0f;  // 0 = fonts not built yet
    long long max_frames = -1;
    bool print_state = false;
};

Platform g;

#ifndef __EMSCRIPTEN__
// A file named on the command line or dropped on the window: its bytes (none when it is over the
// CSV cap, which is refused unread) go to app_open_file. False when it cannot be read at all.
bool open_path(const std::string& path) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error) return false;
    std::string bytes;
    if (size <= nnp::kMaxCsvBytes) {
        std::ifstream in(path, std::ios::binary);
        if (!in) return false;
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::size_t slash = path.find_last_of('/');
    app_open_file(app_state(), slash == std::string::npos ? path : path.substr(slash + 1), std::move(bytes), size);
    return true;
}

void on_drop(GLFWwindow*, int count, const char** paths) {
    if (count > 0 && paths[0]) open_path(paths[0]);  // one table at a time: the first
}
#endif

double now_ms() {
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Fonts and sizes for a UI scale; rebuilt when the scale changes (e.g. moving to a HiDPI screen).
void apply_ui_scale(float scale) {
    scale = std::round(scale * 4.0f) / 4.0f;  // avoid rebuilding for tiny changes
    if (scale < 0.5f) scale = 1.0f;
    if (scale == g.ui_scale) return;
    g.ui_scale = scale;
    apply_theme(scale);
    imgui_renderer_update_fonts();
}

float current_ui_scale() {
#ifdef __EMSCRIPTEN__
    // The canvas fills the page: give it as many pixels as the screen has (HiDPI), and scale the
    // UI by the device pixel ratio so it keeps its size in CSS pixels.
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    const int want_w = std::max(1, int(std::lround(css_w * dpr)));
    const int want_h = std::max(1, int(std::lround(css_h * dpr)));
    int w = 0, h = 0;
    glfwGetWindowSize(g.window, &w, &h);
    // Browser.setCanvasSize rather than glfwSetWindowSize: the latter asks for fullscreen when
    // the size equals the screen's, which browsers refuse without a click.
    if (w != want_w || h != want_h) {
        char script[96];
        std::snprintf(script, sizeof script, "Browser.setCanvasSize(%d, %d)", want_w, want_h);
        emscripten_run_script(script);
    }
    return float(dpr);
#else
    float sx = 1.0f, sy = 1.0f;
    glfwGetWindowContentScale(g.window, &sx, &sy);
    return sx;
#endif
}

void frame() {
    const double start = now_ms();
    glfwPollEvents();
    apply_ui_scale(current_ui_scale());
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app_frame(g.ui_scale);
    ImGui::Render();
    app_count_missing_glyphs();
    app_upload_heatmaps();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(g.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.97f, 0.97f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    imgui_renderer_draw(ImGui::GetDrawData(), fb_w, fb_h, app_draw_heatmaps);
    if (app_state().save_screen) {  // the page's picture, read back before it is shown
        app_state().save_screen = false;
        std::vector<std::uint8_t> px(std::size_t(fb_w) * std::size_t(fb_h) * 4), flipped(px.size());
        glReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
        const std::size_t row = std::size_t(fb_w) * 4;
        for (int y = 0; y < fb_h; ++y)  // GL's rows start at the bottom
            std::copy_n(px.data() + std::size_t(fb_h - 1 - y) * row, row, flipped.data() + std::size_t(y) * row);
        app_save_file(app_state(), "nnp-page.png", encode_png(flipped, fb_w, fb_h), "image/png");
    }
    glfwSwapBuffers(g.window);
    app_frame_done(float(now_ms() - start));
}

void shutdown() {
    app_destroy();
    imgui_renderer_shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(g.window);
    glfwTerminate();
}

}  // namespace

int main(int argc, char** argv) {
    int width = 1280, height = 720;
    std::vector<std::string> commands;
    std::string argument;  // a link or a file to open
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--frames" && has_value) g.max_frames = std::atoll(argv[++i]);
        else if (a == "--play") commands.push_back("{\"cmd\":\"play\"}");
        else if (a == "--print-state") g.print_state = true;
        else if (a == "--command" && has_value) commands.push_back(argv[++i]);
        else if (a == "--width" && has_value) width = std::max(320, std::atoi(argv[++i]));
        else if (a == "--lang" && has_value) {
            const auto lang = parse_language(argv[++i]);
            if (!lang) {
                std::fprintf(stderr, "--lang must be en or ko\n");
                return 2;
            }
            set_language(*lang);
        }
        else if (a == "--height" && has_value) height = std::max(240, std::atoi(argv[++i]));
        else if (a.rfind("--", 0) != 0 && argument.empty()) argument = a;
        else {
            std::fprintf(stderr, "unknown argument: %s\n", a.c_str());
            return 2;
        }
    }

#ifndef __EMSCRIPTEN__
    // MNIST's images, if the build made them (mnist.bin beside the program); data=mnist says
    // so in the output panel when they are missing. The page fetches them on demand instead.
    std::string mnist_error;
    nnp::app::load_mnist_beside(argv[0], mnist_error);
#endif
    if (!glfwInit()) {
        std::fprintf(stderr, "GLFW could not start (no display?)\n");
        return 1;
    }
#ifdef __EMSCRIPTEN__
    const char* version_line = "#version 300 es\nprecision highp float;\n";
    bool float_linear = false;  // asked for once the context exists
#else
    const bool float_linear = true;  // core in OpenGL 3.3
    const char* version_line = "#version 330 core\n";
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
#endif
    // 2-D drawing only: no depth or stencil buffer, and an opaque canvas (cheaper to composite).
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    g.window = glfwCreateWindow(width, height, "Neural network playground", nullptr, nullptr);
    if (!g.window) {
        std::fprintf(stderr, "could not create a window with OpenGL 3.3 / WebGL2\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(g.window);
    glfwSwapInterval(1);
#ifdef __EMSCRIPTEN__
    float_linear = emscripten_webgl_enable_extension(emscripten_webgl_get_current_context(),
                                                     "OES_texture_float_linear");
#endif

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, nothing to remember
    ImGui_ImplGlfw_InitForOpenGL(g.window, true);

    if (!imgui_renderer_init(version_line) || !app_create(version_line, float_linear, commands)) {
        std::fprintf(stderr, "could not set up the shaders\n");
        shutdown();
        return 1;
    }
    // The page's pastes reach ImGui's Ctrl+V (Emscripten's GLFW has no clipboard to read).
    if (link_platform().clipboard_text)
        ImGui::GetIO().GetClipboardTextFn = [](void*) { return link_platform().clipboard_text(); };
    if (link_platform().listen_files) link_platform().listen_files();
#ifndef __EMSCRIPTEN__
    glfwSetDropCallback(g.window, on_drop);
    if (!argument.empty() && !open_path(argument)) app_open_link(app_state(), argument);
#else
    (void)argument;  // the page opens its own link
#endif

#ifdef __EMSCRIPTEN__
    emscripten_set_main_loop(frame, 0, true);
#else
    for (long long n = 0; !glfwWindowShouldClose(g.window) && (g.max_frames < 0 || n < g.max_frames); ++n)
        frame();
    if (g.print_state) std::printf("%s\n", state_json(app_state()).c_str());
    shutdown();
#endif
    return 0;
}
