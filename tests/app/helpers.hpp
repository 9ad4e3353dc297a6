// Small helpers shared by the app's tests.
#pragma once

#include "app_state.hpp"

#include <string>
#include <vector>

namespace nnp::app::test {

inline std::vector<float> params_of(const AppState& a) {
    return {a.session().net().params().begin(), a.session().net().params().end()};
}
inline bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

}  // namespace nnp::app::test
