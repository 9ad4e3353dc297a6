// Validation of the experiment config and the facts derived from it (see config.hpp). The
// per-field checks (ranges, enum tables, finite numbers) come from the field table
// (fields.hpp); the rules here are the ones between fields.
#include "config.hpp"

#include "fields.hpp"
#include "race.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnp {

namespace {

std::string num(double v) { return format_number(static_cast<float>(v)); }

// Clamps a number into [lo, hi]; NaN/inf become `fallback`. Each change is reported.
double check_number(double value, double lo, double hi, double fallback, const std::string& field,
                    std::vector<ConfigIssue>& issues) {
    if (!std::isfinite(value)) {
        issues.push_back({IssueCode::NotFinite, field, IssueText::NotFinite, {field, num(fallback)}});
        return fallback;
    }
    if (value < lo || value > hi) {
        const double clamped = std::clamp(value, lo, hi);
        issues.push_back({IssueCode::OutOfRange, field, IssueText::OutOfRange,
                          {field, num(value), num(lo), num(hi), num(clamped)}});
        return clamped;
    }
    return value;
}

bool enum_has(const EnumValues& values, int v) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values.value(i) == v) return true;
    return false;
}

template <typename E>
void check_enum(E& value, E fallback, const std::string& field, std::vector<ConfigIssue>& issues) {
    if (enum_entry(value) == nullptr) {
        issues.push_back({IssueCode::UnknownName, field, IssueText::UnknownValue, {field, enum_code(fallback)}});
        value = fallback;
    }
}

void incompatible(std::vector<ConfigIssue>& issues, const std::string& field, IssueText text,
                  std::vector<std::string> args = {}) {
    issues.push_back({IssueCode::Incompatible, field, text, std::move(args)});
}

// One field on its own: its range, its enum table, its known bits.
void check_field(const Field& f, ExperimentConfig& cfg, std::vector<ConfigIssue>& issues) {
    const std::string name = f.json;
    switch (f.type) {
        case FieldType::Float:
            // The range as floats, so that a bound such as 1e-6 is itself allowed.
            f.set(cfg, check_number(f.get(cfg), double(float(f.lo)), double(float(f.hi)),
                                    field_default(f, cfg), name, issues));
            break;
        case FieldType::Int:
        case FieldType::Seed:
            f.set(cfg, check_number(f.get(cfg), f.lo, f.hi, field_default(f, cfg), name, issues));
            break;
        case FieldType::Bool: break;
        case FieldType::Enum:
            if (!enum_has(*f.values, static_cast<int>(f.get(cfg)))) {
                f.set(cfg, field_default(f, cfg));
                issues.push_back({IssueCode::UnknownName, name, IssueText::UnknownValue, {name, field_text(f, cfg)}});
            }
            break;
        case FieldType::Features:
            if ((cfg.features & ~kAllFeatures) != 0) {
                issues.push_back({IssueCode::OutOfRange, name, IssueText::UnknownBits, {name}});
                cfg.features &= kAllFeatures;
            }
            break;
        case FieldType::Network: {
            if (cfg.hidden.size() > static_cast<std::size_t>(f.hi)) {
                issues.push_back({IssueCode::OutOfRange, name, IssueText::TooManyLayers,
                                  {num(double(cfg.hidden.size())), num(f.hi)}});
                cfg.hidden.resize(static_cast<std::size_t>(f.hi));
            }
            for (std::size_t i = 0; i < cfg.hidden.size(); ++i) {
                LayerSpec& layer = cfg.hidden[i];
                const std::string layer_name = name + "[" + std::to_string(i) + "]";
                layer.width = static_cast<int>(check_number(layer.width, 1, kMaxLayerWidth, 4,
                                                            layer_name + ".width", issues));
                check_enum(layer.activation, Activation::Tanh, layer_name + ".activation", issues);
                if (!allowed_in_hidden(layer.activation)) {
                    incompatible(issues, layer_name + ".activation", IssueText::SoftmaxInHidden,
                                 {layer_name + ".activation"});
                    layer.activation = Activation::Tanh;
                }
                layer.dropout = static_cast<float>(
                    check_number(layer.dropout, 0.0, kMaxDropout, 0.0, layer_name + ".dropout", issues));
            }
            break;
        }
        case FieldType::Race: break;  // last, on the valid base (validate)
    }
}

}  // namespace

bool output_fits(Task task, Activation output) {
    switch (task) {
        case Task::BinaryClassification:
            return output == Activation::Sigmoid || output == Activation::Tanh ||
                   output == Activation::Softmax || output == Activation::Linear;
        case Task::MultiClassification:
            return output == Activation::Softmax || output == Activation::Sigmoid;
        case Task::Regression: return output == Activation::Linear || output == Activation::Tanh;
    }
    return false;
}

bool loss_fits(Activation output, Loss loss) {
    const bool probabilities = output == Activation::Sigmoid || output == Activation::Softmax;
    return enum_entry(loss) != nullptr && (loss == Loss::Mse || probabilities);
}

Activation default_output(Task task) {
    switch (task) {
        case Task::BinaryClassification: return Activation::Sigmoid;
        case Task::MultiClassification: return Activation::Softmax;
        case Task::Regression: return Activation::Linear;
    }
    return Activation::Sigmoid;
}

Loss default_loss(Activation output) {
    switch (output) {
        case Activation::Sigmoid: return Loss::BinaryCrossEntropy;
        case Activation::Softmax: return Loss::CategoricalCrossEntropy;
        default: return Loss::Mse;
    }
}

