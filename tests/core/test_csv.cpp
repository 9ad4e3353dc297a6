// The user's data: the CSV reader on well-formed files (RFC 4180 quoting, header detection,
// separators, encodings), every file of the bad-data corpus (tests/fuzz/corpus_csv, which also
// seeds the CSV fuzzer) with the problem it must name, the choice of columns, the round trip
// through write_csv, and a data set made of it that trains with the page's defaults.
#include "config.hpp"
#include "csv.hpp"
#include "rng.hpp"
#include "session.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace nnp;

namespace {

std::string corpus_file(const std::string& name) {
    std::ifstream in(std::string(NNP_CSV_CORPUS) + "/" + name, std::ios::binary);
    REQUIRE(in.good());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const CsvProblem* find_problem(const std::vector<CsvProblem>& problems, CsvProblemCode code) {
    for (const CsvProblem& p : problems)
        if (p.code == code) return &p;
    return nullptr;
}

UserDataRead read_data(std::string_view text, CsvChoice choice = {}) {
    return make_user_data(read_csv(text), choice);
}

}  // namespace

TEST_CASE("csv: a header line is told apart from data by its text over numbers", "[csv]") {
    const CsvTable with = read_csv(corpus_file("good_header.csv"));
    REQUIRE(with.ok);
    CHECK(with.has_header);
    CHECK(with.columns == std::vector<std::string>{"size_cm", "weight_g", "ripe"});
    CHECK(with.rows() == 4);
    CHECK(with.lines == std::vector<int>{2, 3, 4, 5});
    CHECK(with.problems.empty());

    const CsvTable without = read_csv(corpus_file("good_no_header.csv"));
    REQUIRE(without.ok);
    CHECK_FALSE(without.has_header);
    CHECK(without.columns == std::vector<std::string>{"x1", "x2", "x3"});
    CHECK(without.rows() == 4);
    CHECK(without.cell(1, 0) == "-1.0");
}

TEST_CASE("csv: quoted fields keep separators, doubled quotes and line breaks", "[csv]") {
    const CsvTable t = read_csv(corpus_file("quoted.csv"));
    REQUIRE(t.ok);
    CHECK(t.columns == std::vector<std::string>{"name", "x", "label, with comma"});
    REQUIRE(t.rows() == 3);
    CHECK(t.cell(0, 0) == "a, b");
    CHECK(t.cell(0, 2) == "say \"hi\"");
    CHECK(t.cell(1, 0) == "line\nbreak");
    CHECK(t.lines == std::vector<int>{2, 3, 5});  // the quoted line break moves the next row down
}

TEST_CASE("csv: CRLF, a lone CR and a UTF-8 byte-order mark read like plain LF", "[csv]") {
    const CsvTable crlf = read_csv(corpus_file("bom_crlf.csv"));
    REQUIRE(crlf.ok);
    CHECK(crlf.columns == std::vector<std::string>{"x", "y", "label"});
    CHECK(crlf.rows() == 3);
    CHECK(crlf.cell(2, 2) == "a");
    const CsvTable cr = read_csv("x,y\r1,2\r3,4\r");
    REQUIRE(cr.ok);
    CHECK(cr.rows() == 2);
    CHECK(cr.lines == std::vector<int>{2, 3});
}

TEST_CASE("csv: UTF-16 either way round is converted, and said", "[csv]") {
    for (const char* name : {"utf16le.csv", "utf16be.csv"}) {
        const CsvTable t = read_csv(corpus_file(name));
        REQUIRE(t.ok);
        CHECK(t.columns == std::vector<std::string>{"x", "y", "label"});
        CHECK(t.rows() == 2);
        const CsvProblem* p = find_problem(t.problems, CsvProblemCode::Utf16);
        REQUIRE(p != nullptr);
        CHECK(p->a == (std::string(name) == "utf16le.csv" ? 16u : 61u));
    }
    // Hangul survives the conversion.
    const std::u16string korean = u"\uFEFF\uD06C\uAE30,\uB77C\uBCA8\n1,a\n2,b\n";
    std::string bytes;
    for (const char16_t c : korean) {
        bytes += static_cast<char>(c & 0xFF);
        bytes += static_cast<char>(c >> 8);
    }
    const CsvTable t = read_csv(bytes);
    REQUIRE(t.ok);
    CHECK(t.columns == std::vector<std::string>{"\xED\x81\xAC\xEA\xB8\xB0", "\xEB\x9D\xBC\xEB\xB2\xA8"});
}

TEST_CASE("csv: a semicolon file is detected, with its decimal commas", "[csv]") {
    const UserDataRead r = read_data(corpus_file("semicolon.csv"));
    REQUIRE(r.data);
    const CsvProblem* sep = find_problem(r.problems, CsvProblemCode::Separator);
    REQUIRE(sep != nullptr);
    CHECK(sep->a == std::uint64_t(';'));
    const CsvProblem* comma = find_problem(r.problems, CsvProblemCode::DecimalComma);
    REQUIRE(comma != nullptr);
    CHECK(comma->line == 2);
    CHECK(comma->column == 1);
    CHECK(r.data->x(0, 0) == 1.5f);
    CHECK(r.data->x(0, 1) == 2.25f);
    CHECK(r.data->x(2, 0) == 2.75f);
    CHECK(r.data->task == Task::BinaryClassification);

    const CsvTable tab = read_csv(corpus_file("tab.tsv"));
    REQUIRE(tab.ok);
    CHECK(tab.separator == '\t');
    CHECK(tab.columns == std::vector<std::string>{"x", "y", "class"});
}

// Each file of the bad-data corpus and what it must be answered with.
TEST_CASE("csv: every bad file gets its named problem, with line and column", "[csv]") {
    struct Expect {
        const char* file;
        CsvProblemCode code;
        int line, column;
        bool refused;   // no data made
        int rows;       // rows of data kept (when not refused)
    };
    const Expect cases[] = {
        {"empty.csv", CsvProblemCode::Empty, 0, 0, true, 0},
        {"blank_lines.csv", CsvProblemCode::Empty, 0, 0, true, 0},
        {"header_only.csv", CsvProblemCode::HeaderOnly, 1, 0, true, 0},
        {"ragged.csv", CsvProblemCode::Ragged, 3, 0, false, 2},
        {"non_numeric.csv", CsvProblemCode::NonNumeric, 3, 2, false, 2},
        {"missing.csv", CsvProblemCode::Missing, 2, 2, false, 2},
        {"nan_inf.csv", CsvProblemCode::NotFinite, 2, 2, false, 2},
        {"huge_value.csv", CsvProblemCode::OutOfRange, 2, 2, false, 2},
        {"one_class.csv", CsvProblemCode::OneClass, 0, 3, true, 0},
        {"many_classes.csv", CsvProblemCode::TooManyClasses, 0, 2, true, 0},
        {"unclosed_quote.csv", CsvProblemCode::UnclosedQuote, 4, 0, false, 2},
        {"binary.csv", CsvProblemCode::NotText, 0, 0, true, 0},
        {"wide_5000.csv", CsvProblemCode::TooManyColumns, 1, 0, true, 0},
        {"hex_and_spaces.csv", CsvProblemCode::NonNumeric, 2, 1, false, 2},
    };
    for (const Expect& e : cases) {
        INFO(e.file);
        const UserDataRead r = read_data(corpus_file(e.file));
        const CsvProblem* p = find_problem(r.problems, e.code);
        REQUIRE(p != nullptr);
        CHECK(p->line == e.line);
        CHECK(p->column == e.column);
        CHECK((r.data == nullptr) == e.refused);
        if (r.data) CHECK(r.data->rows() == e.rows);
    }
}

TEST_CASE("csv: the problems carry their numbers and the offending cell", "[csv]") {
    const UserDataRead ragged = read_data(corpus_file("ragged.csv"));
    const CsvProblem* short_line = find_problem(ragged.problems, CsvProblemCode::Ragged);
    REQUIRE(short_line != nullptr);
    CHECK(short_line->a == 2);
    CHECK(short_line->b == 3);
    CHECK(ragged.problems[1].code == CsvProblemCode::Ragged);
    CHECK(ragged.problems[1].line == 4);
    CHECK(ragged.problems[1].a == 4);

    const UserDataRead nan = read_data(corpus_file("nan_inf.csv"));
    int not_finite = 0;
    for (const CsvProblem& p : nan.problems) not_finite += p.code == CsvProblemCode::NotFinite;
    CHECK(not_finite == 3);
    CHECK(find_problem(nan.problems, CsvProblemCode::NotFinite)->cell == "NaN");
    CHECK(find_problem(read_data(corpus_file("huge_value.csv")).problems, CsvProblemCode::OutOfRange)->cell == "1e308");
    CHECK(find_problem(read_data(corpus_file("one_class.csv")).problems, CsvProblemCode::OneClass)->cell == "same");
    const CsvProblem* many = find_problem(read_data(corpus_file("many_classes.csv")).problems, CsvProblemCode::TooManyClasses);
    CHECK(many->a == 12);
    CHECK(many->b == std::uint64_t(kMaxCsvClasses));
    const CsvProblem* wide = find_problem(read_csv(corpus_file("wide_5000.csv")).problems, CsvProblemCode::TooManyColumns);
    CHECK(wide->a == 5000);
    CHECK(wide->b == std::uint64_t(kMaxCsvColumns));
    // A long cell is cut to kMaxProblemCell bytes.
    const UserDataRead long_cell = read_data("x,label\n" + std::string(500, 'z') + ",0\n1,1\n2,0\n");
    CHECK(find_problem(long_cell.problems, CsvProblemCode::NonNumeric)->cell.size() == kMaxProblemCell);
}

TEST_CASE("csv: a file over the size cap is refused before it is read", "[csv]") {
    const std::string big(kMaxCsvBytes + 1, '1');
    const CsvTable t = read_csv(big);
    CHECK_FALSE(t.ok);
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].code == CsvProblemCode::TooBig);
    CHECK(t.problems[0].a == kMaxCsvBytes + 1);
    CHECK(t.problems[0].b == kMaxCsvBytes);
    CHECK(t.cells.empty());
}

