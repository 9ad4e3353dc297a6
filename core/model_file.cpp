// The model file (see model_file.hpp). Written by hand (a fixed layout, floats with %.9g);
// read with nlohmann::json (Debian's nlohmann-json3-dev) without exceptions: parse() with
// allow_exceptions = false gives a discarded value for bad JSON, and every value is checked for
// its type before it is read, so no access can throw (JSON_NOEXCEPTION would abort instead).
#include "model_file.hpp"

#include "config_codec.hpp"

#define JSON_NOEXCEPTION
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace nnp {

namespace {

void put_number(std::string& out, float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", double(v));
    out += buf;
}

void put_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

template <typename T, typename Put>
void put_list(std::string& out, const T& items, Put put) {
    out += '[';
    bool first = true;
    for (const auto& item : items) {
        if (!first) out += ',';
        first = false;
        put(item);
    }
    out += ']';
}

// The deepest nesting of arrays and objects outside strings: checked before parsing, so a
// hostile file of a million brackets costs one pass and no allocation.
int nesting_depth(std::string_view text) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        else if (c == ']' || c == '}') --depth;
    }
    return deepest;
}

using json = nlohmann::json;

struct Checker {
    std::vector<ModelIssue>& issues;

    const json* member(const json& obj, const char* key, const std::string& where) {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            issues.push_back({ModelProblem::Missing, where.empty() ? key : where + "." + key, 0, 0});
            return nullptr;
        }
        return &*it;
    }
    bool numbers(const json& v, std::size_t count, const std::string& where, std::vector<float>& out) {
        if (!v.is_array()) {
            issues.push_back({ModelProblem::BadValue, where, 0, 0});
            return false;
        }
        if (v.size() != count) {
            issues.push_back({ModelProblem::Shape, where, v.size(), count});
            return false;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            const json& x = v[i];
            if (!x.is_number() || !std::isfinite(x.get<double>()) || std::abs(x.get<double>()) > 3.4e38) {
                issues.push_back({ModelProblem::NotFinite, where + "[" + std::to_string(i) + "]", 0, 0});
                return false;
            }
            out.push_back(static_cast<float>(x.get<double>()));
        }
        return true;
    }
    std::optional<int> count(const json& obj, const char* key, const std::string& where, int lo, int hi) {
        const json* v = member(obj, key, where);
        if (!v) return std::nullopt;
        if (!v->is_number_integer() || v->get<long long>() < lo || v->get<long long>() > hi) {
            issues.push_back({ModelProblem::BadValue, where + "." + key, 0, 0});
            return std::nullopt;
        }
        return int(v->get<long long>());
    }
};

}  // namespace

std::string write_model_json(const Session& session) {
    const Mlp& net = session.net();
    const Dataset& data = session.data();
    const InputNorm& norm = session.input_norm();
    std::string out = "{\n  \"format\": \"nnp-model\",\n  \"version\": ";
    out += std::to_string(kModelFormatVersion);
    out += ",\n  \"link\": ";
    put_string(out, encode_config(session.config()));
    // What the inputs are: the features of the plane, or the data's own columns.
    out += ",\n  \"inputs\": ";
    if (data.input_dims > 2) {
        std::vector<std::string> names = data.input_names;
        if (names.empty())
            for (int j = 0; j < data.input_dims; ++j) names.push_back("x" + std::to_string(j + 1));
        put_list(out, names, [&](const std::string& n) { put_string(out, n); });
    } else {
        std::vector<const char*> features;
        for (int f = 0; f < kFeatureCount; ++f)
            if (session.config().features & feature_bit(Feature(f))) features.push_back(enum_code(Feature(f)));
        put_list(out, features, [&](const char* n) { put_string(out, n); });
    }
    out += ",\n  \"classes\": ";
    put_list(out, data.class_names, [&](const std::string& n) { put_string(out, n); });
    out += ",\n  \"normalization\": {\"mode\": ";
    put_string(out, enum_code(norm.mode));
    out += ", \"offset\": ";
    put_list(out, norm.offset, [&](float v) { put_number(out, v); });
    out += ", \"scale\": ";
    put_list(out, norm.scale, [&](float v) { put_number(out, v); });
    out += "},\n  \"layers\": [";
    for (int l = 0; l < net.num_layers(); ++l) {
        out += l == 0 ? "\n    {" : ",\n    {";
        out += "\"inputs\": " + std::to_string(net.fan_in(l)) + ", \"units\": " + std::to_string(net.fan_out(l));
        out += ", \"activation\": ";
        put_string(out, enum_code(net.activation(l)));
        out += ", \"dropout\": ";
        put_number(out, net.dropout(l));
        out += ",\n     \"weights\": [";
        const auto W = net.weights(l);  // fan_in x fan_out
        for (int i = 0; i < net.fan_in(l); ++i) {
            if (i > 0) out += ", ";
            out += '[';
            for (int o = 0; o < net.fan_out(l); ++o) {
                if (o > 0) out += ',';
                put_number(out, W(i, o));
            }
            out += ']';
        }
        out += "],\n     \"biases\": [";
        const auto b = net.bias(l);
        for (int o = 0; o < net.fan_out(l); ++o) {
            if (o > 0) out += ',';
            put_number(out, b(o));
        }
        out += "]}";
    }
    out += "\n  ]\n}\n";
    return out;
}

