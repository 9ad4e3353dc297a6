// Translation of TF Playground links into our config (see tf_link.hpp for the mapping). Names are
// compared exactly as TF Playground's state.ts does (case-sensitive).
#include "tf_link.hpp"

#include <optional>
#include <string>
#include <vector>

namespace nnp {

namespace {

using link_text::clip;
using link_text::IssueList;

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Keys of TF's State.PROPS that our own format does not use (noise and seed are in both).
bool is_tf_only_key(std::string_view key) {
    static constexpr std::string_view kKeys[] = {
        "activation", "regularization", "batchSize", "dataset", "regDataset", "learningRate",
        "regularizationRate", "networkShape", "showTestData", "discretize", "percTrainData", "x", "y",
        "xTimesY", "xSquared", "ySquared", "cosX", "sinX", "cosY", "sinY", "collectStats",
        "tutorial", "problem", "initZero", "hideText"};
    for (const std::string_view k : kKeys)
        if (key == k) return true;
    return ends_with(key, "_hide");
}

// TF's choices, by its own names.
std::optional<Activation> tf_activation(std::string_view v) {
    if (v == "relu") return Activation::Relu;
    if (v == "tanh") return Activation::Tanh;
    if (v == "sigmoid") return Activation::Sigmoid;
    if (v == "linear") return Activation::Linear;
    return std::nullopt;
}

std::optional<DatasetKind> tf_dataset(std::string_view v) {
    if (v == "circle") return DatasetKind::Circle;
    if (v == "xor") return DatasetKind::Xor;
    if (v == "gauss") return DatasetKind::Gauss;
    if (v == "spiral") return DatasetKind::Spiral;
    return std::nullopt;
}

std::optional<DatasetKind> tf_reg_dataset(std::string_view v) {
    if (v == "reg-plane") return DatasetKind::RegPlane;
    if (v == "reg-gauss") return DatasetKind::RegGauss;
    return std::nullopt;
}

std::optional<Regularization> tf_regularization(std::string_view v) {
    if (v == "none") return Regularization::None;
    if (v == "L1") return Regularization::L1;
    if (v == "L2") return Regularization::L2;
    return std::nullopt;
}

// TF's own state before the link is read, in TF's terms.
struct TfState {
    Activation activation = Activation::Tanh;
    std::vector<int> widths = {4, 2};
    DatasetKind dataset = DatasetKind::Circle;
    DatasetKind reg_dataset = DatasetKind::RegPlane;
    bool regression = false;
    bool init_zero = false;
    FeatureMask features = kDefaultFeatures;
    bool cos_x = false, cos_y = false;
    float learning_rate = 0.03f, reg_rate = 0.0f, noise = 0.0f, train_percent = 50.0f;
    Regularization regularization = Regularization::None;
    int batch_size = 10;
    std::optional<std::uint32_t> seed;
    bool show_test = false, discretize = false;
    // A bad dataset name is reported only if that dataset is used (TF links hold both).
    std::string bad_dataset, bad_reg_dataset;
    bool reg_dataset_elsewhere = false;  // reg-maximum / reg-argmax: TF has them, we do not
};

struct TfReader {
    TfState& st;
    IssueList& issues;

    void read_bool(std::string_view key, std::string_view value, bool& out) {
        if (value == "true") out = true;
        else if (value == "false") out = false;
        else issues.malformed(key, value, IssueText::NotTrueOrFalse);
    }
    void read_float(std::string_view key, std::string_view value, float& out) {
        if (!link_text::parse_float(value, out)) issues.malformed(key, value, IssueText::NotNumberValue);
    }

    // "4,2" -> {4, 2}; "" -> no hidden layer. Any bad width keeps TF's default shape; reading
    // stops after kMaxHiddenLayers, so a million layers cost nothing.
    void read_shape(std::string_view value) {
        std::vector<int> widths;
        while (!value.empty()) {
            const std::size_t at = value.find(',');
            const std::string_view token = value.substr(0, at);
            value = at == std::string_view::npos ? std::string_view{} : value.substr(at + 1);
            if (widths.size() == static_cast<std::size_t>(kMaxHiddenLayers)) {
                issues.add(IssueCode::OutOfRange, "networkShape", IssueText::LinkTooManyLayers,
                           {"networkShape", std::to_string(kMaxHiddenLayers)});
                break;
            }
            int width = 0;
            if (!link_text::parse_int(token, width)) {
                issues.malformed("networkShape", token, IssueText::NotWholeNumber);
                return;
            }
            widths.push_back(width);
        }
        st.widths = std::move(widths);
    }

