// Every character of every string the UI can show, in both languages, is in the font the UI
// draws with (the subset cut at build time): none shows as a missing-glyph box.
#include "headless.hpp"
#include "app_state.hpp"
#include "coach.hpp"
#include "lessons.hpp"
#include "strings.hpp"

#include "config.hpp"
#include "features.hpp"
#include "landscape.hpp"
#include "normalize.hpp"
#include "surfaces.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::app;
using nnp::app::test::Headless;

namespace {

// The codepoints of `s` that the UI font lacks.
std::vector<unsigned> missing(const char* s) {
    std::vector<unsigned> out;
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (const char* p = s; p && *p;) {
        unsigned c = 0;
        p += ImTextCharFromUtf8(&c, p, nullptr);
        if (c >= 0x20 && !font->FindGlyphNoFallback(ImWchar(c))) out.push_back(c);
    }
    return out;
}

template <typename E>
void check_enum(std::vector<std::string>& problems) {
    for (const auto& e : enum_table<E>()) {
        for (const char* t : {label(e.value), tip(e.value)})
            if (t && !missing(t).empty()) problems.push_back(t);
    }
}

// Whether `s` is well-formed UTF-8 (a literal that is not is binary data, such as a file
// signature, and never drawn).
bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = (unsigned char)s[i];
        const int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || i + std::size_t(extra) + 1 > s.size()) return false;  // a sequence cut short
        for (int k = 1; k <= extra; ++k)
            if (((unsigned char)s[i + std::size_t(k)] >> 6) != 0x2) return false;
        i += std::size_t(extra) + 1;
    }
    return true;
}

// The string literals of C++ source `text` that hold a character beyond ASCII (written as
// UTF-8 or as \x escapes), decoded; comments, character literals and raw strings are skipped.
std::vector<std::string> non_ascii_literals(const std::string& text) {
    std::vector<std::string> out;
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (text.compare(i, 2, "//") == 0) {
            i = text.find('\n', i);
            if (i == std::string::npos) break;
        } else if (text.compare(i, 2, "/*") == 0) {
            i = text.find("*/", i + 2);
            if (i == std::string::npos) break;
            ++i;
        } else if (text[i] == 'R' && i + 1 < n && text[i + 1] == '"') {
            const std::size_t open = text.find('(', i);
            if (open == std::string::npos) break;
            const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
            i = text.find(close, open);
            if (i == std::string::npos) break;
        } else if (text[i] == '\'' || text[i] == '"') {
            const char quote = text[i];
            std::string lit;
            bool wide = false;
            for (++i; i < n && text[i] != quote; ++i) {
                if (text[i] == '\\' && i + 1 < n) {
                    if (text[i + 1] == 'x') {
                        std::size_t used = 0;
                        const int byte = std::stoi(text.substr(i + 2, 2), &used, 16);
                        lit += char(byte);
                        wide = wide || byte >= 0x80;
                        i += 1 + used;
                    } else {
                        lit += text[++i];
                    }
                } else {
                    lit += text[i];
                    wide = wide || (unsigned char)text[i] >= 0x80;
                }
            }
            if (quote == '"' && wide && valid_utf8(lit)) out.push_back(lit);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the UI font has every character that the app's code writes itself", "[glyphs]") {
    Headless h(800, 600, 1.0f, "");
    std::vector<std::string> problems;
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(NNP_SOURCE_DIR "/app")) {
        const std::string ext = entry.path().extension().string();
        if (ext != ".cpp" && ext != ".hpp") continue;
        if (entry.path().parent_path().filename() == "i18n") continue;  // the tables: checked above
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        for (const std::string& lit : non_ascii_literals(text.str()))
            if (!missing(lit.c_str()).empty()) problems.push_back(entry.path().filename().string() + ": " + lit);
    }
    CHECK(files > 20);
    CHECK(problems == std::vector<std::string>{});
    // The scanner sees both spellings, and not a comment.
    const auto found = non_ascii_literals("// \xe2\x97\x8f\nf(\"\\xe2\\x97\\x8f\", \"\xe4\xb8\xad\", \"plain\");");
    REQUIRE(found.size() == 2);
    CHECK(found[0] == "\xe2\x97\x8f");
    CHECK_FALSE(missing(found[1].c_str()).empty());
}

TEST_CASE("the UI font has every character of both string tables", "[glyphs]") {
    Headless h(800, 600, 1.0f, "");  // builds the font atlas as the app does
    for (const Language lang : {Language::English, Language::Korean}) {
        set_language(lang);
        std::vector<std::string> problems;
        for (int i = 0; i < int(Str::Count); ++i)
            if (!missing(tr(Str(i))).empty()) problems.push_back(tr(Str(i)));
        check_enum<DatasetKind>(problems);
        check_enum<Activation>(problems);
        check_enum<Loss>(problems);
        check_enum<OptimizerKind>(problems);
        check_enum<Regularization>(problems);
        check_enum<Init>(problems);
        check_enum<Feature>(problems);
        check_enum<Normalization>(problems);
        check_enum<SurfaceKind>(problems);
        check_enum<LandscapeDirs>(problems);
        for (const Lesson& l : lessons()) {
            for (const std::string* t : {&l.title.en, &l.title.ko})
                if (!missing(t->c_str()).empty()) problems.push_back(*t);
            for (const LessonStep& st : l.steps) {
                for (const std::string* t : {&st.text.en, &st.text.ko, &st.hint.en, &st.hint.ko})
                    if (!missing(t->c_str()).empty()) problems.push_back(*t);
                const std::string goal = describe_goal(st.terms);
                if (!missing(goal.c_str()).empty()) problems.push_back(goal);
            }
        }
        for (const auto& e : enum_table<CoachCode>()) {
            CoachNote n{e.value, 1, 3, 8};
            const std::string t = describe_note(n);
            if (!missing(t.c_str()).empty()) problems.push_back(t);
        }
        INFO(language_code(lang));
        CHECK(problems == std::vector<std::string>{});
    }
    set_language(Language::English);
    // The check itself sees a missing glyph: a character outside the subset.
    CHECK_FALSE(missing("\xe4\xb8\xad").empty());  // U+4E2D, a Chinese character
    CHECK(missing("신경망 놀이터").empty());
}
