// Loading of the reference workloads (see reference_data.hpp).
#include "reference_data.hpp"

#include <bit>
#include <fstream>

#ifndef NNP_REFERENCE_DIR
#error "NNP_REFERENCE_DIR must name tests/reference (CMake defines it)"
#endif

namespace nnp::test {

// The files are little-endian; x86-64 and WebAssembly both are, so the bytes are read as they are.
static_assert(std::endian::native == std::endian::little);

std::vector<float> load_f32(const std::string& name) {
    std::ifstream file(std::string(NNP_REFERENCE_DIR) + "/" + name,
                       std::ios::binary | std::ios::ate);
    if (!file) return {};
    const std::streamoff bytes = file.tellg();
    if (bytes <= 0 || bytes % 4 != 0) return {};
    std::vector<float> values(static_cast<std::size_t>(bytes / 4));
    file.seekg(0);
    if (!file.read(reinterpret_cast<char*>(values.data()), bytes)) return {};
    return values;
}

Matrix load_matrix(const std::string& name, int cols) {
    const std::vector<float> values = load_f32(name);
    if (cols <= 0 || values.empty() || values.size() % static_cast<std::size_t>(cols) != 0)
        return Matrix(0, cols > 0 ? cols : 0);
    const auto rows = static_cast<Eigen::Index>(values.size() / static_cast<std::size_t>(cols));
    return ConstMatrixMap(values.data(), rows, cols);  // row-major, like the files
}

NetworkSpec w1_spec() {
    NetworkSpec spec;
    spec.inputs = 2;
    spec.hidden = {{8, Activation::Tanh, 0.0f}, {8, Activation::Tanh, 0.0f}};
    spec.outputs = 1;
    spec.output = Activation::Sigmoid;
    return spec;
}

NetworkSpec w2_spec() {
    NetworkSpec spec;
    spec.inputs = 64;
    spec.hidden = {{64, Activation::Relu, 0.0f}};
    spec.outputs = 10;
    spec.output = Activation::Softmax;
    return spec;
}

NetworkSpec w3_spec() {
    NetworkSpec spec;
    spec.inputs = 784;
    spec.hidden = {{128, Activation::Relu, 0.0f}};
    spec.outputs = 10;
    spec.output = Activation::Softmax;
    return spec;
}

bool load_network(const NetworkSpec& spec, const std::string& init_file, Mlp& net) {
    net = Mlp(spec);
    return net.set_params(load_f32(init_file));
}

}  // namespace nnp::test
