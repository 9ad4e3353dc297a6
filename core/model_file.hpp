// The model file: a trained network as JSON, documented and versioned (README "Model file"), with
// everything needed to predict exactly as the session did: the experiment's link (data set,
// features, settings), the input normalisation's numbers, and every layer's activation, weights
// and biases (floats written with 9 digits, so they read back bit for bit). Reading checks
// everything and reports each problem as a code with the place in the file it is about (the app
// words it); a file that is not a model, or a hostile one (deeply nested, huge, NaN weights,
// shapes that do not add up), is refused without a crash and without allocating by its word.
#pragma once

#include "config.hpp"
#include "normalize.hpp"
#include "session.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnp {

constexpr int kModelFormatVersion = 1;
constexpr std::size_t kMaxModelBytes = 16u << 20;  // 16 MiB
constexpr int kMaxModelDepth = 16;                 // nesting of arrays and objects

// The session's trained network (and how its inputs are prepared) as a model file.
std::string write_model_json(const Session& session);

enum class ModelProblem {
    TooBig,      // a: the file's bytes, b: kMaxModelBytes
    TooDeep,     // nested deeper than kMaxModelDepth
    NotJson,     // a: the byte offset where the JSON stops making sense
    NotModel,    // no "format": "nnp-model"
    Version,     // a: the file's version, b: kModelFormatVersion
    Missing,     // `where` is missing
    BadValue,    // `where` has the wrong type or an unknown name
    NotFinite,   // `where` is not a finite number
    Shape,       // `where` has a: this many entries where b: were expected
    Link,        // its link has problems (listed in ModelRead::link_issues)
};

struct ModelIssue {
    ModelProblem code;
    std::string where;  // e.g. "layers[1].weights[3]" (empty: the whole file)
    std::uint64_t a = 0, b = 0;
};

struct ModelFile {
    ExperimentConfig config;       // from the file's link
    NetworkSpec network;           // from its layers
    std::vector<float> params;     // Mlp's layout (mlp.hpp)
    InputNorm norm;
};

struct ModelRead {
    std::optional<ModelFile> model;       // empty when refused
    std::vector<ModelIssue> issues;
    std::vector<ConfigIssue> link_issues;  // what its link's decoder said
};

ModelRead read_model_json(std::string_view text);

// Makes `session` the model's: its weights and its input normalisation. False (nothing changed)
// when the session's network has another shape than the model's.
bool apply_model(Session& session, const ModelFile& model);

}  // namespace nnp
