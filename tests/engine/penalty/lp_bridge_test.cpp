#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/rng.hpp"
#include "penalty/l1.hpp"
#include "penalty/lp_bridge.hpp"

using engine::LpBridgePenalty;
using engine::Matrix;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Xu, Chang, Xu & Zhang 2012 (IEEE TNNLS 23(7)), half thresholding: the minimiser of
// (x − v)² + μ|x|^½ (no ½ on the square) is 0 for |v| ≤ (54^(1/3)/4)·μ^(2/3), else
// (2/3)·v·(1 + cos(2π/3 − (2/3)φ)), φ = arccos((μ/8)(|v|/3)^(−3/2)).
// Our ½(x − v)² + τ|x|^½ is that problem with μ = 2τ.
double xuHalfThreshold(double v, double tau) {
  const double mu = 2.0 * tau;
  if (std::abs(v) <= std::cbrt(54.0) / 4.0 * std::pow(mu, 2.0 / 3.0)) return 0.0;
  const double phi = std::acos(mu / 8.0 * std::pow(std::abs(v) / 3.0, -1.5));
  return 2.0 / 3.0 * v * (1.0 + std::cos(2.0 * kPi / 3.0 - 2.0 / 3.0 * phi));
}

// min over x > 0 of F(x) = ½(x − v)² + τx^p, v > 0: grid on (0, v] then golden section.
double minNonzeroObjective(double v, double tau, double p, double* argmin = nullptr) {
  const auto F = [&](double x) { return 0.5 * (x - v) * (x - v) + tau * std::pow(x, p); };
  const int n = 4000;
  const double h = v / n;
  int best = 1;
  for (int k = 2; k <= n; ++k)
    if (F(k * h) < F(best * h)) best = k;
  double a = (best - 1) * h, b = std::min(v, (best + 1) * h);
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  for (int i = 0; i < 200; ++i) {
    const double c = b - g * (b - a), d = a + g * (b - a);
    if (F(c) < F(d))
      b = d;
    else
      a = c;
  }
  const double x = 0.5 * (a + b);
  if (argmin) *argmin = x;
  return F(x);
}

