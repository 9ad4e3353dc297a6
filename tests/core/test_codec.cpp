// The config's text form (share links, command line): random valid configs round-trip exactly,
// with and without trained weights; URL tokens are unique and URL-safe; hostile text (1 MB,
// invalid UTF-8, percent-escapes, huge numbers, NaN, bad base64 weights) never crashes, hangs or
// allocates without bound, and each problem is named.
#include "config_codec.hpp"
#include "dataset.hpp"
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

template <typename E>
E pick(Rng& rng) {
    const auto table = enum_table<E>();
    return table[rng.below(static_cast<std::uint32_t>(table.size()))].value;
}

float pick_float(Rng& rng, float lo, float hi) {
    // Mix round numbers and arbitrary floats: both must survive the text form.
    if (rng.below(2) == 0) return static_cast<float>(static_cast<int>(rng.uniform(lo, hi) * 100)) / 100.0f;
    return static_cast<float>(rng.uniform(lo, hi));
}

ExperimentConfig random_config(Rng& rng, int max_layers = 8, int max_width = 16) {
    ExperimentConfig c;
    c.data.kind = pick<DatasetKind>(rng);
    c.data.seed = rng.next_u32();
    c.data.points = 10 + static_cast<int>(rng.below(2000));
    c.data.noise = pick_float(rng, 0, 50);
    c.data.train_percent = pick_float(rng, 10, 90);
    c.data.classes = 3 + static_cast<int>(rng.below(4));
    c.features = rng.next_u32() & kAllFeatures;
    c.hidden.clear();
    const int layers = static_cast<int>(rng.below(static_cast<std::uint32_t>(max_layers + 1)));
    for (int i = 0; i < layers; ++i) {
        Activation a = pick<Activation>(rng);
        if (a == Activation::Softmax) a = Activation::Relu;
        c.hidden.push_back({1 + static_cast<int>(rng.below(static_cast<std::uint32_t>(max_width))), a,
                            rng.below(3) == 0 ? pick_float(rng, 0, 0.9f) : 0.0f});
    }
    c.output = pick<Activation>(rng);
    c.loss = pick<Loss>(rng);
    c.init = pick<Init>(rng);
    c.optimizer.kind = pick<OptimizerKind>(rng);
    c.optimizer.learning_rate = pick_float(rng, 1e-4f, 3);
    c.optimizer.momentum = pick_float(rng, 0, 0.99f);
    c.optimizer.rho = pick_float(rng, 0, 0.99f);
    c.optimizer.beta1 = pick_float(rng, 0, 0.99f);
    c.optimizer.beta2 = pick_float(rng, 0.9f, 0.9999f);
    c.optimizer.epsilon = rng.below(2) ? 1e-8f : pick_float(rng, 1e-9f, 1e-3f);
    c.regularization = pick<Regularization>(rng);
    c.reg_rate = pick_float(rng, 0, 0.1f);
    c.batch_size = 1 + static_cast<int>(rng.below(500));
    c.shuffle = rng.below(2);
    c.seed = rng.next_u32();
    c.early_stopping = rng.below(2);
    c.patience = 1 + static_cast<int>(rng.below(500));
    c.show_test = rng.below(2);
    c.discretize = rng.below(2);
    validate(c);  // make it a valid config
    return c;
}

// Any finite float, from random bit patterns (subnormals, -0, huge, tiny), never NaN or inf.
float random_finite(Rng& rng) {
    for (;;) {
        const std::uint32_t bits = rng.next_u32();
        float v;
        std::memcpy(&v, &bits, sizeof v);
        if (std::isfinite(v)) return v;
    }
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

// An independent base64url encoder, to build hostile `w` values by hand.
std::string base64url(const std::vector<unsigned char>& bytes) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string s;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const unsigned char b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 6) s += abc[(acc >> (bits -= 6)) & 63];
    }
    if (bits > 0) s += abc[(acc << (6 - bits)) & 63];
    return s;
}

