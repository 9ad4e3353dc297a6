# Turns GLSL files into a C++ header of string constants (run with cmake -P). Each file
# shaders/NAME.STAGE.glsl becomes `kShader_NAME_STAGE`; the files carry no #version line: the
# app prepends the one for WebGL2 or desktop GL.
string(REPLACE "|" ";" inputs "${INPUTS}")
set(text "// Generated from shaders/*.glsl by app/embed_shaders.cmake. Do not edit.\n#pragma once\n\n")
foreach(path IN LISTS inputs)
  get_filename_component(name "${path}" NAME_WE)
  get_filename_component(ext "${path}" EXT)
  string(REPLACE ".glsl" "" stage "${ext}")
  string(REPLACE "." "" stage "${stage}")
  file(READ "${path}" body)
  string(APPEND text "inline constexpr const char* kShader_${name}_${stage} = R\"nnp_glsl(\n${body})nnp_glsl\";\n\n")
endforeach()
file(WRITE "${OUT}.tmp" "${text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
