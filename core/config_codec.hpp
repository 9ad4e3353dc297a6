// The experiment config as readable text: `key=value` pairs joined by '&', versioned, with
// defaults omitted, e.g. "v=1&data=spiral&net=8:relu,8:relu&opt=adam&lr=0.01". It is the format
// of share links (the URL fragment) and of the command-line runner's arguments. Decoding never
// throws: unknown keys are ignored, malformed values keep the default, out-of-range values are
// clamped, and each of these is reported as a ConfigIssue naming the key.
#pragma once

#include "config.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace nnp {

constexpr int kCodecVersion = 1;

std::string encode_config(const ExperimentConfig& cfg);

struct DecodedConfig {
    ExperimentConfig config;         // valid (validate() has run)
    std::vector<ConfigIssue> issues; // in the order found; validation issues last
};

// Accepts an optional leading '#' or '?'. Pairs may also be separated by whitespace.
DecodedConfig decode_config(std::string_view text);

}  // namespace nnp
