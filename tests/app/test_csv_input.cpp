// The user's CSV data in the app (app/csv_input.cpp): a dropped file becomes the experiment's
// data (data=csv, the data set's defaults, the map a slice over two chosen columns), the box
// keeps what the user typed when the text has problems, a file over the cap is refused unread,
// and a link with data=csv takes the data this page has, or says it has none.
#include "app_api.hpp"
#include "app_state.hpp"
#include "config_codec.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace nnp;
using namespace nnp::app;

namespace {

// Four columns, the label last: two classes split by p + q.
std::string four_columns(int rows) {
    std::string text = "p,q,r,s,kind\n";
    for (int i = 0; i < rows; ++i) {
        const int p = i % 7 - 3, q = (i * 5) % 11 - 5;
        text += std::to_string(p) + "," + std::to_string(q) + "," + std::to_string(i % 3) + ",1," +
                (p + q > 0 ? "up" : "down") + "\n";
    }
    return text;
}

AppState started() {
    AppState app;
    app_init(app, ExperimentConfig{});
    update_pictures(app);
    return app;
}

}  // namespace

TEST_CASE("csv input: a dropped file trains as data=csv with the data set's defaults", "[app][csv]") {
    AppState app = started();
    REQUIRE(app_open_file(app, "table.csv", four_columns(120), 0));
    CHECK(app.config.data.kind == DatasetKind::Csv);
    REQUIRE(app.config.data.user);
    CHECK(app.config.normalization == Normalization::Standardize);
    CHECK(app.session().data().size() == 120);
    CHECK(app.session().net().fan_in(0) == 4);
    CHECK(app.csv.text == four_columns(120));  // small: it is in the box, to read and edit
    CHECK(app.csv.file_name == "table.csv");
    CHECK(encode_config(app.config) == "v=1&data=csv");

    // The map spans two chosen columns, the others held at their training means.
    app.map_x = 2;
    app.map_y = 0;
    for (Run& r : app.runs) r.dirty = true;
    update_pictures(app);
    const GridPictures& g = app.run().grid;
    REQUIRE(g.features.cols() == 4);
    CHECK(g.features(0, 1) == app.session().held_inputs()[1]);
    CHECK(g.features(0, 2) == g.raw(0, 0));
    CHECK(g.features(0, 0) == g.raw(0, 1));

    // Another data set, then back: the data given last comes back.
    ExperimentConfig next = app.config;
    const DatasetSpec previous = next.data;
    next.data.kind = DatasetKind::Xor;
    adapt_to_dataset(next, previous);
    apply_config(app, next);
    CHECK(app.config.data.user == nullptr);
    CHECK(app.session().data().size() == 500);
    const std::string reply = run_command(app, R"({"cmd":"set_dataset","value":"csv"})");
    CHECK(test::contains(reply, "\"ok\":true"));
    CHECK(app.session().data().size() == 120);
}

TEST_CASE("csv input: problems are listed and the typed text stays in the box", "[app][csv]") {
    AppState app = started();
    app.csv.text = "x,y,label\n1,2,a\n3,oops,b\n5,6,b\n";
    csv_read(app);
    REQUIRE(app.csv.table.ok);
    CHECK(app.csv.label == 2);
    CHECK(app.csv.inputs == std::vector<std::uint8_t>{1, 1, 0});
    REQUIRE(csv_use(app));
    REQUIRE(app.csv.problems.size() == 1);
    CHECK(describe_csv_problem(app.csv.problems[0]) == "Line 3, column 2: \"oops\" is not a number; the line was left out.");
    CHECK(app.csv.text == "x,y,label\n1,2,a\n3,oops,b\n5,6,b\n");
    CHECK(app.session().data().size() == 2);

    // Refused text changes nothing of the experiment, and is kept too.
    const ExperimentConfig before = app.config;
    app.csv.text = "x,label\n1,same\n2,same\n";
    csv_read(app);
    CHECK_FALSE(csv_use(app));
    CHECK(app.config == before);
    CHECK(app.csv.text == "x,label\n1,same\n2,same\n");
    CHECK(app.csv.problems.back().code == CsvProblemCode::OneClass);

    // No input chosen: said, not taken as "all".
    app.csv.text = "x,y,label\n1,2,a\n3,4,b\n";
    csv_read(app);
    app.csv.inputs = {0, 0, 0};
    CHECK_FALSE(csv_use(app));
    CHECK(app.csv.problems.back().code == CsvProblemCode::NoInputs);
}

