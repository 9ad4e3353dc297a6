// libFuzzer target for the CSV reader: any bytes must read without a crash, a hang or a
// sanitizer report, into a table whose rows all have the header's width, a bounded problem list
// of cells cut short, and user data whose numbers are finite and whose classes are in range; the
// data written back as CSV must read to the same numbers. Built like fuzz_decode_config.
#include "csv.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_read_csv: invariant broken: %s\n", what);
    std::abort();
}

void check_problems(const std::vector<nnp::CsvProblem>& problems) {
    require(problems.size() <= 2 * nnp::kMaxCsvProblems + 2, "the problem list is bounded");
    for (const nnp::CsvProblem& p : problems) require(p.cell.size() <= nnp::kMaxProblemCell, "cells are cut short");
}

// Whether a header name could be read as a number: a header whose every input is named so cannot
// be told from a data line (read_csv's rule), so such data is not written back and compared.
bool numeric_looking(const std::string& name) {
    std::string lower;
    for (const char c : name)
        if (c != ' ' && c != '\t' && c != '+' && c != '-') lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower == "nan" || lower == "inf" || lower == "infinity") return true;
    return lower.find_first_not_of("0123456789.,e") == std::string::npos;
}

void check_data(const nnp::UserData& d) {
    require(d.rows() > 0 && d.inputs() >= 1 && d.inputs() <= nnp::kMaxCsvInputs, "data has rows and inputs");
    require(int(d.input_names.size()) == d.inputs(), "every input has a name");
    for (Eigen::Index i = 0; i < d.x.size(); ++i) require(std::isfinite(d.x.data()[i]), "inputs are finite");
    if (d.task == nnp::Task::Regression) {
        require(d.value.rows() == d.rows() && d.class_names.empty(), "a target per row");
        for (int r = 0; r < d.rows(); ++r) require(std::isfinite(d.value(r, 0)), "targets are finite");
    } else {
        const int k = int(d.class_names.size());
        require(k >= 2 && k <= nnp::kMaxCsvClasses && int(d.label.size()) == d.rows(), "classes fit");
        for (const int c : d.label) require(c >= 0 && c < k, "labels are class indices");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(bytes), size);
    const nnp::CsvTable table = nnp::read_csv(text);
    check_problems(table.problems);
    if (!table.ok) return 0;
    require(table.cols() >= 1 && table.cols() <= nnp::kMaxCsvColumns, "the width is capped");
    require(table.cells.size() == std::size_t(table.rows()) * std::size_t(table.cols()), "rows are full");
    // The default choice, and the first column as a forced regression target.
    nnp::CsvChoice choice;
    for (int pass = 0; pass < 2; ++pass) {
        const nnp::UserDataRead read = nnp::make_user_data(table, choice);
        check_problems(read.problems);
        bool header_readable = false;
        if (read.data)
            for (const std::string& name : read.data->input_names) header_readable |= !numeric_looking(name);
        if (read.data) check_data(*read.data);
        if (read.data && header_readable) {
            nnp::CsvChoice same;  // the written file's last column, of the same kind
            same.target = read.data->task == nnp::Task::Regression ? nnp::TargetKind::Regression
                                                                   : nnp::TargetKind::Classes;
            const nnp::UserDataRead again = nnp::make_user_data(nnp::read_csv(nnp::write_csv(*read.data)), same);
            require(again.data != nullptr, "written data reads back");
            require(again.data->rows() == read.data->rows(), "written data keeps its rows");
            require(again.data->x == read.data->x, "written data keeps its numbers");
            require(again.data->label == read.data->label && again.data->value == read.data->value,
                    "written data keeps its classes and targets");
        }
        choice.label = 0;
        choice.target = nnp::TargetKind::Regression;
    }
    return 0;
}
