// One table per enumeration gives each value its code name (stable, used by the command line,
// the string table and tests), an English label and its URL token, so that the UI, the link
// codec and the docs can never disagree. Each enum's table lives next to the enum's concept
// (activation.cpp, loss.cpp, ...) as a specialisation of enum_table<E>().
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace nnp {

template <typename E>
struct EnumEntry {
    E value;
    const char* code;   // e.g. "leaky_relu"
    const char* label;  // English label; the app's string table may translate by code
    const char* url;    // short token for links, e.g. "lrelu"
};

template <typename E>
std::span<const EnumEntry<E>> enum_table();

template <typename E>
const EnumEntry<E>* enum_entry(E value) {
    for (const auto& e : enum_table<E>())
        if (e.value == value) return &e;
    return nullptr;
}

template <typename E>
const char* enum_code(E value) {
    const auto* e = enum_entry(value);
    return e ? e->code : "?";
}

template <typename E>
const char* enum_label(E value) {
    const auto* e = enum_entry(value);
    return e ? e->label : "?";
}

template <typename E>
const char* enum_url(E value) {
    const auto* e = enum_entry(value);
    return e ? e->url : "?";
}

// Accepts the code name or the URL token.
template <typename E>
std::optional<E> enum_parse(std::string_view text) {
    for (const auto& e : enum_table<E>())
        if (text == e.code || text == e.url) return e.value;
    return std::nullopt;
}

}  // namespace nnp
