// The string table is complete (every id has text, every enumeration value a label and a
// tooltip), and the picture packing puts each picture where its descriptor says, with sensible
// colour ranges.
#include "pictures.hpp"
#include "colormap.hpp"
#include "mlp.hpp"
#include "session.hpp"
#include "strings.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <vector>

using namespace nnp;
using namespace nnp::app;

namespace {
// Every value of E has a label and its own tooltip: present, a sentence (not a bare word), and
// different from every other value's, so a lookup that fell back to one text would fail.
template <typename E>
void check_enum_texts() {
    std::set<std::string> tips;
    for (const auto& e : enum_table<E>()) {
        INFO(e.code);
        CHECK(std::strlen(label(e.value)) > 0);
        const char* t = tip(e.value);
        REQUIRE(t != nullptr);
        CHECK(std::strlen(t) >= 15);
        CHECK(std::string(t) != label(e.value));
        CHECK(tips.insert(t).second);
    }
}
bool tip_mentions(const char* tip_text, const char* part) {
    return tip_text != nullptr && std::strstr(tip_text, part) != nullptr;
}
}  // namespace

TEST_CASE("every string id has a non-empty English text", "[strings]") {
    for (int i = 0; i < int(Str::Count); ++i) {
        INFO(i);
        CHECK(std::strlen(tr(Str(i))) > 0);
    }
    CHECK(std::strcmp(tr(Str::Play), "Play") == 0);
}

TEST_CASE("every enumeration value has a label and a tooltip", "[strings]") {
    check_enum_texts<DatasetKind>();
    check_enum_texts<Activation>();
    check_enum_texts<Loss>();
    check_enum_texts<OptimizerKind>();
    check_enum_texts<Regularization>();
    check_enum_texts<Init>();
    check_enum_texts<Feature>();
    check_enum_texts<Normalization>();
    // Each tooltip is the one about its own value.
    CHECK(tip_mentions(tip(DatasetKind::Xor), "XOR"));
    CHECK(tip_mentions(tip(DatasetKind::Oyster), "7.5 cm"));
    CHECK(tip_mentions(tip(Activation::Relu), "max(0, sum)"));
    CHECK(tip_mentions(tip(Activation::Softmax), "add up to 1"));
    CHECK(tip_mentions(tip(Loss::CategoricalCrossEntropy), "k classes"));
    CHECK(tip_mentions(tip(OptimizerKind::Adam), "bias correction"));
    CHECK(tip_mentions(tip(Regularization::L1), "|w|"));
    CHECK(tip_mentions(tip(Init::Zeros), "symmetry"));
    CHECK(tip_mentions(tip(Feature::X1TimesX2), "XOR"));
    CHECK(tip_for_code("no_such_code") == nullptr);
}

TEST_CASE("activation ranges", "[pictures]") {
    const std::vector<float> v = {0.5f, -3.0f, 2.0f, NAN};
    ValueRange r = activation_range(Activation::Tanh, v.data(), 4, 1);
    CHECK((r.lo == -1.0f && r.hi == 1.0f));
    r = activation_range(Activation::Sigmoid, v.data(), 4, 1);
    CHECK((r.lo == 0.0f && r.hi == 1.0f));
    r = activation_range(Activation::Relu, v.data(), 4, 1);
    CHECK((r.lo == -3.0f && r.hi == 3.0f));
    // Strided: only every second value counts.
    r = activation_range(Activation::Linear, v.data(), 2, 2);
    CHECK((r.lo == -2.0f && r.hi == 2.0f));
    const std::vector<float> zeros(5, 0.0f);
    r = symmetric_range(zeros.data(), 5, 1);
    CHECK(r.hi > 0.0f);
}

TEST_CASE("the atlas stores each picture in its own cell", "[pictures]") {
    ValueAtlas a;
    a.reset(300, 2, 5);  // 3 cells per row of 1024 texels
    CHECK(a.width() == 900);
    CHECK(a.height() == 4);
    std::vector<float> pic(600 * 2);  // interleaved: two pictures, stride 2
    for (int i = 0; i < 600; ++i) pic[std::size_t(2 * i)] = float(i), pic[std::size_t(2 * i + 1)] = -float(i);
    const int c0 = a.add(pic.data(), 2);
    const int c1 = a.add(pic.data() + 1, 2);
    CHECK(c0 == 0);
    CHECK(c1 == 1);
    int x0, y0, x1, y1;
    a.cell_rect(c1, x0, y0, x1, y1);
    CHECK((x0 == 300 && y0 == 0 && x1 == 600 && y1 == 2));
    // Texel (x, y) of picture 1 is -(y * 300 + x).
    CHECK(a.texels()[std::size_t(1 * 900 + 300 + 7)] == -float(300 + 7));
    CHECK(a.texels()[std::size_t(0 * 900 + 0 + 5)] == 5.0f);
    for (int i = 0; i < 3; ++i) a.add(pic.data(), 2);
    a.cell_rect(4, x0, y0, x1, y1);
    CHECK((x0 == 300 && y0 == 2));
}

TEST_CASE("class pictures encode the winning class and its margin over chance", "[pictures]") {
    Matrix out(3, 3);  // 3 points x 3 classes
    out << 0.2f, 0.7f, 0.1f,
           1.0f / 3, 1.0f / 3, 1.0f / 3,
           0.0f, 0.0f, 1.0f;
    std::vector<float> enc;
    encode_classes(out, 3, 3, enc);
    REQUIRE(enc.size() == 3);
    CHECK(std::floor(enc[0]) == 1.0f);
    CHECK(enc[0] - 1.0f == Approx((0.7f - 1.0f / 3) / (2.0f / 3)));
    CHECK(enc[1] - std::floor(enc[1]) == Approx(0.0f).margin(1e-6));  // undecided: white
    CHECK(std::floor(enc[2]) == 2.0f);
    CHECK(enc[2] - 2.0f == Approx(0.999f));
}

