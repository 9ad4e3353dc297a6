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

}  // namespace

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
