// The table of config fields (see fields.hpp) and the operations that only need the rows.
#include "fields.hpp"

#include "config_codec.hpp"
#include "race.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>

namespace nnp {

namespace {

template <typename E>
const EnumValues* enum_values() {
    static const EnumValues values{
        [] { return enum_table<E>().size(); },
        [](std::size_t i) { return static_cast<int>(enum_table<E>()[i].value); },
        [](std::size_t i) { return enum_table<E>()[i].code; },
        [](std::size_t i) { return enum_table<E>()[i].url; },
        [](std::size_t i) { return enum_table<E>()[i].label; },
    };
    return &values;
}

std::string tidy_exponent(std::string s) {
    // "1e-07" -> "1e-7", "1e+07" -> "1e7"
    const std::size_t e = s.find('e');
    if (e == std::string::npos) return s;
    std::string mantissa = s.substr(0, e), exponent = s.substr(e + 1);
    const bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    return mantissa + "e" + (negative ? "-" : "") + exponent;
}

// get/set pairs for one member of ExperimentConfig, converted through double.
#define NNP_NUMBER(member, T)                                           \
    [](const ExperimentConfig& c) { return static_cast<double>(c.member); }, \
    [](ExperimentConfig& c, double v) { c.member = static_cast<T>(v); }
#define NNP_BOOL(member)                                                \
    [](const ExperimentConfig& c) { return c.member ? 1.0 : 0.0; },     \
    [](ExperimentConfig& c, double v) { c.member = v != 0.0; }
#define NNP_ENUM(member, E)                                                             \
    [](const ExperimentConfig& c) { return static_cast<double>(static_cast<int>(c.member)); }, \
    [](ExperimentConfig& c, double v) { c.member = static_cast<E>(static_cast<int>(v)); }

constexpr double kSeedMax = 4294967295.0;
constexpr double kNone = 0.0;

const std::array<Field, 34> kFields = {{
    // key, json, label, tip, doc, type, lo, hi, apply, get/set, enum values, derived default
    {"data", "dataset", "Dataset", "TipDataset", "data set", FieldType::Enum, kNone, kNone,
     FieldApply::Rebuild, NNP_ENUM(data.kind, DatasetKind), enum_values<DatasetKind>(), nullptr},
    {"dseed", "data_seed", "Regenerate", "TipRegenerate", "seed of the data set's points",
     FieldType::Seed, 0, kSeedMax, FieldApply::Rebuild, NNP_NUMBER(data.seed, std::uint32_t),
     nullptr, nullptr},
    {"points", "points", "Points", "TipPoints", "number of points", FieldType::Int, kMinPoints,
     kMaxPoints, FieldApply::Rebuild, NNP_NUMBER(data.points, int), nullptr, nullptr},
    {"noise", "noise", "Noise", "TipNoise", "noise, percent", FieldType::Float, 0, 50,
     FieldApply::Rebuild, NNP_NUMBER(data.noise, float), nullptr, nullptr},
    {"train", "train_percent", "TrainPercent", "TipTrainPercent",
     "share of the points for training (with validation), percent", FieldType::Float, 10, 90,
     FieldApply::Rebuild, NNP_NUMBER(data.train_percent, float), nullptr,
     [](const ExperimentConfig& c) { return double(default_for_data(c.data.kind).data.train_percent); },
     "the data set: `50`, images `80`"},
    {"classes", "classes", "Classes", "TipClasses", "classes of the k-class sets",
     FieldType::Int, 3, 10, FieldApply::Rebuild, NNP_NUMBER(data.classes, int), nullptr, nullptr},
    {"f", "features", "Features", "TipFeature", "input features", FieldType::Features, kNone,
     kNone, FieldApply::Rebuild, NNP_NUMBER(features, FeatureMask), nullptr,
     [](const ExperimentConfig& c) { return double(default_features(c.data)); },
     "the data set"},
    {"norm", "normalization", "Normalization", "TipNormalization",
     "input normalisation, fitted to the training points", FieldType::Enum, kNone, kNone,
     FieldApply::Rebuild, NNP_ENUM(normalization, Normalization), enum_values<Normalization>(),
     [](const ExperimentConfig& c) { return double(int(default_normalization(c.data))); },
     "the data set"},
    {"net", "hidden", "HiddenLayers", "TipAddLayer",
     "hidden layers `width:activation[:dropout]`, or `none`", FieldType::Network, 0,
     kMaxHiddenLayers, FieldApply::Rebuild, nullptr, nullptr, nullptr, nullptr,
     "the data set: `4:tanh,2:tanh`, digits `16:relu`, MNIST `64:relu`"},
    {"out", "output", "OutputActivation", "TipOutputActivation",
     "output activation", FieldType::Enum, kNone, kNone, FieldApply::Rebuild,
     NNP_ENUM(output, Activation), enum_values<Activation>(),
     [](const ExperimentConfig& c) { return double(int(default_output(task_of(c)))); },
     "the task"},
    {"loss", "loss", "Loss", "TipLoss", "loss", FieldType::Enum, kNone, kNone,
     FieldApply::Rebuild, NNP_ENUM(loss, Loss), enum_values<Loss>(),
     [](const ExperimentConfig& c) { return double(int(default_loss(c.output))); },
     "`out`"},
    {"init", "init", "InitLabel", "TipInit", "weight initialisation", FieldType::Enum, kNone,
     kNone, FieldApply::Reseed, NNP_ENUM(init, Init), enum_values<Init>(), nullptr},
    {"opt", "optimizer.kind", "Optimizer", "TipOptimizer", "optimizer", FieldType::Enum, kNone,
     kNone, FieldApply::Live, NNP_ENUM(optimizer.kind, OptimizerKind),
     enum_values<OptimizerKind>(),
     [](const ExperimentConfig& c) { return double(int(default_for_data(c.data.kind).optimizer.kind)); },
     "the data set: `sgd`, images `adam`"},
    {"lr", "optimizer.learning_rate", "LearningRate", "TipLearningRate", "learning rate",
     FieldType::Float, 1e-6, kMaxLearningRate, FieldApply::Live,
     NNP_NUMBER(optimizer.learning_rate, float), nullptr,
     [](const ExperimentConfig& c) { return double(default_for_data(c.data.kind).optimizer.learning_rate); },
     "the data set: `0.03`, images `0.003`"},
    {"mom", "optimizer.momentum", "Momentum", "TipMomentum", "momentum (Momentum, Nesterov)",
     FieldType::Float, 0, 0.999, FieldApply::Live, NNP_NUMBER(optimizer.momentum, float),
     nullptr, nullptr},
    {"rho", "optimizer.rho", "Rho", "TipRho", "RMSprop's decay", FieldType::Float, 0, 0.999,
     FieldApply::Live, NNP_NUMBER(optimizer.rho, float), nullptr, nullptr},
    {"b1", "optimizer.beta1", "Beta1", "TipBeta1", "Adam's beta 1", FieldType::Float, 0, 0.999,
     FieldApply::Live, NNP_NUMBER(optimizer.beta1, float), nullptr, nullptr},
    {"b2", "optimizer.beta2", "Beta2", "TipBeta2", "Adam's beta 2", FieldType::Float, 0,
     0.99999, FieldApply::Live, NNP_NUMBER(optimizer.beta2, float), nullptr, nullptr},
    {"eps", "optimizer.epsilon", "Epsilon", "TipEpsilon",
     "epsilon (AdaGrad, RMSprop, Adam)", FieldType::Float, 1e-10, 1, FieldApply::Live,
     NNP_NUMBER(optimizer.epsilon, float), nullptr, nullptr},
    {"reg", "regularization", "Regularization", "TipRegularization", "weight penalty",
     FieldType::Enum, kNone, kNone, FieldApply::Live, NNP_ENUM(regularization, Regularization),
     enum_values<Regularization>(), nullptr},
    {"rr", "reg_rate", "RegRate", "TipRegRate", "penalty rate", FieldType::Float, 0,
     kMaxRegRate, FieldApply::Live, NNP_NUMBER(reg_rate, float), nullptr, nullptr},
    {"batch", "batch_size", "BatchSize", "TipBatchSize", "batch size", FieldType::Int, 1,
     kMaxBatchSize, FieldApply::Live, NNP_NUMBER(batch_size, int), nullptr,
     [](const ExperimentConfig& c) { return double(default_for_data(c.data.kind).batch_size); },
     "the data set: `10`, digits `32`, MNIST `64`"},
    {"shuffle", "shuffle", "Shuffle", "TipShuffle", "new batch order every epoch",
     FieldType::Bool, 0, 1, FieldApply::Live, NNP_BOOL(shuffle), nullptr, nullptr},
    {"seed", "seed", "Seed", "TipSeed", "seed of the weights, batch order and dropout",
     FieldType::Seed, 0, kSeedMax, FieldApply::Reseed, NNP_NUMBER(seed, std::uint32_t), nullptr,
     nullptr},
    {"es", "early_stopping", "EarlyStopping", "TipEarlyStopping", "early stopping",
     FieldType::Bool, 0, 1, FieldApply::Live, NNP_BOOL(early_stopping), nullptr, nullptr},
    {"val", "validation_percent", "ValidationPercent", "TipValidationPercent",
     "share of the training points held out for validation, percent", FieldType::Float, 0,
     kMaxValidationPercent, FieldApply::Rebuild, NNP_NUMBER(validation_percent, float), nullptr,
     [](const ExperimentConfig& c) {
         return c.early_stopping ? double(kDefaultValidationPercent) : 0.0;
     },
     "`es`"},
    {"pat", "patience", "Patience", "TipPatience", "epochs without a better loss before stopping",
     FieldType::Int, 1, kMaxPatience, FieldApply::Live, NNP_NUMBER(patience, int), nullptr,
     nullptr},
    {"test", "show_test", "ShowTest", "TipShowTest", "show the test points", FieldType::Bool, 0,
     1, FieldApply::Display, NNP_BOOL(show_test), nullptr, nullptr},
    {"disc", "discretize", "Discretize", "TipDiscretize", "discretize the output picture",
     FieldType::Bool, 0, 1, FieldApply::Display, NNP_BOOL(discretize), nullptr, nullptr},
    {"race", "race", "Compare", "TipCompare",
     "runs side by side that differ in one setting: `key:value,value,...`", FieldType::Race,
     kMinRaceRuns, kMaxRaceRuns, FieldApply::Rebuild, nullptr, nullptr, nullptr, nullptr},
    {"ens", "ensemble.kind", "Ensemble", "TipEnsemble", "an ensemble of members that vote: `bagging`, `boosting` or `stacking` (the race's runs are its base learners)",
     FieldType::Enum, kNone, kNone, FieldApply::Rebuild, NNP_ENUM(ensemble.kind, EnsembleKind),
     enum_values<EnsembleKind>(), nullptr},
    {"members", "ensemble.members", "Members", "TipMembers", "members of the ensemble", FieldType::Int,
     kMinMembers, kMaxMembers, FieldApply::Rebuild, NNP_NUMBER(ensemble.members, int), nullptr, nullptr},
    {"lepochs", "ensemble.learner_epochs", "LearnerEpochs", "TipLearnerEpochs",
     "boosting: epochs each learner trains before the next", FieldType::Int, 1, kMaxLearnerEpochs,
     FieldApply::Rebuild, NNP_NUMBER(ensemble.learner_epochs, int), nullptr, nullptr},
    {"folds", "ensemble.folds", "Folds", "TipFolds",
     "stacking: folds of the training split that give the meta-learner its out-of-fold predictions",
     FieldType::Int, kMinFolds, kMaxFolds, FieldApply::Rebuild, NNP_NUMBER(ensemble.folds, int), nullptr,
     nullptr},
}};

#undef NNP_NUMBER
#undef NNP_BOOL
#undef NNP_ENUM

const char* enum_url_of(const Field& f, int value) {
    for (std::size_t i = 0; i < f.values->size(); ++i)
        if (f.values->value(i) == value) return f.values->url(i);
    return "?";
}

const char* type_text(const Field& f) {
    switch (f.type) {
        case FieldType::Float: return "number";
        case FieldType::Int: return "whole number";
        case FieldType::Bool: return "0 or 1";
        case FieldType::Seed: return "seed";
        case FieldType::Enum: return "name";
        case FieldType::Features: return "list";
        case FieldType::Network: return "layers";
        case FieldType::Race: return "race";
    }
    return "";
}

const char* apply_text(FieldApply a) {
    switch (a) {
        case FieldApply::Live: return "live";
        case FieldApply::Reseed: return "new weights";
        case FieldApply::Rebuild: return "rebuild";
        case FieldApply::Display: return "display";
    }
    return "";
}

}  // namespace

std::span<const Field> config_fields() { return kFields; }

std::string format_number(float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0.0f) return "0";
    char buf[64];
    float back = 0.0f;
    const float a = std::fabs(v);
    if (a >= 1e-4f && a <= 1e6f) {
        // Plain decimals: at most 4 leading zeros plus 9 significant digits are ever needed.
        for (int decimals = 0; decimals <= 16; ++decimals) {
            std::snprintf(buf, sizeof buf, "%.*f", decimals, static_cast<double>(v));
            if (link_text::parse_float(buf, back) && back == v) return buf;
        }
    }
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(v));
        if (link_text::parse_float(buf, back) && back == v) break;
    }
    return tidy_exponent(buf);
}

