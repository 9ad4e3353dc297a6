// Encoding and decoding of the experiment config as key=value text (see config_codec.hpp).
// Enumeration values are written as the URL tokens of their enum tables; weights as base64url of
// little-endian float32. TF Playground links are routed to tf_link.cpp.
#include "config_codec.hpp"

#include "fields.hpp"
#include "tf_link.hpp"
#include "user_points.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>

namespace nnp {

// ---- building blocks shared with tf_link.cpp ----
namespace link_text {

namespace {

constexpr std::size_t kMaxNumberLength = 40;  // longer "numbers" are malformed (no 1 MB copies)

bool is_separator(char c) { return c == '&' || c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// One pass, never decodes twice ("%2541" gives "%41"); `out` is reused.
void percent_decode(std::string_view in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size()) {
            const int hi = hex_digit(in[i + 1]), lo = hex_digit(in[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += in[i];
    }
}

}  // namespace

std::string_view fragment_of(std::string_view text) {
    std::size_t at = text.find('#');
    if (at == std::string_view::npos) at = text.find('?');
    return at == std::string_view::npos ? text : text.substr(at + 1);
}

bool PairWalker::next() {
    std::size_t i = 0;
    while (i < rest_.size() && is_separator(rest_[i])) ++i;
    if (i == rest_.size()) {
        rest_ = {};
        return false;
    }
    std::size_t end = i;
    while (end < rest_.size() && !is_separator(rest_[end])) ++end;
    const std::string_view piece = rest_.substr(i, end - i);
    rest_.remove_prefix(end);
    const std::size_t eq = piece.find('=');
    has_equals_ = eq != std::string_view::npos;
    percent_decode(piece.substr(0, eq), key_);
    percent_decode(has_equals_ ? piece.substr(eq + 1) : std::string_view{}, value_);
    return true;
}

bool parse_double(std::string_view text, double& out) {
    if (text.empty() || text.size() > kMaxNumberLength) return false;
    // strtod skips leading whitespace; a value is the number and nothing else.
    if (text.front() == ' ' || (text.front() >= '\t' && text.front() <= '\r')) return false;
    char buf[kMaxNumberLength + 1];
    text.copy(buf, text.size());
    buf[text.size()] = '\0';
    if (std::strlen(buf) != text.size()) return false;  // an embedded NUL (from %00)
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(buf, &end);
    if (end != buf + text.size()) return false;
    // "1e999" overflows to infinity: keep it a huge finite number, so that it is clamped and
    // named like any other out-of-range value (only "inf" itself reads as infinity).
    if (errno == ERANGE && std::isinf(v)) v = std::copysign(std::numeric_limits<double>::max(), v);
    out = v;  // may be inf/nan or huge: the callers and validation report it
    return true;
}

bool parse_float(std::string_view text, float& out) {
    double v;
    if (!parse_double(text, v)) return false;
    constexpr double kMax = std::numeric_limits<float>::max();
    if (std::isfinite(v)) v = std::fmax(std::fmin(v, kMax), -kMax);
    out = static_cast<float>(v);
    return true;
}

bool parse_int(std::string_view text, int& out) {
    double v;
    if (!parse_double(text, v) || !std::isfinite(v) || v != std::floor(v)) return false;
    out = static_cast<int>(std::fmax(std::fmin(v, 2147483647.0), -2147483648.0));
    return true;
}

int base64url_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::string clip(std::string_view text) {
    constexpr std::size_t kMaxShown = 32;
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string s;
    for (std::size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool plain = c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '\'' &&
                           c != '&' && c != '%';
        if (plain) {
            s += static_cast<char>(c);
        } else {
            s += '%';
            s += kHex[c >> 4];
            s += kHex[c & 15];
        }
    }
    if (text.size() > kMaxShown) s += "...";
    return s;
}

void IssueList::add(IssueCode code, std::string field, IssueText text, std::vector<std::string> args) {
    if (out_.size() < kMaxListed) out_.push_back({code, std::move(field), text, std::move(args)});
    else ++dropped_;
}

void IssueList::malformed(std::string_view key, std::string_view value, IssueText what) {
    if (out_.size() >= kMaxListed) return void(++dropped_);
    const std::string k = clip(key);
    add(IssueCode::Malformed, k, what, {k, clip(value)});
}

void IssueList::unknown_name(std::string_view key, std::string_view value) {
    if (out_.size() >= kMaxListed) return void(++dropped_);
    const std::string k = clip(key);
    add(IssueCode::UnknownName, k, IssueText::UnknownName, {k, clip(value)});
}

void IssueList::finish() {
    if (dropped_ > 0) out_.push_back({IssueCode::Malformed, "", IssueText::MoreProblems, {std::to_string(dropped_)}});
    dropped_ = 0;
}

}  // namespace link_text

namespace {

using link_text::clip;
using link_text::IssueList;

// ---- numbers and weights as text ----

using link_text::base64url_value;
using link_text::kBase64Url;

// Little-endian float32 bytes, 3 bytes -> 4 characters, no padding.
std::string encode_weights(std::span<const float> params) {
    std::vector<unsigned char> bytes(params.size() * 4);
    for (std::size_t i = 0; i < params.size(); ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, &params[i], sizeof bits);
        for (int b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<unsigned char>(bits >> (8 * b));
    }
    std::string s;
    s.reserve((bytes.size() * 4 + 2) / 3);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = std::uint32_t(bytes[i]) << 16;
        if (n > 1) group |= std::uint32_t(bytes[i + 1]) << 8;
        if (n > 2) group |= bytes[i + 2];
        for (std::size_t k = 0; k < n + 1; ++k) s += kBase64Url[(group >> (18 - 6 * k)) & 63];
    }
    return s;
}

// The `w` value against the decoded config: exact count, base64url, finite values only.
void decode_weights(std::string_view text, const ExperimentConfig& cfg, std::vector<float>& out,
                    IssueList& issues) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);  // tolerate padding
    constexpr std::size_t kMaxChars = (kMaxLinkParams * 4 * 4 + 2) / 3;
    if (text.size() > kMaxChars) {
        issues.add(IssueCode::OutOfRange, "w", IssueText::WeightsTooMany, {std::to_string(kMaxLinkParams)});
        return;
    }
    std::vector<unsigned char> bytes;
    bytes.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = base64url_value(c);
        if (v < 0) {
            issues.add(IssueCode::Malformed, "w", IssueText::WeightsNotBase64);
            return;
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<unsigned char>(acc >> bits));
            acc &= (1u << bits) - 1;
        }
    }
    if (text.size() % 4 == 1 || bytes.size() % 4 != 0) {
        issues.add(IssueCode::Malformed, "w", IssueText::WeightsNotFloats);
        return;
    }
    const std::size_t count = bytes.size() / 4, expected = link_param_count(cfg);
    if (count != expected) {
        issues.add(IssueCode::Incompatible, "w", IssueText::WeightsCount, {std::to_string(count), std::to_string(expected)});
        return;
    }
    std::vector<float> values(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t u = 0;
        for (int b = 0; b < 4; ++b) u |= std::uint32_t(bytes[i * 4 + b]) << (8 * b);
        std::memcpy(&values[i], &u, sizeof u);
        if (!std::isfinite(values[i])) {
            issues.add(IssueCode::NotFinite, "w", IssueText::WeightNotFinite, {std::to_string(i)});
            return;
        }
    }
    out = std::move(values);
}

