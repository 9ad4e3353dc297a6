// Races (see race.hpp): applying a run's value to the base config, checking and canonicalising
// the race, and the runs' configs and names.
#include "race.hpp"

#include "config_codec.hpp"
#include "fields.hpp"

#include <algorithm>
#include <string_view>

namespace nnp {

namespace {

// The network-wide keys; each sets one property of every hidden layer (or their number).
constexpr std::string_view kNetworkKeys[] = {"act", "drop", "width", "depth"};

bool is_network_key(std::string_view key) {
    return std::find(std::begin(kNetworkKeys), std::end(kNetworkKeys), key) != std::end(kNetworkKeys);
}

// A field a race may vary: one that leaves the data as it is and changes training.
bool is_race_field(const Field& f) {
    return f.type != FieldType::Race && f.type != FieldType::Network &&
           (f.apply == FieldApply::Live || f.apply == FieldApply::Reseed || std::string_view(f.key) == "norm");
}

std::string_view next_token(std::string_view& text, char sep) {
    const std::size_t at = text.find(sep);
    const std::string_view token = text.substr(0, at);
    text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
    return token;
}

// An issue of the race's run `field` ("race[2]"), or of the race itself ("race").
void add(std::vector<ConfigIssue>& issues, IssueCode code, const std::string& field, IssueText text,
         std::vector<std::string> args = {}) {
    issues.push_back({code, field, text, std::move(args), field == "race" ? std::string() : field});
}

// An issue found while applying a run's value (a field's own reading or validation), said of
// that run.
void add_nested(std::vector<ConfigIssue>& issues, ConfigIssue inner, const std::string& field) {
    inner.field = field;
    inner.context = inner.context.empty() ? field : field + ": " + inner.context;
    issues.push_back(std::move(inner));
}

// Sets a network-wide key on `cfg`; false (with an issue) if the value does not read.
bool apply_network_key(ExperimentConfig& cfg, std::string_view key, std::string_view value,
                       const std::string& field, std::vector<ConfigIssue>& issues) {
    const std::string shown = link_text::clip(value);
    if (key == "depth") {
        int depth = 0;
        if (!link_text::parse_int(value, depth) || depth < 0 || depth > kMaxHiddenLayers) {
            add(issues, IssueCode::Malformed, field, IssueText::RaceDepth, {shown, std::to_string(kMaxHiddenLayers)});
            return false;
        }
        const LayerSpec last = cfg.hidden.empty() ? LayerSpec{} : cfg.hidden.back();
        cfg.hidden.resize(static_cast<std::size_t>(depth), last);
        return true;
    }
    if (cfg.hidden.empty()) {
        add(issues, IssueCode::Incompatible, field, IssueText::RaceNoHiddenLayer);
        return false;
    }
    if (key == "act") {
        const auto act = enum_parse<Activation>(value);
        if (!act || !allowed_in_hidden(*act)) {
            add(issues, IssueCode::UnknownName, field, IssueText::RaceNotHiddenActivation, {shown});
            return false;
        }
        for (LayerSpec& layer : cfg.hidden) layer.activation = *act;
    } else if (key == "drop") {
        float rate = 0.0f;
        if (!link_text::parse_float(value, rate)) {
            add(issues, IssueCode::Malformed, field, IssueText::RaceNotNumber, {shown});
            return false;
        }
        for (LayerSpec& layer : cfg.hidden) layer.dropout = rate;
    } else {  // width
        int width = 0;
        if (!link_text::parse_int(value, width)) {
            add(issues, IssueCode::Malformed, field, IssueText::RaceNotWholeNumber, {shown});
            return false;
        }
        for (LayerSpec& layer : cfg.hidden) layer.width = width;
    }
    return true;
}

std::string network_key_text(const ExperimentConfig& cfg, std::string_view key) {
    if (key == "depth") return std::to_string(cfg.hidden.size());
    if (cfg.hidden.empty()) return "?";
    if (key == "act") return enum_url(cfg.hidden.front().activation);
    if (key == "drop") return format_number(cfg.hidden.front().dropout);
    return std::to_string(cfg.hidden.front().width);
}

// Sets `key` to `value` on `cfg` (a field or a network-wide key); false with an issue if it did
// not read.
bool apply_setting(ExperimentConfig& cfg, std::string_view key, std::string_view value,
                   const std::string& field, std::vector<ConfigIssue>& issues) {
    if (is_network_key(key)) return apply_network_key(cfg, key, value, field, issues);
    std::vector<ConfigIssue> read;
    read_field_text(cfg, key, value, read);
    for (ConfigIssue& i : read) add_nested(issues, std::move(i), field);
    return read.empty();
}

std::string setting_text(const ExperimentConfig& cfg, std::string_view key) {
    if (is_network_key(key)) return network_key_text(cfg, key);
    return field_text(field(key), cfg);
}

// One run's value: "VALUE[/KEY=VALUE...]". Applies it to `run`; `canonical` gets its text with
// each setting as the validated run has it. False if the run's own value did not read.
bool apply_value(ExperimentConfig& run, std::string_view race_key, std::string_view text,
                 const std::string& field, std::vector<ConfigIssue>& issues, std::string* canonical) {
    std::string_view rest = text;
    const std::string_view main = next_token(rest, '/');
    if (!apply_setting(run, race_key, main, field, issues)) return false;
    std::vector<std::string> extra_keys;
    while (!rest.empty()) {
        std::string_view pair = next_token(rest, '/');
        const std::size_t eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        const bool raceable = is_race_key(key) && key != race_key;
        if (eq == std::string_view::npos || !raceable ||
            std::find(extra_keys.begin(), extra_keys.end(), key) != extra_keys.end()) {
            add(issues, IssueCode::Malformed, field, IssueText::RaceNotOwnSetting, {link_text::clip(pair)});
            continue;
        }
        if (apply_setting(run, key, pair.substr(eq + 1), field, issues)) extra_keys.emplace_back(key);
    }
    std::vector<ConfigIssue> checked = validate(run);
    for (ConfigIssue& i : checked) add_nested(issues, std::move(i), field);
    if (canonical) {
        *canonical = setting_text(run, race_key);
        for (const std::string& key : extra_keys) *canonical += '/' + key + '=' + setting_text(run, key);
    }
    return true;
}

}  // namespace

std::string race_setting_text(const ExperimentConfig& run, std::string_view key) {
    return is_race_key(key) ? setting_text(run, key) : std::string();
}

std::vector<std::string> race_value_keys(const RaceSpec& race, std::size_t i) {
    if (race.empty() || i >= race.values.size()) return {};
    std::vector<std::string> keys = {race.key};
    std::string_view rest = race.values[i];
    next_token(rest, '/');
    while (!rest.empty()) {
        const std::string_view pair = next_token(rest, '/');
        keys.emplace_back(pair.substr(0, pair.find('=')));
    }
    return keys;
}

bool is_race_key(std::string_view key) {
    if (is_network_key(key)) return true;
    const Field* f = find_field(key);
    return f != nullptr && is_race_field(*f);
}

// check_race's work: each value applied, checked and written back canonically.
static void canonicalise_race(ExperimentConfig& cfg, std::vector<ConfigIssue>& issues) {
    RaceSpec& race = cfg.race;
    if (race.empty()) {
        race.values.clear();
        return;
    }
    if (!is_race_key(race.key)) {
        add(issues, IssueCode::UnknownName, "race", IssueText::RaceKeyNotVariable, {link_text::clip(race.key)});
        race = {};
        return;
    }
    ExperimentConfig base = cfg;
    base.race = {};
    base.ensemble = {};  // a stacking's runs are its base learners, each a plain run
    std::vector<std::string> canonical;
    for (std::size_t i = 0; i < race.values.size(); ++i) {
        const std::string field = "race[" + std::to_string(i) + "]";
        if (canonical.size() == static_cast<std::size_t>(kMaxRaceRuns)) {
            add(issues, IssueCode::OutOfRange, "race", IssueText::RaceTooManyRuns, {std::to_string(kMaxRaceRuns)});
            break;
        }
        ExperimentConfig run = base;
        std::string text;
        if (!apply_value(run, race.key, race.values[i], field, issues, &text)) continue;  // named
        if (std::find(canonical.begin(), canonical.end(), text) != canonical.end()) {
            add(issues, IssueCode::Malformed, field, IssueText::RaceDuplicate, {link_text::clip(text)});
            continue;
        }
        canonical.push_back(std::move(text));
    }
    if (canonical.size() < static_cast<std::size_t>(kMinRaceRuns)) {
        add(issues, IssueCode::OutOfRange, "race", IssueText::RaceTooFewRuns, {std::to_string(kMinRaceRuns)});
        race = {};
        return;
    }
    race.values = std::move(canonical);
}

void check_race(ExperimentConfig& cfg, std::vector<ConfigIssue>& out) {
    // A hostile race (64 values, each with several problems) is reported in at most
    // kMaxRaceIssues lines and a count, so the list of a link's problems stays short.
    constexpr std::size_t kMaxRaceIssues = 12;
    std::vector<ConfigIssue> issues;
    canonicalise_race(cfg, issues);
    for (std::size_t i = 0; i < issues.size() && i < kMaxRaceIssues; ++i) out.push_back(std::move(issues[i]));
    if (issues.size() > kMaxRaceIssues)
        out.push_back({IssueCode::Malformed, "race", IssueText::RaceMoreProblems,
                       {std::to_string(issues.size() - kMaxRaceIssues)}});
}

std::vector<ExperimentConfig> race_configs(const ExperimentConfig& base) {
    ExperimentConfig plain = base;
    plain.race = {};
    if (base.race.empty()) return {plain};
    plain.ensemble = {};  // a stacking's runs are its base learners, each a plain run
    std::vector<ExperimentConfig> runs;
    std::vector<ConfigIssue> ignored;  // none: the race is canonical
    for (std::size_t i = 0; i < base.race.values.size(); ++i) {
        ExperimentConfig run = plain;
        apply_value(run, base.race.key, base.race.values[i], "race", ignored, nullptr);
        runs.push_back(std::move(run));
    }
    return runs;
}

std::string race_run_name(const ExperimentConfig& base, std::size_t i) {
    if (base.race.empty() || i >= base.race.values.size()) return {};
    return race_run_name(base.race, race_configs(base)[i], i);
}

std::string race_run_name(const RaceSpec& race, const ExperimentConfig& run, std::size_t i, LabelWording label) {
    if (race.empty() || i >= race.values.size()) return {};
    const auto word = [&](const char* code, const char* english) { return label ? label(code, english) : english; };
    const auto name_of = [&](std::string_view key) -> std::string {
        const Field* f = find_field(key);
        if (f && f->type == FieldType::Enum) {
            const int v = static_cast<int>(f->get(run));
            for (std::size_t k = 0; k < f->values->size(); ++k)
                if (f->values->value(k) == v) return word(f->values->code(k), f->values->label(k));
        }
        if (key == "act" && !run.hidden.empty())
            return word(enum_code(run.hidden.front().activation), enum_label(run.hidden.front().activation));
        return std::string(key) + ' ' + setting_text(run, key);
    };
    std::string_view rest = race.values[i];
    next_token(rest, '/');
    std::string name = name_of(race.key);
    while (!rest.empty()) {
        const std::string_view pair = next_token(rest, '/');
        name += ", " + name_of(pair.substr(0, pair.find('=')));
    }
    return name;
}

}  // namespace nnp
