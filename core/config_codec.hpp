// The experiment config as readable text: `key=value` pairs joined by '&', versioned, with
// defaults omitted, e.g. "v=1&data=spiral&net=8:relu,8:relu&opt=adam&lr=0.01". It is the format
// of share links (the URL fragment) and of the command-line runner's arguments; a link may also
// carry the trained weights (key `w`) and TF Playground links are understood (tf_link.hpp).
// Decoding never throws: unknown keys are ignored, malformed values keep the default, out-of-range
// values are clamped, and each of these is reported as a ConfigIssue naming the key.
#pragma once

#include "config.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnp {

constexpr int kCodecVersion = 1;

// Longer text is refused whole, before reading any of it: a real link is at most about 11 KB
// (a full config plus 2,000 weights), so 64 KB leaves room while keeping hostile input cheap.
constexpr std::size_t kMaxLinkLength = 65536;  // bytes

// Weights travel as `w=` + base64url (RFC 4648 section 5, no padding) of the little-endian
// float32 bytes of Mlp::params(), in its documented order. float32 rather than float16 so that a
// link reproduces the trained network exactly. At most this many parameters (10,667 characters):
// enough for every network TF Playground can build (7 inputs, six layers of 8: 433) or for
// 7-16-16-16-1 (689); bigger networks share the config only.
constexpr std::size_t kMaxLinkParams = 2000;

// Writes `cfg` (which should be valid) and, if `params` is not empty and
// link_can_carry_params(cfg, params), the weights. `params` must be empty or have
// link_param_count(cfg) values (a programmer error otherwise).
std::string encode_config(const ExperimentConfig& cfg, std::span<const float> params = {});

// Number of parameters of the network `cfg` describes (the size of Mlp::params()).
std::size_t link_param_count(const ExperimentConfig& cfg);
// True when encode_config would include these weights: the count matches, it is at most
// kMaxLinkParams and every value is finite. The app can use it to enable "include weights".
bool link_can_carry_params(const ExperimentConfig& cfg, std::span<const float> params);

struct DecodedConfig {
    ExperimentConfig config;          // valid (validate() has run)
    std::vector<float> params;        // from `w=`: empty, or exactly link_param_count(config) finite values
    std::vector<ConfigIssue> issues;  // in the order found, validation's last; bounded (about 165)
    bool tf_playground = false;       // the text was a TF Playground link (see tf_link.hpp)
};

// Accepts a whole URL (everything up to the first '#' is skipped; without '#', up to the first
// '?'), a fragment with or without its '#', or bare pairs. Pairs may also be separated by
// whitespace (command line). Keys and values may be percent-encoded (%3A for ':'). A TF Playground
// link (no `v` key and at least one key only TF uses, see is_tf_link) is translated.
DecodedConfig decode_config(std::string_view text);

// Reads one key=value pair into `cfg` as a link does (a config field's key, not `v` or `w`),
// reporting problems as a link's; false if the key is no config field.
bool read_field_text(ExperimentConfig& cfg, std::string_view key, std::string_view value,
                     std::vector<ConfigIssue>& issues);

// Building blocks shared by the two link formats (config_codec.cpp and tf_link.cpp).
namespace link_text {

// The part of `text` after the first '#' (or, without '#', after the first '?'), else all of it.
std::string_view fragment_of(std::string_view text);

// Walks the pieces of a fragment separated by '&' or whitespace; empty pieces are skipped.
// Each piece is split at its first '=' and then key and value are percent-decoded (%XX with two
// hex digits; a '%' without them stays as it is; '+' stays '+'). The buffers are reused, so a
// walk allocates at most the size of its largest piece.
class PairWalker {
public:
    explicit PairWalker(std::string_view fragment) : rest_(fragment) {}
    bool next();                                   // false when no piece is left
    std::string_view key() const { return key_; }
    std::string_view value() const { return value_; }
    bool has_equals() const { return has_equals_; }  // false: the piece had no '=' (all in key())
private:
    std::string_view rest_;
    std::string key_, value_;
    bool has_equals_ = false;
};

// Numbers as the codec reads them: at most 40 characters, the whole text must be the number.
bool parse_double(std::string_view text, double& out);
// Finite numbers beyond the float range saturate to +-FLT_MAX, so validation clamps them and
// names the range; "inf" and "nan" read as such and validation reports them.
bool parse_float(std::string_view text, float& out);
// Whole numbers (1e3 is fine, 1.5 is not); beyond the int range they saturate.
bool parse_int(std::string_view text, int& out);

// RFC 4648 section 5's alphabet (weights, clicked points) and a character's value in it (-1: none).
inline constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
int base64url_value(char c);

// A piece of user text made safe for a message: at most 32 bytes, and every byte that is not
// printable ASCII or is one of < > " ' & % is shown as %XX, so messages stay plain ASCII.
std::string clip(std::string_view text);

// Issues in order, at most kMaxListed; the rest are only counted, so a hostile 64 KB link cannot
// fill memory with messages. finish() appends "N more problems were not listed." if needed.
class IssueList {
public:
    static constexpr std::size_t kMaxListed = 64;
    explicit IssueList(std::vector<ConfigIssue>& out) : out_(out) {}
    void add(IssueCode code, std::string field, IssueText text, std::vector<std::string> args = {});
    // key=value did not read; `what` says what it is not (IssueText::NotWholeNumber, ...).
    void malformed(std::string_view key, std::string_view value, IssueText what);
    void unknown_name(std::string_view key, std::string_view value);
    void finish();
private:
    std::vector<ConfigIssue>& out_;
    std::size_t dropped_ = 0;
};

}  // namespace link_text

}  // namespace nnp
