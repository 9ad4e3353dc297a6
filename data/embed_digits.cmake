# Turns scikit-learn's digits.csv (1,797 rows of 64 pixels in 0..16 and the digit) into a C++
# header the engine includes: each CSV row is already a valid initializer list, so the rows only
# need braces. Usage: cmake -DINPUT=digits.csv -DOUT=nnp_digits_data.hpp -P embed_digits.cmake
file(STRINGS "${INPUT}" rows REGEX "^[0-9]")
list(LENGTH rows count)
if(NOT count EQUAL 1797)
  message(FATAL_ERROR "${INPUT}: ${count} rows where the digits set has 1797 (run scripts/setup.sh)")
endif()
list(JOIN rows "},\n    {" body)
file(WRITE "${OUT}.part"
  "// Generated from ${INPUT} by data/embed_digits.cmake: do not edit.\n"
  "#pragma once\n"
  "namespace nnp::digits_data {\n"
  "inline constexpr unsigned char kRows[1797][65] = {\n    {${body}}};\n"
  "}  // namespace nnp::digits_data\n")
file(RENAME "${OUT}.part" "${OUT}")
