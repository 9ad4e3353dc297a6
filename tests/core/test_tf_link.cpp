// TF Playground links: a table of links with exactly what each must become (written out by hand
// from TF Playground's state.ts and playground.ts), routing between the two formats, TF's
// semantics in a real session (+-1 labels on a tanh output, U(-0.5, 0.5) weights and 0.1 biases,
// 500 or 1200 points), and hostile TF links.
#include "tf_link.hpp"
#include "session.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;
using nnp::test::has_issue;

namespace {

// What TF Playground builds when its link has no keys, written out field by field.
ExperimentConfig tf_base(std::uint32_t seed) {
    ExperimentConfig c;
    c.data.kind = DatasetKind::Circle;
    c.data.seed = seed;
    c.data.points = 500;
    c.data.noise = 0.0f;
    c.data.train_percent = 50.0f;
    c.features = feature_bit(Feature::X1) | feature_bit(Feature::X2);
    c.hidden = {{4, Activation::Tanh, 0.0f}, {2, Activation::Tanh, 0.0f}};
    c.output = Activation::Tanh;
    c.loss = Loss::Mse;
    c.init = Init::Uniform;
    c.optimizer = OptimizerParams{};
    c.optimizer.kind = OptimizerKind::Sgd;
    c.optimizer.learning_rate = 0.03f;
    c.regularization = Regularization::None;
    c.reg_rate = 0.0f;
    c.batch_size = 10;
    c.shuffle = false;
    c.seed = seed;
    c.early_stopping = false;
    c.show_test = false;
    c.discretize = false;
    return c;
}

// The link TF Playground shows on first load (its serialize() order), with seed 0.86169.
const char* kDefaultTfLink =
    "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane"
    "&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.86169&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false"
    "&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification"
    "&initZero=false&hideText=false";

}  // namespace

TEST_CASE("TF seeds map to ours by 32-bit FNV-1a", "[tf_link]") {
    // Published FNV-1a 32-bit test vectors.
    CHECK(tf_seed("") == 0x811C9DC5u);
    CHECK(tf_seed("a") == 0xE40C292Cu);
    CHECK(tf_seed("foobar") == 0xBF9CF968u);
    CHECK(tf_seed("0.86169") != tf_seed("0.86168"));
}