// ---- reading our own format ----

struct Reader {
    ExperimentConfig& cfg;
    IssueList& issues;
    std::string weights;  // the `w` value, decoded once the network is known
    bool has_weights = false;
    std::vector<std::string_view> given;  // keys the link names (the table's text)

    template <typename E>
    void read_enum(std::string_view key, std::string_view value, E& out) {
        if (const auto e = enum_parse<E>(value)) out = *e;
        else issues.unknown_name(key, value);
    }
    void read_int(std::string_view key, std::string_view value, int& out) {
        if (!link_text::parse_int(value, out)) issues.malformed(key, value, IssueText::NotWholeNumber);
    }
    bool read_bool(std::string_view key, std::string_view value, bool& out) {
        if (value == "1" || value == "true") out = true;
        else if (value == "0" || value == "false") out = false;
        else return issues.malformed(key, value, IssueText::NotZeroOrOne), false;
        return true;
    }
    bool read_seed(std::string_view key, std::string_view value, std::uint32_t& out) {
        double v;
        if (!link_text::parse_double(value, v) || !(v >= 0.0 && v <= 4294967295.0) || v != std::floor(v))
            return issues.malformed(key, value, IssueText::NotSeed), false;
        out = static_cast<std::uint32_t>(v);
        return true;
    }

    static std::string_view next_token(std::string_view& text, char sep) {
        const std::size_t at = text.find(sep);
        const std::string_view token = text.substr(0, at);
        text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
        return token;
    }

