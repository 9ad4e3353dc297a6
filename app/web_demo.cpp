// The web demo's WebAssembly entry, used by web/demo.html until the ImGui app exists: trains the
// default experiment for a number of epochs and returns the losses and accuracies of every epoch
// as one JSON string. Built by the web preset only (target web_demo -> site/demo.js, demo.wasm).
// The page calls it through ccall; nothing here throws or touches the page.

#include "config.hpp"
#include "session.hpp"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace {

// Longest run the page may ask for in one call: the call blocks the page while it trains.
constexpr int kMaxDemoEpochs = 1000;

// The last answer. It stays valid until the next call; the page copies it at once.
std::string g_json;

// JSON has no NaN or infinity: a diverged loss is written as null.
void append_number(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7g", v);
    out += buf;
}

void append_string(std::string& out, const std::string& s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

void append_record(std::string& out, const nnp::EpochRecord& r) {
    out += "{\"epoch\":";
    out += std::to_string(r.epoch);
    out += ",\"train_loss\":";
    append_number(out, r.train_loss);
    out += ",\"test_loss\":";
    append_number(out, r.test_loss);
    out += ",\"train_accuracy\":";
    append_number(out, r.train_accuracy);
    out += ",\"test_accuracy\":";
    append_number(out, r.test_accuracy);
    out += '}';
}


}  // namespace

// Trains a fresh session of the default experiment for `epochs` epochs (clamped to
// [0, kMaxDemoEpochs]) and returns
//   {"dataset":"Circle","hidden":[4,2],"train_points":250,"test_points":250,"epochs":[{"epoch":0,...},{"epoch":1,...},...],
//    "stop":"none","stop_message":""}
// where record 0 holds the initial weights. Training ends early if the session stops (e.g. a
// non-finite loss); "stop" then names the reason by code.
extern "C" EMSCRIPTEN_KEEPALIVE const char* nnp_demo_train(int epochs) {
    epochs = std::clamp(epochs, 0, kMaxDemoEpochs);
    nnp::ExperimentConfig cfg;  // the defaults are the demo's experiment
    nnp::validate(cfg);
    nnp::Session session(cfg);

    g_json.clear();
    g_json += "{\"dataset\":";
    append_string(g_json, nnp::enum_label(cfg.data.kind));
    g_json += ",\"hidden\":[";
    for (std::size_t i = 0; i < cfg.hidden.size(); ++i) {
        if (i > 0) g_json += ',';
        g_json += std::to_string(cfg.hidden[i].width);
    }
    g_json += "],\"train_points\":";
    g_json += std::to_string(session.n_train());
    g_json += ",\"test_points\":";
    g_json += std::to_string(session.data().n_test());
    g_json += ",\"epochs\":[";
    append_record(g_json, session.current());
    std::int64_t last_epoch = session.epoch();
    for (int e = 0; e < epochs; ++e) {
        const bool running = session.train_epoch();
        if (session.epoch() != last_epoch) {  // an epoch ended: its losses were evaluated
            last_epoch = session.epoch();
            g_json += ',';
            append_record(g_json, session.current());
        }
        if (!running) break;
    }
    g_json += "],\"stop\":\"";
    g_json += nnp::enum_code(session.stop_reason());
    g_json += "\",\"stop_message\":";
    append_string(g_json, session.stop_message());
    g_json += '}';
    return g_json.c_str();
}