std::vector<unsigned char> le_bytes(std::uint32_t bits) {
    return {static_cast<unsigned char>(bits), static_cast<unsigned char>(bits >> 8),
            static_cast<unsigned char>(bits >> 16), static_cast<unsigned char>(bits >> 24)};
}

// Messages are shown in the page and the terminal: plain printable ASCII only.
bool plain_ascii(const std::string& s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return false;
    return true;
}

// The config "net=none&f=x": one input, one output, so two parameters (w, b).
ExperimentConfig two_param_config() {
    ExperimentConfig c;
    c.hidden.clear();
    c.features = feature_bit(Feature::X1);
    return c;
}

template <typename E>
void check_tokens() {
    std::set<std::string> urls, names;
    for (const auto& e : enum_table<E>()) {
        const std::string url = e.url;
        INFO(url);
        CHECK_FALSE(url.empty());
        for (const char c : url) {
            const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                    c == '-' || c == '_' || c == '.' || c == '~';
            CHECK(unreserved);  // so never , : & = # % + or a space
        }
        CHECK(urls.insert(url).second);
        // enum_parse accepts code names and tokens: each must name exactly one value.
        CHECK(enum_parse<E>(url) == std::optional<E>(e.value));
        CHECK(enum_parse<E>(e.code) == std::optional<E>(e.value));
        names.insert(e.code);
    }
    for (const auto& e : enum_table<E>())
        if (names.count(e.url) > 0) CHECK(std::string(enum_code(e.value)) == e.url);
}

}  // namespace

TEST_CASE("the default config encodes to just the version", "[codec]") {
    CHECK(encode_config(ExperimentConfig{}) == "v=1");
    const auto d = decode_config("v=1");
    CHECK(d.issues.empty());
    CHECK(d.params.empty());
    CHECK_FALSE(d.tf_playground);
    CHECK(d.config == ExperimentConfig{});
}

TEST_CASE("URL tokens are unique, URL-safe and parse back to their value", "[codec]") {
    check_tokens<DatasetKind>();
    check_tokens<Task>();
    check_tokens<Feature>();
    check_tokens<Activation>();
    check_tokens<Loss>();
    check_tokens<Init>();
    check_tokens<OptimizerKind>();
    check_tokens<Regularization>();
}

TEST_CASE("random valid configs round-trip exactly", "[codec]") {
    Rng rng(2024, 7);
    for (int i = 0; i < 3000; ++i) {
        const ExperimentConfig c = random_config(rng);
        const std::string text = encode_config(c);
        const DecodedConfig d = decode_config(text);
        INFO(text);
        REQUIRE(d.issues.empty());
        REQUIRE(d.config == c);
        CHECK(d.params.empty());
        CHECK(encode_config(d.config) == text);
    }
}

TEST_CASE("random valid configs with their weights round-trip bit for bit", "[codec]") {
    Rng rng(77, 3);
    int with_weights = 0;
    for (int i = 0; i < 3000; ++i) {
        const ExperimentConfig c = random_config(rng, 4, 12);
        const std::size_t n = link_param_count(c);
        std::vector<float> params(n);
        for (float& p : params) p = rng.below(4) == 0 ? random_finite(rng) : static_cast<float>(rng.uniform(-3, 3));
        if (n > 0 && rng.below(8) == 0) params[rng.below(static_cast<std::uint32_t>(n))] = -0.0f;
        const std::string text = encode_config(c, params);
        const DecodedConfig d = decode_config(text);
        INFO(text);
        REQUIRE(d.issues.empty());
        REQUIRE(d.config == c);
        if (n <= kMaxLinkParams) {
            ++with_weights;
            REQUIRE(same_bits(d.params, params));
            CHECK(encode_config(d.config, d.params) == text);
        } else {
            CHECK(d.params.empty());  // too big to share: the config alone
            CHECK(text.find("&w=") == std::string::npos);
        }
    }
    CHECK(with_weights > 2000);  // the property was really exercised
}

