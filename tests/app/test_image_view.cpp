// The image view of the digits (app/image_view.cpp): picking the data set in the app gives the
// data set's own experiment, the view's numbers are the network's (class probabilities of the
// input on show, a confusion matrix that adds up to the test split), and the drawing pad's
// strokes become the input. Through the accessor too, as the page's tests read it.
#include "app_api.hpp"
#include "app_state.hpp"
#include "config_codec.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <numeric>
#include <span>

using namespace nnp;
using namespace nnp::app;

namespace {

AppState digits_app() {
    AppState app;
    app_init(app, decode_config("data=digits").config);
    update_pictures(app);
    return app;
}

}  // namespace

TEST_CASE("picking the digits in the app brings their network, and back again", "[app][images]") {
    ExperimentConfig cfg;  // the page's start: circle, 4:tanh,2:tanh, SGD
    ExperimentConfig next = cfg;
    next.data.kind = DatasetKind::Digits;
    adapt_to_dataset(next, cfg.data.kind);
    CHECK(next.hidden == default_for_data(DatasetKind::Digits).hidden);
    CHECK(next.optimizer.kind == OptimizerKind::Adam);
    CHECK(next.output == Activation::Softmax);
    CHECK(next.loss == Loss::CategoricalCrossEntropy);
    CHECK(next.normalization == Normalization::Scale);
    CHECK(encode_config(next) == "v=1&data=digits");
    ExperimentConfig back = next;
    back.data.kind = DatasetKind::Circle;
    adapt_to_dataset(back, DatasetKind::Digits);
    CHECK(back == cfg);
}

TEST_CASE("the image view shows the network's answer and a confusion matrix of the test split", "[app][images]") {
    AppState app = digits_app();
    const ImageView& v = app.images;
    const Session& s = app.session();
    REQUIRE(v.classes == 10);
    REQUIRE(v.probabilities.size() == 10);
    CHECK(std::accumulate(v.probabilities.begin(), v.probabilities.end(), 0.0f) == Approx(1.0f).margin(1e-5));
    CHECK(v.pixels.size() == 64);
    CHECK(shown_row(s, v) == s.data().test_begin());
    CHECK(v.label == s.data().label[std::size_t(s.data().test_begin())]);
    CHECK(std::accumulate(v.confusion.begin(), v.confusion.end(), 0) == s.data().n_test());
    CHECK(v.wrong.size() == v.wrong_answer.size());
    int right = 0;
    for (int k = 0; k < 10; ++k) right += v.confusion[std::size_t(k * 10 + k)];
    CHECK(right + int(v.wrong.size()) == s.data().n_test());
    // The untrained network is near chance; trained, the matrix agrees with the session's accuracy.
    for (int e = 0; e < 20; ++e) app_step(app);
    app.pictures_dirty = true;
    update_pictures(app);
    right = 0;
    for (int k = 0; k < 10; ++k) right += app.images.confusion[std::size_t(k * 10 + k)];
    CHECK(float(right) / float(s.data().n_test()) == Approx(app.session().current().test_accuracy).margin(1e-6));
    CHECK(app.session().current().test_accuracy >= 0.95f);
    for (std::size_t i = 0; i < app.images.wrong.size(); ++i)
        CHECK(app.images.wrong_answer[i] != app.session().data().label[std::size_t(app.images.wrong[i])]);

    // Stepping wraps around the test split.
    ImageView& view = app.images;
    step_image(app.session(), view, -1);
    CHECK(shown_row(app.session(), view) == app.session().data().size() - 1);
    step_image(app.session(), view, +2);
    CHECK(shown_row(app.session(), view) == app.session().data().test_begin() + 1);
}

TEST_CASE("the drawing pad's strokes are the input, reduced to 8x8", "[app][images][pad]") {
    AppState app = digits_app();
    for (int e = 0; e < 20; ++e) app_step(app);
    ImageView& v = app.images;
    v.drawing = true;
    v.strokes = {{{0.5f, 0.1f}, {0.5f, 0.9f}}};  // a "1": one vertical bar
    app.pictures_dirty = true;
    update_pictures(app);
    CHECK(v.label == -1);
    const auto expected = pad_to_digits(v.strokes);
    CHECK(std::vector<float>(expected.begin(), expected.end()) == v.pixels);
    CHECK(v.predicted == 1);  // the trained network reads a bar as a one
    const std::string state = state_json(app);
    CHECK(test::contains(state, "\"images\":{\"row\":"));
    CHECK(test::contains(state, "\"drawing\":true"));
    CHECK(test::contains(state, "\"predicted\":1"));
}

TEST_CASE("the plane's sets have no image view in the accessor", "[app][images]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    update_pictures(app);
    CHECK_FALSE(test::contains(state_json(app), "\"images\""));
}

namespace {
std::vector<std::string> g_fetched;
void record_fetch(const char* name) { g_fetched.push_back(name); }
}  // namespace

TEST_CASE("MNIST is fetched when picked, says so until it arrives, then trains", "[app][images][mnist]") {
    std::ifstream in(NNP_MNIST_FILE, std::ios::binary);
    const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.empty()) {
        WARN("MNIST's images are not built (" << NNP_MNIST_FILE << ")");
        return;
    }
    LinkPlatform saved = link_platform();
    link_platform().fetch_file = record_fetch;
    g_fetched.clear();
    AppState app;
    app_init(app, decode_config("data=mnist").config);
    if (mnist_count() == 0) {  // a fresh process (CTest runs each case alone)
        CHECK(app.session().data().size() == 0);
        CHECK(app.session().data().input_dims == 784);
        app_play(app, true);
        train_frame(app, [] { return 1000.0; });  // asks for the file, trains nothing, never hangs
        train_frame(app, [] { return 1016.0; });
        CHECK(g_fetched == std::vector<std::string>{"mnist.bin"});  // once
        CHECK(app.fetch.requested);
        CHECK(app.session().epoch() == 0);
        update_pictures(app);
        CHECK(app.images.classes == 0);
        // A broken answer is reported and changes nothing.
        app_file_arrived(app, "mnist.bin", std::span<const unsigned char>(bytes.data(), 100), 1500.0);
        CHECK(app.fetch.failed);
        CHECK(test::contains(app.fetch.error, "mnist.bin: "));
        CHECK(mnist_count() == 0);
    }
    app_file_arrived(app, "mnist.bin", bytes, 2500.0);
    CHECK_FALSE(app.fetch.failed);
    REQUIRE(app.session().data().size() == 10000);
    CHECK(app.session().net().fan_in(0) == 784);
    app_step(app);
    app.pictures_dirty = true;
    update_pictures(app);
    CHECK(app.session().current().test_accuracy > 0.85f);  // one epoch of 8,000 images
    REQUIRE(app.images.pixels.size() == 784);
    CHECK(std::accumulate(app.images.confusion.begin(), app.images.confusion.end(), 0) == 2000);
    // The pad reduces the MNIST way for this set.
    app.images.drawing = true;
    app.images.strokes = {{{0.5f, 0.1f}, {0.5f, 0.9f}}};
    app.pictures_dirty = true;
    update_pictures(app);
    const auto expected = pad_to_mnist(app.images.strokes);
    CHECK(std::vector<float>(expected.begin(), expected.end()) == app.images.pixels);
    link_platform() = saved;
}