ModelRead read_model_json(std::string_view text) {
    ModelRead result;
    auto& issues = result.issues;
    if (text.size() > kMaxModelBytes) {
        issues.push_back({ModelProblem::TooBig, {}, text.size(), kMaxModelBytes});
        return result;
    }
    if (nesting_depth(text) > kMaxModelDepth) {
        issues.push_back({ModelProblem::TooDeep, {}, std::uint64_t(kMaxModelDepth), 0});
        return result;
    }
    const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        issues.push_back({ModelProblem::NotJson, {}, 0, 0});
        return result;
    }
    const auto format = doc.is_object() ? doc.find("format") : doc.end();
    if (!doc.is_object() || format == doc.end() || !format->is_string() || format->get<std::string>() != "nnp-model") {
        issues.push_back({ModelProblem::NotModel, {}, 0, 0});
        return result;
    }
    Checker check{issues};
    const json* version = check.member(doc, "version", "");
    if (!version) return result;
    if (!version->is_number_integer() || version->get<long long>() != kModelFormatVersion) {
        issues.push_back({ModelProblem::Version, "version",
                          version->is_number_integer() ? std::uint64_t(version->get<long long>()) : 0,
                          std::uint64_t(kModelFormatVersion)});
        return result;
    }
    ModelFile model;
    const json* link = check.member(doc, "link", "");
    if (!link) return result;
    if (!link->is_string()) {
        issues.push_back({ModelProblem::BadValue, "link", 0, 0});
        return result;
    }
    DecodedConfig decoded = decode_config(link->get<std::string>());
    if (!decoded.issues.empty()) {
        issues.push_back({ModelProblem::Link, "link", decoded.issues.size(), 0});
        result.link_issues = std::move(decoded.issues);
    }
    model.config = decoded.config;

    const json* layers = check.member(doc, "layers", "");
    if (!layers) return result;
    if (!layers->is_array() || layers->empty() || layers->size() > std::size_t(kMaxHiddenLayers + 1)) {
        issues.push_back({ModelProblem::BadValue, "layers", 0, 0});
        return result;
    }
    int fan_in = -1;
    for (std::size_t l = 0; l < layers->size(); ++l) {
        const json& layer = (*layers)[l];
        const std::string where = "layers[" + std::to_string(l) + "]";
        if (!layer.is_object()) {
            issues.push_back({ModelProblem::BadValue, where, 0, 0});
            return result;
        }
        const auto inputs = check.count(layer, "inputs", where, 1, 1024);
        const auto units = check.count(layer, "units", where, 1, 1024);
        if (!inputs || !units) return result;
        if (fan_in >= 0 && *inputs != fan_in) {
            issues.push_back({ModelProblem::Shape, where + ".inputs", std::uint64_t(*inputs), std::uint64_t(fan_in)});
            return result;
        }
        if (l == 0) model.network.inputs = *inputs;
        fan_in = *units;
        const json* act = check.member(layer, "activation", where);
        if (!act) return result;
        const auto activation = act->is_string() ? enum_parse<Activation>(act->get<std::string>()) : std::nullopt;
        if (!activation) {
            issues.push_back({ModelProblem::BadValue, where + ".activation", 0, 0});
            return result;
        }
        float dropout = 0.0f;
        if (const auto d = layer.find("dropout"); d != layer.end()) {
            if (!d->is_number() || !(d->get<double>() >= 0.0 && d->get<double>() <= kMaxDropout)) {
                issues.push_back({ModelProblem::BadValue, where + ".dropout", 0, 0});
                return result;
            }
            dropout = float(d->get<double>());
        }
        const bool last = l + 1 == layers->size();
        if (last) {
            model.network.outputs = *units;
            model.network.output = *activation;
        } else {
            model.network.hidden.push_back({*units, *activation, dropout});
        }
        const json* weights = check.member(layer, "weights", where);
        if (!weights) return result;
        if (!weights->is_array() || weights->size() != std::size_t(*inputs)) {
            issues.push_back({ModelProblem::Shape, where + ".weights", weights->is_array() ? weights->size() : 0,
                              std::uint64_t(*inputs)});
            return result;
        }
        for (int i = 0; i < *inputs; ++i)
            if (!check.numbers((*weights)[std::size_t(i)], std::size_t(*units), where + ".weights[" + std::to_string(i) + "]",
                               model.params))
                return result;
        const json* biases = check.member(layer, "biases", where);
        if (!biases || !check.numbers(*biases, std::size_t(*units), where + ".biases", model.params)) return result;
    }

    if (const auto n = doc.find("normalization"); n != doc.end()) {
        const json* mode = n->is_object() ? check.member(*n, "mode", "normalization") : nullptr;
        const auto parsed = mode && mode->is_string() ? enum_parse<Normalization>(mode->get<std::string>()) : std::nullopt;
        if (!parsed) {
            issues.push_back({ModelProblem::BadValue, "normalization", 0, 0});
            return result;
        }
        model.norm.mode = *parsed;
        const json* offset = check.member(*n, "offset", "normalization");
        const json* scale = check.member(*n, "scale", "normalization");
        if (!offset || !scale) return result;
        const std::size_t columns = offset->is_array() && !offset->empty() ? std::size_t(model.network.inputs) : 0;
        if (!check.numbers(*offset, columns, "normalization.offset", model.norm.offset) ||
            !check.numbers(*scale, columns, "normalization.scale", model.norm.scale))
            return result;
    }
    result.model = std::move(model);
    return result;
}

bool apply_model(Session& session, const ModelFile& model) {
    if (session.net().spec().inputs != model.network.inputs || session.net().params().size() != model.params.size())
        return false;
    if (!session.use_input_norm(model.norm)) return false;
    session.net().set_params(model.params);
    session.params_changed();
    return true;
}

}  // namespace nnp
