// Catch2's main for the app's unit tests (the logic in app/ that is not drawing).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
