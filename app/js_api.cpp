// The JavaScript accessor (web build only): the page and the end-to-end tests read the app's
// state and send it commands as JSON through these two exported C functions, e.g.
//   JSON.parse(Module.ccall('nnp_app_state_json', 'string', [], []))
//   Module.ccall('nnp_app_command', 'string', ['string'], ['{"cmd":"play"}'])
#include "app_api.hpp"
#include "app_main.hpp"

#include <emscripten/emscripten.h>

#include <string>

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* nnp_app_state_json() {
    static std::string text;
    if (!nnp::app::app_state().session) return "{}";  // not started yet
    text = nnp::app::state_json(nnp::app::app_state());
    return text.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnp_app_command(const char* json) {
    static std::string text;
    if (!nnp::app::app_state().session) return "{\"ok\":false,\"error\":\"not started\"}";
    text = nnp::app::run_command(nnp::app::app_state(), json ? json : "");
    return text.c_str();
}

}  // extern "C"
