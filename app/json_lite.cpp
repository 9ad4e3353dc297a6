// Flat JSON objects: parser and writer helpers (see json_lite.hpp).
#include "json_lite.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnp::app {

namespace {

struct Reader {
    std::string_view s;
    std::size_t i = 0;

    void skip_space() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    }
    bool eat(char c) {
        skip_space();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    bool literal(std::string_view word) {
        if (s.substr(i, word.size()) != word) return false;
        i += word.size();
        return true;
    }
    std::optional<std::string> string() {
        skip_space();
        if (i >= s.size() || s[i] != '"') return std::nullopt;
        ++i;
        std::string out;
        while (i < s.size() && s[i] != '"') {
            char c = s[i++];
            if (c == '\\') {
                if (i >= s.size()) return std::nullopt;
                const char e = s[i++];
                switch (e) {
                    case '"': case '\\': case '/': out += e; break;
                    case 'n': out += '\n'; break;
                    case 't': out += '\t'; break;
                    case 'r': out += '\r'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    default: return std::nullopt;  // \u escapes are not needed by any command
                }
            } else {
                out += c;
            }
        }
        if (i >= s.size()) return std::nullopt;
        ++i;  // closing quote
        return out;
    }
    std::optional<double> number() {
        skip_space();
        const std::size_t start = i;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '-' ||
                                s[i] == '+' || s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
            ++i;
        if (start == i) return std::nullopt;
        const std::string text(s.substr(start, i - start));
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
        return v;
    }
    std::optional<JsonValue> value() {
        skip_space();
        if (i >= s.size()) return std::nullopt;
        JsonValue v;
        if (s[i] == '"') {
            auto t = string();
            if (!t) return std::nullopt;
            v.kind = JsonValue::Kind::String;
            v.text = std::move(*t);
        } else if (const bool is_true = literal("true"); is_true || literal("false")) {
            v.kind = JsonValue::Kind::Bool;
            v.boolean = is_true;
        } else if (literal("null")) {
            v.kind = JsonValue::Kind::Null;
        } else {
            auto n = number();
            if (!n) return std::nullopt;
            v.kind = JsonValue::Kind::Number;
            v.number = *n;
        }
        return v;
    }
};

}  // namespace

const JsonValue* JsonObject::find(std::string_view key) const {
    for (const auto& [k, v] : fields)
        if (k == key) return &v;
    return nullptr;
}

std::optional<std::string> JsonObject::string(std::string_view key) const {
    const JsonValue* v = find(key);
    if (!v || v->kind != JsonValue::Kind::String) return std::nullopt;
    return v->text;
}

std::optional<double> JsonObject::number(std::string_view key) const {
    const JsonValue* v = find(key);
    if (!v) return std::nullopt;
    if (v->kind == JsonValue::Kind::Number) return v->number;
    if (v->kind == JsonValue::Kind::Bool) return v->boolean ? 1.0 : 0.0;
    return std::nullopt;
}

std::optional<JsonObject> parse_json_object(std::string_view text) {
    Reader r{text};
    JsonObject obj;
    if (!r.eat('{')) return std::nullopt;
    if (!r.eat('}')) {
        do {
            auto key = r.string();
            if (!key || !r.eat(':')) return std::nullopt;
            auto v = r.value();
            if (!v) return std::nullopt;
            obj.fields.emplace_back(std::move(*key), std::move(*v));
        } while (r.eat(','));
        if (!r.eat('}')) return std::nullopt;
    }
    r.skip_space();
    if (r.i != text.size()) return std::nullopt;
    return obj;
}

void json_append_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

void json_append_number(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    out += buf;
}

}  // namespace nnp::app
