#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "penalty/l1.hpp"

using engine::L1Penalty;
using engine::Matrix;

TEST_CASE("L1 value is λ Σ|w_i|", "[penalty][l1]") {
  Matrix w(2, 2);
  w << 1.5f, -2.0f, 0.0f, 0.25f;
  const L1Penalty l1(0.3);
  CHECK(l1.value(w) == Approx(0.3 * (1.5 + 2.0 + 0.0 + 0.25)).epsilon(1e-12));
  CHECK(l1.kind() == "l1");
  CHECK(l1.hasUsableGradient());
}

TEST_CASE("L1 subgradient is λ·sign(w) with sign(0) = 0 and accumulates into g", "[penalty][l1]") {
  Matrix w(1, 5);
  w << 2.0f, -0.5f, 0.0f, -0.0f, 1e-30f;
  Matrix g(1, 5);
  g << 1.0f, 1.0f, 1.0f, 1.0f, 1.0f;
  L1Penalty(0.2).addGradient(w, g);
  Matrix expected(1, 5);
  expected << 1.2f, 0.8f, 1.0f, 1.0f, 1.2f;
  INFO("got " << g << "\nexpected " << expected);
  CHECK((g - expected).cwiseAbs().maxCoeff() < 1e-7);
  CHECK(g.allFinite());
}

TEST_CASE("L1 prox is the soft threshold with exact zeros for |v| ≤ sλ", "[penalty][l1]") {
  const L1Penalty l1(0.5);
  const double s = 0.2;  // threshold sλ = 0.1
  CHECK(l1.proxScalar(0.35, s) == Approx(0.25).epsilon(1e-14));
  CHECK(l1.proxScalar(-0.35, s) == Approx(-0.25).epsilon(1e-14));
  CHECK(l1.proxScalar(0.1, s) == 0.0);  // boundary maps to exactly zero
  CHECK(l1.proxScalar(-0.1, s) == 0.0);
  CHECK(l1.proxScalar(0.0999, s) == 0.0);
  CHECK(l1.proxScalar(-0.05, s) == 0.0);
  CHECK(!std::signbit(l1.proxScalar(-0.05, s)));  // +0, not −0
  CHECK(std::isnan(l1.proxScalar(std::nan(""), s)));
}

TEST_CASE("softThreshold is sign(v)·max(|v| − t, 0)", "[penalty][l1]") {
  for (double v : {-3.0, -1.0, -0.5, 0.0, 0.2, 1.0, 4.0}) {
    for (double t : {0.0, 0.3, 1.0}) {
      const double expected = (v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0)) * std::max(std::abs(v) - t, 0.0);
      CHECK(engine::softThreshold(v, t) == Approx(expected).margin(1e-15));
    }
  }
}

TEST_CASE("L1 rejects a negative or non-finite λ", "[penalty][l1]") {
  CHECK_THROWS_AS(L1Penalty(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(L1Penalty(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(L1Penalty(INFINITY), std::invalid_argument);
  CHECK_NOTHROW(L1Penalty(0.0));
}