TEST_CASE("weights are little-endian float32 in base64url, within a size limit", "[codec]") {
    const ExperimentConfig c = two_param_config();
    REQUIRE(link_param_count(c) == 2);
    // 1.0f = 0x3F800000, -2.0f = 0xC0000000: bytes 00 00 80 3F 00 00 00 C0, worked out by hand.
    const std::vector<float> params = {1.0f, -2.0f};
    CHECK(encode_config(c, params) == "v=1&f=x&net=none&w=AACAPwAAAMA");
    const auto d = decode_config("v=1&f=x&net=none&w=AACAPwAAAMA");
    CHECK(d.issues.empty());
    CHECK(d.params == params);
    // The key order does not matter: `w` before `net` is checked against the final network.
    CHECK(decode_config("w=AACAPwAAAMA&net=none&f=x").params == params);
    // Padding is tolerated.
    CHECK(decode_config("f=x&net=none&w=AACAPwAAAMA=").params == params);

    // Default network 2-4-2-1: (2+1)*4 + (4+1)*2 + (2+1)*1 = 25 parameters.
    CHECK(link_param_count(ExperimentConfig{}) == 25);
    ExperimentConfig big;
    big.hidden = {{40, Activation::Relu, 0.0f}, {40, Activation::Relu, 0.0f}};  // 120+1640+41 = 1801
    CHECK(link_param_count(big) == 1801);
    CHECK(link_can_carry_params(big, std::vector<float>(1801, 0.5f)));
    big.hidden.push_back({5, Activation::Relu, 0.0f});  // 120+1640+205+6 = 1971
    CHECK(link_param_count(big) == 1971);
    big.hidden[2].width = 6;  // 120+1640+246+7 = 2013 > 2000
    CHECK(link_param_count(big) == 2013);
    const std::vector<float> too_many(2013, 0.5f);
    CHECK_FALSE(link_can_carry_params(big, too_many));
    CHECK(encode_config(big, too_many) == encode_config(big));

    // Non-finite weights (a diverged network) are never written.
    const std::vector<float> nan_params = {std::nanf(""), 1.0f};
    CHECK_FALSE(link_can_carry_params(c, nan_params));
    CHECK(encode_config(c, nan_params) == encode_config(c));
}

TEST_CASE("a readable example decodes field by field", "[codec]") {
    const auto d = decode_config("#v=1&data=spiral&net=8:relu,6:tanh:0.25&opt=adam&lr=0.01&f=x,y,sinX&reg=L2&rr=0.001");
    CHECK(d.issues.empty());
    CHECK(d.config.data.kind == DatasetKind::Spiral);
    REQUIRE(d.config.hidden.size() == 2);
    CHECK(d.config.hidden[0] == LayerSpec{8, Activation::Relu, 0.0f});
    CHECK(d.config.hidden[1] == LayerSpec{6, Activation::Tanh, 0.25f});
    CHECK(d.config.optimizer.kind == OptimizerKind::Adam);
    CHECK(d.config.optimizer.learning_rate == 0.01f);
    CHECK(d.config.features == (feature_bit(Feature::X1) | feature_bit(Feature::X2) | feature_bit(Feature::SinX1)));
    CHECK(d.config.regularization == Regularization::L2);
    CHECK(decode_config("net=none").config.hidden.empty());
}

