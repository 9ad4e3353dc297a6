// The Korean table is complete: every string id, every enumeration value's label and tooltip,
// with the same printf directives as the English text (so one snprintf call serves both), and
// actually Korean where the English is a sentence.
#include "strings.hpp"
#include "app_api.hpp"
#include "app_state.hpp"
#include "race.hpp"
#include "strings_tables.hpp"

#include "config.hpp"
#include "features.hpp"
#include "normalize.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <set>
#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::app;

namespace {

// The printf directives of a format, in order ("%lld", "%.1f", "%%", ...).
std::vector<std::string> directives(const char* s) {
    std::vector<std::string> out;
    for (const char* p = s; *p; ++p) {
        if (*p != '%') continue;
        const char* q = p + 1;
        while (*q && std::string("0123456789.-+ #l").find(*q) != std::string::npos) ++q;
        if (*q) out.emplace_back(p, q + 1);
        p = *q ? q : q - 1;
    }
    return out;
}

bool has_hangul(const char* s) {
    // Hangul syllables U+AC00..U+D7A3 are 3 bytes in UTF-8, starting with 0xEA..0xED.
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p)
        if (*p >= 0xEA && *p <= 0xED) return true;
    return false;
}

struct LanguageScope {
    explicit LanguageScope(Language l) { set_language(l); }
    ~LanguageScope() { set_language(Language::English); }
};

template <typename E>
void check_enum_korean() {
    for (const auto& e : enum_table<E>()) {
        INFO(e.code);
        std::string en_label, en_tip;
        {
            LanguageScope english(Language::English);
            en_label = label(e.value);
            if (const char* t = tip(e.value)) en_tip = t;
        }
        LanguageScope korean(Language::Korean);
        CHECK(std::string(label(e.value)).size() > 0);
        if (!en_tip.empty()) {
            REQUIRE(tip(e.value) != nullptr);
            CHECK(has_hangul(tip(e.value)));
        }
    }
}

}  // namespace

TEST_CASE("every string id has exactly one Korean row", "[strings][ko]") {
    std::set<int> seen;
    for (std::size_t i = 0; i < kKoreanTextCount; ++i) {
        const int id = int(kKoreanTexts[i].id);
        INFO("row " << i);
        CHECK(seen.insert(id).second);  // no id twice
        CHECK(std::string(kKoreanTexts[i].text).size() > 0);
    }
    for (int i = 0; i < int(Str::Count); ++i) {
        INFO("string id " << i << " has no Korean row");
        CHECK(seen.count(i) == 1);
    }
}

TEST_CASE("a Korean format has the English format's directives, in order", "[strings][ko]") {
    for (int i = 0; i < int(Str::Count); ++i) {
        set_language(Language::English);
        const std::string en = tr(Str(i));
        set_language(Language::Korean);
        const std::string ko = tr(Str(i));
        set_language(Language::English);
        INFO(en << "\n" << ko);
        CHECK(directives(ko.c_str()) == directives(en.c_str()));
    }
    CHECK(directives("a %d b %.4f c %lld %% %s") == std::vector<std::string>{"%d", "%.4f", "%lld", "%%", "%s"});
}

TEST_CASE("Korean texts are Korean, and the language switch names the other language", "[strings][ko]") {
    LanguageScope korean(Language::Korean);
    CHECK(std::string(tr(Str::Play)) == "재생");
    CHECK(std::string(tr(Str::LanguageSwitch)) == "English");
    int sentences = 0, korean_sentences = 0;
    for (int i = 0; i < int(Str::Count); ++i) {
        const std::string t = tr(Str(i));
        if (t.find(' ') == std::string::npos) continue;  // names and symbols may stay as they are
        ++sentences;
        korean_sentences += has_hangul(t.c_str()) ? 1 : 0;
    }
    CHECK(korean_sentences == sentences);
    set_language(Language::English);
    CHECK(std::string(tr(Str::LanguageSwitch)) == "한국어");
}

TEST_CASE("every enumeration value has a Korean label and, where English has one, a Korean tooltip", "[strings][ko]") {
    check_enum_korean<DatasetKind>();
    check_enum_korean<Activation>();
    check_enum_korean<Loss>();
    check_enum_korean<OptimizerKind>();
    check_enum_korean<Regularization>();
    check_enum_korean<Init>();
    check_enum_korean<Feature>();
    check_enum_korean<Normalization>();
    LanguageScope korean(Language::Korean);
    CHECK(std::string(label(DatasetKind::Oyster)) == "굴");
    CHECK(std::string(field_label("lr")) == "학습률");
}

