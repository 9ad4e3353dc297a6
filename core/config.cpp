// Validation of the experiment config and the facts derived from it (see config.hpp).
#include "config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnp {

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string out_of_range(const std::string& field, double value, double lo, double hi, double set) {
    return field + " = " + num(value) + " is outside [" + num(lo) + ", " + num(hi) + "]; set to " +
           num(set) + ".";
}

// Clamps a float field into [lo, hi]; NaN/inf become `fallback`. Each change is reported.
void check_float(float& value, float lo, float hi, float fallback, const std::string& field,
                 std::vector<ConfigIssue>& issues) {
    if (!std::isfinite(value)) {
        issues.push_back({IssueCode::NotFinite, field,
                          field + " is not a finite number; set to " + num(fallback) + "."});
        value = fallback;
        return;
    }
    if (value < lo || value > hi) {
        const float clamped = std::clamp(value, lo, hi);
        issues.push_back({IssueCode::OutOfRange, field,
                          out_of_range(field, value, lo, hi, clamped)});
        value = clamped;
    }
}

void check_int(int& value, int lo, int hi, const std::string& field,
               std::vector<ConfigIssue>& issues) {
    if (value < lo || value > hi) {
        const int clamped = std::clamp(value, lo, hi);
        issues.push_back({IssueCode::OutOfRange, field,
                          out_of_range(field, value, lo, hi, clamped)});
        value = clamped;
    }
}

template <typename E>
void check_enum(E& value, E fallback, const std::string& field, std::vector<ConfigIssue>& issues) {
    if (enum_entry(value) == nullptr) {
        issues.push_back({IssueCode::UnknownName, field,
                          field + " has an unknown value; set to " + enum_code(fallback) + "."});
        value = fallback;
    }
}

void incompatible(std::vector<ConfigIssue>& issues, const std::string& field, std::string message) {
    issues.push_back({IssueCode::Incompatible, field, std::move(message)});
}

}  // namespace

Task task_of(const ExperimentConfig& cfg) { return task_of(cfg.data.kind); }

int output_count(const ExperimentConfig& cfg) {
    switch (task_of(cfg)) {
        case Task::Regression: return 1;
        case Task::BinaryClassification: return cfg.output == Activation::Softmax ? 2 : 1;
        case Task::MultiClassification: return cfg.data.classes;
    }
    return 1;
}

NetworkSpec network_spec(const ExperimentConfig& cfg) {
    NetworkSpec spec;
    spec.inputs = feature_count(cfg.features);
    spec.hidden = cfg.hidden;
    spec.outputs = output_count(cfg);
    spec.output = cfg.output;
    return spec;
}