// The smallest v > 0 at which some x > 0 does at least as well as x = 0 (F(0) = v²/2),
// found by bisection on the brute-force objective: the threshold, with no formula.
double bruteForceThreshold(double tau, double p) {
  double lo = 0.0, hi = 10.0;
  for (int i = 0; i < 200; ++i) {
    const double v = 0.5 * (lo + hi);
    if (minNonzeroObjective(v, tau, p) < 0.5 * v * v)
      hi = v;
    else
      lo = v;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

TEST_CASE("Lp value is λ Σ|w_i|^p and the trainer must use its prox, not its gradient",
          "[penalty][lp]") {
  Matrix w(1, 4);
  w << 4.0f, -0.25f, 0.0f, 1.0f;
  const LpBridgePenalty lp(0.3, 0.5);
  CHECK(lp.value(w) == Approx(0.3 * (2.0 + 0.5 + 0.0 + 1.0)).epsilon(1e-12));
  CHECK(lp.kind() == "lp");
  CHECK_FALSE(lp.hasUsableGradient());
}

TEST_CASE("Lp prox at p = ½ equals Xu et al.'s closed-form half thresholding", "[penalty][lp]") {
  const LpBridgePenalty lp(1.0, 0.5);
  engine::Rng rng(5);
  int bad = 0;
  std::ostringstream report;
  for (double tau : {0.001, 0.05, 0.3, 1.0, 4.0}) {
    for (int i = 0; i < 200; ++i) {
      const double v = 4.0 * rng.normal();
      const double ours = lp.proxScalar(v, tau);
      const double xu = xuHalfThreshold(v, tau);
      if (!(std::abs(ours - xu) <= 1e-10 * (1.0 + std::abs(v)))) {
        if (bad < 5)
          report << "  v " << v << " tau " << tau << ": ours " << ours << "  Xu " << xu << "\n";
        ++bad;
      }
    }
  }
  INFO(bad << " mismatches\n" << report.str());
  CHECK(bad == 0);
}

TEST_CASE("Lp zero region ends exactly at the threshold β + τpβ^(p−1), ties going to 0",
          "[penalty][lp]") {
  for (double p : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    for (double tau : {0.01, 0.2, 1.0, 3.0}) {
      const LpBridgePenalty lp(1.0, p);
      const double vStar = engine::lpThreshold(tau, p);
      const double reference = bruteForceThreshold(tau, p);
      INFO("p " << p << " tau " << tau << ": threshold " << vStar << "  brute force " << reference);
      CHECK(vStar == Approx(reference).epsilon(1e-8));
      // Closed form from the paper's pair (β, v*).
      const double beta = std::pow(2.0 * tau * (1.0 - p), 1.0 / (2.0 - p));
      CHECK(vStar == Approx(beta + tau * p * std::pow(beta, p - 1.0)).epsilon(1e-14));
      // Documented tie rule: exactly at v*, 0 (not ±β).
      CHECK(lp.proxScalar(vStar, tau) == 0.0);
      CHECK(lp.proxScalar(-vStar, tau) == 0.0);
      CHECK(lp.proxScalar(vStar * (1.0 - 1e-9), tau) == 0.0);
      // Just above, the jump: straight to the nonzero minimiser, which starts at β.
      double xRef = 0.0;
      minNonzeroObjective(vStar * (1.0 + 1e-9), tau, p, &xRef);
      const double above = lp.proxScalar(vStar * (1.0 + 1e-9), tau);
      CHECK(above == Approx(xRef).epsilon(1e-5));
      CHECK(above == Approx(beta).epsilon(1e-5));
      CHECK(lp.proxScalar(-vStar * (1.0 + 1e-9), tau) == -above);
    }
  }
}

TEST_CASE("Lp gives zeros where L1 with the same λ and step does not (τ below the crossover)",
          "[penalty][lp]") {
  // Typical training step: τ = lr·λ = 0.1·0.1. L1 zeroes |v| ≤ 0.01, Lp (p = ½) |v| ≤ 1.5τ^(2/3).
  const double lambda = 0.1, step = 0.1;
  const engine::L1Penalty l1(lambda);
  engine::Rng rng(9);
  for (double p : {0.3, 0.5, 0.7}) {
    const LpBridgePenalty lp(lambda, p);
    int zerosL1 = 0, zerosLp = 0, l1OnlyZero = 0;
    for (int i = 0; i < 1000; ++i) {
      const double v = 0.1 * rng.normal();
      const bool z1 = l1.proxScalar(v, step) == 0.0;
      const bool zp = lp.proxScalar(v, step) == 0.0;
      zerosL1 += z1;
      zerosLp += zp;
      l1OnlyZero += z1 && !zp;
    }
    INFO("p " << p << ": zeros L1 " << zerosL1 << "  Lp " << zerosLp);
    CHECK(l1OnlyZero == 0);
    CHECK(zerosLp > 2 * zerosL1);
  }
  // The one value the claim hinges on: |v| = 0.03 survives L1 (threshold 0.01), not Lp.
  CHECK(l1.proxScalar(0.03, step) != 0.0);
  CHECK(LpBridgePenalty(lambda, 0.5).proxScalar(0.03, step) == 0.0);
}

TEST_CASE("Lp thresholds below L1 only past τ_c(p) = (2−p)^((2−p)/(1−p)) / (2(1−p))",
          "[penalty][lp]") {
  // At p = ½, τ_c = 1.5³ = 3.375: the two thresholds v* = 1.5τ^(2/3) and τ meet there.
  CHECK(engine::lpThreshold(3.375, 0.5) == Approx(3.375).epsilon(1e-12));
  CHECK(engine::lpThreshold(3.0, 0.5) > 3.0);
  CHECK(engine::lpThreshold(4.0, 0.5) < 4.0);
  for (double p : {0.2, 0.5, 0.8}) {
    const double tauC = std::pow(2.0 - p, (2.0 - p) / (1.0 - p)) / (2.0 * (1.0 - p));
    CHECK(engine::lpThreshold(tauC, p) == Approx(tauC).epsilon(1e-10));
    CHECK(engine::lpThreshold(0.5 * tauC, p) > 0.5 * tauC);
  }
}

TEST_CASE("Lp shrinks large values far less than L1 (nearly unbiased)", "[penalty][lp]") {
  const double tau = 0.5, v = 100.0;
  const double shrinkL1 = v - engine::L1Penalty(1.0).proxScalar(v, tau);
  const double shrinkLp = v - LpBridgePenalty(1.0, 0.5).proxScalar(v, tau);
  CHECK(shrinkL1 == Approx(0.5));
  // r + τp·r^(p−1) = v ⇒ v − r ≈ τp·v^(p−1) = 0.025
  CHECK(shrinkLp == Approx(0.025).epsilon(1e-3));
}

TEST_CASE("Lp prox tends to hard thresholding as p → 0 and to soft thresholding as p → 1",
          "[penalty][lp]") {
  const double tau = 0.5;
  // p → 0: threshold √(2τ) = 1, and survivors are kept almost unshrunk.
  CHECK(engine::lpThreshold(tau, 1e-4) == Approx(1.0).epsilon(1e-3));
  CHECK(LpBridgePenalty(1.0, 1e-4).proxScalar(1.5, tau) == Approx(1.5).epsilon(1e-4));
  CHECK(LpBridgePenalty(1.0, 1e-4).proxScalar(0.99, tau) == 0.0);
  // p → 1: threshold τ and shrink by τ.
  CHECK(engine::lpThreshold(tau, 1.0 - 1e-6) == Approx(tau).epsilon(1e-3));
  CHECK(LpBridgePenalty(1.0, 1.0 - 1e-6).proxScalar(2.0, tau) == Approx(1.5).epsilon(1e-4));
}

TEST_CASE("Lp prox is odd and nondecreasing in v", "[penalty][lp]") {
  const LpBridgePenalty lp(1.0, 0.4);
  double previous = -std::numeric_limits<double>::infinity();
  for (int i = -400; i <= 400; ++i) {
    const double v = i * 0.01;
    const double x = lp.proxScalar(v, 0.6);
    CHECK(x >= previous);
    CHECK(lp.proxScalar(-v, 0.6) == -x);
    previous = x;
  }
}

TEST_CASE("Lp subgradient is λp|w|^(p−1)·sign(w), 0 at exactly 0, never inf or NaN",
          "[penalty][lp]") {
  const double lambda = 0.2, p = 0.5;
  Matrix w(1, 5);
  w << 4.0f, -0.25f, 0.0f, std::numeric_limits<float>::denorm_min(), -1e-38f;
  Matrix g = Matrix::Zero(1, 5);
  LpBridgePenalty(lambda, p).addGradient(w, g);
  CHECK(g(0, 0) == Approx(lambda * p * 0.5).epsilon(1e-6));   // 4^(−½) = ½
  CHECK(g(0, 1) == Approx(-lambda * p * 2.0).epsilon(1e-6));  // −0.25^(−½) = −2
  CHECK(g(0, 2) == 0.0f);
  INFO("g = " << g);
  CHECK(g.allFinite());
  CHECK(g(0, 3) > 0.0f);
  CHECK(g(0, 4) < 0.0f);
  // Very small p: |w|^(p−1) at a denormal exceeds float range; it is clamped, not inf.
  Matrix g2 = Matrix::Zero(1, 5);
  LpBridgePenalty(1.0, 0.01).addGradient(w, g2);
  CHECK(g2.allFinite());
}

TEST_CASE("Lp rejects p outside (0, 1) and a negative λ", "[penalty][lp]") {
  CHECK_THROWS_AS(LpBridgePenalty(0.1, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(LpBridgePenalty(0.1, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(LpBridgePenalty(-0.1, 0.5), std::invalid_argument);
  CHECK_THROWS_WITH(LpBridgePenalty(0.1, 1.5), Catch::Contains("penalty.p"));
}
