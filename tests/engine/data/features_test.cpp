#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "data/features.hpp"

using namespace engine;

TEST_CASE("2D feature expansion computes the playground's seven inputs in the order asked",
          "[data]") {
  Matrix raw(2, 2);
  raw << 1.5f, -2.0f,  //
      0.0f, 3.0f;
  std::vector<Feature2d> f =
      parseFeatures2d({"sinX2", "x1", "x2", "x1Squared", "x2Squared", "x1x2", "sinX1"});
  Matrix x = expandFeatures2d(raw, f);
  REQUIRE(x.rows() == 2);
  REQUIRE(x.cols() == 7);
  // Row 0: x1 = 1.5, x2 = −2.
  CHECK(x(0, 0) == Approx(std::sin(-2.0)));
  CHECK(x(0, 1) == 1.5f);
  CHECK(x(0, 2) == -2.0f);
  CHECK(x(0, 3) == 2.25f);
  CHECK(x(0, 4) == 4.0f);
  CHECK(x(0, 5) == -3.0f);
  CHECK(x(0, 6) == Approx(std::sin(1.5)));
  // Row 1: x1 = 0, x2 = 3.
  CHECK(x(1, 0) == Approx(std::sin(3.0)));
  CHECK(x(1, 3) == 0.0f);
  CHECK(x(1, 4) == 9.0f);
  CHECK(x(1, 5) == 0.0f);
  CHECK(x(1, 6) == 0.0f);
}

TEST_CASE("feature names are the spec's vocabulary, and unknown or repeated names are refused",
          "[data]") {
  CHECK(feature2dNames() ==
        std::vector<std::string>{"x1", "x2", "x1Squared", "x2Squared", "x1x2", "sinX1", "sinX2"});
  CHECK_THROWS_WITH(parseFeatures2d({"x1", "x3"}), Catch::Contains("data.features") &&
                                                       Catch::Contains("\"x3\"") &&
                                                       Catch::Contains("x1Squared"));
  CHECK_THROWS_WITH(parseFeatures2d({"x1", "x1"}), Catch::Contains("listed twice"));
  CHECK_THROWS_WITH(parseFeatures2d({}), Catch::Contains("at least one"));
}

TEST_CASE("polynomial features x..x^d equal sklearn PolynomialFeatures(include_bias=False)",
          "[data]") {
  std::ifstream f(PROJECT_SOURCE_DIR "/tests/golden/data_golden.json");
  REQUIRE(f.good());
  nlohmann::json g = nlohmann::json::parse(f)["polynomial"];
  const int degree = g["degree"];
  const auto& xs = g["x"];
  Matrix raw(static_cast<Index>(xs.size()), 1);
  for (std::size_t i = 0; i < xs.size(); ++i) raw(static_cast<Index>(i), 0) = xs[i].get<float>();
  Matrix x = polynomialFeatures(raw, degree);
  REQUIRE(x.cols() == degree);
  for (Index i = 0; i < x.rows(); ++i) {
    for (int d = 0; d < degree; ++d) {
      double expected = g["features"][static_cast<std::size_t>(i)][static_cast<std::size_t>(d)];
      INFO("x=" << raw(i, 0) << " power " << d + 1 << ": ours " << x(i, d) << " sklearn "
                << expected);
      CHECK(x(i, d) == Approx(expected).epsilon(1e-6).margin(1e-6));
    }
  }
  CHECK(polynomialFeatureNames(3) == std::vector<std::string>{"x", "x^2", "x^3"});
  CHECK_THROWS_WITH(polynomialFeatures(raw, 0), Catch::Contains("data.degree"));
}