TEST_CASE("csv: rows beyond the cap are left out and counted", "[csv]") {
    std::string text = "x,label\n";
    for (int i = 0; i < kMaxCsvRows + 5; ++i) text += (i % 2 ? "1,a\n" : "2,b\n");
    const CsvTable t = read_csv(text);
    REQUIRE(t.ok);
    CHECK(t.rows() == kMaxCsvRows);
    const CsvProblem* p = find_problem(t.problems, CsvProblemCode::TooManyRows);
    REQUIRE(p != nullptr);
    CHECK(p->a == std::uint64_t(kMaxCsvRows));
    CHECK(p->b == std::uint64_t(kMaxCsvRows + 5));
}

TEST_CASE("csv: the list of problems is bounded and counts the rest", "[csv]") {
    std::string text = "x,label\n1,a\n2,b\n";
    for (int i = 0; i < 200; ++i) text += "oops,a\n";
    const UserDataRead r = read_data(text);
    REQUIRE(r.data);
    CHECK(r.data->rows() == 2);
    CHECK(r.problems.size() == kMaxCsvProblems + 1);
    CHECK(r.problems.back().code == CsvProblemCode::MoreProblems);
    CHECK(r.problems.back().a == 200 - kMaxCsvProblems);
}

TEST_CASE("csv: an HTML header is kept as the text it is", "[csv]") {
    const CsvTable t = read_csv(corpus_file("html_header.csv"));
    REQUIRE(t.ok);
    CHECK(t.columns[0] == "<b>x</b>");
    CHECK(t.columns[1] == "<script>alert(1)</script>");
}

