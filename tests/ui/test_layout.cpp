// The layout at the sizes people use (a phone, a small laptop window, a laptop, a big screen,
// and a HiDPI laptop): for the experiments that fill the panels most, no two texts overlap and
// no text is cut at the side. Fails with the texts and where they are.
#include "headless.hpp"

#include "app_main.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

using nnp::app::test::Headless;

namespace {

struct Screen {
    const char* name;
    float width, height, scale;
};
constexpr Screen kScreens[] = {
    {"phone 390x844", 390, 844, 1.0f},          {"small 800x600", 800, 600, 1.0f},
    {"laptop 1280x800", 1280, 800, 1.0f},       {"wide 1920x1080", 1920, 1080, 1.0f},
    {"HiDPI 1280x800 at 2x", 2560, 1600, 2.0f},
};

struct Experiment {
    const char* name;
    const char* link;
};
constexpr Experiment kExperiments[] = {
    {"the default", ""},
    {"the big spiral", "#v=1&data=spiral&f=x,y,xSquared,ySquared,xTimesY,sinX,sinY"
                       "&net=8:tanh,8:tanh,8:tanh,8:tanh,8:tanh,8:tanh"},
    {"an optimizer race", "#v=1&data=spiral&race=opt:sgd,mom,nag,adag,rms,adam"},
    {"a seed race", "#v=1&data=xor&race=seed:1,2,3,4"},
    {"the oysters", "#v=1&data=oyster"},
    {"the 8x8 digits", "#v=1&data=digits"},
    {"MNIST before its images arrive", "#v=1&data=mnist"},
    {"an optimizer race on the digits", "#v=1&data=digits&race=opt:sgd,mom,rms,adam"},
    {"five blobs, Adam, early stopping", "#v=1&data=blobs&classes=5&opt=adam&es=1&net=8:relu:0.2,8:relu"},
    {"regression", "#v=1&data=reg-gauss&reg=L2&rr=0.001&test=1"},
    {"a lesson with a hint-long text", "#lesson=overfitting"},
    {"a coach note (step activations)", "#v=1&data=circle&net=4:step,2:step"},
    {"a lesson on the oysters, step 2", "#lesson=oysters&step=2"},
    {"bagging of seven", "#v=1&data=xor&noise=40&ens=bagging&members=7"},
    {"boosting", "#v=1&data=xor&noise=10&net=2:tanh&ens=boosting&members=5"},
    {"stacking three networks", "#v=1&data=moons&noise=30&race=act:tanh,relu,sigmoid&ens=stacking"},
    {"eight leaky-ReLU layers with dropout", "#v=1&data=spiral&net=16:lrelu:0.5,8:lrelu:0.3,8:lrelu,8:lrelu,"
                                             "8:lrelu,8:lrelu,8:lrelu,8:lrelu:0.1"},
};

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 12; ++i) s += "\n  " + v[i];
    if (v.size() > 12) s += "\n  ... and " + std::to_string(v.size() - 12) + " more";
    return s;
}

}  // namespace

TEST_CASE("No text overlaps other text and none is cut, at every screen size", "[layout]") {
    for (const char* lang : {"en", "ko"}) {
    for (const Screen& screen : kScreens) {
        for (const Experiment& ex : kExperiments) {
            const std::string link = std::string(*ex.link ? ex.link : "#") + (*ex.link ? "&lang=" : "lang=") + lang;
            Headless h(screen.width, screen.height, screen.scale, link);
            h.frames(4);  // ImGui sizes windows and combos over the first frames
            // A stacked page is checked a screenful at a time, top to bottom.
            for (float y = 0.0f;; y += 0.7f * screen.height) {
                h.scroll_page(y);
                h.frames(2);
                char at[48];
                std::snprintf(at, sizeof at, ", page scrolled to %.0f", double(y));
                INFO(std::string(lang) + ", " + screen.name + ", " + ex.name + (h.page_scroll_max() > 0 ? at : ""));
                // The page really is in that language (Hangul glyphs drawn, or none).
                int hangul = 0;
                for (const auto& g : h.glyphs()) hangul += g.codepoint >= 0xAC00 && g.codepoint <= 0xD7A3;
                if (std::string(lang) == "ko") CHECK(hangul > 20);
                else CHECK(hangul <= 3);  // the "한국어" button alone
                CHECK(nnp::app::app_state().stats.missing_glyphs == 0);  // no character drawn as a box
                CHECK(joined(overlapping_text(h)) == "");
                CHECK(joined(cut_text(h)) == "");
                // The controls a newcomer needs first lie inside the window (on a stacked page:
                // while on screen; other controls may sit further down a panel that scrolls),
                // and no two controls overlap.
                const auto& ui = nnp::app::app_state().ui;
                std::vector<std::string> outside, overlapping;
                const float W = screen.width / screen.scale, H = screen.height / screen.scale;
                float page_top = 0, page_bottom = H;
                for (const auto& r : ui)
                    if (r.name == "page") page_top = r.y, page_bottom = r.y + r.h;
                const auto in_bar = [](const std::string& n) {
                    return n == "play" || n == "step" || n == "reset" || n == "speed" || n == "lessons" || n == "language";
                };
                // A control scrolled out of the stacked page is not on screen: not judged.
                const auto shown = [&](const nnp::app::AppState::UiRect& r) {
                    if (r.name == "bar" || r.name == "page") return false;
                    return in_bar(r.name) || h.page_scroll_max() <= 0 || (r.y >= page_top && r.y + r.h <= page_bottom);
                };
                for (std::size_t i = 0; i < ui.size(); ++i) {
                    const auto& r = ui[i];
                    if (!shown(r)) continue;
                    const bool first_needed = in_bar(r.name) || r.name == "copy_link" || r.name.rfind("data_", 0) == 0;
                    if (r.x < -0.5f || r.x + r.w > W + 0.5f || (first_needed && (r.y < -0.5f || r.y + r.h > H + 0.5f)))
                        outside.push_back(r.name + " at " + std::to_string(int(r.x)) + "," + std::to_string(int(r.y)) + " size " + std::to_string(int(r.w)) + "x" + std::to_string(int(r.h)));
                    for (std::size_t j = i + 1; j < ui.size(); ++j) {
                        const auto& q = ui[j];
                        if (!shown(q)) continue;
                        if (r.x + 1 < q.x + q.w && q.x + 1 < r.x + r.w && r.y + 1 < q.y + q.h && q.y + 1 < r.y + r.h)
                            overlapping.push_back(r.name + " and " + q.name);
                    }
                }
                CHECK(joined(outside) == "");
                CHECK(joined(overlapping) == "");
                if (y >= h.page_scroll_max()) break;
            }
        }
    }
    }
}