const Field* find_field(std::string_view key) {
    for (const Field& f : kFields)
        if (key == f.key) return &f;
    return nullptr;
}

const Field& field(std::string_view key) {
    const Field* f = find_field(key);
    assert(f != nullptr);
    return f ? *f : kFields[0];
}

double field_default(const Field& f, const ExperimentConfig& cfg) {
    if (f.derived_default) return f.derived_default(cfg);
    static const ExperimentConfig defaults;
    return f.get ? f.get(defaults) : 0.0;
}

bool at_default(const Field& f, const ExperimentConfig& cfg) {
    if (f.type == FieldType::Network) return cfg.hidden == default_for_data(cfg.data.kind).hidden;
    if (f.type == FieldType::Race) return cfg.race.empty();
    return f.get(cfg) == field_default(f, cfg);
}

std::string field_text(const Field& f, const ExperimentConfig& cfg) {
    switch (f.type) {
        case FieldType::Float: return format_number(static_cast<float>(f.get(cfg)));
        case FieldType::Int:
        case FieldType::Seed: return std::to_string(static_cast<long long>(f.get(cfg)));
        case FieldType::Bool: return f.get(cfg) != 0.0 ? "1" : "0";
        case FieldType::Enum: return enum_url_of(f, static_cast<int>(f.get(cfg)));
        case FieldType::Features: {
            std::string list;
            for (int i = 0; i < kFeatureCount; ++i) {
                if (!(cfg.features & feature_bit(Feature(i)))) continue;
                if (!list.empty()) list += ',';
                list += enum_url(Feature(i));
            }
            return list;
        }
        case FieldType::Network: {
            std::string list;
            for (const LayerSpec& layer : cfg.hidden) {
                if (!list.empty()) list += ',';
                list += std::to_string(layer.width) + ':' + enum_url(layer.activation);
                if (layer.dropout != 0.0f) list += ':' + format_number(layer.dropout);
            }
            return list.empty() ? "none" : list;
        }
        case FieldType::Race: {
            std::string text = cfg.race.key + ':';
            for (std::size_t i = 0; i < cfg.race.values.size(); ++i) {
                if (i > 0) text += ',';
                text += cfg.race.values[i];
            }
            return cfg.race.empty() ? std::string() : text;
        }
    }
    return {};
}