TEST_CASE("csv: text labels and few whole numbers are classes in sorted order, other numbers a target",
          "[csv]") {
    const UserDataRead oysters = read_data(corpus_file("good_header.csv"));
    REQUIRE(oysters.data);
    const UserData& d = *oysters.data;
    CHECK(d.task == Task::BinaryClassification);
    CHECK(d.class_names == std::vector<std::string>{"no", "yes"});
    CHECK(d.label == std::vector<int>{0, 1, 1, 0});
    CHECK(d.input_names == std::vector<std::string>{"size_cm", "weight_g"});
    CHECK(d.target_name == "ripe");
    CHECK(d.x(1, 1) == 120.0f);

    const UserDataRead three = read_data("x,k\n1,3\n2,1\n3,2\n4,3\n");
    REQUIRE(three.data);
    CHECK(three.data->task == Task::MultiClassification);
    CHECK(three.data->class_names == std::vector<std::string>{"1", "2", "3"});
    CHECK(three.data->label == std::vector<int>{2, 0, 1, 2});

    const UserDataRead target = read_data(corpus_file("regression.csv"));
    REQUIRE(target.data);
    CHECK(target.data->task == Task::Regression);
    CHECK(target.data->class_names.empty());
    CHECK(target.data->value(3, 0) == 3.125f);

    // Whole numbers can be asked to be a target, and numbers to be classes.
    CsvChoice as_target;
    as_target.target = TargetKind::Regression;
    CHECK(read_data("x,k\n1,3\n2,1\n3,2\n", as_target).data->task == Task::Regression);
    CsvChoice as_classes;
    as_classes.target = TargetKind::Classes;
    CHECK(read_data(corpus_file("regression.csv"), as_classes).data->class_names.size() == 4);
}

