// The one place that picks the OpenGL header: OpenGL ES 3.0 (WebGL2) when NNP_GLES3 is defined
// by the web build, desktop OpenGL 3.3 core through the system libGL otherwise.
#pragma once

#if defined(NNP_GLES3)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif
