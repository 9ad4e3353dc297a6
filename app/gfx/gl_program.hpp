// Builds a GL program from two embedded shader bodies (shaders/*.glsl without a #version line):
// prepends the platform's version line, binds the named vertex attributes to locations 0, 1, ...
// in order, links, and prints the compiler's log on failure. Shared by every GL pass of the app.
#pragma once

#include "gl.hpp"

#include <initializer_list>

namespace nnp::app {

// Returns 0 if a stage does not compile or the program does not link. `what` names the pass in
// the error message, e.g. "heatmap".
GLuint build_program(const char* what, const char* version_line, const char* vertex_body,
                     const char* fragment_body, std::initializer_list<const char*> attributes);

}  // namespace nnp::app