TEST_CASE("whole URLs and percent-escapes are understood", "[codec]") {
    // A pasted address: everything up to '#' is skipped (also a query before it).
    auto d = decode_config("https://example.org/play/index.html?lang=de#v=1&data=xor&lr=0.1");
    CHECK(d.issues.empty());
    CHECK(d.config.data.kind == DatasetKind::Xor);
    CHECK(d.config.optimizer.learning_rate == 0.1f);
    // The command line joins its arguments with '&' in front.
    CHECK(decode_config("&#v=1&data=gauss").config.data.kind == DatasetKind::Gauss);

    // %3A is ':', %2C is ','; keys may be escaped too; hex digits in either case.
    d = decode_config("v=1&net=8%3Arelu%2c6%3Atanh&%64ata=spiral");
    CHECK(d.issues.empty());
    CHECK(d.config.data.kind == DatasetKind::Spiral);
    REQUIRE(d.config.hidden.size() == 2);
    CHECK(d.config.hidden[1] == LayerSpec{6, Activation::Tanh, 0.0f});

    // An escaped '&' or '=' is data, not a separator.
    d = decode_config("data=xor%26lr%3D5");
    CHECK(has_issue(d, IssueCode::UnknownName, "data"));
    CHECK(d.config.optimizer.learning_rate == ExperimentConfig{}.optimizer.learning_rate);

    // Decoded once only ("%2541" is "%41", not "A"); broken escapes stay as they are.
    d = decode_config("data=%2541&lr=%zz&batch=5%");
    CHECK(has_issue(d, IssueCode::UnknownName, "data"));
    CHECK(has_issue(d, IssueCode::Malformed, "lr"));
    CHECK(has_issue(d, IssueCode::Malformed, "batch"));
    // %00 inside a number does not cut it short.
    d = decode_config("batch=5%000");
    CHECK(d.config.batch_size == ExperimentConfig{}.batch_size);
    CHECK(has_issue(d, IssueCode::Malformed, "batch"));
}

TEST_CASE("bad values fall back field by field with named problems", "[codec]") {
    const auto d = decode_config("lr=abc&batch=-4&opt=bogus&colour=red&noise=nan&seed=-1&points=1e300&lonely");
    const ExperimentConfig def;
    CHECK(d.config.optimizer.learning_rate == def.optimizer.learning_rate);
    CHECK(d.config.batch_size == 1);
    CHECK(d.config.optimizer.kind == def.optimizer.kind);
    CHECK(d.config.seed == def.seed);
    CHECK(d.config.data.points == kMaxPoints);
    CHECK(d.config.data.noise == def.data.noise);
    CHECK(has_issue(d, IssueCode::Malformed, "lr"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "batch_size"));
    CHECK(has_issue(d, IssueCode::UnknownName, "opt"));
    CHECK(has_issue(d, IssueCode::UnknownKey, "colour"));
    CHECK(has_issue(d, IssueCode::NotFinite, "noise"));
    CHECK(has_issue(d, IssueCode::Malformed, "seed"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "points"));
    CHECK(has_issue(d, IssueCode::Malformed, "lonely"));
}

TEST_CASE("huge numbers are clamped and named, infinities are refused", "[codec]") {
    auto d = decode_config("lr=1e300&noise=-1e999&rr=1e38&pat=1e12&net=1e9:relu&classes=-2147483649");
    CHECK(d.config.optimizer.learning_rate == kMaxLearningRate);
    CHECK(d.config.data.noise == 0.0f);
    CHECK(d.config.reg_rate == kMaxRegRate);
    CHECK(d.config.patience == kMaxPatience);
    REQUIRE(d.config.hidden.size() == 1);
    CHECK(d.config.hidden[0].width == kMaxLayerWidth);
    CHECK(d.config.data.classes == 3);
    CHECK(has_issue(d, IssueCode::OutOfRange, "optimizer.learning_rate"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "noise"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "reg_rate"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "patience"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "hidden[0].width"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "classes"));

    d = decode_config("lr=inf&mom=-infinity&b1=nan&seed=1e300&dseed=4294967296");
    const ExperimentConfig def;
    CHECK(d.config.optimizer.learning_rate == def.optimizer.learning_rate);
    CHECK(d.config.optimizer.momentum == def.optimizer.momentum);
    CHECK(d.config.optimizer.beta1 == def.optimizer.beta1);
    CHECK(has_issue(d, IssueCode::NotFinite, "optimizer.learning_rate"));
    CHECK(has_issue(d, IssueCode::NotFinite, "optimizer.momentum"));
    CHECK(has_issue(d, IssueCode::NotFinite, "optimizer.beta1"));
    CHECK(has_issue(d, IssueCode::Malformed, "seed"));
    CHECK(has_issue(d, IssueCode::Malformed, "dseed"));
    CHECK(d.config.data.seed == def.data.seed);
}

