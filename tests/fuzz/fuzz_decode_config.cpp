// libFuzzer target for the link decoder: any bytes must decode without a crash, a hang or a
// sanitizer report, into a valid config whose own link decodes back to the same config (and the
// same weights, bit for bit). Built with clang, ASan and UBSan by tests/fuzz/CMakeLists.txt.
#include "config_codec.hpp"
#include "tf_link.hpp"
#include "user_points.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_decode_config: invariant broken: %s\n", what);
    std::abort();
}

// Configs are equal with their user data compared by content (a decoded link's points are a new
// data set each time; ExperimentConfig's == compares the pointer).
bool same_config(const nnp::ExperimentConfig& a, const nnp::ExperimentConfig& b) {
    nnp::ExperimentConfig x = a, y = b;
    x.data.user = y.data.user = nullptr;
    if (!(x == y) || (a.data.user == nullptr) != (b.data.user == nullptr)) return false;
    return !a.data.user || nnp::encode_points(*a.data.user) == nnp::encode_points(*b.data.user);
}

void check_decoded(const nnp::DecodedConfig& d) {
    nnp::ExperimentConfig copy = d.config;
    require(nnp::validate(copy).empty(), "the decoded config is valid");
    // Reading lists at most kMaxListed + 1; validation adds at most one per field (16 layers).
    require(d.issues.size() <= nnp::link_text::IssueList::kMaxListed + 1 + 100, "the issue list is bounded");
    for (const nnp::ConfigIssue& issue : d.issues) {
        // Codes with their values as text, which the app words: none worded here, every value
        // short and plain ASCII (the user's text arrives escaped).
        require(issue.text != nnp::IssueText::None && issue.message.empty(), "issues are codes, not sentences");
        std::string values = issue.field + issue.context;
        for (const std::string& a : issue.args) {
            require(a.size() < 100, "values are short");
            values += a;
        }
        for (const char c : values)
            require(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f,
                    "values are plain ASCII");
    }
    if (!d.params.empty()) {
        require(d.params.size() == nnp::link_param_count(d.config), "weights fit the network");
        for (const float p : d.params) require(std::isfinite(p), "weights are finite");
    }
    // Re-encoding and decoding gives the same config and weights, with nothing to report.
    const nnp::DecodedConfig again = nnp::decode_config(nnp::encode_config(d.config, d.params));
    require(again.issues.empty(), "a re-encoded link decodes without issues");
    require(same_config(again.config, d.config), "a re-encoded link decodes to the same config");
    require(again.params.size() == d.params.size() &&
                (d.params.empty() ||
                 std::memcmp(again.params.data(), d.params.data(), d.params.size() * sizeof(float)) == 0),
            "a re-encoded link carries the same weights");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_decoded(nnp::decode_config(text));
    const nnp::DecodedConfig tf = nnp::decode_tf_link(text);
    require(tf.tf_playground && tf.params.empty(), "a TF link carries no weights");
    check_decoded(tf);
    return 0;
}
