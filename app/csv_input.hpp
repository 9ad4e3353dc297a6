// The user's CSV data on its way in: the text box (pasted text, or a dropped file small enough
// to show), the table read from it, the user's choice of label and input columns, the problems
// found, and the data set made of it. What the user typed is never replaced: reading leaves the
// box as it is, so a problem can be fixed in place and the text read again.
#pragma once

#include "csv.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nnp::app {

struct AppState;

// A dropped or chosen file up to this size is put into the box (to read and edit); a bigger one
// is read as it is and the box says which file it was.
constexpr std::size_t kMaxBoxBytes = 256u << 10;

struct CsvInput {
    std::string text;            // the box
    std::string file_name;       // the last file dropped or chosen ("" for pasted text)
    std::size_t file_size = 0;
    std::string file;            // that file's bytes when they are not in the box
    bool from_file = false;      // the table was read from `file`
    CsvTable table;              // the last text read (table.ok: it has columns to choose from)
    bool read = false;           // something was read
    // The choice of columns, one entry per table column.
    int label = -1;
    std::vector<std::uint8_t> inputs;  // 1: an input
    TargetKind target = TargetKind::Auto;
    std::vector<CsvProblem> problems;  // of the last read, and of the last use
    std::shared_ptr<const UserData> data;  // the data last trained on (kept when another set is picked)
    bool link_without_data = false;  // a link said data=csv and this page had no data to give it
};

// Reads the box (or, `from_file`, the file's bytes) and chooses the defaults: the last column
// is the label, every other column an input.
void csv_read(AppState& app, bool from_file = false);
// The choice as core takes it.
CsvChoice csv_choice(const CsvInput& in);
// Makes the data of the chosen columns (CsvInput::data); false (and the problems say why) when
// it cannot be made.
bool csv_make(AppState& app);
// csv_make, then makes it the experiment's data (data=csv, the fields at their default follow
// the data set, the runs are rebuilt).
bool csv_use(AppState& app);
// A file dropped on the window or chosen with the file button: into the box when small, read,
// and used when it makes data. `size` is the file's size: a file over kMaxCsvBytes comes without
// its bytes and is refused unread (said in the problems).
bool csv_take_file(AppState& app, std::string name, std::string bytes, std::uint64_t size);
// ---- points placed by clicking (core's user_points.hpp) ----
// Whether the data on show can be edited by clicking: points on the plane, or a generated set of
// two inputs (its points are the start).
bool points_editable(const AppState& app);
// Adds a point of `label` (or `value`, for a value set) at (x, y) of the plane, or removes the
// point nearest to it; the runs keep their weights and go on training. False when nothing changed.
bool app_add_point(AppState& app, float x, float y, int label, float value);
bool app_remove_point(AppState& app, float x, float y);
// An empty plane of the data's classes (or values).
void app_clear_points(AppState& app);

// Any file given to the app (dropped, chosen, or named on the desktop app's command line).
bool app_open_file(AppState& app, std::string name, std::string bytes, std::uint64_t size);

}  // namespace nnp::app