TEST_CASE("csv input: a file over the cap is refused unread, the box as it was", "[app][csv]") {
    AppState app = started();
    app.csv.text = "my own text";
    CHECK_FALSE(app_open_file(app, "huge.csv", "", std::uint64_t(kMaxCsvBytes) + 1));
    CHECK(app.csv.text == "my own text");
    REQUIRE(app.csv.problems.size() == 1);
    CHECK(app.csv.problems[0].code == CsvProblemCode::TooBig);
    CHECK(test::contains(describe_csv_problem(app.csv.problems[0]), "at most 20971520"));
    CHECK(app.config.data.kind == DatasetKind::Circle);
}

TEST_CASE("csv input: data given to an empty data=csv set rebuilds the runs with it", "[app][csv]") {
    AppState app = started();
    run_command(app, R"({"cmd":"set_dataset","value":"csv"})");
    CHECK(app.session().data().size() == 0);
    REQUIRE(app_open_file(app, "t.csv", four_columns(50), 0));
    CHECK(app.session().data().size() == 50);
    CHECK(app.session().net().fan_in(0) == 4);
    REQUIRE(app_open_file(app, "u.csv", four_columns(30), 0));  // new data of the same shape
    CHECK(app.session().data().size() == 30);
}

TEST_CASE("csv input: a link with data=csv takes this page's data, or says there is none", "[app][csv]") {
    AppState app = started();
    app_open_link(app, "v=1&data=csv&lr=0.1");
    CHECK(app.csv.link_without_data);
    CHECK(app.session().data().size() == 0);
    update_pictures(app);  // an empty set draws nothing and breaks nothing
    run_command(app, R"({"cmd":"step"})");
    CHECK(app.session().epoch() >= 0);

    REQUIRE(app_open_file(app, "t.csv", four_columns(40), 0));
    CHECK_FALSE(app.csv.link_without_data);
    app_open_link(app, "v=1&data=csv&lr=0.1");
    CHECK_FALSE(app.csv.link_without_data);
    CHECK(app.session().data().size() == 40);
    CHECK(app.config.optimizer.learning_rate == 0.1f);
}

TEST_CASE("points: clicks add and remove points, the weights and the training go on", "[app][points]") {
    AppState app = started();  // the circle: its 500 points are the start
    for (int i = 0; i < 3; ++i) app_step(app);
    app_play(app, true);
    const std::vector<float> before = test::params_of(app);
    REQUIRE(points_editable(app));
    REQUIRE(app_add_point(app, 1.0f, 2.0f, 0, 0.0f));
    CHECK(app.config.data.kind == DatasetKind::Csv);
    REQUIRE(app.config.data.user);
    CHECK(app.config.data.user->plane);
    CHECK(app.session().data().size() == 501);
    CHECK(app.session().data().domain == Domain{});
    CHECK(app.config.normalization == Normalization::None);
    CHECK(test::params_of(app) == before);  // the same weights go on learning
    CHECK(app.playing);
    // 501 points are too many for a link: the link says data=csv and leaves them out.
    CHECK(app_share_link(app).find("pts=") == std::string::npos);

    app_clear_points(app);
    CHECK(app.session().data().size() == 0);
    REQUIRE(app_add_point(app, -3.0f, -3.0f, 0, 0.0f));
    REQUIRE(app_add_point(app, 3.0f, 3.0f, 1, 0.0f));
    REQUIRE(app_add_point(app, 3.0f, -3.0f, 2, 0.0f));  // a third class: softmax, 3 outputs
    CHECK(app.session().data().num_classes == 3);
    CHECK(app.config.output == Activation::Softmax);
    CHECK_FALSE(app_remove_point(app, 0.0f, 0.0f));  // nothing there
    REQUIRE(app_remove_point(app, 3.1f, -2.9f));
    CHECK(app.session().data().size() == 2);

    // A few points travel in the link and come back.
    const std::string link = app_share_link(app);
    CHECK(link.find("&pts=") != std::string::npos);
    AppState other = started();
    app_open_link(other, link);
    REQUIRE(other.config.data.user);
    CHECK(other.session().data().size() == 2);
    CHECK(other.config.data.user->x(1, 0) == 3.0f);
}

TEST_CASE("points: only data on the plane is edited by clicking", "[app][points]") {
    AppState app = started();
    app_open_link(app, "data=oyster");
    CHECK_FALSE(points_editable(app));
    CHECK_FALSE(app_add_point(app, 7.0f, 0.0f, 1, 0.0f));
    REQUIRE(app_open_file(app, "t.csv", four_columns(40), 0));
    CHECK_FALSE(points_editable(app));  // four inputs, not on the plane
}
