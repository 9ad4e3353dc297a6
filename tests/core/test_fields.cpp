// The field table: one row per config field, and everything that reads it (validation, the link
// reader and writer, needs_rebuild, derived defaults) agreeing with it. Also the numbers in
// links and the defaults that follow the task, the data set and early stopping.
#include "config_codec.hpp"
#include "fields.hpp"
#include "rng.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <set>
#include <string>

using namespace nnp;
using nnp::test::has_issue;

namespace {

// A value of `f` other than its default and inside its range (for enums: another table value
// that the default config accepts).
double other_value(const Field& f, const ExperimentConfig& cfg) {
    const double def = field_default(f, cfg);
    switch (f.type) {
        case FieldType::Float:
        case FieldType::Int:
        case FieldType::Seed: {
            if (def >= f.hi) return f.lo;
            const double mid = def + (f.hi - def) / 2;
            return f.type == FieldType::Float ? mid : std::ceil(mid);
        }
        case FieldType::Bool: return def != 0.0 ? 0.0 : 1.0;
        case FieldType::Features: return double(feature_bit(Feature::X1) | feature_bit(Feature::X1TimesX2));
        case FieldType::Enum:
            for (std::size_t i = 0; i < f.values->size(); ++i) {
                ExperimentConfig c = cfg;
                f.set(c, f.values->value(i));
                if (f.values->value(i) != int(def) && validate(c).empty()) return f.values->value(i);
            }
            return def;
        case FieldType::Network:
        case FieldType::Race: return 0.0;
    }
    return def;
}

}  // namespace

TEST_CASE("every field has one row with a unique key and JSON name", "[fields]") {
    std::set<std::string> keys, names;
    for (const Field& f : config_fields()) {
        INFO(f.key);
        CHECK(keys.insert(f.key).second);
        CHECK(names.insert(f.json).second);
        CHECK(std::strlen(f.label) > 0);
        CHECK(std::strlen(f.tip) > 0);
        CHECK(std::strlen(f.doc) > 0);
        CHECK(find_field(f.key) == &f);
        // A derived default says what it follows; so does the network (special-cased: it follows
        // the data set through default_for_data).
        CHECK((f.derived_default == nullptr && f.type != FieldType::Network) == (f.follows == nullptr));
        if (f.type == FieldType::Enum) CHECK(f.values != nullptr);
        if (f.type != FieldType::Network && f.type != FieldType::Race) REQUIRE(f.get != nullptr);
        if (f.type == FieldType::Float || f.type == FieldType::Int) CHECK(f.lo < f.hi);
    }
    CHECK(find_field("w") == nullptr);  // weights are not a config field
    CHECK(find_field("v") == nullptr);
}

TEST_CASE("each field's change is live or a rebuild exactly as its row says", "[fields]") {
    const ExperimentConfig a;
    for (const Field& f : config_fields()) {
        if (f.type == FieldType::Network || f.type == FieldType::Race) continue;
        ExperimentConfig b = a;
        f.set(b, other_value(f, a));
        REQUIRE_FALSE(b == a);
        INFO(f.key << " = " << field_text(f, b));
        const bool structural = f.apply == FieldApply::Rebuild || f.apply == FieldApply::Reseed;
        CHECK(needs_rebuild(a, b) == structural);
    }
    ExperimentConfig dropout = a;  // a layer's dropout is live, its width is not
    dropout.hidden[0].dropout = 0.3f;
    CHECK_FALSE(needs_rebuild(a, dropout));
}

TEST_CASE("validation clamps every number to its row's range and names the field", "[fields]") {
    for (const Field& f : config_fields()) {
        if (f.type != FieldType::Float && f.type != FieldType::Int) continue;
        INFO(f.key);
        ExperimentConfig c;
        f.set(c, f.hi + 1000);
        auto issues = validate(c);
        CHECK(f.get(c) == double(f.type == FieldType::Float ? double(float(f.hi)) : f.hi));
        CHECK(has_issue(issues, IssueCode::OutOfRange, f.json));
        f.set(c, f.lo - 1000);
        issues = validate(c);
        CHECK(f.get(c) == double(f.type == FieldType::Float ? double(float(f.lo)) : f.lo));
        CHECK(has_issue(issues, IssueCode::OutOfRange, f.json));
        // The bounds themselves are allowed.
        f.set(c, f.lo);
        CHECK(validate(c).empty());
        f.set(c, f.hi);
        CHECK(validate(c).empty());
    }
}

