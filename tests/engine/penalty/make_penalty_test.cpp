#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "penalty/make_penalty.hpp"

using engine::Matrix;
using engine::PenaltySpec;

namespace {

PenaltySpec spec(const std::string& kind, double lambda, double l1Ratio = 0.5, double p = 0.5) {
  PenaltySpec s;
  s.kind = kind;
  s.lambda = lambda;
  s.l1Ratio = l1Ratio;
  s.p = p;
  return s;
}

Matrix sampleWeights() {
  Matrix w(2, 3);
  w << 1.0f, -2.0f, 0.0f, 0.5f, -0.25f, 3.0f;
  return w;
}

}  // namespace

TEST_CASE("makePenalty returns nullptr for kind none, whatever λ", "[penalty][make]") {
  CHECK(engine::makePenalty(spec("none", 0.0)) == nullptr);
  CHECK(engine::makePenalty(spec("none", 3.0), 2.0) == nullptr);
}

TEST_CASE("makePenalty builds the named kind with λ, l1Ratio and p from the spec",
          "[penalty][make]") {
  const Matrix w = sampleWeights();  // Σ|w| = 6.75, Σw² = 14.3125
  const auto l1 = engine::makePenalty(spec("l1", 0.2));
  REQUIRE(l1);
  CHECK(l1->kind() == "l1");
  CHECK(l1->value(w) == Approx(0.2 * 6.75).epsilon(1e-12));

  const auto l2 = engine::makePenalty(spec("l2", 0.2));
  REQUIRE(l2);
  CHECK(l2->kind() == "l2");
  CHECK(l2->value(w) == Approx(0.1 * 14.3125).epsilon(1e-12));

  const auto en = engine::makePenalty(spec("elasticNet", 0.2, 0.3));
  REQUIRE(en);
  CHECK(en->kind() == "elasticNet");
  CHECK(en->value(w) == Approx(0.2 * (0.3 * 6.75 + 0.35 * 14.3125)).epsilon(1e-12));

  const auto lp = engine::makePenalty(spec("lp", 0.2, 0.5, 0.25));
  REQUIRE(lp);
  CHECK(lp->kind() == "lp");
  CHECK_FALSE(lp->hasUsableGradient());
  double sum = 0.0;
  for (double x : {1.0, 2.0, 0.0, 0.5, 0.25, 3.0}) sum += std::pow(x, 0.25);
  CHECK(lp->value(w) == Approx(0.2 * sum).epsilon(1e-6));
}

TEST_CASE("makePenalty's scale multiplies λ (a layer's penaltyScale)", "[penalty][make]") {
  const Matrix w = sampleWeights();
  for (const std::string kind : {"l1", "l2", "elasticNet", "lp"}) {
    const auto base = engine::makePenalty(spec(kind, 0.2));
    const auto scaled = engine::makePenalty(spec(kind, 0.2), 2.5);
    const auto direct = engine::makePenalty(spec(kind, 0.5));
    INFO(kind);
    CHECK(scaled->value(w) == Approx(2.5 * base->value(w)).epsilon(1e-12));
    CHECK(scaled->proxScalar(0.8, 0.3) == Approx(direct->proxScalar(0.8, 0.3)).epsilon(1e-12));
    // scale 0: a layer left unpenalised.
    const auto off = engine::makePenalty(spec(kind, 0.2), 0.0);
    CHECK(off->value(w) == 0.0);
    CHECK(off->proxScalar(0.8, 0.3) == 0.8);
  }
}

TEST_CASE("makePenalty rejects unknown kinds and out-of-range values, naming the field",
          "[penalty][make]") {
  CHECK_THROWS_WITH(engine::makePenalty(spec("l3", 0.1)), Catch::Contains("penalty.kind"));
  CHECK_THROWS_WITH(engine::makePenalty(spec("lp", 0.1, 0.5, 1.0)), Catch::Contains("penalty.p"));
  CHECK_THROWS_WITH(engine::makePenalty(spec("elasticNet", 0.1, 1.5)),
                    Catch::Contains("penalty.l1Ratio"));
  CHECK_THROWS_WITH(engine::makePenalty(spec("l2", -1.0)), Catch::Contains("penalty.lambda"));
  CHECK_THROWS_AS(engine::makePenalty(spec("l1", 0.1), -1.0), std::invalid_argument);
}
