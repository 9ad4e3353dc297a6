// The CSV reader (csv.hpp): the bytes are first made UTF-8 (UTF-16 converted, a byte-order mark
// dropped), the separator is found on the first line, then one pass splits records the RFC 4180
// way (a quoted field may hold separators, "" for a quote, and line breaks; CRLF, LF and a lone
// CR all end a line). Numbers are read with strtod in the C locale (the same correctly rounded
// doubles in glibc and Emscripten's musl), so a file gives the same floats natively and in
// WebAssembly.
#include "csv.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace nnp {

namespace {

// Collects problems up to kMaxCsvProblems and counts the rest.
struct Problems {
    std::vector<CsvProblem>& list;
    std::uint64_t dropped = 0;

    void add(CsvProblemCode code, int line, int column, std::uint64_t a = 0, std::uint64_t b = 0,
             std::string_view cell = {}) {
        if (list.size() >= kMaxCsvProblems) {
            ++dropped;
            return;
        }
        list.push_back({code, line, column, a, b, std::string(cell.substr(0, kMaxProblemCell))});
    }
    void finish() {
        if (dropped > 0) list.push_back({CsvProblemCode::MoreProblems, 0, 0, dropped, 0, {}});
        dropped = 0;
    }
};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// UTF-16 (`big_endian` or not, any byte-order mark already skipped) as UTF-8; an unpaired
// surrogate becomes U+FFFD, an odd last byte is dropped.
std::string utf16_to_utf8(std::string_view in, bool big_endian) {
    std::string out;
    out.reserve(in.size() / 2);
    const auto unit = [&](std::size_t i) {
        const auto b0 = static_cast<unsigned char>(in[i]), b1 = static_cast<unsigned char>(in[i + 1]);
        return big_endian ? std::uint32_t(b0 << 8 | b1) : std::uint32_t(b1 << 8 | b0);
    };
    for (std::size_t i = 0; i + 1 < in.size(); i += 2) {
        std::uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < in.size()) {
            const std::uint32_t low = unit(i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
        }
        append_utf8(out, cp);
    }
    return out;
}

// 0: not UTF-16; 16: little-endian; 61: big-endian. By byte-order mark, else by the NUL bytes
// that ASCII text in UTF-16 has in every other byte.
int utf16_kind(std::string_view b) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    if (b.size() >= 2 && at(0) == 0xFF && at(1) == 0xFE) return 16;
    if (b.size() >= 2 && at(0) == 0xFE && at(1) == 0xFF) return 61;
    if (b.size() >= 4 && at(0) != 0 && at(1) == 0 && at(2) != 0 && at(3) == 0) return 16;
    if (b.size() >= 4 && at(0) == 0 && at(1) != 0 && at(2) == 0 && at(3) != 0) return 61;
    return 0;
}

// The separator of the first non-blank line: the most frequent of ',', ';' and tab outside
// quotes (',' on a tie, and for a one-column file).
char find_separator(std::string_view text) {
    int comma = 0, semicolon = 0, tab = 0;
    bool quoted = false, started = false;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') {
            if (started) break;
            continue;
        }
        started = true;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool equals_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) return false;
    }
    return true;
}

enum class NumberRead { Ok, Empty, NotNumber, NotFinite, OutOfRange };

// A decimal number (sign, digits with at most one point, an optional exponent), nothing else:
// no hex, no "inf" (NotFinite), no thousands separators. `decimal_comma` lets one ',' stand for
// the point (for ';' or tab separated files); `used_comma` says it did.
NumberRead read_number(std::string_view raw, bool decimal_comma, double& out, bool* used_comma = nullptr) {
    std::string_view s = trim(raw);
    if (s.empty()) return NumberRead::Empty;
    std::string_view body = s;
    if (body.front() == '+' || body.front() == '-') body.remove_prefix(1);
    for (const char* word : {"nan", "inf", "infinity"})
        if (equals_nocase(body, word)) return NumberRead::NotFinite;
    char buf[64];
    if (s.size() >= sizeof buf) return NumberRead::NotNumber;
    std::size_t i = 0, n = 0;
    bool digits = false, point = false, comma = false;
    if (s[i] == '+' || s[i] == '-') buf[n++] = s[i++];
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c == '.' && !point) {
            point = true;
        } else if (c == ',' && decimal_comma && !point) {
            point = comma = true;
            buf[n++] = '.';
            continue;
        } else {
            break;
        }
        buf[n++] = c;
    }
    if (!digits) return NumberRead::NotNumber;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        buf[n++] = s[i++];
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) buf[n++] = s[i++];
        bool exp_digits = false;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            buf[n++] = s[i];
            exp_digits = true;
        }
        if (!exp_digits) return NumberRead::NotNumber;
    }
    if (i != s.size()) return NumberRead::NotNumber;
    buf[n] = '\0';
    const double v = std::strtod(buf, nullptr);
    if (!std::isfinite(v) || std::abs(v) > double(FLT_MAX)) return NumberRead::OutOfRange;
    out = v;
    if (used_comma) *used_comma = comma;
    return NumberRead::Ok;
}

