// Results out: the training history of every run as CSV, and pictures as PNG files (an encoder
// of our own: stored deflate blocks, so no zlib is needed in either build). The page hands the
// bytes to the browser as a download, the desktop app and nnp_run write files.
#pragma once

#include "session.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nnp::app {

struct AppState;

// One line per kept epoch of every run: run, name, epoch, the losses and accuracies (validation
// columns empty without a validation split). A single run has run 0 and an empty name.
struct HistoryRun {
    const Session* session;
    std::string name;
};
std::string history_csv(std::span<const HistoryRun> runs);
std::string history_csv(const AppState& app);

// `rgba`: width x height pixels, 4 bytes each (R, G, B, A), row by row from the top.
std::string encode_png(std::span<const std::uint8_t> rgba, int width, int height);

// The selected run's output over the plane as the page colours it (scale x scale pixels a grid
// texel), with its data points on top: width and height in `w`, `h`.
std::vector<std::uint8_t> output_map_rgba(const AppState& app, int scale, int& w, int& h);

// The data set on show as CSV (every row, its inputs and its label or target).
std::string data_csv(const AppState& app);

// What the Save buttons save; `save_file` of the platform gets the bytes (a download on the
// web, a file in the working folder natively). The whole page's picture is taken after the
// frame is drawn (AppState::save_screen), by the platform layer.
enum class ExportKind { Model, History, Data, Map };
bool app_export(AppState& app, ExportKind kind);
// Hands `bytes` to the platform's save (or writes the file natively); the note says how it went.
bool app_save_file(AppState& app, const char* name, const std::string& bytes, const char* mime);
// The file name each export is saved as.
const char* export_file_name(ExportKind kind);

// A model file given to the app (dropped, chosen, or the desktop app's argument): its experiment
// is opened and its weights and normalisation applied; its problems go to the link banner.
bool app_open_model(AppState& app, std::string_view text);

}  // namespace nnp::app