TEST_CASE("numbers in links are the shortest plain decimals that read back exactly", "[fields][codec]") {
    CHECK(format_number(10.0f) == "10");
    CHECK(format_number(70.0f) == "70");
    CHECK(format_number(0.003f) == "0.003");
    CHECK(format_number(0.0001f) == "0.0001");
    CHECK(format_number(1e6f) == "1000000");
    CHECK(format_number(1e-7f) == "1e-7");
    CHECK(format_number(0.1f) == "0.1");
    CHECK(format_number(-2.5f) == "-2.5");
    // An imported TF Playground link used to read noise=1e+01&train=7e+01.
    const DecodedConfig tf = decode_config("playground.tensorflow.org/#dataset=xor&noise=10&percTrainData=70&networkShape=4");
    const std::string text = encode_config(tf.config);
    INFO(text);
    CHECK(text.find("noise=10&") != std::string::npos);
    CHECK(text.find("train=70&") != std::string::npos);

    Rng rng(11, 5);
    for (int i = 0; i < 20000; ++i) {
        // Log-uniform magnitudes over [1e-4, 1e6], both signs, every float bit pattern likely.
        const double e = -4.0 + 10.0 * rng.uniform();
        float v = static_cast<float>(std::pow(10.0, e));
        if (!(std::fabs(v) >= 1e-4f && std::fabs(v) <= 1e6f)) continue;
        if (i % 2) v = -v;
        const std::string s = format_number(v);
        INFO(s);
        CHECK(s.find('e') == std::string::npos);
        float back = 0.0f;
        REQUIRE(link_text::parse_float(s, back));
        CHECK(back == v);
    }
    // Every number field of a config round-trips bit for bit through its link text.
    for (const Field& f : config_fields()) {
        if (f.type != FieldType::Float) continue;
        for (int i = 0; i < 200; ++i) {
            ExperimentConfig c;
            const float v = static_cast<float>(f.lo + (f.hi - f.lo) * rng.uniform());
            f.set(c, v);
            validate(c);
            const DecodedConfig d = decode_config(encode_config(c));
            INFO(f.key << " = " << field_text(f, c));
            CHECK(d.issues.empty());
            CHECK(f.get(d.config) == f.get(c));
        }
    }
}

TEST_CASE("links default the output and loss by task, as the UI does", "[fields][codec]") {
    const DecodedConfig blobs = decode_config("#v=1&data=blobs&classes=5");
    CHECK(blobs.issues.empty());
    CHECK(blobs.config.output == Activation::Softmax);
    CHECK(blobs.config.loss == Loss::CategoricalCrossEntropy);
    CHECK(encode_config(blobs.config) == "v=1&data=blobs&classes=5");

    const DecodedConfig plane = decode_config("v=1&data=reg-plane");
    CHECK(plane.issues.empty());
    CHECK(plane.config.output == Activation::Linear);
    CHECK(plane.config.loss == Loss::Mse);

    const DecodedConfig circle = decode_config("v=1&data=circle&out=tanh");  // loss follows out
    CHECK(circle.issues.empty());
    CHECK(circle.config.loss == Loss::Mse);
    CHECK(encode_config(circle.config) == "v=1&out=tanh");
}

