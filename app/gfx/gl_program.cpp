// See gl_program.hpp.
#include "gl_program.hpp"

#include <cstdio>
#include <string>

namespace nnp::app {

namespace {

GLuint compile(const char* what, GLenum stage, const char* version_line, const char* body) {
    const std::string text = std::string(version_line) + body;
    const char* source = text.c_str();
    const GLuint shader = glCreateShader(stage);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);  // once at start-up, never per frame
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "%s shader: %s\n", what, log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

}  // namespace

GLuint build_program(const char* what, const char* version_line, const char* vertex_body,
                     const char* fragment_body, std::initializer_list<const char*> attributes) {
    const GLuint vs = compile(what, GL_VERTEX_SHADER, version_line, vertex_body);
    const GLuint fs = compile(what, GL_FRAGMENT_SHADER, version_line, fragment_body);
    if (!vs || !fs) {
        if (vs) glDeleteShader(vs);
        if (fs) glDeleteShader(fs);
        return 0;
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    GLuint location = 0;
    for (const char* name : attributes) glBindAttribLocation(program, location++, name);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        std::fprintf(stderr, "%s program: %s\n", what, log);
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

}  // namespace nnp::app