    void read(std::string_view key, std::string_view value) {
        if (key == "networkShape") return read_shape(value);
        // TF reads a key only if its value is not blank (state.ts hasKey).
        if (value.find_first_not_of(' ') == std::string_view::npos) return;
        if (key == "activation") {
            if (const auto a = tf_activation(value)) st.activation = *a;
            else issues.unknown_name(key, value);
        } else if (key == "regularization") {
            if (const auto r = tf_regularization(value)) st.regularization = *r;
            else issues.unknown_name(key, value);
        } else if (key == "dataset") {
            if (const auto d = tf_dataset(value)) st.dataset = *d, st.bad_dataset.clear();
            else st.bad_dataset = clip(value);
        } else if (key == "regDataset") {
            st.bad_reg_dataset.clear();
            st.reg_dataset_elsewhere = value == "reg-maximum" || value == "reg-argmax";
            if (const auto d = tf_reg_dataset(value)) st.reg_dataset = *d;
            else if (!st.reg_dataset_elsewhere) st.bad_reg_dataset = clip(value);
        } else if (key == "problem") {
            if (value == "classification") st.regression = false;
            else if (value == "regression") st.regression = true;
            else issues.unknown_name(key, value);
        } else if (key == "batchSize") {
            if (!link_text::parse_int(value, st.batch_size)) issues.malformed(key, value, IssueText::NotWholeNumber);
        } else if (key == "learningRate") read_float(key, value, st.learning_rate);
        else if (key == "regularizationRate") read_float(key, value, st.reg_rate);
        else if (key == "noise") read_float(key, value, st.noise);
        else if (key == "percTrainData") read_float(key, value, st.train_percent);
        else if (key == "seed") st.seed = tf_seed(value);
        else if (key == "showTestData") read_bool(key, value, st.show_test);
        else if (key == "discretize") read_bool(key, value, st.discretize);
        else if (key == "initZero") read_bool(key, value, st.init_zero);
        else if (key == "cosX") read_bool(key, value, st.cos_x);
        else if (key == "cosY") read_bool(key, value, st.cos_y);
        else if (key == "collectStats" || key == "hideText" || key == "tutorial" || ends_with(key, "_hide")) {
            // TF's page display only: nothing to carry over.
        } else {
            // The seven inputs have TF's names as their URL tokens (features.cpp).
            for (const auto& e : enum_table<Feature>()) {
                if (key != e.url) continue;
                bool on = (st.features & feature_bit(e.value)) != 0;
                read_bool(key, value, on);
                st.features = on ? (st.features | feature_bit(e.value)) : (st.features & ~feature_bit(e.value));
                return;
            }
            issues.add(IssueCode::UnknownKey, clip(key), IssueText::UnknownKey, {clip(key)});
        }
    }
};

ExperimentConfig to_config(const TfState& st, IssueList& issues) {
    ExperimentConfig cfg;
    if (st.regression) {
        if (st.reg_dataset_elsewhere)
            issues.add(IssueCode::Incompatible, "regDataset", IssueText::TfDatasetElsewhere);
        else if (!st.bad_reg_dataset.empty())
            issues.add(IssueCode::UnknownName, "regDataset", IssueText::UnknownName, {"regDataset", st.bad_reg_dataset});
    } else if (!st.bad_dataset.empty()) {
        issues.add(IssueCode::UnknownName, "dataset", IssueText::UnknownName, {"dataset", st.bad_dataset});
    }
    cfg.data.kind = st.regression ? st.reg_dataset : st.dataset;
    cfg.data.points = st.regression ? kTfPointsRegress : kTfPointsClassify;
    cfg.data.noise = st.noise;
    cfg.data.train_percent = st.train_percent;
    cfg.data.seed = st.seed.value_or(1);
    cfg.features = st.features;
    if (st.cos_x) issues.add(IssueCode::Incompatible, "cosX", IssueText::TfNoCosine, {"cosX", "X1"});
    if (st.cos_y) issues.add(IssueCode::Incompatible, "cosY", IssueText::TfNoCosine, {"cosY", "X2"});
    cfg.hidden.clear();
    for (const int w : st.widths) cfg.hidden.push_back({w, st.activation, 0.0f});
    cfg.output = st.regression ? Activation::Linear : Activation::Tanh;
    cfg.loss = Loss::Mse;
    cfg.init = st.init_zero ? Init::Zeros : Init::Uniform;
    cfg.optimizer = OptimizerParams{};
    cfg.optimizer.kind = OptimizerKind::Sgd;
    cfg.optimizer.learning_rate = st.learning_rate;
    cfg.regularization = st.regularization;
    cfg.reg_rate = st.reg_rate;
    cfg.batch_size = st.batch_size;
    cfg.shuffle = false;
    cfg.seed = st.seed.value_or(1);
    cfg.early_stopping = false;
    cfg.show_test = st.show_test;
    cfg.discretize = st.discretize;
    return cfg;
}

}  // namespace

std::uint32_t tf_seed(std::string_view seed_text) {
    std::uint32_t hash = 2166136261u;  // FNV-1a 32-bit offset basis
    for (const char c : seed_text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;  // FNV prime
    }
    return hash;
}

bool is_tf_link(std::string_view fragment) {
    link_text::PairWalker pairs(fragment);
    bool tf_key = false;
    while (pairs.next()) {
        if (pairs.key() == "v") return false;
        tf_key = tf_key || is_tf_only_key(pairs.key());
    }
    return tf_key;
}

ExperimentConfig tf_default_config() {
    std::vector<ConfigIssue> none;
    IssueList issues(none);
    return to_config(TfState{}, issues);
}

DecodedConfig decode_tf_link(std::string_view text) {
    DecodedConfig result;
    result.tf_playground = true;
    IssueList issues(result.issues);
    TfState st;
    if (text.size() > kMaxLinkLength) {
        issues.add(IssueCode::OutOfRange, "link", IssueText::LinkTooLong, {std::to_string(kMaxLinkLength)});
    } else {
        TfReader reader{st, issues};
        link_text::PairWalker pairs(link_text::fragment_of(text));
        while (pairs.next()) {
            if (!pairs.has_equals()) {
                issues.add(IssueCode::Malformed, clip(pairs.key()), IssueText::NoEquals, {clip(pairs.key())});
                continue;
            }
            reader.read(pairs.key(), pairs.value());
        }
    }
    result.config = to_config(st, issues);
    issues.finish();
    auto more = validate(result.config);
    result.issues.insert(result.issues.end(), more.begin(), more.end());
    return result;
}

}  // namespace nnp
