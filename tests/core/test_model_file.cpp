// The model file (core/model_file.cpp): a trained session written as JSON and read back predicts
// bit for bit as it did (weights, normalisation, network), for the plane, the oyster strip and
// the user's CSV data; every bad or hostile file is refused with its named problem.
#include "config_codec.hpp"
#include "csv.hpp"
#include "model_file.hpp"
#include "session.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;

namespace {

const ModelIssue* find_issue(const ModelRead& r, ModelProblem code) {
    for (const ModelIssue& i : r.issues)
        if (i.code == code) return &i;
    return nullptr;
}

// The session's pictures: the output over a grid, as the page draws it.
Matrix grid_output(const Session& s) {
    GridPictures g;
    s.compute_grid(17, s.data().input_dims == 1 ? 1 : 17, g);
    return g.output(s.net());
}

void check_round_trip(Session& trained) {
    for (int e = 0; e < 25; ++e) trained.train_epoch();
    const std::string text = write_model_json(trained);
    const ModelRead read = read_model_json(text);
    INFO(text.substr(0, 300));
    REQUIRE(read.issues.empty());
    REQUIRE(read.model);
    ExperimentConfig cfg = read.model->config;
    cfg.data.user = trained.config().data.user;  // a CSV file's rows are not in the file
    Session restored(cfg);
    REQUIRE(apply_model(restored, *read.model));
    CHECK(read.model->network == trained.net().spec());
    CHECK(restored.input_norm() == trained.input_norm());
    const auto a = trained.net().params(), b = restored.net().params();
    CHECK(checksum(a.data(), a.size()) == checksum(b.data(), b.size()));
    const Matrix out_a = grid_output(trained), out_b = grid_output(restored);
    CHECK(checksum(out_a.data(), std::size_t(out_a.size())) == checksum(out_b.data(), std::size_t(out_b.size())));
    CHECK(restored.current().test_loss == trained.current().test_loss);
    CHECK(write_model_json(restored) == text);
}

}  // namespace

TEST_CASE("model file: a trained network reads back to the same predictions, bit for bit", "[model]") {
    ExperimentConfig spiral = decode_config("data=spiral&net=8:relu,6:tanh:0.2&opt=adam&lr=0.01&f=x,y,sinX").config;
    Session a(spiral);
    check_round_trip(a);

    Session oyster(decode_config("data=oyster").config);  // standardised inputs
    check_round_trip(oyster);

    Session blobs(decode_config("data=blobs&classes=5&out=softmax").config);
    check_round_trip(blobs);

    std::string text = "a,b,c,kind\n";
    for (int i = 0; i < 60; ++i) text += std::to_string(i) + "," + std::to_string(i % 7) + ",3," + (i % 3 ? "x" : "y") + "\n";
    ExperimentConfig csv;
    csv.data.kind = DatasetKind::Csv;
    csv.data.user = make_user_data(read_csv(text), {}).data;
    csv.normalization = Normalization::Standardize;
    Session own(csv);
    check_round_trip(own);
}

TEST_CASE("model file: the file says what it is and how its inputs are prepared", "[model]") {
    Session s(decode_config("data=oyster").config);
    const std::string text = write_model_json(s);
    CHECK(text.find("\"format\": \"nnp-model\"") != std::string::npos);
    CHECK(text.find("\"version\": 1") != std::string::npos);
    CHECK(text.find("\"link\": \"v=1&data=oyster\"") != std::string::npos);
    CHECK(text.find("\"mode\": \"standardize\"") != std::string::npos);
    CHECK(text.find("\"activation\": \"tanh\"") != std::string::npos);
}

TEST_CASE("model file: bad and hostile files are refused with their named problem", "[model]") {
    Session s(decode_config("data=xor&net=3:tanh").config);
    const std::string good = write_model_json(s);
    const auto replaced = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const std::size_t at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    struct Case {
        std::string text;
        ModelProblem code;
        std::string where;
    };
    const Case cases[] = {
        {"", ModelProblem::NotJson, ""},
        {"{\"format\": \"nnp-model\", ", ModelProblem::NotJson, ""},
        {"[1, 2, 3]", ModelProblem::NotModel, ""},
        {"{\"format\": \"keras\"}", ModelProblem::NotModel, ""},
        {replaced("\"version\": 1", "\"version\": 2"), ModelProblem::Version, "version"},
        {replaced("\"version\": 1", "\"version\": \"1\""), ModelProblem::Version, "version"},
        {replaced("\"layers\"", "\"layerz\""), ModelProblem::Missing, "layers"},
        {replaced("\"activation\": \"tanh\"", "\"activation\": \"swish\""), ModelProblem::BadValue, "layers[0].activation"},
        {replaced("\"units\": 3", "\"units\": 4"), ModelProblem::Shape, "layers[0].weights[0]"},
        {replaced("\"inputs\": 3", "\"inputs\": 2"), ModelProblem::Shape, "layers[1].inputs"},
        {replaced("\"biases\": [", "\"biases\": [1e39,"), ModelProblem::Shape, "layers[0].biases"},
        {replaced("\"units\": 1", "\"units\": 100000"), ModelProblem::BadValue, "layers[1].units"},
        {replaced("\"mode\": \"none\"", "\"mode\": \"zscore\""), ModelProblem::BadValue, "normalization"},
        {std::string(100000, '[') + std::string(100000, ']'), ModelProblem::TooDeep, ""},
        {std::string(kMaxModelBytes + 1, ' '), ModelProblem::TooBig, ""},
    };
    for (const Case& c : cases) {
        INFO(c.text.substr(0, 200));
        const ModelRead r = read_model_json(c.text);
        CHECK_FALSE(r.model);
        const ModelIssue* issue = find_issue(r, c.code);
        REQUIRE(issue != nullptr);
        CHECK(issue->where == c.where);
    }
    // A weight beyond float32 (JSON has no NaN): named at its place.
    std::string big = good;
    const std::size_t w = big.find("\"weights\": [[") + 13;
    big.replace(w, big.find_first_of(",]", w) - w, "1e39");
    const ModelRead r = read_model_json(big);
    CHECK_FALSE(r.model);
    REQUIRE(find_issue(r, ModelProblem::NotFinite) != nullptr);
    CHECK(find_issue(r, ModelProblem::NotFinite)->where == "layers[0].weights[0][0]");

    // A link with problems is read with them named; a network of another shape is not applied.
    const ModelRead odd = read_model_json(replaced("v=1&data=xor&net=3:tanh", "v=1&data=xor&net=3:tanh&colour=red"));
    REQUIRE(odd.model);
    CHECK(find_issue(odd, ModelProblem::Link) != nullptr);
    CHECK_FALSE(odd.link_issues.empty());
    Session other(decode_config("data=xor&net=5:tanh").config);
    const std::vector<float> before(other.net().params().begin(), other.net().params().end());
    CHECK_FALSE(apply_model(other, *odd.model));
    CHECK(std::vector<float>(other.net().params().begin(), other.net().params().end()) == before);
}
