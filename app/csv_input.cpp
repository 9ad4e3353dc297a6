// The way in for the user's CSV data (see csv_input.hpp).
#include "csv_input.hpp"

#include "app_state.hpp"
#include "export.hpp"
#include "user_points.hpp"

#include <cmath>

#include <algorithm>
#include <utility>

namespace nnp::app {

void csv_read(AppState& app, bool from_file) {
    CsvInput& in = app.csv;
    in.from_file = from_file && !in.file.empty();
    in.table = read_csv(in.from_file ? std::string_view(in.file) : std::string_view(in.text));
    in.read = true;
    in.problems = in.table.problems;
    in.label = in.table.cols() - 1;
    in.inputs.assign(std::size_t(in.table.cols()), 1);
    if (in.label >= 0) in.inputs[std::size_t(in.label)] = 0;
    in.target = TargetKind::Auto;
}

CsvChoice csv_choice(const CsvInput& in) {
    CsvChoice choice;
    choice.label = in.label;
    for (std::size_t j = 0; j < in.inputs.size(); ++j)
        if (in.inputs[j] && int(j) != in.label) choice.inputs.push_back(int(j));
    if (choice.inputs.empty()) choice.inputs.push_back(-1);  // none chosen: said, not "all"
    choice.target = in.target;
    return choice;
}

bool csv_make(AppState& app) {
    CsvInput& in = app.csv;
    if (!in.table.ok) return false;
    CsvChoice choice = csv_choice(in);
    UserDataRead made;
    if (choice.inputs.size() == 1 && choice.inputs[0] < 0) {
        made.problems = in.table.problems;
        made.problems.push_back({CsvProblemCode::NoInputs, 0, 0, 0, 0, {}});
    } else {
        made = make_user_data(in.table, choice);
    }
    in.problems = std::move(made.problems);
    if (!made.data) return false;
    in.data = made.data;
    in.link_without_data = false;
    return true;
}

bool csv_use(AppState& app) {
    if (!csv_make(app)) return false;
    CsvInput& in = app.csv;
    ExperimentConfig next = app.config;
    const DatasetSpec previous = next.data;
    next.data.kind = DatasetKind::Csv;
    next.data.user = in.data;
    adapt_to_dataset(next, previous);
    apply_config(app, next);
    return true;
}

bool csv_take_file(AppState& app, std::string name, std::string bytes, std::uint64_t size) {
    CsvInput& in = app.csv;
    in.file_name = std::move(name);
    in.file_size = std::size_t(std::max<std::uint64_t>(size, bytes.size()));
    if (in.file_size > kMaxCsvBytes) {  // refused unread; the box keeps what it had
        in.read = true;
        in.table = CsvTable{};
        in.problems = {{CsvProblemCode::TooBig, 0, 0, in.file_size, kMaxCsvBytes, {}}};
        return false;
    }
    const bool to_box = bytes.size() <= kMaxBoxBytes;
    if (to_box) {
        in.text = std::move(bytes);
        in.file.clear();
    } else {
        in.file = std::move(bytes);
    }
    csv_read(app, !to_box);
    return csv_use(app);
}

namespace {

// The data on show as points to edit (null when it cannot be edited by clicking).
std::shared_ptr<const UserData> points_on_show(const AppState& app) {
    const DatasetSpec& spec = app.config.data;
    if (spec.kind == DatasetKind::Csv) return spec.user && spec.user->plane ? spec.user : nullptr;
    const Dataset& d = app.session().data();
    if (d.input_dims != 2 || d.image_width > 0) return nullptr;
    return points_of(d);
}

// Makes `data` the experiment's: the runs are rebuilt on it and keep their weights (the network's
// shape is the same: two inputs, the same classes) and whether they were training.
void use_points(AppState& app, std::shared_ptr<const UserData> data) {
    std::vector<std::vector<float>> params;
    for (const Run& r : app.runs) params.emplace_back(r.session->net().params().begin(), r.session->net().params().end());
    const bool playing = app.playing;
    ExperimentConfig next = app.config;
    const DatasetSpec previous = next.data;
    next.data.kind = DatasetKind::Csv;
    next.data.user = data;
    adapt_to_dataset(next, previous);
    next.show_test = true;  // every point placed is drawn, the test ones too
    apply_config(app, next);
    for (std::size_t i = 0; i < app.runs.size() && i < params.size(); ++i) {
        Session& s = *app.runs[i].session;
        if (s.net().set_params(params[i])) s.params_changed();
    }
    app.playing = playing;
    app.csv.data = std::move(data);
    app.csv.link_without_data = false;
}

}  // namespace

bool points_editable(const AppState& app) {  // asked every frame: decided without copying the points
    const DatasetSpec& spec = app.config.data;
    if (spec.kind == DatasetKind::Csv) return spec.user && spec.user->plane;
    const Dataset& d = app.session().data();
    return d.input_dims == 2 && d.image_width == 0;
}

bool app_add_point(AppState& app, float x, float y, int label, float value) {
    const auto base = points_on_show(app);
    if (!base || !std::isfinite(x) || !std::isfinite(y)) return false;
    use_points(app, with_point(*base, x, y, label, value));
    return true;
}

bool app_remove_point(AppState& app, float x, float y) {
    const auto base = points_on_show(app);
    if (!base) return false;
    auto fewer = without_point(*base, x, y, 0.3f);  // within 0.3 of the plane's 12 units
    if (!fewer) return false;
    use_points(app, std::move(fewer));
    return true;
}

void app_clear_points(AppState& app) {
    const auto base = points_on_show(app);
    if (!base) return;
    use_points(app, empty_points(base->task == Task::Regression ? 0 : int(base->class_names.size())));
}

bool app_open_file(AppState& app, std::string name, std::string bytes, std::uint64_t size) {
    // A model file is JSON (an object); anything else is read as CSV, whatever its name.
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    const bool json = first != std::string::npos && bytes[first] == '{' && size <= kMaxModelBytes;
    if (json) return app_open_model(app, bytes);
    return csv_take_file(app, std::move(name), std::move(bytes), size);
}

}  // namespace nnp::app