TEST_CASE("a table of TF Playground links and what each becomes", "[tf_link]") {
    struct Row {
        const char* link;
        ExperimentConfig expected;
        std::vector<std::pair<IssueCode, std::string>> issues;  // exactly these, in any order
    };
    const std::uint32_t s = tf_seed("0.86169");
    std::vector<Row> rows;

    // 1. TF's default link.
    rows.push_back({kDefaultTfLink, tf_base(s), {}});

    // 2. Spiral, all seven features, six relu layers of 8.
    {
        ExperimentConfig c = tf_base(tf_seed("0.5"));
        c.data.kind = DatasetKind::Spiral;
        c.data.noise = 25.0f;
        c.data.train_percent = 70.0f;
        c.features = kAllFeatures;
        c.hidden.assign(6, LayerSpec{8, Activation::Relu, 0.0f});
        c.batch_size = 3;
        c.optimizer.learning_rate = 0.01f;
        rows.push_back({"#activation=relu&dataset=spiral&networkShape=8,8,8,8,8,8&x=true&y=true&xTimesY=true"
                        "&xSquared=true&ySquared=true&sinX=true&sinY=true&noise=25&percTrainData=70"
                        "&batchSize=3&learningRate=0.01&seed=0.5&cosX=false&cosY=false",
                        c, {}});
    }
    // 3. Regression on the gaussian bumps: 1200 points, linear output, squared error.
    {
        ExperimentConfig c = tf_base(1);
        c.data.kind = DatasetKind::RegGauss;
        c.data.points = 1200;
        c.output = Activation::Linear;
        c.hidden = {{3, Activation::Sigmoid, 0.0f}};
        rows.push_back({"problem=regression&regDataset=reg-gauss&dataset=xor&networkShape=3&activation=sigmoid", c, {}});
    }
    // 4. L1 with a rate.
    {
        ExperimentConfig c = tf_base(1);
        c.regularization = Regularization::L1;
        c.reg_rate = 0.003f;
        c.data.kind = DatasetKind::Xor;
        rows.push_back({"dataset=xor&regularization=L1&regularizationRate=0.003", c, {}});
    }
    // 5. initZero, and an empty networkShape means no hidden layer (as TF's parseArray).
    {
        ExperimentConfig c = tf_base(1);
        c.init = Init::Zeros;
        c.hidden.clear();
        c.data.kind = DatasetKind::Gauss;
        rows.push_back({"initZero=true&networkShape=&dataset=gauss", c, {}});
    }
    // 6. cosX has no counterpart: left out with a named issue (cosY=false says nothing).
    {
        ExperimentConfig c = tf_base(1);
        c.features = feature_bit(Feature::X1);
        c.hidden = {{2, Activation::Tanh, 0.0f}};
        rows.push_back({"cosX=true&cosY=false&x=true&y=false&networkShape=2", c, {{IssueCode::Incompatible, "cosX"}}});
    }
    // 7. Garbage values fall back to TF's defaults (or are clamped) field by field.
    {
        ExperimentConfig c = tf_base(1);
        c.batch_size = 1;
        c.data.noise = 50.0f;
        rows.push_back({"learningRate=abc&batchSize=-4&activation=swish&x=maybe&noise=1e999&percTrainData=nan"
                        "&networkShape=4,two&problem=maybe",
                        c,
                        {{IssueCode::Malformed, "learningRate"},
                         {IssueCode::OutOfRange, "batch_size"},
                         {IssueCode::UnknownName, "activation"},
                         {IssueCode::Malformed, "x"},
                         {IssueCode::OutOfRange, "noise"},
                         {IssueCode::NotFinite, "train_percent"},
                         {IssueCode::Malformed, "networkShape"},
                         {IssueCode::UnknownName, "problem"}}});
    }
    // 8. An unknown dataset keeps TF's circle. Moons exists here but not in TF: unknown too.
    rows.push_back({"dataset=moons&problem=classification&networkShape=4,2", tf_base(1),
                    {{IssueCode::UnknownName, "dataset"}}});
    // 9. TF's extra regression sets are not available here: reg-plane, named.
    {
        ExperimentConfig c = tf_base(1);
        c.data.kind = DatasetKind::RegPlane;
        c.data.points = 1200;
        c.output = Activation::Linear;
        rows.push_back({"problem=regression&regDataset=reg-maximum", c, {{IssueCode::Incompatible, "regDataset"}}});
    }
    // 10. ... but a bad regDataset in a classification link does not matter.
    rows.push_back({"problem=classification&regDataset=reg-maximum&dataset=circle", tf_base(1), {}});
    // 11. Display-only keys of TF's page are ignored without a notice; blank values are unset (TF's hasKey).
    {
        ExperimentConfig c = tf_base(tf_seed("abc"));
        c.show_test = true;
        c.discretize = true;
        rows.push_back({"collectStats=true&hideText=true&tutorial=dying-relu&dataset_hide=true&noise_hide=false"
                        "&showTestData=true&discretize=true&seed=abc&learningRate=&batchSize=%20",
                        c, {}});
    }
    // 12. Percent-escaped commas; an unknown key is a notice.
    {
        ExperimentConfig c = tf_base(1);
        c.hidden = {{5, Activation::Linear, 0.0f}, {3, Activation::Linear, 0.0f}};
        rows.push_back({"#networkShape=5%2C3&activation=linear&colour=red", c, {{IssueCode::UnknownKey, "colour"}}});
    }

    for (const Row& row : rows) {
        INFO(row.link);
        const DecodedConfig d = decode_config(row.link);
        CHECK(d.tf_playground);
        CHECK(d.params.empty());
        CHECK(d.config == row.expected);
        for (const auto& [code, field] : row.issues) {
            INFO(field);
            CHECK(has_issue(d, code, field));
        }
        CHECK(d.issues.size() == row.issues.size());
        // The translated experiment is an ordinary valid config: it round-trips in our format.
        const DecodedConfig again = decode_config(encode_config(d.config));
        CHECK_FALSE(again.tf_playground);
        CHECK(again.issues.empty());
        CHECK(again.config == d.config);
    }
}

TEST_CASE("TF links are recognised by their keys, ours by v", "[tf_link]") {
    CHECK(is_tf_link("activation=relu"));
    CHECK(is_tf_link("networkShape="));
    CHECK(is_tf_link("seed=0.1&noise=5&x_hide=true"));
    CHECK_FALSE(is_tf_link("v=1&activation=relu"));      // ours, with an unknown key
    CHECK_FALSE(is_tf_link("noise=5&seed=3"));            // keys both formats have: ours
    CHECK_FALSE(is_tf_link("data=xor&net=4:tanh"));
    CHECK_FALSE(is_tf_link(""));
    CHECK(decode_config(kDefaultTfLink).tf_playground);
    CHECK_FALSE(decode_config("noise=5&seed=3").tf_playground);
    const auto ours = decode_config("v=1&activation=relu");
    CHECK(has_issue(ours, IssueCode::UnknownKey, "activation"));
    CHECK(tf_default_config() == tf_base(1));
}

