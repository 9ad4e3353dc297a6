// The string tables' rows, shared by strings.cpp (the lookup) and each language's file
// (strings_ko.cpp). Not for the panels: they call tr(), label() and tip().
#pragma once

#include "strings.hpp"

#include <cstddef>

namespace nnp::app {

struct StrText {
    Str id;
    const char* text;
};

struct CodeText {
    const char* code;
    const char* text;
};

// Korean: one row per Str id, enumeration labels and tooltips by code name.
extern const StrText kKoreanTexts[];
extern const std::size_t kKoreanTextCount;
extern const CodeText kKoreanLabels[];
extern const std::size_t kKoreanLabelCount;
extern const CodeText kKoreanTips[];
extern const std::size_t kKoreanTipCount;

}  // namespace nnp::app