bool is_number(std::string_view s, bool decimal_comma) {
    double v = 0;
    return read_number(s, decimal_comma, v) == NumberRead::Ok;
}

// Splits `text` into records. `emit(fields, line)` gets each non-blank record and its first
// line; returns false to stop (a refused file). Returns the line of an unclosed quote, or 0.
template <class Emit>
int split_records(std::string_view text, char sep, Emit&& emit) {
    std::vector<std::string> fields;
    std::string field;
    int line = 1, record_line = 1;
    bool quoted = false, was_quoted = false;
    const auto end_record = [&]() {
        fields.push_back(std::move(field));
        field.clear();
        const bool blank = fields.size() == 1 && trim(fields[0]).empty() && !was_quoted;
        bool go_on = true;
        if (!blank) go_on = emit(fields, record_line);
        fields.clear();
        was_quoted = false;
        return go_on;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && trim(field).empty()) {
            quoted = was_quoted = true;
            field.clear();  // spaces before an opening quote are not part of the field
        } else if (c == sep) {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (!end_record()) return 0;
            record_line = ++line;
        } else {
            field += c;
        }
    }
    if (quoted) return record_line;
    if (!field.empty() || !fields.empty() || was_quoted) end_record();
    return 0;
}

}  // namespace

bool refuses(CsvProblemCode code) {
    switch (code) {
        case CsvProblemCode::TooBig:
        case CsvProblemCode::NotText:
        case CsvProblemCode::Empty:
        case CsvProblemCode::HeaderOnly:
        case CsvProblemCode::TooManyColumns:
        case CsvProblemCode::NoInputs:
        case CsvProblemCode::BadColumn:
        case CsvProblemCode::TooManyInputs:
        case CsvProblemCode::OneClass:
        case CsvProblemCode::TooManyClasses:
        case CsvProblemCode::NoRows: return true;
        default: return false;
    }
}