TEST_CASE("csv: the label and the inputs are chosen by name or number", "[csv]") {
    const CsvTable t = read_csv(corpus_file("good_header.csv"));
    CHECK(find_column(t, "weight_g") == 1);
    CHECK(find_column(t, " ripe ") == 2);
    CHECK(find_column(t, "1") == 0);
    CHECK(find_column(t, "4") == -1);
    CHECK(find_column(t, "colour") == -1);

    CsvChoice choice;
    choice.label = 0;       // size_cm as a regression target
    choice.inputs = {1};    // from the weight
    const UserDataRead r = make_user_data(t, choice);
    REQUIRE(r.data);
    CHECK(r.data->task == Task::Regression);
    CHECK(r.data->inputs() == 1);
    CHECK(r.data->input_names == std::vector<std::string>{"weight_g"});

    choice.inputs = {0, 1};  // the label among the inputs: left out of them, and said
    const UserDataRead both = make_user_data(t, choice);
    REQUIRE(both.data);
    CHECK(both.data->inputs() == 1);
    CHECK(find_problem(both.problems, CsvProblemCode::LabelIsInput)->column == 1);

    choice.inputs = {0};
    const UserDataRead none = make_user_data(t, choice);
    CHECK(none.data == nullptr);
    CHECK(find_problem(none.problems, CsvProblemCode::NoInputs) != nullptr);
    choice.inputs = {7};
    CHECK(find_problem(make_user_data(t, choice).problems, CsvProblemCode::BadColumn)->cell == "8");
}

TEST_CASE("csv: written data reads back to the same numbers, names and classes", "[csv]") {
    for (const char* name : {"good_header.csv", "quoted.csv", "regression.csv", "semicolon.csv"}) {
        INFO(name);
        CsvChoice choice;
        if (std::string(name) == "quoted.csv") choice.inputs = {1};
        const UserDataRead first = read_data(corpus_file(name), choice);
        REQUIRE(first.data);
        const std::string text = write_csv(*first.data);
        const UserDataRead again = read_data(text);
        REQUIRE(again.data);
        const UserData &a = *first.data, &b = *again.data;
        CHECK(b.input_names == a.input_names);
        CHECK(b.target_name == a.target_name);
        CHECK(b.task == a.task);
        CHECK(b.class_names == a.class_names);
        CHECK(b.label == a.label);
        CHECK(checksum(b.x.data(), std::size_t(b.x.size())) == checksum(a.x.data(), std::size_t(a.x.size())));
        CHECK(checksum(b.value.data(), std::size_t(b.value.size())) ==
              checksum(a.value.data(), std::size_t(a.value.size())));
        CHECK(write_csv(b) == text);
    }
}