TEST_CASE("negative sizes are clamped to the smallest allowed value", "[codec]") {
    const auto d = decode_config("points=-5&batch=-1&net=-3:relu,0:tanh&pat=-7&classes=-1&train=-10");
    CHECK(d.config.data.points == kMinPoints);
    CHECK(d.config.batch_size == 1);
    REQUIRE(d.config.hidden.size() == 2);
    CHECK(d.config.hidden[0].width == 1);
    CHECK(d.config.hidden[1].width == 1);
    CHECK(d.config.patience == 1);
    CHECK(d.config.data.classes == 3);
    CHECK(d.config.data.train_percent == 10.0f);
    CHECK(has_issue(d, IssueCode::OutOfRange, "hidden[0].width"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "hidden[1].width"));
    CHECK(has_issue(d, IssueCode::OutOfRange, "train_percent"));
}

TEST_CASE("bad weights are refused with a named problem and the config still opens", "[codec]") {
    const std::string base = "v=1&f=x&net=none&lr=0.5&w=";
    const auto expect_refused = [&](const std::string& w, IssueCode code) {
        const auto d = decode_config(base + w);
        INFO(w);
        CHECK(d.params.empty());
        CHECK(has_issue(d, code, "w"));
        CHECK(d.config.optimizer.learning_rate == 0.5f);  // the rest of the link still counts
    };
    expect_refused("AACA*wAAAMA", IssueCode::Malformed);            // not base64url
    expect_refused("AACA+wAAAMA", IssueCode::Malformed);            // '+' is plain base64, not base64url
    expect_refused("AACAPwAAAMAA", IssueCode::Malformed);           // 9 bytes: not whole float32 values
    expect_refused("AACAPwAAAMAAA", IssueCode::Malformed);          // length 13 = 1 mod 4: impossible
    expect_refused("AACAPw", IssueCode::Incompatible);              // one float for a 2-parameter network
    expect_refused(base64url(std::vector<unsigned char>(12, 0)), IssueCode::Incompatible);  // three
    expect_refused("", IssueCode::Incompatible);                    // none
    // NaN (0x7FC00000) and +inf (0x7F800000) weights.
    auto nan_bytes = le_bytes(0x7FC00000u);
    const auto one = le_bytes(0x3F800000u);
    nan_bytes.insert(nan_bytes.end(), one.begin(), one.end());
    expect_refused(base64url(nan_bytes), IssueCode::NotFinite);
    auto inf_bytes = one;
    const auto inf = le_bytes(0x7F800000u);
    inf_bytes.insert(inf_bytes.end(), inf.begin(), inf.end());
    expect_refused(base64url(inf_bytes), IssueCode::NotFinite);
    // More than kMaxLinkParams weights: refused before decoding them.
    expect_refused(std::string(20000, 'A'), IssueCode::OutOfRange);

    // The network changed by validation (width clamped) no longer fits the weights.
    const auto d = decode_config("f=x&net=0:relu&w=" + base64url(std::vector<unsigned char>(8 * 4, 0)));
    CHECK(d.params.empty());
    CHECK(has_issue(d, IssueCode::Incompatible, "w"));
}