CsvTable read_csv(std::string_view bytes) {
    CsvTable table;
    Problems problems{table.problems};
    if (bytes.size() > kMaxCsvBytes) {
        problems.add(CsvProblemCode::TooBig, 0, 0, bytes.size(), kMaxCsvBytes);
        return table;
    }
    std::string converted;
    std::string_view text = bytes;
    if (const int kind = utf16_kind(bytes)) {
        const bool bom = static_cast<unsigned char>(bytes[0]) == 0xFF || static_cast<unsigned char>(bytes[0]) == 0xFE;
        converted = utf16_to_utf8(bytes.substr(bom ? 2 : 0), kind == 61);
        text = converted;
        problems.add(CsvProblemCode::Utf16, 0, 0, std::uint64_t(kind));
    }
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        problems.add(CsvProblemCode::NotText, 0, 0, nul);
        return table;
    }
    table.separator = find_separator(text);
    const bool decimal_comma = table.separator != ',';
    if (table.separator != ',') problems.add(CsvProblemCode::Separator, 1, 0, std::uint64_t(table.separator));

    // The first record fixes the width; the second decides whether the first is a header.
    std::vector<std::string> first;
    int first_line = 0;
    int width = 0;
    std::uint64_t rows_in_file = 0;
    bool refused = false;
    const auto add_row = [&](std::vector<std::string>& fields, int line) {
        table.lines.push_back(line);
        for (std::string& f : fields) table.cells.push_back(std::move(f));
    };
    const int unclosed = split_records(text, table.separator, [&](std::vector<std::string>& fields, int line) {
        if (first_line == 0) {
            if (fields.size() > std::size_t(kMaxCsvColumns)) {
                problems.add(CsvProblemCode::TooManyColumns, line, 0, fields.size(), std::uint64_t(kMaxCsvColumns));
                refused = true;
                return false;
            }
            width = static_cast<int>(fields.size());
            first = std::move(fields);
            first_line = line;
            return true;
        }
        if (fields.size() != std::size_t(width)) {
            problems.add(CsvProblemCode::Ragged, line, 0, fields.size(), std::uint64_t(width));
            return true;
        }
        if (table.lines.empty() && table.columns.empty()) {
            // Decide on the header with the first full second line.
            bool header = false;
            for (int j = 0; j < width; ++j) {
                const std::string_view a = trim(first[std::size_t(j)]);
                if (!a.empty() && !is_number(a, decimal_comma) && is_number(fields[std::size_t(j)], decimal_comma))
                    header = true;
            }
            table.has_header = header;
            if (header) {
                for (int j = 0; j < width; ++j) {
                    const std::string_view name = trim(first[std::size_t(j)]);
                    table.columns.push_back(name.empty() ? "x" + std::to_string(j + 1) : std::string(name));
                }
            } else {
                for (int j = 0; j < width; ++j) table.columns.push_back("x" + std::to_string(j + 1));
                ++rows_in_file;
                add_row(first, first_line);
            }
        }
        ++rows_in_file;
        if (table.rows() < kMaxCsvRows) add_row(fields, line);
        return true;
    });
    if (refused) return table;
    if (unclosed > 0) problems.add(CsvProblemCode::UnclosedQuote, unclosed, 0);
    if (first_line == 0) {
        problems.add(CsvProblemCode::Empty, 0, 0);
        problems.finish();
        return table;
    }
    if (table.columns.empty()) {
        // A single line: a header without data if it holds no number, else one data row.
        bool any_number = false;
        for (const std::string& f : first) any_number = any_number || is_number(f, decimal_comma);
        if (!any_number) {
            problems.add(CsvProblemCode::HeaderOnly, first_line, 0);
            problems.finish();
            return table;
        }
        for (int j = 0; j < width; ++j) table.columns.push_back("x" + std::to_string(j + 1));
        rows_in_file = 1;
        add_row(first, first_line);
    }
    if (table.has_header && table.rows() == 0) {
        problems.add(CsvProblemCode::HeaderOnly, first_line, 0);
        problems.finish();
        return table;
    }
    if (rows_in_file > std::uint64_t(table.rows()))
        problems.add(CsvProblemCode::TooManyRows, 0, 0, std::uint64_t(table.rows()), rows_in_file);
    problems.finish();
    table.ok = true;
    return table;
}

int find_column(const CsvTable& table, std::string_view name) {
    const std::string_view s = trim(name);
    for (int j = 0; j < table.cols(); ++j)
        if (table.columns[std::size_t(j)] == s) return j;
    if (s.empty() || s.size() > 9) return -1;
    int n = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    return n >= 1 && n <= table.cols() ? n - 1 : -1;
}

