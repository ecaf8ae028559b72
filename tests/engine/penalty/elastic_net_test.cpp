#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "core/rng.hpp"
#include "penalty/elastic_net.hpp"
#include "penalty/l1.hpp"
#include "penalty/l2.hpp"

using engine::ElasticNetPenalty;
using engine::Matrix;

namespace {

Matrix sample(engine::Rng& rng) {
  Matrix w(3, 4);
  for (engine::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(rng.normal());
  w(1, 2) = 0.0f;
  return w;
}

}  // namespace

TEST_CASE("Elastic-net value is λ(ρ Σ|w| + (1−ρ)/2 Σw²), sklearn's ElasticNet penalty",
          "[penalty][elasticNet]") {
  Matrix w(1, 3);
  w << 1.0f, -2.0f, 0.0f;
  // λ = 0.5, ρ = 0.25: 0.5·(0.25·3 + 0.375·5) = 1.3125
  CHECK(ElasticNetPenalty(0.5, 0.25).value(w) == Approx(1.3125).epsilon(1e-12));
  CHECK(ElasticNetPenalty(0.5, 0.25).kind() == "elasticNet");
}

TEST_CASE("Elastic net with ρ = 1 is L1 and with ρ = 0 is L2 (value, gradient, prox)",
          "[penalty][elasticNet]") {
  engine::Rng rng(3);
  const Matrix w = sample(rng);
  const double lambda = 0.7;
  const ElasticNetPenalty en1(lambda, 1.0), en0(lambda, 0.0);
  const engine::L1Penalty l1(lambda);
  const engine::L2Penalty l2(lambda);
  CHECK(en1.value(w) == Approx(l1.value(w)).epsilon(1e-12));
  CHECK(en0.value(w) == Approx(l2.value(w)).epsilon(1e-12));

  Matrix gEn = Matrix::Zero(3, 4), gRef = Matrix::Zero(3, 4);
  en1.addGradient(w, gEn);
  l1.addGradient(w, gRef);
  CHECK((gEn - gRef).cwiseAbs().maxCoeff() == 0.0f);
  gEn.setZero();
  gRef.setZero();
  en0.addGradient(w, gEn);
  l2.addGradient(w, gRef);
  CHECK((gEn - gRef).cwiseAbs().maxCoeff() < 1e-7);

  for (double v : {-2.0, -0.3, 0.0, 0.1, 0.9}) {
    CHECK(en1.proxScalar(v, 0.5) == Approx(l1.proxScalar(v, 0.5)).margin(1e-15));
    CHECK(en0.proxScalar(v, 0.5) == Approx(l2.proxScalar(v, 0.5)).margin(1e-15));
  }
}

TEST_CASE("Elastic-net gradient is λρ·sign(w) + λ(1−ρ)w with sign(0) = 0",
          "[penalty][elasticNet]") {
  Matrix w(1, 3);
  w << 2.0f, -1.0f, 0.0f;
  Matrix g = Matrix::Zero(1, 3);
  ElasticNetPenalty(0.5, 0.4).addGradient(w, g);
  // 0.2·sign + 0.3·w
  Matrix expected(1, 3);
  expected << 0.2f + 0.6f, -0.2f - 0.3f, 0.0f;
  INFO("got " << g << "\nexpected " << expected);
  CHECK((g - expected).cwiseAbs().maxCoeff() < 1e-7);
}

TEST_CASE("Elastic-net prox satisfies the optimality condition and zeroes |v| ≤ sλρ",
          "[penalty][elasticNet]") {
  const double lambda = 0.8, rho = 0.3, s = 0.5;
  const ElasticNetPenalty en(lambda, rho);
  for (double v : {-3.0, -0.5, 0.7, 2.2}) {
    const double x = en.proxScalar(v, s);
    REQUIRE(x != 0.0);
    // 0 = x − v + s(λρ·sign(x) + λ(1−ρ)x)
    CHECK(x - v + s * (lambda * rho * (x > 0 ? 1 : -1) + lambda * (1 - rho) * x) ==
          Approx(0.0).margin(1e-14));
    CHECK((x > 0) == (v > 0));
  }
  CHECK(en.proxScalar(0.12, s) == 0.0);  // sλρ = 0.12
  CHECK(en.proxScalar(-0.11, s) == 0.0);
}

TEST_CASE("Elastic net rejects l1Ratio outside 0..1 and a negative λ", "[penalty][elasticNet]") {
  CHECK_THROWS_AS(ElasticNetPenalty(0.1, -0.01), std::invalid_argument);
  CHECK_THROWS_AS(ElasticNetPenalty(0.1, 1.01), std::invalid_argument);
  CHECK_THROWS_AS(ElasticNetPenalty(-0.1, 0.5), std::invalid_argument);
  CHECK_THROWS_WITH(ElasticNetPenalty(0.1, 2.0), Catch::Contains("penalty.l1Ratio"));
}