TEST_CASE("fill_pictures describes every feature, neuron and the output", "[pictures]") {
    ExperimentConfig cfg;  // circle, x1 and x2, 4-2 tanh, sigmoid output
    Session s(cfg);
    GridPictures g;
    s.compute_grid(16, 16, g);
    PictureSet p;
    fill_pictures(g, s.net(), Task::BinaryClassification, 1.0f, p);
    CHECK(p.features.size() == std::size_t(kFeatureCount));
    REQUIRE(p.units.size() == 3);
    CHECK(p.units[0].size() == 4);
    CHECK(p.units[1].size() == 2);
    CHECK(p.units[2].size() == 1);
    CHECK(p.atlas.count() == kFeatureCount + 4 + 2 + 1);
    CHECK(p.output.cell == p.units[2][0].cell);
    CHECK((p.output.lo == 0.0f && p.output.hi == 1.0f));  // sigmoid
    // The feature x1 picture: left column negative, right column positive, same along a column.
    int x0, y0, x1, y1;
    p.atlas.cell_rect(p.features[0].cell, x0, y0, x1, y1);
    const auto at = [&](int x, int y) { return p.atlas.texels()[std::size_t(y) * std::size_t(p.atlas.width()) + std::size_t(x)]; };
    CHECK(at(x0, y0) < 0.0f);
    CHECK(at(x1 - 1, y0) > 0.0f);
    CHECK(at(x0, y0) == at(x0, y1 - 1));
    // x1 * x2: positive in the top-right corner, negative in the top-left.
    p.atlas.cell_rect(p.features[int(Feature::X1TimesX2)].cell, x0, y0, x1, y1);
    CHECK(at(x1 - 1, y0) > 0.0f);
    CHECK(at(x0, y0) < 0.0f);
    // x2: the top row (y = y_max) is positive.
    p.atlas.cell_rect(p.features[1].cell, x0, y0, x1, y1);
    CHECK(at(x0, y0) > 0.0f);
    CHECK(at(x0, y1 - 1) < 0.0f);
    // The output texel equals the network's prediction at that grid point.
    p.atlas.cell_rect(p.output.cell, x0, y0, x1, y1);
    const auto pred = g.output(s.net());
    CHECK(at(x0 + 3, y0 + 5) == pred(5 * 16 + 3, 0));
    const long long v = p.version;
    fill_pictures(g, s.net(), Task::BinaryClassification, 1.0f, p);
    CHECK(p.version == v + 1);
}

TEST_CASE("a network on images gets its first layer's weights as pictures of the image's shape", "[pictures]") {
    // 6 inputs as a 3 x 2 image, 4 units; unit j's weight from pixel i set to 10 * j + i.
    NetworkSpec spec;
    spec.inputs = 6;
    spec.hidden = {LayerSpec{4, Activation::Relu}};
    spec.outputs = 3;
    spec.output = Activation::Softmax;
    Mlp net(spec);
    auto W = net.weights(0);
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 4; ++j) W(i, j) = float(10 * j + i) - (j == 2 ? 100.0f : 0.0f);
    PictureSet p;
    fill_weight_pictures(net, 3, 2, p);
    CHECK(p.features.empty());
    CHECK(p.output.cell < 0);
    REQUIRE(p.units.size() == 1);
    REQUIRE(p.units[0].size() == 4);
    CHECK((p.atlas.cell_w() == 3 && p.atlas.cell_h() == 2));
    const auto at = [&](int x, int y) { return p.atlas.texels()[std::size_t(y) * std::size_t(p.atlas.width()) + std::size_t(x)]; };
    for (int j = 0; j < 4; ++j) {
        const PictureInfo& u = p.units[0][std::size_t(j)];
        int x0, y0, x1, y1;
        p.atlas.cell_rect(u.cell, x0, y0, x1, y1);
        // Pixel i = y * 3 + x sits at (x, y) of the cell: row 0 is the image's top row.
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 3; ++x) CHECK(at(x0 + x, y0 + y) == W(y * 3 + x, j));
        // Each on its own symmetric range: the largest magnitude among its own weights.
        float m = 0.0f;
        for (int i = 0; i < 6; ++i) m = std::max(m, std::fabs(W(i, j)));
        CHECK(u.hi == Approx(m));
        CHECK(u.lo == Approx(-m));
        CHECK(u.mode == PictureMode::Diverging);
    }
    // A first layer that does not take the image's pixels gets no pictures.
    fill_weight_pictures(net, 4, 4, p);
    CHECK(p.units.empty());
    CHECK(p.atlas.count() == 0);
}

TEST_CASE("multi-class output becomes a class picture", "[pictures]") {
    ExperimentConfig cfg;
    cfg.data.kind = DatasetKind::Blobs;
    cfg.data.classes = 4;
    cfg.output = Activation::Softmax;
    cfg.loss = Loss::CategoricalCrossEntropy;
    Session s(cfg);
    GridPictures g;
    s.compute_grid(8, 8, g);
    PictureSet p;
    fill_pictures(g, s.net(), Task::MultiClassification, 1.0f, p);
    CHECK(p.output.mode == PictureMode::Classes);
    CHECK(p.units.back().size() == 4);
    CHECK(p.atlas.count() == kFeatureCount + 4 + 2 + 4 + 1);
    int x0, y0, x1, y1;
    p.atlas.cell_rect(p.output.cell, x0, y0, x1, y1);
    const float t = p.atlas.texels()[std::size_t(y0) * std::size_t(p.atlas.width()) + std::size_t(x0)];
    CHECK(t >= 0.0f);
    CHECK(t < 4.0f);
}
