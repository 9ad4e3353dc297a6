// The table of config fields: one row per field of ExperimentConfig gives its URL key, its name
// in the accessor's JSON, the string ids of its label and tooltip in the app's string table, its
// type and allowed range (or enum table), its default (a constant, or one that follows other
// fields, such as the output activation following the task), and what changing it does to a
// running session. The link reader and writer, validate(), the accessor's JSON, the UI's slider
// ranges, needs_rebuild() and the README's key table all read these rows, so adding a field is
// adding a row. Compound fields (the feature list and the hidden layers) have rows too; their
// text form is written by the codec.
#pragma once

#include "config.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace nnp {

enum class FieldType {
    Float,     // a number; links write the shortest decimal that reads back exactly
    Int,       // a whole number
    Bool,      // 0 or 1
    Seed,      // a whole number in [0, 2^32 - 1]
    Enum,      // one of an enum table's URL tokens (its code name is read too)
    Features,  // a comma-separated list of feature tokens
    Network,   // hidden layers: width:activation[:dropout],... or none
    Race,      // runs side by side: key:value,value,... (race.hpp)
};

enum class FieldApply {
    Live,     // the running session takes it at once (optimizer, rates, batch size, ...)
    Reseed,   // new initial weights on the same data
    Rebuild,  // new data or a new network
    Display,  // drawing only; training never sees it
};

// An enum's table seen without its type (for the generic reader, writer and UI).
struct EnumValues {
    std::size_t (*size)();
    int (*value)(std::size_t i);
    const char* (*code)(std::size_t i);
    const char* (*url)(std::size_t i);
    const char* (*label)(std::size_t i);
};

struct Field {
    const char* key;    // URL key and nnp_run's key=value, e.g. "lr"
    const char* json;   // name in the accessor's config JSON, e.g. "optimizer.learning_rate"
    const char* label;  // id of the label in the app's string table, e.g. "LearningRate"
    const char* tip;    // id of the tooltip in the app's string table
    const char* doc;    // one line for the README's key table
    FieldType type;
    double lo, hi;      // allowed range (Float, Int, Seed; Network: number of hidden layers)
    FieldApply apply;
    // The value as a double (exact for every type here: floats, ints, seeds, enum values as
    // their int, bools as 0/1, the feature mask). Null for Network and Race.
    double (*get)(const ExperimentConfig&);
    void (*set)(ExperimentConfig&, double);
    const EnumValues* values;                            // Enum only
    double (*derived_default)(const ExperimentConfig&);  // null: ExperimentConfig{}'s value
    const char* follows = nullptr;  // what a derived default follows (also the network's, special-cased)
};

std::span<const Field> config_fields();
const Field* find_field(std::string_view key);  // by URL key; null if there is none
const Field& field(std::string_view key);       // by URL key; a programmer error if missing

// The shortest decimal that reads back to exactly `v`, without an exponent for magnitudes in
// [1e-4, 1e6] (0.003, 10, 70), else in the shortest e-notation (1e-7).
std::string format_number(float v);

// The field's default for this config (derived defaults follow the fields they depend on).
double field_default(const Field& f, const ExperimentConfig& cfg);
bool at_default(const Field& f, const ExperimentConfig& cfg);

// The field's value in link text (URL tokens for enums; features and layers as lists).
std::string field_text(const Field& f, const ExperimentConfig& cfg);

// After an edit from `before` to `after` (e.g. the user picked another data set), every field
// with a derived default that the edit left alone and that sat at its default in `before` moves
// to its default in `after`: a new task brings its output and loss, the oyster set its
// normalisation and single input, early stopping its validation share.
void follow_defaults(const ExperimentConfig& before, ExperimentConfig& after);

// Sets every derived-default field that is not in `given` (URL keys) to its default, in table
// order (so the loss follows the output that was just settled). The link reader's last step.
void settle_defaults(ExperimentConfig& cfg, std::span<const std::string_view> given);

// The README's key table (Markdown), generated from the rows: key, JSON name, type and range,
// default, and what a change does. A test keeps README.md equal to it.
std::string fields_markdown();

}  // namespace nnp
