// The little JSON the JavaScript accessor needs: reading one flat object of string, number,
// boolean and null values (a command such as {"cmd":"set_dropout","layer":0,"value":0.5}) and
// writing numbers and strings safely. Never throws: bad input gives an empty result.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnp::app {

struct JsonValue {
    enum class Kind { Null, Bool, Number, String } kind = Kind::Null;
    bool boolean = false;
    double number = 0.0;
    std::string text;
};

struct JsonObject {
    std::vector<std::pair<std::string, JsonValue>> fields;
    const JsonValue* find(std::string_view key) const;
    std::optional<std::string> string(std::string_view key) const;
    std::optional<double> number(std::string_view key) const;  // also accepts true/false as 1/0
};

// Parses one flat object; nullopt on any syntax error, nesting, or trailing garbage.
std::optional<JsonObject> parse_json_object(std::string_view text);

// Appends `s` as a quoted JSON string.
void json_append_string(std::string& out, std::string_view s);
// Appends a number; NaN and infinities become null (JSON has no such numbers).
void json_append_number(std::string& out, double v);

}  // namespace nnp::app