TEST_CASE("a TF link opens with TF's semantics in a session", "[tf_link]") {
    SECTION("classification: tanh output on +-1 labels, uniform weights, 0.1 biases, 500 points") {
        const DecodedConfig d = decode_config(kDefaultTfLink);
        REQUIRE(d.issues.empty());
        const Session session(d.config);
        CHECK(session.data().size() == 500);
        CHECK(session.n_train() == 250);
        const Matrix& t = session.targets();
        REQUIRE(t.cols() == 1);
        int plus = 0, minus = 0;
        for (Eigen::Index i = 0; i < t.rows(); ++i) {
            if (t(i, 0) == 1.0f) ++plus;
            else if (t(i, 0) == -1.0f) ++minus;
        }
        CHECK(plus + minus == 500);
        CHECK(plus > 100);
        CHECK(minus > 100);
        const Mlp& net = session.net();
        REQUIRE(net.num_layers() == 3);
        for (int l = 0; l < net.num_layers(); ++l) {
            CHECK(net.weights(l).minCoeff() >= -0.5f);
            CHECK(net.weights(l).maxCoeff() <= 0.5f);
            CHECK((net.bias(l).array() == 0.1f).all());
        }
    }
    SECTION("regression: 1200 points, linear output") {
        const DecodedConfig d = decode_config("problem=regression&regDataset=reg-plane&initZero=true");
        REQUIRE(d.issues.empty());
        const Session session(d.config);
        CHECK(session.data().size() == 1200);
        CHECK(session.net().spec().output == Activation::Linear);
        for (const float p : session.net().params()) CHECK(p == 0.0f);
    }
    SECTION("the same link gives the same data and weights every time") {
        const Session a(decode_config(kDefaultTfLink).config), b(decode_config(kDefaultTfLink).config);
        CHECK(checksum(a.data().x.data(), static_cast<std::size_t>(a.data().x.size())) ==
              checksum(b.data().x.data(), static_cast<std::size_t>(b.data().x.size())));
        CHECK(checksum(a.net().params().data(), a.net().params().size()) ==
              checksum(b.net().params().data(), b.net().params().size()));
    }
}

TEST_CASE("hostile TF links are harmless", "[tf_link]") {
    // Over the size limit: refused whole before even looking at its keys (our defaults); read
    // as a TF link explicitly, TF's defaults.
    std::string big = "activation=relu&networkShape=";
    while (big.size() <= kMaxLinkLength) big += "8,";
    auto d = decode_config(big);
    CHECK_FALSE(d.tf_playground);
    CHECK(has_issue(d, IssueCode::OutOfRange, "link"));
    CHECK(d.config == ExperimentConfig{});
    d = decode_tf_link(big);
    CHECK(d.tf_playground);
    CHECK(has_issue(d, IssueCode::OutOfRange, "link"));
    CHECK(d.config == tf_base(1));
    // A million layers would be too long; 30,000 within the limit stop at the maximum.
    std::string many = "activation=relu&networkShape=";
    while (many.size() < kMaxLinkLength - 2) many += "1,";
    d = decode_config(many);
    CHECK(d.config.hidden.size() == static_cast<std::size_t>(kMaxHiddenLayers));
    CHECK(has_issue(d, IssueCode::OutOfRange, "networkShape"));
    // Negative and huge sizes, invalid UTF-8, NaN.
    d = decode_config("networkShape=-3,1e12&batchSize=1e300&seed=\xff\xfe&dataset=\xc3\x28&learningRate=NaN&noise=-inf");
    REQUIRE(d.config.hidden.size() == 2);
    CHECK(d.config.hidden[0].width == 1);
    CHECK(d.config.hidden[1].width == kMaxLayerWidth);
    CHECK(d.config.batch_size == kMaxBatchSize);
    CHECK(d.config.seed == tf_seed("\xff\xfe"));
    CHECK(d.config.optimizer.learning_rate == 0.03f);
    CHECK(d.config.data.noise == 0.0f);
    CHECK(has_issue(d, IssueCode::UnknownName, "dataset"));
    CHECK(has_issue(d, IssueCode::NotFinite, "optimizer.learning_rate"));
    for (const auto& i : d.issues)
        for (const std::string& a : i.args)
            for (const char c : a) CHECK((static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f));
    ExperimentConfig copy = d.config;
    CHECK(validate(copy).empty());
}
