// Reading user data: a CSV file (pasted, dropped or named on the command line) becomes a table
// of cells, and the columns the user picks become numeric user data (dataset.hpp's UserData)
// that trains like any generated set. Our own RFC 4180 reader (quoted fields with commas, quotes
// and line breaks, CRLF) that also meets the files people really have: a UTF-8 byte-order mark,
// UTF-16 from a spreadsheet, ';' or tab as the separator (with decimal commas), blank lines,
// ragged rows. Nothing throws and nothing is fixed silently: every problem is a code with the
// file line and column it is about, its numbers and the offending cell, and says by its code
// what was done (the app words it). Sizes are capped before anything is allocated.
#pragma once

#include "dataset.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nnp {

constexpr std::size_t kMaxCsvBytes = 20u << 20;  // 20 MiB: a bigger file is refused unread
constexpr int kMaxCsvRows = 100000;              // data rows read; the rest are left out
constexpr int kMaxCsvInputs = 1024;              // input columns a network may take
constexpr int kMaxCsvColumns = kMaxCsvInputs + 1;
constexpr int kMaxCsvClasses = 10;               // a label column with more values cannot be classes
constexpr std::size_t kMaxCsvProblems = 50;      // listed one by one; the rest are counted

enum class CsvProblemCode {
    // Refused: nothing is read.
    TooBig,          // a: the file's bytes, b: kMaxCsvBytes
    NotText,         // a NUL byte in UTF-8 text: a binary file (a: its offset)
    Empty,           // no cell at all
    HeaderOnly,      // a header line and no data rows
    TooManyColumns,  // a: the widest line's columns, b: kMaxCsvColumns (line: that line)
    // Read differently from plain CSV, and said so.
    Utf16,           // a: 16 (little-endian) or 61 (big-endian); converted to UTF-8
    Separator,       // a: the separator found (';' or '\t'), used instead of ','
    DecimalComma,    // numbers like 1,5 read as 1.5 (a ';' or tab separated file); line/column: the first
    TooManyRows,     // a: rows kept (kMaxCsvRows), b: rows in the file; the rest are left out
    // A line left out: line and column name the cell.
    Ragged,          // a: the line's cells, b: the header's (or first line's) cells
    UnclosedQuote,   // a quote opened on `line` never closes: that line and the rest are left out
    Missing,         // an empty cell in a column the data uses
    NonNumeric,      // `cell` is not a number, in an input column (or a numeric target's)
    NotFinite,       // `cell` is NaN or infinite
    OutOfRange,      // `cell` is finite but beyond float32 (|x| > 3.4e38), e.g. 1e308
    // The choice of columns cannot make data.
    NoInputs,        // no input column chosen
    BadColumn,       // `cell` (a name or number) names no column of the table
    LabelIsInput,    // the label column `column` is also an input: left out of the inputs
    TooManyInputs,   // a: inputs chosen, b: kMaxCsvInputs
    OneClass,        // the label column has a single value (`cell`): nothing to tell apart
    TooManyClasses,  // a: distinct text labels, b: kMaxCsvClasses (numeric ones become regression)
    NoRows,          // every data row was left out
    MoreProblems,    // a: further problems not listed (after kMaxCsvProblems)
};

struct CsvProblem {
    CsvProblemCode code;
    int line = 0;          // 1-based line of the file (0: the whole file)
    int column = 0;        // 1-based column (0: the whole line)
    std::uint64_t a = 0, b = 0;
    std::string cell;      // the offending cell or name, at most kMaxProblemCell bytes, as text
};
constexpr std::size_t kMaxProblemCell = 40;

// True when the problem means nothing could be read (the user data was not made).
bool refuses(CsvProblemCode code);

// The cells of a CSV file: `columns` names (from its header, else "x1", "x2", ...; an empty
// header cell is named so too) and rows of
// exactly that many cells (ragged lines are left out), each row with its file line.
struct CsvTable {
    std::vector<std::string> columns;
    bool has_header = false;
    char separator = ',';
    std::vector<std::string> cells;  // rows x columns, row by row
    std::vector<int> lines;          // the file line each row starts on
    std::vector<CsvProblem> problems;
    bool ok = false;                 // false: refused (see problems)

    int rows() const { return static_cast<int>(lines.size()); }
    int cols() const { return static_cast<int>(columns.size()); }
    const std::string& cell(int row, int col) const {
        return cells[static_cast<std::size_t>(row) * columns.size() + static_cast<std::size_t>(col)];
    }
};

// Reads `bytes` (any encoding the header comment names). The header is the first line when one
// of its cells is not a number where the next line has a number (or when it is the only line and
// has no number at all).
CsvTable read_csv(std::string_view bytes);

// Which columns make the data: 0-based indices into table.columns.
enum class TargetKind { Auto, Classes, Regression };
struct CsvChoice {
    int label = -1;            // the target column; -1: the last
    std::vector<int> inputs;   // empty: every column but the label
    // Auto: text labels, or whole numbers with at most kMaxCsvClasses values, are classes;
    // other numbers are a regression target.
    TargetKind target = TargetKind::Auto;
};

// A column named by its header name or its 1-based number ("3"); -1 if none.
int find_column(const CsvTable& table, std::string_view name_or_number);

struct UserDataRead {
    std::shared_ptr<const UserData> data;  // null when refused
    std::vector<CsvProblem> problems;      // the table's problems, then the choice's
};

// The chosen columns as numbers. A row with a missing or unreadable cell in a used column is
// left out (named). Classes are numbered in sorted order: numbers by value, text bytewise.
UserDataRead make_user_data(const CsvTable& table, const CsvChoice& choice);

// Any data set's rows as user data: its inputs (the user's column names, else x1, x2, ...) and
// its classes (their names, else 0, 1, ...) or values, every row (training, validation, test).
UserData user_data_of(const Dataset& data);

// Writes a data set's rows (inputs, then the label or target) as CSV with a header; classes
// are written by their names. read_csv and make_user_data read it back to the same numbers.
std::string write_csv(const UserData& data);

}  // namespace nnp
