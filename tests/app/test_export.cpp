// Results out (app/export.cpp): the model saved from the page opens again with the same
// predictions, the history lists every run's epochs, the data set reads back from its CSV, and
// the PNG files are valid (signature, chunk CRCs, zlib's Adler-32 over the stored rows).
#include "app_api.hpp"
#include "app_state.hpp"
#include "config_codec.hpp"
#include "export.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

using namespace nnp;
using namespace nnp::app;

namespace {

// Saves go to the working folder natively; the tests read them back from there.
std::string read_back(const char* name) {
    std::ifstream in(name, std::ios::binary);
    REQUIRE(in.good());
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::remove(name);
    return bytes;
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    return std::uint32_t(std::uint8_t(s[at])) << 24 | std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
           std::uint32_t(std::uint8_t(s[at + 2])) << 8 | std::uint32_t(std::uint8_t(s[at + 3]));
}

std::uint32_t crc32_of(const std::string& s, std::size_t at, std::size_t n) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= std::uint8_t(s[at + i]);
        for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
}

// Reads a PNG of stored deflate blocks back into its rows (filter byte + RGBA), checking every
// CRC and the Adler-32.
std::string png_rows(const std::string& png, int& w, int& h) {
    REQUIRE(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    std::string z;
    for (std::size_t at = 8; at < png.size();) {
        const std::uint32_t n = be32(png, at);
        const std::string type = png.substr(at + 4, 4);
        CHECK(be32(png, at + 8 + n) == crc32_of(png, at + 4, n + 4));
        if (type == "IHDR") {
            w = int(be32(png, at + 8));
            h = int(be32(png, at + 12));
        }
        if (type == "IDAT") z += png.substr(at + 8, n);
        at += 12 + n;
    }
    std::string raw;
    std::size_t at = 2;  // the zlib header
    for (bool last = false; !last;) {
        last = z[at] & 1;
        const std::size_t n = std::uint8_t(z[at + 1]) | std::size_t(std::uint8_t(z[at + 2])) << 8;
        raw += z.substr(at + 5, n);
        at += 5 + n;
    }
    std::uint32_t a = 1, b = 0;
    for (const char c : raw) a = (a + std::uint8_t(c)) % 65521, b = (b + a) % 65521;
    CHECK(be32(z, at) == (b << 16 | a));
    return raw;
}

}  // namespace

TEST_CASE("export: the saved model opens again with the same weights and losses", "[app][export]") {
    AppState app;
    app_init(app, decode_config("data=spiral&net=6:relu,4:tanh&opt=adam&lr=0.01").config);
    for (int i = 0; i < 15; ++i) app_step(app);
    REQUIRE(app_export(app, ExportKind::Model));
    CHECK(app.export_note == "Saved nnp-model.json");
    const std::string model = read_back("nnp-model.json");
    const std::vector<float> trained = test::params_of(app);
    const float loss = app.session().current().test_loss;

    AppState other;
    app_init(other, ExperimentConfig{});
    REQUIRE(app_open_file(other, "nnp-model.json", model, model.size()));
    CHECK(other.link.issues.empty());
    CHECK(test::params_of(other) == trained);
    CHECK(other.session().current().test_loss == loss);
    CHECK(other.config.hidden.size() == 2);

    // A broken one is named in the banner and changes nothing.
    const std::vector<float> before = test::params_of(other);
    CHECK_FALSE(app_open_file(other, "x.json", "{\"format\": \"nnp-model\", \"version\": 9}", 40));
    REQUIRE(other.link.show_issues);
    CHECK(other.link.issues[0].message == "Model file, version: version 9; this page reads version 1.");
    CHECK(test::params_of(other) == before);
}

TEST_CASE("export: the history has every run's epochs, the data reads back", "[app][export]") {
    AppState app;
    app_init(app, decode_config("data=xor&race=opt:sgd,adam&es=1").config);
    for (int i = 0; i < 4; ++i) app_step(app);
    const std::string csv = history_csv(app);
    CHECK(csv.rfind("run,name,epoch,train_loss,val_loss,test_loss,train_accuracy,val_accuracy,test_accuracy\n", 0) == 0);
    CHECK(test::contains(csv, "\n0,\"SGD\",0,"));
    CHECK(test::contains(csv, "\n1,\"Adam\",4,"));
    std::size_t lines = 0;
    for (const char c : csv) lines += c == '\n';
    CHECK(lines == 1 + 2 * 5);

    const CsvTable t = read_csv(data_csv(app));
    REQUIRE(t.ok);
    CHECK(t.rows() == 500);
    CHECK(t.columns == std::vector<std::string>{"x1", "x2", "label"});
    const UserDataRead back = make_user_data(t, {});
    REQUIRE(back.data);
    const Dataset& d = app.session().data();
    CHECK(checksum(back.data->x.data(), std::size_t(back.data->x.size())) == checksum(d.x.data(), std::size_t(d.x.size())));
    CHECK(back.data->label == d.label);
}

TEST_CASE("export: the map is a valid PNG of the page's colours", "[app][export]") {
    AppState app;
    app_init(app, ExperimentConfig{});
    update_pictures(app);
    REQUIRE(app_export(app, ExportKind::Map));
    const std::string png = read_back("nnp-map.png");
    int w = 0, h = 0;
    const std::string rows = png_rows(png, w, h);
    CHECK(w == kGridSize * 4);
    CHECK(h == kGridSize * 4);
    REQUIRE(rows.size() == std::size_t(h) * (std::size_t(w) * 4 + 1));
    // The top left corner of the circle data set's map: outside the circle, the orange class,
    // paler than full strength; every pixel opaque.
    const auto px = [&](int x, int y, int c) { return int(std::uint8_t(rows[std::size_t(y) * (w * 4 + 1) + 1 + x * 4 + c])); };
    CHECK(px(0, 0, 3) == 255);
    CHECK(px(0, 0, 0) > px(0, 0, 2));  // more red than blue
}