    void read_features(std::string_view value) {
        FeatureMask mask = 0;
        while (!value.empty()) {
            const std::string_view token = next_token(value, ',');
            if (const auto f = enum_parse<Feature>(token)) mask |= feature_bit(*f);
            else issues.add(IssueCode::UnknownName, "f", IssueText::UnknownFeature, {clip(token)});
        }
        cfg.features = mask;
    }

    // net=none, or width:activation[:dropout] per hidden layer, separated by commas. Reading
    // stops after kMaxHiddenLayers layers, so a million layers cost nothing.
    void read_network(std::string_view value) {
        cfg.hidden.clear();
        if (value == "none") return;
        while (!value.empty()) {
            std::string_view layer_text = next_token(value, ',');
            if (cfg.hidden.size() == static_cast<std::size_t>(kMaxHiddenLayers)) {
                issues.add(IssueCode::OutOfRange, "net", IssueText::LinkTooManyLayers,
                           {"net", std::to_string(kMaxHiddenLayers)});
                return;
            }
            LayerSpec layer;
            const std::string field = "net[" + std::to_string(cfg.hidden.size()) + "]";
            const std::string_view width = next_token(layer_text, ':');
            read_int(field + ".width", width, layer.width);
            if (!layer_text.empty()) read_enum(field + ".activation", next_token(layer_text, ':'), layer.activation);
            if (!layer_text.empty()) {
                const std::string_view dropout = next_token(layer_text, ':');
                if (!link_text::parse_float(dropout, layer.dropout)) issues.malformed(field + ".dropout", dropout, IssueText::NotNumberValue);
            }
            if (!layer_text.empty())
                issues.add(IssueCode::Malformed, field, IssueText::LayerExtra, {field});
            cfg.hidden.push_back(layer);
        }
    }

    void read(std::string_view key, std::string_view value) {
        if (key == "v") {
            int version = kCodecVersion;
            read_int(key, value, version);
            if (version > kCodecVersion)
                issues.add(IssueCode::OutOfRange, "v", IssueText::NewerVersion, {clip(value)});
            return;
        }
        if (key == "w") {
            weights.assign(value);
            has_weights = true;
            return;
        }
        const Field* f = find_field(key);
        if (f == nullptr) {
            issues.add(IssueCode::UnknownKey, clip(key), IssueText::UnknownKey, {clip(key)});
            return;
        }
        given.push_back(f->key);  // the table's own text outlives the walker's buffers
        switch (f->type) {
            case FieldType::Float: {
                float v;
                if (link_text::parse_float(value, v)) f->set(cfg, v);
                else issues.malformed(key, value, IssueText::NotNumberValue);
                break;
            }
            case FieldType::Int: {
                int v;
                if (link_text::parse_int(value, v)) f->set(cfg, v);
                else issues.malformed(key, value, IssueText::NotWholeNumber);
                break;
            }
            case FieldType::Bool: {
                bool v = false;
                if (read_bool(key, value, v)) f->set(cfg, v ? 1.0 : 0.0);
                break;
            }
            case FieldType::Seed: {
                std::uint32_t v;
                if (read_seed(key, value, v)) f->set(cfg, v);
                break;
            }
            case FieldType::Enum: {
                bool found = false;
                for (std::size_t i = 0; i < f->values->size() && !found; ++i) {
                    if (value == f->values->url(i) || value == f->values->code(i)) {
                        f->set(cfg, f->values->value(i));
                        found = true;
                    }
                }
                if (!found) issues.unknown_name(key, value);
                break;
            }
            case FieldType::Features: read_features(value); break;
            case FieldType::Network: read_network(value); break;
            case FieldType::Race: read_race(value); break;
        }
    }

    // key:value,value,... as it stands; validation (check_race) canonicalises it. At most
    // kMaxRaceValuesRead values are read, so 1,000 values cost nothing.
    void read_race(std::string_view value) {
        constexpr std::size_t kMaxRaceValuesRead = 64;
        cfg.race = {};
        const std::size_t colon = value.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            issues.malformed("race", value, IssueText::NotRaceText);
            return;
        }
        cfg.race.key.assign(value.substr(0, colon));
        std::string_view list = value.substr(colon + 1);
        while (!list.empty()) {
            const std::string_view item = next_token(list, ',');
            if (item.empty()) continue;
            if (cfg.race.values.size() == kMaxRaceValuesRead) {
                issues.add(IssueCode::OutOfRange, "race", IssueText::RaceTooManyValues, {std::to_string(kMaxRaceValuesRead)});
                break;
            }
            cfg.race.values.emplace_back(item);
        }
    }
};

}  // namespace

