// Encoding and decoding of the experiment config as key=value text (see config_codec.hpp).
// Enumeration values are written as the URL tokens of their enum tables.
#include "config_codec.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace nnp {

namespace {

// Longest value we read for a number; anything longer is malformed (avoids copying 1 MB).
constexpr std::size_t kMaxNumberLength = 40;

// Shortest decimal that reads back as the same float.
std::string format_float(float v) {
    char buf[48];
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;
}

bool parse_double(std::string_view text, double& out) {
    if (text.empty() || text.size() > kMaxNumberLength) return false;
    char buf[kMaxNumberLength + 1];
    text.copy(buf, text.size());
    buf[text.size()] = '\0';
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(buf, &end);
    if (end != buf + text.size()) return false;
    out = v;  // may be inf/nan or huge: validation reports it
    return true;
}

bool parse_float(std::string_view text, float& out) {
    double v;
    if (!parse_double(text, v)) return false;
    if (std::isfinite(v) && std::fabs(v) > std::numeric_limits<float>::max())
        v = v > 0 ? std::numeric_limits<float>::infinity() : -std::numeric_limits<float>::infinity();
    out = static_cast<float>(v);
    return true;
}

// Integers saturate to the int range so that validation can name and clamp them.
bool parse_int(std::string_view text, int& out) {
    double v;
    if (!parse_double(text, v) || !std::isfinite(v) || v != std::floor(v)) return false;
    out = static_cast<int>(std::fmax(std::fmin(v, 2147483647.0), -2147483648.0));
    return true;
}

bool parse_bool(std::string_view text, bool& out) {
    if (text == "1" || text == "true") return out = true, true;
    if (text == "0" || text == "false") return out = false, true;
    return false;
}

std::string_view next_token(std::string_view& text, char sep) {
    const std::size_t at = text.find(sep);
    const std::string_view token = text.substr(0, at);
    text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
    return token;
}

std::string clip(std::string_view s) {
    return std::string(s.substr(0, 32)) + (s.size() > 32 ? "..." : "");
}

// At most this many problems are listed, so a hostile 1 MB link cannot fill memory with them.
constexpr std::size_t kMaxIssues = 64;

struct Reader {
    ExperimentConfig& cfg;
    std::vector<ConfigIssue>& issues;
    std::size_t dropped = 0;

    void add(ConfigIssue issue) {
        if (issues.size() < kMaxIssues) issues.push_back(std::move(issue));
        else ++dropped;
    }

    void malformed(std::string_view key, std::string_view value, const char* expected) {
        add({IssueCode::Malformed, std::string(key),
                          std::string(key) + "=" + clip(value) + " is not " + expected +
                              "; the default was kept."});
    }

    template <typename E>
    void read_enum(std::string_view key, std::string_view value, E& out) {
        if (const auto e = enum_parse<E>(value)) {
            out = *e;
            return;
        }
        add({IssueCode::UnknownName, std::string(key),
                          std::string(key) + "=" + clip(value) + " is not a known name; the default was kept."});
    }
    void read_float(std::string_view key, std::string_view value, float& out) {
        if (!parse_float(value, out)) malformed(key, value, "a number");
    }
    void read_int(std::string_view key, std::string_view value, int& out) {
        if (!parse_int(value, out)) malformed(key, value, "a whole number");
    }
    void read_bool(std::string_view key, std::string_view value, bool& out) {
        if (!parse_bool(value, out)) malformed(key, value, "0 or 1");
    }

    void read_seed(std::string_view key, std::string_view value, std::uint32_t& out) {
        double v;
        if (!parse_double(value, v) || !(v >= 0.0 && v <= 4294967295.0) || v != std::floor(v)) {
            malformed(key, value, "a seed in [0, 4294967295]");
            return;
        }
        out = static_cast<std::uint32_t>(v);
    }

