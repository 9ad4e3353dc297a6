# Writes the subset font file INPUT as a C++ byte array `kUiFont` (and its size) into OUT, so the
# native app, the web page and the tests share one font without loading a file at run time.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE "${OUT}" "// Generated from ${INPUT} by app/i18n/embed_font.cmake: do not edit.\n#pragma once\n"
     "#include <cstddef>\nnamespace nnp::app {\nalignas(4) inline const unsigned char kUiFont[] = {\n${body}};\n"
     "inline constexpr std::size_t kUiFontSize = ${bytes};\n}  // namespace nnp::app\n")