bool read_field_text(ExperimentConfig& cfg, std::string_view key, std::string_view value,
                     std::vector<ConfigIssue>& out) {
    if (find_field(key) == nullptr) return false;
    IssueList issues(out);
    Reader reader{cfg, issues, {}, false, {}};
    reader.read(key, value);
    issues.finish();
    return true;
}

std::size_t link_param_count(const ExperimentConfig& cfg) {
    const NetworkSpec spec = network_spec(cfg);
    std::size_t total = 0, fan_in = static_cast<std::size_t>(std::max(spec.inputs, 0));
    for (const LayerSpec& layer : spec.hidden) {
        const auto width = static_cast<std::size_t>(std::max(layer.width, 0));
        total += (fan_in + 1) * width;
        fan_in = width;
    }
    return total + (fan_in + 1) * static_cast<std::size_t>(std::max(spec.outputs, 0));
}

bool link_can_carry_params(const ExperimentConfig& cfg, std::span<const float> params) {
    if (params.empty() || params.size() > kMaxLinkParams || params.size() != link_param_count(cfg))
        return false;
    for (const float v : params)
        if (!std::isfinite(v)) return false;
    return true;
}

std::string encode_config(const ExperimentConfig& cfg, std::span<const float> params) {
    assert(params.empty() || params.size() == link_param_count(cfg));
    std::string s = "v=" + std::to_string(kCodecVersion);
    // A field is written only when it differs from its default, and a derived default is the
    // one the reader settles from the fields before it: the output and loss follow the task, the
    // normalisation and features the data set, the validation share early stopping.
    for (const Field& f : config_fields()) {
        if (at_default(f, cfg)) continue;
        s += '&';
        s += f.key;
        s += '=';
        s += field_text(f, cfg);
    }
    // Points placed by clicking travel with the link while they are few (user_points.hpp).
    if (cfg.data.kind == DatasetKind::Csv && cfg.data.user && link_can_carry_points(*cfg.data.user))
        s += "&pts=" + encode_points(*cfg.data.user);
    if (link_can_carry_params(cfg, params)) s += "&w=" + encode_weights(params);
    return s;
}

DecodedConfig decode_config(std::string_view text) {
    DecodedConfig result;
    IssueList issues(result.issues);
    if (text.size() > kMaxLinkLength) {
        // Refused before reading anything: constant time and no copy, whatever the size.
        issues.add(IssueCode::OutOfRange, "link", IssueText::LinkTooLong, {std::to_string(kMaxLinkLength)});
        return result;
    }
    const std::string_view fragment = link_text::fragment_of(text);
    if (is_tf_link(fragment)) return decode_tf_link(fragment);

    Reader reader{result.config, issues, {}, false, {}};
    link_text::PairWalker pairs(fragment);
    std::optional<std::string> points;
    while (pairs.next()) {
        if (!pairs.has_equals()) {
            issues.add(IssueCode::Malformed, clip(pairs.key()), IssueText::NoEquals, {clip(pairs.key())});
            continue;
        }
        if (pairs.key() == "pts") {
            points = std::string(pairs.value());
            continue;
        }
        reader.read(pairs.key(), pairs.value());
    }
    if (points) {
        // Clicked points are the user's data (data=csv), unless the link names another set.
        DecodedPoints decoded = decode_points(*points);
        if (decoded.problem != PointsProblem::None) {
            issues.malformed("pts", *points, decoded.problem == PointsProblem::TooMany ? IssueText::PointsTooMany
                                                                                          : IssueText::PointsMalformed);
        } else if (result.config.data.kind == DatasetKind::Csv ||
                   std::find(reader.given.begin(), reader.given.end(), "data") == reader.given.end()) {
            result.config.data.kind = DatasetKind::Csv;
            result.config.data.user = std::move(decoded.data);
            reader.given.push_back("data");
        }
    }
    settle_defaults(result.config, reader.given);
    auto more = validate(result.config);
    // Weights are checked against the network the link finally describes.
    if (reader.has_weights) decode_weights(reader.weights, result.config, result.params, issues);
    issues.finish();
    result.issues.insert(result.issues.end(), more.begin(), more.end());
    return result;
}

}  // namespace nnp