TEST_CASE("links written before the field table keep their meaning", "[fields][codec]") {
    // What the old writer produced for these experiments: out/loss were written whenever they
    // differed from sigmoid + BCE.
    struct Case {
        const char* link;
        Activation output;
        Loss loss;
        const char* rewritten;
    };
    const Case cases[] = {
        {"v=1&data=reg-plane&out=linear&loss=mse", Activation::Linear, Loss::Mse, "v=1&data=reg-plane"},
        {"v=1&data=blobs&classes=4&out=softmax&loss=cce", Activation::Softmax, Loss::CategoricalCrossEntropy,
         "v=1&data=blobs&classes=4"},
        {"v=1&data=circle&out=tanh&loss=mse", Activation::Tanh, Loss::Mse, "v=1&out=tanh"},
        {"v=1&data=xor&out=softmax&loss=cce", Activation::Softmax, Loss::CategoricalCrossEntropy,
         "v=1&data=xor&out=softmax"},
        {"v=1&data=spiral&out=sigmoid&loss=mse", Activation::Sigmoid, Loss::Mse, "v=1&data=spiral&loss=mse"},
        {"v=1&data=reg-gauss&out=tanh&loss=mse", Activation::Tanh, Loss::Mse, "v=1&data=reg-gauss&out=tanh"},
    };
    for (const Case& c : cases) {
        INFO(c.link);
        const DecodedConfig d = decode_config(c.link);
        CHECK(d.issues.empty());
        CHECK(d.config.output == c.output);
        CHECK(d.config.loss == c.loss);
        CHECK(encode_config(d.config) == c.rewritten);
        CHECK(decode_config(c.rewritten).config == d.config);
    }
}

TEST_CASE("the one-input oyster set opens without problems and standardised", "[fields][codec]") {
    const DecodedConfig d = decode_config("#v=1&data=oyster");
    CHECK(d.issues.empty());
    CHECK(d.config.features == feature_bit(Feature::X1));
    CHECK(d.config.normalization == Normalization::Standardize);
    CHECK(encode_config(d.config) == "v=1&data=oyster");
    // Named explicitly, x2 is still a problem worth a word.
    CHECK_FALSE(decode_config("v=1&data=oyster&f=x,y").issues.empty());
    // TF Playground's sets and links keep TF's raw inputs.
    CHECK(decode_config("v=1&data=spiral").config.normalization == Normalization::None);
    CHECK(decode_config("dataset=spiral&networkShape=4").config.normalization == Normalization::None);
    CHECK(decode_config("v=1&data=oyster&norm=none").config.normalization == Normalization::None);
    CHECK(decode_config("v=1&data=circle&norm=minmax").config.normalization == Normalization::MinMax);
}

TEST_CASE("early stopping brings a 20% validation share unless one is named", "[fields][codec]") {
    CHECK(decode_config("v=1&es=1").config.validation_percent == kDefaultValidationPercent);
    CHECK(decode_config("v=1&es=1&val=0").config.validation_percent == 0.0f);
    CHECK(decode_config("v=1&val=30").config.validation_percent == 30.0f);
    CHECK(decode_config("v=1").config.validation_percent == 0.0f);
    ExperimentConfig c;
    c.early_stopping = true;
    c.validation_percent = kDefaultValidationPercent;
    CHECK(encode_config(c) == "v=1&es=1");
}

TEST_CASE("follow_defaults moves only the fields that sat at their default", "[fields]") {
    ExperimentConfig before;
    ExperimentConfig after = before;
    after.data.kind = DatasetKind::Oyster;
    follow_defaults(before, after);
    CHECK(after.features == feature_bit(Feature::X1));
    CHECK(after.normalization == Normalization::Standardize);
    CHECK(after.output == Activation::Sigmoid);

    ExperimentConfig chosen;  // a normalisation the user picked stays
    chosen.normalization = Normalization::MinMax;
    ExperimentConfig moved = chosen;
    moved.data.kind = DatasetKind::Oyster;
    follow_defaults(chosen, moved);
    CHECK(moved.normalization == Normalization::MinMax);

    ExperimentConfig es = before;
    es.early_stopping = true;
    follow_defaults(before, es);
    CHECK(es.validation_percent == kDefaultValidationPercent);
    ExperimentConfig off = es;
    off.early_stopping = false;
    follow_defaults(es, off);
    CHECK(off.validation_percent == 0.0f);

    ExperimentConfig k = before;
    k.data.kind = DatasetKind::Blobs;
    follow_defaults(before, k);
    CHECK(k.output == Activation::Softmax);
    CHECK(k.loss == Loss::CategoricalCrossEntropy);
}

TEST_CASE("the README's key table is generated from the rows", "[fields]") {
    const std::string md = fields_markdown();
    for (const Field& f : config_fields()) {
        INFO(f.key);
        CHECK(md.find(std::string("| `") + f.key + "` | `" + f.json + "` |") != std::string::npos);
    }
}
