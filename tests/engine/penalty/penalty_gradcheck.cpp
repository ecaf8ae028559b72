// Finite differences of Penalty::value against Penalty::addGradient, for every penalty, with
// entries kept away from 0 where R is not differentiable; at exactly 0 the subgradient is 0.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "core/rng.hpp"
#include "engine/support/grad_check.hpp"
#include "penalty/elastic_net.hpp"
#include "penalty/l1.hpp"
#include "penalty/l2.hpp"
#include "penalty/lp_bridge.hpp"

using engine::Matrix;
using engine::Penalty;

namespace {

// Random weights with every |w_i| ≥ 0.1, so central differences with h = 1e-6 never straddle
// the kink at 0.
Matrix awayFromZero(engine::Rng& rng) {
  Matrix w = engine::test::randomMatrix(4, 5, rng);
  for (engine::Index i = 0; i < w.size(); ++i) {
    double& x = w.data()[i];
    if (std::abs(x) < 0.1) x = x < 0 ? x - 0.1 : x + 0.1;
  }
  return w;
}

void checkPenaltyGradient(const Penalty& R, std::uint64_t seed) {
  engine::Rng rng(seed);
  Matrix w = awayFromZero(rng);
  // addGradient accumulates: start from a nonzero g and compare the increment.
  const Matrix g0 = engine::test::randomMatrix(w.rows(), w.cols(), rng);
  Matrix g = g0;
  R.addGradient(w, g);
  const Matrix analytic = g - g0;
  const Matrix numeric = engine::test::numericGradient([&] { return R.value(w); }, w);
  engine::test::requireGradientsClose(analytic, numeric, 1e-6, R.kind());
}

void checkZeroSubgradient(const Penalty& R) {
  Matrix w = Matrix::Zero(2, 3);
  w(0, 1) = -0.0;
  Matrix g = Matrix::Zero(2, 3);
  R.addGradient(w, g);
  INFO(R.kind() << " at w = 0: g = " << g);
  CHECK(g.allFinite());
  CHECK(g.cwiseAbs().maxCoeff() == 0.0);
}

}  // namespace

TEST_CASE("L1 gradient matches finite differences of its value away from 0", "[penalty]") {
  checkPenaltyGradient(engine::L1Penalty(0.37), 1);
}

TEST_CASE("L2 gradient λw matches finite differences of (λ/2)Σw²", "[penalty]") {
  checkPenaltyGradient(engine::L2Penalty(0.37), 2);
  // Including at 0, where L2 is smooth.
  engine::L2Penalty l2(0.5);
  Matrix w = Matrix::Zero(1, 3);
  Matrix g = Matrix::Zero(1, 3);
  l2.addGradient(w, g);
  const Matrix numeric = engine::test::numericGradient([&] { return l2.value(w); }, w);
  engine::test::requireGradientsClose(g, numeric, 1e-8, "l2 at 0");
}

TEST_CASE("Elastic-net gradient matches finite differences of its value away from 0", "[penalty]") {
  for (double rho : {0.0, 0.3, 0.5, 1.0})
    checkPenaltyGradient(engine::ElasticNetPenalty(0.8, rho), 3);
}

TEST_CASE("Lp gradient matches finite differences of λΣ|w|^p away from 0", "[penalty]") {
  for (double p : {0.1, 0.5, 0.9}) checkPenaltyGradient(engine::LpBridgePenalty(0.6, p), 4);
}

TEST_CASE("At exactly 0 every penalty's subgradient is 0, never NaN", "[penalty]") {
  checkZeroSubgradient(engine::L1Penalty(1.0));
  checkZeroSubgradient(engine::L2Penalty(1.0));
  checkZeroSubgradient(engine::ElasticNetPenalty(1.0, 0.5));
  checkZeroSubgradient(engine::LpBridgePenalty(1.0, 0.5));
}

TEST_CASE("Finite differences across 0 straddle L1's subdifferential −λ..λ and contain 0",
          "[penalty]") {
  // The one-sided slopes at 0 are ±λ; our choice 0 lies between them (the minimal-norm
  // element), which the central difference of |x| at 0 also returns.
  engine::L1Penalty l1(0.4);
  Matrix w = Matrix::Zero(1, 1);
  const double h = 1e-6;
  w(0, 0) = h;
  const double right = l1.value(w) / h;
  w(0, 0) = -h;
  const double left = -l1.value(w) / h;
  w(0, 0) = 0.0;
  Matrix g = Matrix::Zero(1, 1);
  l1.addGradient(w, g);
  CHECK(right == Approx(0.4));
  CHECK(left == Approx(-0.4));
  CHECK(g(0, 0) >= left);
  CHECK(g(0, 0) <= right);
  CHECK(g(0, 0) == 0.0);
}
