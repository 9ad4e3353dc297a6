// Catch2's main for the UI layout tests (the real panels, headless).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
