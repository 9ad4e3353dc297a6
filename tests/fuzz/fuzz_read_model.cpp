// libFuzzer target for the model file reader: any bytes must read without a crash, a hang or a
// sanitizer report; a model it accepts has finite weights exactly as many as its network needs,
// and its experiment, built and given the model, writes a file that reads back to the same model.
#include "model_file.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_read_model: invariant broken: %s\n", what);
    std::abort();
}

std::size_t param_count(const nnp::NetworkSpec& spec) {
    std::size_t total = 0, fan_in = std::size_t(spec.inputs);
    for (const nnp::LayerSpec& l : spec.hidden) {
        total += (fan_in + 1) * std::size_t(l.width);
        fan_in = std::size_t(l.width);
    }
    return total + (fan_in + 1) * std::size_t(spec.outputs);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(bytes), size);
    const nnp::ModelRead read = nnp::read_model_json(text);
    require(read.model.has_value() != !read.issues.empty() || !read.link_issues.empty(), "refused means named");
    if (!read.model) return 0;
    const nnp::ModelFile& m = *read.model;
    require(m.params.size() == param_count(m.network), "weights fit the network");
    for (const float p : m.params) require(std::isfinite(p), "weights are finite");
    // Built from its own experiment, a session that takes the model writes it back the same.
    if (m.config.data.kind == nnp::DatasetKind::Mnist || m.network.inputs > 64) return 0;  // keep runs fast
    nnp::ExperimentConfig cfg = m.config;
    cfg.data.points = std::min(cfg.data.points, 50);
    nnp::Session session(cfg);
    if (!nnp::apply_model(session, m)) return 0;
    const nnp::ModelRead again = nnp::read_model_json(nnp::write_model_json(session));
    require(again.model && again.model->params == m.params, "a written model reads back to the same weights");
    return 0;
}
