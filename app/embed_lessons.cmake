# Writes the lesson files (lessons/*.txt, in name order) as C++ raw strings into OUT as
# `kLessonFiles`, so the app carries its lessons with no file to load. Inputs: DIR, OUT.
file(GLOB files "${DIR}/*.txt")
list(SORT files)
set(body "")
foreach(f ${files})
  file(READ "${f}" text)
  string(FIND "${text}" ")nnp_lesson\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter )nnp_lesson\"")
  endif()
  get_filename_component(name "${f}" NAME)
  string(APPEND body "    // ${name}\n    R\"nnp_lesson(${text})nnp_lesson\",\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from lessons/*.txt by app/embed_lessons.cmake: do not edit.\n#pragma once\n"
     "namespace nnp::app {\ninline constexpr const char* kLessonFiles[] = {\n${body}};\n}  // namespace nnp::app\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
