// Catch2 v2's console reporter aborts while wrapping a long test name that contains ": " when
// that test fails; a wide console keeps failure reports readable.
#define CATCH_CONFIG_CONSOLE_WIDTH 300
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