TEST_CASE("hostile text is harmless", "[codec]") {
    // 1 MB: refused whole before reading anything.
    std::string junk;
    for (int i = 0; junk.size() < (1u << 20); ++i) junk += "k" + std::to_string(i) + "=1&";
    auto d = decode_config(junk);
    REQUIRE(d.issues.size() == 1);
    CHECK(d.issues[0].code == IssueCode::OutOfRange);
    CHECK(d.issues[0].field == "link");
    CHECK(d.config == ExperimentConfig{});

    // A million layers (2 MB): refused whole too.
    std::string layers = "net=";
    for (int i = 0; i < 1000000; ++i) layers += "1,";
    d = decode_config(layers);
    CHECK(d.config.hidden == ExperimentConfig{}.hidden);
    CHECK(has_issue(d, IssueCode::OutOfRange, "link"));

    // Just under the limit: 30,000 layers are read up to the maximum, then reading stops.
    layers = "net=";
    while (layers.size() < kMaxLinkLength - 2) layers += "1,";
    d = decode_config(layers);
    CHECK(d.config.hidden.size() == static_cast<std::size_t>(kMaxHiddenLayers));
    CHECK(has_issue(d, IssueCode::OutOfRange, "net"));

    // 64 KB of junk keys: a bounded list of problems.
    junk.clear();
    for (int i = 0; junk.size() < kMaxLinkLength - 20; ++i) junk += "k" + std::to_string(i) + "=1&";
    d = decode_config(junk);
    CHECK(d.issues.size() <= 70);
    CHECK(d.issues.back().text == IssueText::MoreProblems);
    CHECK(d.config == ExperimentConfig{});

    // Invalid UTF-8, control bytes, a huge number, empty pieces, escaped junk.
    const std::string bytes = std::string("v=1&&&=&lr=\xff\xfe&data=\xc3\x28&") + std::string(5000, '9') +
                              "&batch=" + std::string(5000, '9') + "&\x01\x02=3&%ff%c3%28=1&f=%e2%80%ae" +
                              "&opt=<script>&net=4:relu:0.1:9";
    d = decode_config(bytes);
    CHECK(d.config.optimizer.learning_rate == ExperimentConfig{}.optimizer.learning_rate);
    CHECK(d.config.optimizer.kind == ExperimentConfig{}.optimizer.kind);
    CHECK(has_issue(d, IssueCode::Malformed, "net[0]"));
    CHECK_FALSE(d.issues.empty());
    for (const auto& i : d.issues) {
        // The engine says what, with the values as text (the app words them): short, plain, and
        // the user's own text escaped.
        CHECK(i.message.empty());
        CHECK(i.text != IssueText::None);
        CHECK(plain_ascii(i.field));
        for (const std::string& a : i.args) {
            INFO(a);
            CHECK(a.size() < 100);
            CHECK(plain_ascii(a));
            CHECK(a.find('<') == std::string::npos);  // user text never reaches a page as markup
        }
    }
    // Whatever came in, the result is a valid config.
    ExperimentConfig copy = d.config;
    CHECK(validate(copy).empty());
}

TEST_CASE("newer versions and stray text are reported, not fatal", "[codec]") {
    auto d = decode_config("v=2&data=moons");
    CHECK(d.config.data.kind == DatasetKind::Moons);
    CHECK(has_issue(d, IssueCode::OutOfRange, "v"));
    d = decode_config("v=one&data=xor");
    CHECK(has_issue(d, IssueCode::Malformed, "v"));
    CHECK(d.config.data.kind == DatasetKind::Xor);
    // Whitespace separates pairs too (command line, pasted text).
    d = decode_config(" v=1\tdata=spiral\nlr=0.3\r\n");
    CHECK(d.issues.empty());
    CHECK(d.config.data.kind == DatasetKind::Spiral);
    CHECK(d.config.optimizer.learning_rate == 0.3f);
}

TEST_CASE("k-class sets take up to 10 classes, one colour each, and a link asking for 50 is clamped and named", "[codec]") {
    const DecodedConfig ten = decode_config("v=1&data=blobs&classes=10&out=softmax");
    CHECK(ten.issues.empty());
    REQUIRE(ten.config.data.classes == 10);
    const Dataset d = generate_dataset(ten.config.data);
    CHECK(d.num_classes == 10);
    std::vector<int> counts(10, 0);
    for (int l : d.label) ++counts[std::size_t(l)];
    for (int c : counts) CHECK(c == 50);  // 500 points, 50 a class
    const DecodedConfig fifty = decode_config("v=1&data=k-spiral&classes=50");
    CHECK(fifty.config.data.classes == 10);
    CHECK(has_issue(fifty, IssueCode::OutOfRange, "classes"));
}
