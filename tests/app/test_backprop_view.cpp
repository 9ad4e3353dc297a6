// Backpropagation step by step in the app (app/backprop_view.cpp): the steps of a network in
// order, each worded with the walk's own numbers in English and in Korean, the neurons and edges
// each step picks out, the walk following the run as it trains (the step kept) and a rebuild
// (the step from the start), a sample out of range clamped, and a click finding its point.
#include "app_state.hpp"
#include "helpers.hpp"
#include "strings.hpp"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace nnp;
using namespace nnp::app;

namespace {

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

bool has_hangul(const std::string& s) {
    for (std::size_t i = 0; i + 2 < s.size(); ++i)
        if ((unsigned char)s[i] >= 0xEA && (unsigned char)s[i] <= 0xED) return true;
    return false;
}

struct KoreanScope {
    KoreanScope() { set_language(Language::Korean); }
    ~KoreanScope() { set_language(Language::English); }
};

}  // namespace

TEST_CASE("backprop view: the steps of the page's default network, in order and in words", "[app][backprop]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "v=1&data=xor");
    for (int e = 0; e < 3; ++e) app.session().train_epoch();
    BackpropView& v = app.backprop;
    v.open = true;
    v.sample = 5;
    backprop_frame(v, app.session_of(0), app.built);
    REQUIRE(v.walk);
    // 2 inputs, 4 and 2 hidden units, 1 output: input, 7 forward, loss, 1 output error, then
    // (1 grads + 2 signals), (2 + 4), (4), and 3 updates.
    REQUIRE(v.steps.size() == 26);
    CHECK(v.steps[0].kind == BpStepKind::Input);
    CHECK(v.steps[8].kind == BpStepKind::Loss);
    CHECK(v.steps[9].kind == BpStepKind::OutputError);
    CHECK(v.steps[25].kind == BpStepKind::Update);
    const BackpropWalk& w = *v.walk;
    for (const BpStep& st : v.steps) {
        const std::string en = backprop_step_text(w, st);
        INFO(en);
        CHECK(en.size() > 20);
        CHECK_FALSE(test::contains(en, "%"));
        const LayerWalk& L = w.layers[std::size_t(st.layer)];
        if (st.kind == BpStepKind::Forward) {
            CHECK(test::contains(en, "= " + num(L.z[std::size_t(st.unit)]) + ";"));
            CHECK(test::contains(en, num(L.a[std::size_t(st.unit)])));
        }
        if (st.kind == BpStepKind::Signal) CHECK(test::contains(en, num(w.layers[std::size_t(st.layer) + 1].dl_dinput[std::size_t(st.unit)])));
        if (st.kind == BpStepKind::OutputError) CHECK(test::contains(en, "a - t"));  // sigmoid with cross-entropy
        if (st.kind == BpStepKind::Loss) CHECK(test::contains(en, num(w.loss_value)));
        KoreanScope korean;
        const std::string ko = backprop_step_text(w, st);
        CHECK(has_hangul(ko));
        CHECK_FALSE(test::contains(ko, "%"));
    }
    // What a step picks out: hidden layer 2's second unit, and the edges into it.
    const BpHighlight f = backprop_highlight(w, {BpStepKind::Forward, 1, 1});
    CHECK(f.units == std::vector<std::pair<int, int>>{{2, 1}});
    CHECK(f.edge_column == 2);
    CHECK(f.edge_from == -1);
    CHECK(f.edge_to == 1);
    const BpHighlight s = backprop_highlight(w, {BpStepKind::Signal, 0, 3});
    CHECK(s.edge_column == 2);  // its outgoing edges, into hidden layer 2
    CHECK(s.edge_from == 3);

    // Training on: the walk is taken again with the new weights, the step kept.
    v.step = 12;
    const float z_before = v.walk->layers[0].z[0];
    app.session().train_epoch();
    backprop_frame(v, app.session_of(0), app.built);
    CHECK(v.step == 12);
    CHECK(v.walk->layers[0].z[0] != z_before);
    // An absurd sample is clamped; a click finds its point.
    v.sample = 1000000;
    backprop_frame(v, app.session_of(0), app.built);
    CHECK(v.sample == app.session().n_train() - 1);
    const Dataset& d = app.session().data();
    CHECK(nearest_training_sample(app.session(), d.x(17, 0), d.x(17, 1)) == 17);
    // Stepping stops at the ends.
    backprop_move(v, -100);
    CHECK(v.step == 0);
    backprop_move(v, 100);
    CHECK(v.step == 25);
    // A rebuild (an edit, not a link: a link without view= closes the view): a new network,
    // the walk from its first step.
    apply_config(app, decode_config("v=1&data=circle&net=3:relu").config);
    backprop_frame(v, app.session_of(0), app.built);
    REQUIRE(v.walk);
    CHECK(v.step == 0);
    CHECK(v.steps.size() == 1 + 4 + 1 + 1 + (1 + 3) + 3 + 2);
}

TEST_CASE("backprop view: softmax outputs are worded by their own rule", "[app][backprop]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    for (const char* link : {"v=1&data=blobs&classes=3&out=softmax&loss=cce", "v=1&data=blobs&classes=3&out=softmax&loss=mse"}) {
        INFO(link);
        app_open_link(app, link);
        BackpropView v;
        v.open = true;
        backprop_frame(v, app.session_of(0), app.built);
        REQUIRE(v.walk);
        const int last = int(v.walk->layers.size()) - 1;
        const std::string text = backprop_step_text(*v.walk, {BpStepKind::OutputError, last, 2});
        INFO(text);
        CHECK(test::contains(text, num(v.walk->layers.back().dl_dz[2])));
        CHECK(test::contains(text, std::string(link).find("cce") != std::string::npos ? "a - t" : "Σ a · dL/da"));
    }
}

TEST_CASE("backprop view: a link opens it on a sample and carries it, a bad sample is named", "[app][backprop]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    app_open_link(app, "#v=1&data=xor&view=backprop&sample=7");
    CHECK(app.link.issues.empty());
    CHECK(app.backprop.open);
    CHECK(app.backprop.sample == 7);
    CHECK(app.config.data.kind == DatasetKind::Xor);
    CHECK(app_link_text(app, false) == "v=1&data=xor&view=backprop&sample=7");
    backprop_frame(app.backprop, app.session_of(0), app.built);
    REQUIRE(app.backprop.walk);
    CHECK(app.backprop.walk->sample == 7);

    // A link without a view closes it; the landscape opens from its own key.
    app_open_link(app, "#v=1&data=xor&view=landscape");
    CHECK(app.link.issues.empty());
    CHECK_FALSE(app.backprop.open);
    CHECK(app.landscape.open);
    CHECK(app_link_text(app, false) == "v=1&data=xor&view=landscape");
    app_open_link(app, "#v=1&data=xor");
    CHECK_FALSE(app.landscape.open);

    app_open_link(app, "#v=1&data=xor&view=backprop&sample=-4");
    CHECK(app.backprop.open);
    CHECK(app.backprop.sample == 0);
    REQUIRE(app.link.issues.size() == 1);
    CHECK(app.link.issues[0].field == "sample");
    // A sample past the last training one is clamped when the walk is taken.
    app_open_link(app, "#v=1&data=xor&view=backprop&sample=100000");
    backprop_frame(app.backprop, app.session_of(0), app.built);
    CHECK(app.backprop.sample == app.session().n_train() - 1);
    app_open_link(app, "#v=1&data=xor&view=wings");
    CHECK_FALSE(app.backprop.open);
    REQUIRE(app.link.issues.size() == 1);
    CHECK(app.link.issues[0].field == "view");
}