TEST_CASE("csv: the user's rows are shuffled and split from the seed like a generated set", "[csv]") {
    std::string text = "a,b,c,label\n";
    for (int i = 0; i < 40; ++i) text += std::to_string(i) + "," + std::to_string(2 * i) + ",1," + (i % 2 ? "odd" : "even") + "\n";
    DatasetSpec spec;
    spec.kind = DatasetKind::Csv;
    spec.user = read_data(text).data;
    REQUIRE(spec.user);
    spec.train_percent = 75.0f;
    const Dataset d = generate_dataset(spec);
    CHECK(d.size() == 40);
    CHECK(d.n_train == 30);
    CHECK(d.input_dims == 3);
    CHECK(d.num_classes == 2);
    CHECK(d.class_names == std::vector<std::string>{"even", "odd"});
    CHECK(d.input_names == std::vector<std::string>{"a", "b", "c"});
    // Every row is there once, with its label.
    std::vector<int> seen(40, 0);
    for (int r = 0; r < d.size(); ++r) {
        const int i = int(d.x(r, 0));
        ++seen[std::size_t(i)];
        CHECK(d.x(r, 1) == float(2 * i));
        CHECK(d.label[std::size_t(r)] == i % 2);
    }
    CHECK(seen == std::vector<int>(40, 1));
    CHECK(checksum(generate_dataset(spec).x.data(), 120) == checksum(d.x.data(), 120));
    spec.seed = 2;
    CHECK(checksum(generate_dataset(spec).x.data(), 120) != checksum(d.x.data(), 120));
    // Without rows (a link says data=csv and cannot carry them) the set is empty, not broken.
    spec.user = nullptr;
    const Dataset empty = generate_dataset(spec);
    CHECK(empty.size() == 0);
    CHECK(input_dims_of(spec) == 2);
}

// Four columns in units far from the plane's (a constant offset of 100 and one of 1000): with the
// page's defaults (standardised inputs, 4-2 tanh, SGD) the network finds the rule.
TEST_CASE("csv: a data set of four inputs learns with the page's defaults", "[csv][learning]") {
    std::string text = "p,q,r,s,kind\n";
    Rng rng = make_rng(7, RngStream::Data);
    for (int i = 0; i < 300; ++i) {
        const double a = rng.uniform(-1.0, 1.0), b = rng.uniform(-1.0, 1.0), c = rng.uniform(-1.0, 1.0);
        const bool up = a + 0.5 * b > 0.0;
        char row[160];
        std::snprintf(row, sizeof row, "%.4f,%.4f,%.4f,%.4f,%s\n", 100 + a, 1000 + 10 * b, c, a - b,
                      up ? "up" : "down");
        text += row;
    }
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::Csv;
    cfg.data.user = read_data(text).data;
    REQUIRE(cfg.data.user);
    cfg.normalization = default_normalization(cfg.data);
    CHECK(cfg.normalization == Normalization::Standardize);
    CHECK(validate(cfg).empty());
    CHECK(input_count(cfg) == 4);
    Session s(cfg);
    CHECK(s.net().fan_in(0) == 4);
    for (int e = 0; e < 100; ++e) s.train_epoch();
    CHECK(s.current().test_accuracy >= 0.95f);

    // The map is a slice over two chosen columns, the others at their training means.
    GridPictures grid;
    s.compute_grid(8, 8, grid, 0, 1);
    REQUIRE(grid.features.cols() == 4);
    CHECK(grid.features(0, 2) == s.held_inputs()[2]);
    CHECK(grid.features(0, 0) == grid.raw(0, 0));
    CHECK(grid.domain.x_min < 99.0f);
    CHECK(grid.domain.y_max > 1009.0f);
    CHECK(grid.output(s.net()).rows() == 64);
}

TEST_CASE("csv: numeric class names are the fewest digits that read back, so close labels stay apart", "[csv]") {
    // %.9g would name both 11111111110 and 11111111111 "1.11111111e+10": one class on the way
    // back from write_csv (the fuzzer's find).
    const UserDataRead r = read_data(corpus_file("close_numeric_classes.csv"));
    REQUIRE(r.data != nullptr);
    CHECK(r.data->class_names == std::vector<std::string>{"7", "11111111110", "11111111111"});
    CHECK(r.data->label == std::vector<int>{1, 2, 1, 0});
    CsvChoice same;
    same.target = TargetKind::Classes;
    const UserDataRead again = make_user_data(read_csv(write_csv(*r.data)), same);
    REQUIRE(again.data != nullptr);
    CHECK(again.data->label == r.data->label);
    CHECK(again.data->class_names == r.data->class_names);
}