    void read_features(std::string_view value) {
        FeatureMask mask = 0;
        while (!value.empty()) {
            const std::string_view token = next_token(value, ',');
            if (const auto f = enum_parse<Feature>(token)) {
                mask |= feature_bit(*f);
            } else {
                add({IssueCode::UnknownName, "f", "f: " + clip(token) + " is not a known feature; ignored."});
            }
        }
        cfg.features = mask;
    }

    // net=none, or width:activation[:dropout] per hidden layer, separated by commas.
    void read_network(std::string_view value) {
        cfg.hidden.clear();
        if (value == "none") return;
        while (!value.empty()) {
            std::string_view layer_text = next_token(value, ',');
            if (cfg.hidden.size() == static_cast<std::size_t>(kMaxHiddenLayers)) {
                add({IssueCode::OutOfRange, "net",
                                  "net has more than " + std::to_string(kMaxHiddenLayers) +
                                      " hidden layers; the rest were ignored."});
                return;
            }
            LayerSpec layer;
            const std::string field = "net[" + std::to_string(cfg.hidden.size()) + "]";
            const std::string_view width = next_token(layer_text, ':');
            if (!parse_int(width, layer.width)) malformed(field + ".width", width, "a whole number");
            if (!layer_text.empty()) read_enum(field + ".activation", next_token(layer_text, ':'), layer.activation);
            if (!layer_text.empty()) read_float(field + ".dropout", next_token(layer_text, ':'), layer.dropout);
            cfg.hidden.push_back(layer);
        }
    }

    void read(std::string_view key, std::string_view value) {
        OptimizerParams& o = cfg.optimizer;
        if (key == "v") {
            int version = kCodecVersion;
            read_int(key, value, version);
            if (version > kCodecVersion)
                add({IssueCode::OutOfRange, "v", "This link is from a newer version (v=" + clip(value) +
                                                               "); the fields this version knows were read."});
        } else if (key == "data") read_enum(key, value, cfg.data.kind);
        else if (key == "dseed") read_seed(key, value, cfg.data.seed);
        else if (key == "points") read_int(key, value, cfg.data.points);
        else if (key == "noise") read_float(key, value, cfg.data.noise);
        else if (key == "train") read_float(key, value, cfg.data.train_percent);
        else if (key == "classes") read_int(key, value, cfg.data.classes);
        else if (key == "f") read_features(value);
        else if (key == "net") read_network(value);
        else if (key == "out") read_enum(key, value, cfg.output);
        else if (key == "loss") read_enum(key, value, cfg.loss);
        else if (key == "init") read_enum(key, value, cfg.init);
        else if (key == "opt") read_enum(key, value, o.kind);
        else if (key == "lr") read_float(key, value, o.learning_rate);
        else if (key == "mom") read_float(key, value, o.momentum);
        else if (key == "rho") read_float(key, value, o.rho);
        else if (key == "b1") read_float(key, value, o.beta1);
        else if (key == "b2") read_float(key, value, o.beta2);
        else if (key == "eps") read_float(key, value, o.epsilon);
        else if (key == "reg") read_enum(key, value, cfg.regularization);
        else if (key == "rr") read_float(key, value, cfg.reg_rate);
        else if (key == "batch") read_int(key, value, cfg.batch_size);
        else if (key == "shuffle") read_bool(key, value, cfg.shuffle);
        else if (key == "seed") read_seed(key, value, cfg.seed);
        else if (key == "es") read_bool(key, value, cfg.early_stopping);
        else if (key == "pat") read_int(key, value, cfg.patience);
        else if (key == "test") read_bool(key, value, cfg.show_test);
        else if (key == "disc") read_bool(key, value, cfg.discretize);
        else add({IssueCode::UnknownKey, clip(key), "Unknown key " + clip(key) + " was ignored."});
    }
};

}  // namespace

