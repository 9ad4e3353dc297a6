// Small helpers shared by the engine's tests.
#pragma once

#include "config_codec.hpp"

#include <string>
#include <vector>

namespace nnp::test {

// Whether `issues` name `field` with `code`.
inline bool has_issue(const std::vector<ConfigIssue>& issues, IssueCode code, const std::string& field) {
    for (const auto& i : issues)
        if (i.code == code && i.field == field) return true;
    return false;
}
inline bool has_issue(const DecodedConfig& d, IssueCode code, const std::string& field) {
    return has_issue(d.issues, code, field);
}

}  // namespace nnp::test
