// Parity with an independent implementation: TensorFlow.js 4.22's losses after one epoch of
// W1 (plain SGD) and W2 (Adam), from the same data and initial weights, trained through
// nnp::Session exactly as WORKLOADS.md specifies (file order, partial last batch).
#include "reference_data.hpp"
#include "session.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace nnp;

namespace {

// All rows are training rows; labels from 0/1 or one-hot target columns.
Dataset reference_dataset(const Matrix& x, const Matrix& y) {
    Dataset d;
    d.input_dims = static_cast<int>(x.cols());
    d.x = x;
    d.num_classes = y.cols() == 1 ? 2 : static_cast<int>(y.cols());
    d.task = y.cols() == 1 ? Task::BinaryClassification : Task::MultiClassification;
    for (int i = 0; i < y.rows(); ++i) {
        int label = 0;
        if (y.cols() == 1) label = y(i, 0) > 0.5f ? 1 : 0;
        else y.row(i).maxCoeff(&label);
        d.label.push_back(label);
    }
    d.n_train = static_cast<int>(x.rows());
    return d;
}

void check_epoch_one(Session& s, const std::string& init_file, double initial_loss, double after_one) {
    const std::vector<float> init = test::load_f32(init_file);
    REQUIRE(s.net().set_params(init));
    s.params_changed();
    CHECK(s.current().train_loss == Approx(initial_loss).epsilon(1e-4));
    REQUIRE(s.train_epoch());
    CHECK(s.current().train_loss == Approx(after_one).epsilon(1e-4));
}

}  // namespace

TEST_CASE("reference: W1 after one epoch of SGD matches TensorFlow.js", "[reference]") {
    const Matrix x = test::load_matrix("w1_x.f32", 2), y = test::load_matrix("w1_y.f32", 1);
    REQUIRE(x.rows() == 500);
    ExperimentConfig c;
    c.hidden = {{8, Activation::Tanh, 0.0f}, {8, Activation::Tanh, 0.0f}};
    c.output = Activation::Sigmoid;
    c.loss = Loss::BinaryCrossEntropy;
    c.optimizer.kind = OptimizerKind::Sgd;
    c.optimizer.learning_rate = 0.03f;
    c.batch_size = 10;
    c.shuffle = false;
    Session s(c, reference_dataset(x, y));
    REQUIRE(s.net().spec() == test::w1_spec());
    check_epoch_one(s, "w1_init.f32", 0.677531141, 0.670989113);
    CHECK(s.steps() == 50);
}

TEST_CASE("reference: W2 after one epoch of Adam matches TensorFlow.js", "[reference]") {
    const Matrix x = test::load_matrix("w2_x.f32", 64), y = test::load_matrix("w2_y.f32", 10);
    REQUIRE(x.rows() == 1797);
    ExperimentConfig c;
    c.data.kind = DatasetKind::Blobs;  // a multi-class task, so softmax + CCE validate
    c.hidden = {{64, Activation::Relu, 0.0f}};
    c.output = Activation::Softmax;
    c.loss = Loss::CategoricalCrossEntropy;
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learning_rate = 1e-3f;
    c.optimizer.beta1 = 0.9f;
    c.optimizer.beta2 = 0.999f;
    c.optimizer.epsilon = 1e-7f;
    c.batch_size = 32;
    c.shuffle = false;
    Session s(c, reference_dataset(x, y));
    REQUIRE(s.net().spec() == test::w2_spec());
    check_epoch_one(s, "w2_init.f32", 2.371639952, 1.660238161);
    CHECK(s.steps() == 57);  // 56 full batches and one of 5
}