UserDataRead make_user_data(const CsvTable& table, const CsvChoice& choice) {
    UserDataRead result;
    result.problems = table.problems;
    result.problems.erase(std::remove_if(result.problems.begin(), result.problems.end(),
                                         [](const CsvProblem& p) { return p.code == CsvProblemCode::MoreProblems; }),
                          result.problems.end());
    Problems problems{result.problems};
    const auto refuse = [&](CsvProblemCode code, int column, std::uint64_t a = 0, std::uint64_t b = 0,
                            std::string_view cell = {}) {
        problems.add(code, 0, column, a, b, cell);
        problems.finish();
        return result;
    };
    if (!table.ok) {
        problems.finish();
        return result;
    }
    const int cols = table.cols();
    const int label = choice.label < 0 ? cols - 1 : choice.label;
    if (label >= cols) return refuse(CsvProblemCode::BadColumn, 0, 0, 0, std::to_string(label + 1));
    std::vector<int> inputs;
    if (choice.inputs.empty()) {
        for (int j = 0; j < cols; ++j)
            if (j != label) inputs.push_back(j);
    } else {
        for (const int j : choice.inputs) {
            if (j < 0 || j >= cols) return refuse(CsvProblemCode::BadColumn, 0, 0, 0, std::to_string(j + 1));
            if (j == label) {
                problems.add(CsvProblemCode::LabelIsInput, 0, j + 1, 0, 0, table.columns[std::size_t(j)]);
                continue;
            }
            if (std::find(inputs.begin(), inputs.end(), j) == inputs.end()) inputs.push_back(j);
        }
    }
    if (inputs.empty()) return refuse(CsvProblemCode::NoInputs, 0);
    if (inputs.size() > std::size_t(kMaxCsvInputs))
        return refuse(CsvProblemCode::TooManyInputs, 0, inputs.size(), std::uint64_t(kMaxCsvInputs));

    // Is the target classes or a value? Text labels are classes; numbers are classes when they
    // are whole and few.
    const bool decimal_comma = table.separator != ',';
    bool text_labels = false, whole = true;
    std::map<double, int> numeric_values;
    for (int r = 0; r < table.rows(); ++r) {
        double v = 0;
        const NumberRead read = read_number(table.cell(r, label), decimal_comma, v);
        if (read == NumberRead::NotNumber) text_labels = true;
        if (read != NumberRead::Ok) continue;
        whole = whole && v == std::floor(v);
        if (numeric_values.size() <= std::size_t(kMaxCsvClasses)) numeric_values.emplace(v, 0);
    }
    bool classes = false;
    switch (choice.target) {
        case TargetKind::Auto:
            classes = text_labels || (whole && numeric_values.size() <= std::size_t(kMaxCsvClasses));
            break;
        case TargetKind::Classes: classes = true; break;
        case TargetKind::Regression: classes = false; break;
    }

    auto data = std::make_shared<UserData>();
    for (const int j : inputs) data->input_names.push_back(table.columns[std::size_t(j)]);
    data->target_name = table.columns[std::size_t(label)];
    std::vector<float> x;
    x.reserve(std::size_t(table.rows()) * inputs.size());
    std::vector<std::string> text_class;  // classification: each kept row's label text
    std::vector<double> target;           // numeric classes or regression: each kept row's value
    bool reported_comma = false;
    for (int r = 0; r < table.rows(); ++r) {
        const int line = table.lines[std::size_t(r)];
        const auto bad = [&](NumberRead read, int column, const std::string& cell) {
            const CsvProblemCode code = read == NumberRead::Empty       ? CsvProblemCode::Missing
                                        : read == NumberRead::NotFinite ? CsvProblemCode::NotFinite
                                        : read == NumberRead::OutOfRange ? CsvProblemCode::OutOfRange
                                                                         : CsvProblemCode::NonNumeric;
            problems.add(code, line, column + 1, 0, 0, cell);
        };
        bool keep = true;
        const std::size_t start = x.size();
        for (const int j : inputs) {
            double v = 0;
            bool comma = false;
            const NumberRead read = read_number(table.cell(r, j), decimal_comma, v, &comma);
            if (read != NumberRead::Ok) {
                bad(read, j, table.cell(r, j));
                keep = false;
                break;
            }
            if (comma && !reported_comma) {
                problems.add(CsvProblemCode::DecimalComma, line, j + 1, 0, 0, table.cell(r, j));
                reported_comma = true;
            }
            x.push_back(static_cast<float>(v));
        }
        const std::string& cell = table.cell(r, label);
        double v = 0;
        if (keep && !classes) {
            const NumberRead read = read_number(cell, decimal_comma, v);
            if (read != NumberRead::Ok) {
                bad(read, label, cell);
                keep = false;
            }
        } else if (keep && trim(cell).empty()) {
            bad(NumberRead::Empty, label, cell);
            keep = false;
        }
        if (!keep) {
            x.resize(start);
            continue;
        }
        if (classes) text_class.emplace_back(trim(cell));
        else target.push_back(v);
    }
    const int n = static_cast<int>(x.size() / inputs.size());
    if (n == 0) return refuse(CsvProblemCode::NoRows, 0);

    if (classes) {
        // Class names in sorted order: by value when every kept label is a number (then named
        // in their shortest form, so 1 and 1.0 are one class), else bytewise.
        bool numeric_classes = true;
        for (const std::string& t : text_class) {
            double v = 0;
            if (read_number(t, decimal_comma, v) != NumberRead::Ok) {
                numeric_classes = false;
                break;
            }
            target.push_back(v);
        }
        std::vector<std::string> names;
        std::vector<double> values;
        if (numeric_classes) {
            values = target;
            std::sort(values.begin(), values.end());
            values.erase(std::unique(values.begin(), values.end()), values.end());
            // The fewest digits that read back as the value: two classes never share a name
            // (%.9g made 11111111110 and 11111111111 one name, the fuzzer found).
            // Whole numbers as integers (11111111110, not 1.111111111e+10).
            for (const double value : values) {
                char buf[40];
                if (value == std::floor(value) && std::fabs(value) < 1e15) {
                    std::snprintf(buf, sizeof buf, "%.0f", value == 0.0 ? 0.0 : value);  // no "-0"
                } else {
                    for (int digits = 1; digits <= 17; ++digits) {
                        std::snprintf(buf, sizeof buf, "%.*g", digits, value);
                        if (std::strtod(buf, nullptr) == value) break;
                    }
                }
                names.emplace_back(buf);
            }
        } else {
            names = text_class;
            std::sort(names.begin(), names.end());
            names.erase(std::unique(names.begin(), names.end()), names.end());
        }
        if (names.size() == 1) return refuse(CsvProblemCode::OneClass, label + 1, 0, 0, names[0]);
        if (names.size() > std::size_t(kMaxCsvClasses))
            return refuse(CsvProblemCode::TooManyClasses, label + 1, names.size(), std::uint64_t(kMaxCsvClasses));
        data->label.resize(std::size_t(n));
        for (int r = 0; r < n; ++r) {
            const auto i = std::size_t(r);
            const std::ptrdiff_t k =
                numeric_classes ? std::lower_bound(values.begin(), values.end(), target[i]) - values.begin()
                                : std::lower_bound(names.begin(), names.end(), text_class[i]) - names.begin();
            data->label[i] = static_cast<int>(k);
        }
        data->task = names.size() == 2 ? Task::BinaryClassification : Task::MultiClassification;
        data->class_names = std::move(names);
    } else {
        data->task = Task::Regression;
        data->value.resize(n, 1);  // n x 1
        for (int r = 0; r < n; ++r) data->value(r, 0) = static_cast<float>(target[std::size_t(r)]);
    }
    data->x = Eigen::Map<const Matrix>(x.data(), n, static_cast<Eigen::Index>(inputs.size()));  // n x inputs
    problems.finish();
    result.data = std::move(data);
    return result;
}