Normalization default_normalization(const DatasetSpec& spec) {
    if (is_image_set(spec.kind)) return Normalization::Scale;
    const bool clicked = spec.kind == DatasetKind::Csv && spec.user && spec.user->plane;  // in the plane's units
    const bool off_plane = spec.kind == DatasetKind::Oyster || (spec.kind == DatasetKind::Csv && !clicked);
    return off_plane ? Normalization::Standardize : Normalization::None;
}

FeatureMask default_features(const DatasetSpec& spec) {
    return input_dims_of(spec) == 1 ? feature_bit(Feature::X1) : kDefaultFeatures;
}

const ExperimentConfig& default_for_data(DatasetKind kind) {
    static const ExperimentConfig plane;
    static const ExperimentConfig digits = [] {
        ExperimentConfig c;
        c.data.train_percent = 80.0f;
        c.hidden = {{16, Activation::Relu, 0.0f}};
        c.optimizer.kind = OptimizerKind::Adam;
        c.optimizer.learning_rate = 0.003f;
        c.batch_size = 32;
        return c;
    }();
    static const ExperimentConfig mnist = [] {
        ExperimentConfig c = digits;
        c.hidden = {{64, Activation::Relu, 0.0f}};
        c.batch_size = 64;
        return c;
    }();
    if (kind == DatasetKind::Mnist) return mnist;
    return is_image_set(kind) ? digits : plane;
}

Task task_of(const ExperimentConfig& cfg) { return task_of(cfg.data); }

int input_count(const ExperimentConfig& cfg) {
    const int dims = input_dims_of(cfg.data);
    return dims > 2 ? dims : feature_count(cfg.features);
}

int output_count(const ExperimentConfig& cfg) {
    switch (task_of(cfg)) {
        case Task::Regression: return 1;
        case Task::BinaryClassification: return cfg.output == Activation::Softmax ? 2 : 1;
        case Task::MultiClassification: return classes_of(cfg.data);
    }
    return 1;
}

NetworkSpec network_spec(const ExperimentConfig& cfg) {
    NetworkSpec spec;
    spec.inputs = input_count(cfg);
    spec.hidden = cfg.hidden;
    spec.outputs = output_count(cfg);
    spec.output = cfg.output;
    return spec;
}

std::vector<ConfigIssue> validate(ExperimentConfig& cfg) {
    std::vector<ConfigIssue> issues;
    for (const Field& f : config_fields()) check_field(f, cfg, issues);
    if (cfg.data.kind != DatasetKind::Csv) cfg.data.user = nullptr;  // only the user's set has rows of its own

    // Features: a one-input set has no x2; at least one feature.
    if (input_dims_of(cfg.data) == 1) {
        FeatureMask without_x2 = cfg.features;
        for (int f = 0; f < kFeatureCount; ++f)
            if (feature_uses_x2(Feature(f))) without_x2 &= ~feature_bit(Feature(f));
        if (without_x2 != cfg.features) {
            incompatible(issues, "features", IssueText::OneInputFeatures);
            cfg.features = without_x2;
        }
    }
    if (cfg.features == 0) {
        issues.push_back({IssueCode::OutOfRange, "features", IssueText::NoFeature, {}});
        cfg.features = feature_bit(Feature::X1);
    }

    // Output and loss by task.
    const Task task = task_of(cfg);
    if (!output_fits(task, cfg.output)) {
        const Activation fallback = default_output(task);
        incompatible(issues, "output", IssueText::OutputDoesNotFit,
                     {enum_code(cfg.output), enum_code(task), enum_code(fallback)});
        cfg.output = fallback;
    }
    if (!loss_fits(cfg.output, cfg.loss)) {
        incompatible(issues, "loss", IssueText::CrossEntropyNeedsProbabilities);
        cfg.loss = Loss::Mse;
    }
    check_race(cfg, issues);  // each run is the now valid base with its value
    if (cfg.ensemble.kind == EnsembleKind::Stacking && cfg.race.empty()) {
        // Stacking's base learners are the race's runs; without one (or when it was dropped
        // above) they differ by their hidden layers' activation, or by depth for a network
        // that has none.
        cfg.race = cfg.hidden.empty() ? RaceSpec{"depth", {"1", "2", "3"}} : RaceSpec{"act", {"tanh", "relu", "sigmoid"}};
        check_race(cfg, issues);
        if (cfg.race.empty()) cfg.ensemble.kind = EnsembleKind::None;  // cannot happen for a valid base
    }
    if (cfg.ensemble.kind != EnsembleKind::None && cfg.ensemble.kind != EnsembleKind::Stacking && !cfg.race.empty()) {
        incompatible(issues, "race", IssueText::RaceWithEnsemble);
        cfg.race = {};
    }
    if (cfg.ensemble.kind == EnsembleKind::Boosting && task == Task::Regression) {
        incompatible(issues, "ensemble.kind", IssueText::BoostingOnRegression);
        cfg.ensemble.kind = EnsembleKind::None;
    }
    return issues;
}

bool needs_rebuild(const ExperimentConfig& a, const ExperimentConfig& b) {
    if (a.hidden.size() != b.hidden.size() || a.race != b.race) return true;
    if (a.data.user != b.data.user) return true;  // the user's rows are not a field of the table
    for (std::size_t i = 0; i < a.hidden.size(); ++i)
        if (a.hidden[i].width != b.hidden[i].width || a.hidden[i].activation != b.hidden[i].activation)
            return true;
    for (const Field& f : config_fields()) {
        const bool structural = f.apply == FieldApply::Rebuild || f.apply == FieldApply::Reseed;
        if (structural && f.get && f.get(a) != f.get(b)) return true;
    }
    return false;
}

}  // namespace nnp