TEST_CASE("languages are read from link values and browser tags", "[strings][ko]") {
    CHECK(parse_language("ko") == Language::Korean);
    CHECK(parse_language("ko-KR") == Language::Korean);
    CHECK(parse_language("en-US") == Language::English);
    CHECK(parse_language("en") == Language::English);
    CHECK_FALSE(parse_language("fr").has_value());
    CHECK_FALSE(parse_language("").has_value());
    CHECK(std::string(language_code(Language::Korean)) == "ko");
}

TEST_CASE("the engine's problems are codes with values, worded by the app in both languages", "[strings][issues]") {
    // A link with a problem for each kind of check: a range, a NaN, an unknown value, a race's
    // run that does not read, and a rule between fields.
    ExperimentConfig cfg;
    cfg.batch_size = -3;
    cfg.optimizer.learning_rate = std::numeric_limits<float>::quiet_NaN();
    cfg.data.kind = DatasetKind::RegPlane;
    cfg.ensemble.kind = EnsembleKind::Boosting;
    cfg.race = {"opt", {"sgd", "adam/lr=x"}};
    const std::vector<ConfigIssue> issues = validate(cfg);
    REQUIRE(issues.size() >= 4);
    for (const ConfigIssue& i : issues) {
        INFO(i.field);
        CHECK(i.text != IssueText::None);  // no sentence comes from the engine
        CHECK(i.message.empty());
        set_language(Language::English);
        const std::string en = describe_issue(i);
        set_language(Language::Korean);
        const std::string ko = describe_issue(i);
        set_language(Language::English);
        INFO(en << " / " << ko);
        CHECK(en.find("%s") == std::string::npos);
        CHECK(ko.find("%s") == std::string::npos);
        CHECK(has_hangul(ko.c_str()));
        if (i.text == IssueText::OutputDoesNotFit) continue;  // its args are codes, shown as labels (below)
        for (const std::string& a : i.args) {  // both languages name every value
            CHECK(en.find(a) != std::string::npos);
            CHECK(ko.find(a) != std::string::npos);
        }
    }
    const auto find = [&](IssueText t) {
        for (const ConfigIssue& i : issues)
            if (i.text == t) return describe_issue(i);
        return std::string("(none)");
    };
    CHECK(find(IssueText::OutOfRange) == "batch_size = -3 is outside [1, 10000]; set to 1.");
    CHECK(find(IssueText::NotFinite) == "optimizer.learning_rate is not a finite number; set to 0.03.");
    // A run's own problem is said of that run.
    bool nested = false;
    for (const ConfigIssue& i : issues)
        nested = nested || (i.field == "race[1]" && describe_issue(i).rfind("race[1]: ", 0) == 0);
    CHECK(nested);
    // Codes of enumerations are shown as their labels.
    ExperimentConfig reg;
    reg.data.kind = DatasetKind::RegPlane;
    reg.output = Activation::Softmax;
    std::string worded;
    for (const ConfigIssue& i : validate(reg))
        if (i.text == IssueText::OutputDoesNotFit) worded = describe_issue(i);
    CHECK(worded == "A softmax output does not fit a regression task; it was set to linear.");
    // An issue that holds its own sentence (the page's problems with view=, lesson=) keeps it.
    CHECK(describe_issue({IssueCode::Malformed, "view", "view=x is not a view here."}) == "view=x is not a view here.");
}

TEST_CASE("a race's run names follow the language", "[strings][race]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&race=opt:sgd,mom/lr=0.01&lang=ko");
    REQUIRE(app.runs.size() == 2);
    CHECK(app.runs[1].name == "모멘텀, lr 0.01");
    CHECK(run_command(app, "{\"cmd\":\"set_language\",\"value\":\"en\"}").find("error") == std::string::npos);
    CHECK(app.runs[1].name == "Momentum, lr 0.01");
    // nnp_run's names stay English whatever the language: tools read them.
    set_language(Language::Korean);
    CHECK(race_run_name(app.config.race, race_configs(app.config)[1], 1) == "Momentum, lr 0.01");
    set_language(Language::English);
}
