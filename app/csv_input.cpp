// The way in for the user's CSV data (see csv_input.hpp).
#include "csv_input.hpp"

#include "app_state.hpp"

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

bool app_open_file(AppState& app, std::string name, std::string bytes, std::uint64_t size) {
    // Only CSV files so far; whatever the name, the reader says what it finds.
    return csv_take_file(app, std::move(name), std::move(bytes), size);
}

}  // namespace nnp::app
