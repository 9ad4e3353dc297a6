// The image view's numbers (see image_view.hpp).
#include "image_view.hpp"

#include "normalize.hpp"
#include "strings.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace nnp::app {

namespace {

int argmax(const float* values, int n) {
    int best = 0;
    for (int i = 1; i < n; ++i)
        if (values[i] > values[best]) best = i;
    return best;
}

}  // namespace

int shown_row(const Session& s, const ImageView& view) {
    const Dataset& d = s.data();
    if (d.n_test() <= 0) return std::clamp(view.row, 0, std::max(0, d.size() - 1));
    return view.row >= d.test_begin() && view.row < d.size() ? view.row : d.test_begin();
}

void step_image(const Session& s, ImageView& view, int delta) {
    const Dataset& d = s.data();
    view.drawing = false;
    const int n = std::max(1, d.n_test());
    const int at = shown_row(s, view) - d.test_begin();
    view.row = d.test_begin() + ((at + delta) % n + n) % n;
}

void update_image_view(const Session& s, ImageView& view) {
    const Dataset& d = s.data();
    if (d.image_width <= 0 || d.task != Task::MultiClassification || d.size() == 0) {
        view.pixels.clear();
        view.probabilities.clear();
        view.confusion.clear();
        view.wrong.clear();
        view.wrong_answer.clear();
        view.predicted = view.label = -1;
        view.classes = 0;
        return;
    }
    const Mlp& net = s.net();
    const int k = net.fan_out(net.num_layers() - 1);
    const int cols = d.input_dims;
    view.classes = k;

    // The confusion matrix and the misclassified rows of the test split.
    const auto evaluated = s.evaluated_outputs();
    view.confusion.assign(std::size_t(k) * std::size_t(k), 0);
    view.wrong.clear();
    view.wrong_answer.clear();
    for (int row = d.test_begin(); row < d.size(); ++row) {
        const int truth = d.label[std::size_t(row)];
        const int guess = argmax(evaluated.data() + std::ptrdiff_t(row) * evaluated.outerStride(), k);
        if (truth >= 0 && truth < k) ++view.confusion[std::size_t(truth * k + guess)];
        if (guess != truth) {
            view.wrong.push_back(row);
            view.wrong_answer.push_back(guess);
        }
    }
    view.ws.resize(net, 1, false);  // the input on show; allocates only when the network changed

    // The input on show: a data row, or the pad's drawing reduced the optdigits way.
    view.pixels.assign(std::size_t(cols), 0.0f);
    if (view.drawing) {
        // Reduced the way the set was made: optdigits' block counts, or MNIST's centred box.
        const auto take = [&](const auto& pad) {
            std::copy_n(pad.begin(), std::min<std::size_t>(pad.size(), view.pixels.size()), view.pixels.begin());
        };
        if (d.image_width == kMnistSide) take(pad_to_mnist(view.strokes));
        else take(pad_to_digits(view.strokes));
        view.label = -1;
    } else {
        const int row = shown_row(s, view);
        for (int j = 0; j < cols; ++j) view.pixels[std::size_t(j)] = d.x(row, j);
        view.label = d.label.empty() ? -1 : d.label[std::size_t(row)];
    }
    view.input.resize(1, cols);
    for (int j = 0; j < cols; ++j) view.input(0, j) = view.pixels[std::size_t(j)];
    apply_input_norm(s.input_norm(), view.input);
    forward(net, view.input, view.ws, DropoutMode::Off);
    const auto out = view.ws.out(net.num_layers() - 1, 1);
    view.probabilities.assign(out.data(), out.data() + k);
    view.predicted = argmax(view.probabilities.data(), k);
}

bool load_mnist_file(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": " + tr(Str::MnistCannotOpen);
        return false;
    }
    const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const MnistLoad load = load_mnist(bytes);
    if (!load.ok()) {
        error = path + ": " + describe_mnist(load);
        return false;
    }
    return true;
}

bool load_mnist_beside(const char* argv0, std::string& error) {
    std::string dir = argv0 ? argv0 : "";
    const std::size_t slash = dir.find_last_of('/');
    dir = slash == std::string::npos ? "." : dir.substr(0, slash);
    for (const std::string& folder : {dir, dir + "/.."})
        if (load_mnist_file(folder + "/" + kMnistFile, error)) return true;
    return false;
}

}  // namespace nnp::app