namespace {

void write_field(std::string& out, std::string_view s) {
    // Bytes 0xFF and 0xFE are never UTF-8; quoted, a name that starts with them (or with a UTF-8
    // byte-order mark) does not read back as a byte-order mark.
    const bool quote = s.find_first_of(",;\t\"\r\n\xFF\xFE") != std::string_view::npos ||
                       s.starts_with("\xEF\xBB\xBF") || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) {
        out += s;
        return;
    }
    out += '"';
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

UserData user_data_of(const Dataset& data) {
    UserData out;
    out.task = data.task;
    out.input_names = data.input_names;
    for (int j = int(out.input_names.size()); j < data.input_dims; ++j) out.input_names.push_back("x" + std::to_string(j + 1));
    out.target_name = data.target_name.empty() ? (data.task == Task::Regression ? "value" : "label") : data.target_name;
    out.x = data.x;
    if (data.task == Task::Regression) {
        out.value = data.value;
    } else {
        out.label = data.label;
        out.class_names = data.class_names;
        for (int k = int(out.class_names.size()); k < std::max(data.num_classes, 2); ++k)
            out.class_names.push_back(std::to_string(k));
    }
    return out;
}

std::string write_csv(const UserData& data) {
    std::string out;
    for (const std::string& name : data.input_names) {
        write_field(out, name);
        out += ',';
    }
    write_field(out, data.target_name);
    out += '\n';
    char buf[32];
    for (int r = 0; r < data.rows(); ++r) {
        for (int j = 0; j < data.inputs(); ++j) {
            std::snprintf(buf, sizeof buf, "%.9g,", double(data.x(r, j)));
            out += buf;
        }
        if (data.task == Task::Regression) {
            std::snprintf(buf, sizeof buf, "%.9g", double(data.value(r, 0)));
            out += buf;
        } else {
            write_field(out, data.class_names[std::size_t(data.label[std::size_t(r)])]);
        }
        out += '\n';
    }
    return out;
}

}  // namespace nnp