std::vector<ConfigIssue> validate(ExperimentConfig& cfg) {
    std::vector<ConfigIssue> issues;
    const ExperimentConfig defaults;

    // Data.
    check_enum(cfg.data.kind, defaults.data.kind, "data.kind", issues);
    check_int(cfg.data.points, kMinPoints, kMaxPoints, "data.points", issues);
    check_float(cfg.data.noise, 0.0f, 50.0f, defaults.data.noise, "data.noise", issues);
    check_float(cfg.data.train_percent, 10.0f, 90.0f, defaults.data.train_percent,
                "data.train_percent", issues);
    check_int(cfg.data.classes, 3, 6, "data.classes", issues);

    // Features: only known bits; a one-input set has no x2; at least one feature.
    if ((cfg.features & ~kAllFeatures) != 0) {
        issues.push_back({IssueCode::OutOfRange, "features", "features has unknown bits; they were removed."});
        cfg.features &= kAllFeatures;
    }
    if (input_dims_of(cfg.data.kind) == 1) {
        FeatureMask without_x2 = cfg.features;
        for (int f = 0; f < kFeatureCount; ++f)
            if (feature_uses_x2(Feature(f))) without_x2 &= ~feature_bit(Feature(f));
        if (without_x2 != cfg.features) {
            incompatible(issues, "features", "This dataset has one input, so features that use x2 were turned off.");
            cfg.features = without_x2;
        }
    }
    if (cfg.features == 0) {
        issues.push_back({IssueCode::OutOfRange, "features", "At least one feature is needed; x1 was turned on."});
        cfg.features = feature_bit(Feature::X1);
    }

    // Network.
    if (cfg.hidden.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
        issues.push_back({IssueCode::OutOfRange, "hidden",
                          num(double(cfg.hidden.size())) + " hidden layers is more than the maximum " +
                              num(kMaxHiddenLayers) + "; the extra layers were removed."});
        cfg.hidden.resize(kMaxHiddenLayers);
    }
    for (std::size_t i = 0; i < cfg.hidden.size(); ++i) {
        LayerSpec& layer = cfg.hidden[i];
        const std::string name = "hidden[" + std::to_string(i) + "]";
        check_int(layer.width, 1, kMaxLayerWidth, name + ".width", issues);
        check_enum(layer.activation, Activation::Tanh, name + ".activation", issues);
        if (!allowed_in_hidden(layer.activation)) {
            incompatible(issues, name + ".activation", name + ".activation: softmax is only for the output layer; set to tanh.");
            layer.activation = Activation::Tanh;
        }
        check_float(layer.dropout, 0.0f, kMaxDropout, 0.0f, name + ".dropout", issues);
    }

    // Output and loss by task.
    check_enum(cfg.output, defaults.output, "output", issues);
    check_enum(cfg.loss, defaults.loss, "loss", issues);
    if (!allowed_in_output(cfg.output)) {
        incompatible(issues, "output", "This activation cannot be an output; set to sigmoid.");
        cfg.output = Activation::Sigmoid;
    }
    const Task task = task_of(cfg);
    if (task == Task::Regression) {
        if (cfg.output != Activation::Linear && cfg.output != Activation::Tanh) {
            incompatible(issues, "output", "Regression predicts a number: the output was set to linear.");
            cfg.output = Activation::Linear;
        }
    }
    const bool probabilities = cfg.output == Activation::Sigmoid || cfg.output == Activation::Softmax;
    if (cfg.loss != Loss::Mse && !probabilities) {
        incompatible(issues, "loss", "Cross-entropy needs probabilities (a sigmoid or softmax output); the loss was set to MSE.");
        cfg.loss = Loss::Mse;
    }

    check_enum(cfg.init, defaults.init, "init", issues);

    // Optimizer.
    OptimizerParams& o = cfg.optimizer;
    check_enum(o.kind, defaults.optimizer.kind, "optimizer.kind", issues);
    check_float(o.learning_rate, 1e-6f, kMaxLearningRate, defaults.optimizer.learning_rate,
                "optimizer.learning_rate", issues);
    check_float(o.momentum, 0.0f, 0.999f, defaults.optimizer.momentum, "optimizer.momentum", issues);
    check_float(o.rho, 0.0f, 0.999f, defaults.optimizer.rho, "optimizer.rho", issues);
    check_float(o.beta1, 0.0f, 0.999f, defaults.optimizer.beta1, "optimizer.beta1", issues);
    check_float(o.beta2, 0.0f, 0.99999f, defaults.optimizer.beta2, "optimizer.beta2", issues);
    check_float(o.epsilon, 1e-10f, 1.0f, defaults.optimizer.epsilon, "optimizer.epsilon", issues);

    // Regularisation and training.
    check_enum(cfg.regularization, defaults.regularization, "regularization", issues);
    check_float(cfg.reg_rate, 0.0f, kMaxRegRate, defaults.reg_rate, "reg_rate", issues);
    check_int(cfg.batch_size, 1, kMaxBatchSize, "batch_size", issues);
    check_int(cfg.patience, 1, kMaxPatience, "patience", issues);
    return issues;
}

bool needs_rebuild(const ExperimentConfig& a, const ExperimentConfig& b) {
    if (a.hidden.size() != b.hidden.size()) return true;
    // Copy the live fields of `a` into `b`; whatever still differs needs a rebuild.
    ExperimentConfig c = b;
    c.optimizer = a.optimizer;
    c.regularization = a.regularization;
    c.reg_rate = a.reg_rate;
    c.batch_size = a.batch_size;
    c.shuffle = a.shuffle;
    c.early_stopping = a.early_stopping;
    c.patience = a.patience;
    c.show_test = a.show_test;
    c.discretize = a.discretize;
    for (std::size_t i = 0; i < c.hidden.size(); ++i) c.hidden[i].dropout = a.hidden[i].dropout;
    return !(c == a);
}

}  // namespace nnp