std::string encode_config(const ExperimentConfig& cfg) {
    const ExperimentConfig d;
    std::string s = "v=" + std::to_string(kCodecVersion);
    const auto put = [&s](const char* key, const std::string& value) {
        s += '&';
        s += key;
        s += '=';
        s += value;
    };
    const auto put_float = [&](const char* key, float v, float def) {
        if (v != def) put(key, format_float(v));
    };
    const auto put_int = [&](const char* key, long long v, long long def) {
        if (v != def) put(key, std::to_string(v));
    };
    const auto put_bool = [&](const char* key, bool v, bool def) {
        if (v != def) put(key, v ? "1" : "0");
    };
    if (cfg.data.kind != d.data.kind) put("data", enum_url(cfg.data.kind));
    put_int("dseed", cfg.data.seed, d.data.seed);
    put_int("points", cfg.data.points, d.data.points);
    put_float("noise", cfg.data.noise, d.data.noise);
    put_float("train", cfg.data.train_percent, d.data.train_percent);
    put_int("classes", cfg.data.classes, d.data.classes);
    if (cfg.features != d.features) {
        std::string list;
        for (int f = 0; f < kFeatureCount; ++f) {
            if (!(cfg.features & feature_bit(Feature(f)))) continue;
            if (!list.empty()) list += ',';
            list += enum_url(Feature(f));
        }
        put("f", list);
    }
    if (cfg.hidden != d.hidden) {
        std::string list;
        for (const LayerSpec& layer : cfg.hidden) {
            if (!list.empty()) list += ',';
            list += std::to_string(layer.width) + ':' + enum_url(layer.activation);
            if (layer.dropout != 0.0f) list += ':' + format_float(layer.dropout);
        }
        put("net", list.empty() ? "none" : list);
    }
    if (cfg.output != d.output) put("out", enum_url(cfg.output));
    if (cfg.loss != d.loss) put("loss", enum_url(cfg.loss));
    if (cfg.init != d.init) put("init", enum_url(cfg.init));
    const OptimizerParams& o = cfg.optimizer;
    if (o.kind != d.optimizer.kind) put("opt", enum_url(o.kind));
    put_float("lr", o.learning_rate, d.optimizer.learning_rate);
    put_float("mom", o.momentum, d.optimizer.momentum);
    put_float("rho", o.rho, d.optimizer.rho);
    put_float("b1", o.beta1, d.optimizer.beta1);
    put_float("b2", o.beta2, d.optimizer.beta2);
    put_float("eps", o.epsilon, d.optimizer.epsilon);
    if (cfg.regularization != d.regularization) put("reg", enum_url(cfg.regularization));
    put_float("rr", cfg.reg_rate, d.reg_rate);
    put_int("batch", cfg.batch_size, d.batch_size);
    put_bool("shuffle", cfg.shuffle, d.shuffle);
    put_int("seed", cfg.seed, d.seed);
    put_bool("es", cfg.early_stopping, d.early_stopping);
    put_int("pat", cfg.patience, d.patience);
    put_bool("test", cfg.show_test, d.show_test);
    put_bool("disc", cfg.discretize, d.discretize);
    return s;
}

DecodedConfig decode_config(std::string_view text) {
    DecodedConfig result;
    if (!text.empty() && (text.front() == '#' || text.front() == '?')) text.remove_prefix(1);
    Reader reader{result.config, result.issues};
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '&' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != '&' && text[end] != ' ' && text[end] != '\n' &&
               text[end] != '\t' && text[end] != '\r')
            ++end;
        const std::string_view pair = text.substr(i, end - i);
        i = end;
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) {
            reader.add({IssueCode::Malformed, clip(pair), clip(pair) + " has no '='; ignored."});
            continue;
        }
        reader.read(pair.substr(0, eq), pair.substr(eq + 1));
    }
    if (reader.dropped > 0)
        result.issues.push_back({IssueCode::Malformed, "", std::to_string(reader.dropped) + " more problems were not listed."});
    auto more = validate(result.config);
    result.issues.insert(result.issues.end(), more.begin(), more.end());
    return result;
}

}  // namespace nnp