void follow_defaults(const ExperimentConfig& before, ExperimentConfig& after) {
    const std::vector<LayerSpec>& net_before = default_for_data(before.data.kind).hidden;
    if (after.hidden == before.hidden && before.hidden == net_before)
        after.hidden = default_for_data(after.data.kind).hidden;
    for (const Field& f : kFields) {
        if (!f.derived_default) continue;
        if (f.get(after) == f.get(before) && f.get(before) == f.derived_default(before))
            f.set(after, f.derived_default(after));
    }
}

void settle_defaults(ExperimentConfig& cfg, std::span<const std::string_view> given) {
    for (const Field& f : kFields) {
        const bool network = f.type == FieldType::Network;
        if (!f.derived_default && !network) continue;
        bool named = false;
        for (const std::string_view key : given) named = named || key == f.key;
        if (named) continue;
        if (network) cfg.hidden = default_for_data(cfg.data.kind).hidden;
        else f.set(cfg, f.derived_default(cfg));
    }
}

std::string fields_markdown() {
    const ExperimentConfig d;
    std::string s = "| key | JSON name | what | value | default | a change |\n"
                    "|---|---|---|---|---|---|\n";
    for (const Field& f : kFields) {
        std::string value = type_text(f);
        if (f.type == FieldType::Float || f.type == FieldType::Int)
            value += " in [" + format_number(float(f.lo)) + ", " + format_number(float(f.hi)) + "]";
        if (f.type == FieldType::Race)
            value += " of " + format_number(float(f.lo)) + " to " + format_number(float(f.hi)) + " runs";
        if (f.type == FieldType::Enum) {
            value.clear();
            for (std::size_t i = 0; i < f.values->size(); ++i) {
                if (i > 0) value += ", ";
                value += "`" + std::string(f.values->url(i)) + "`";
            }
        }
        const std::string text = field_text(f, d);
        const std::string def = f.follows ? std::string("follows ") + f.follows
                                : text.empty()    ? std::string("none")
                                                  : "`" + text + "`";
        s += "| `" + std::string(f.key) + "` | `" + f.json + "` | " + f.doc + " | " + value +
             " | " + def + " | " + apply_text(f.apply) + " |\n";
    }
    return s;
}

}  // namespace nnp
