// The two-weight picture (engine/linear/geometry.hpp): penalised optima against closed forms
// (soft threshold, c/(1 + λ), the separable diagonal case), the KKT conditions for a general H,
// the global minimum of the non-convex lp penalty against a brute-force grid, the ball through
// the optimum, and the loss grid.
// Tolerances: closed forms to 1e-14 relative (the solver does the same few operations, in another
// order for l2); KKT residuals, and the lp gradient where a weight is non-zero, to 1e-12 of the
// size of the gradient's terms (Newton stops at 1e-15 of it); the brute-force grid may only tie
// or lose (checked wider while writing: 40 quadratics, p from 0.1 to 4, λ from 0.02 to 3).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "linear/geometry.hpp"
#include "penalty/lp_bridge.hpp"

using namespace engine::linear;

namespace {

double soft(double v, double t) { return v > t ? v - t : v < -t ? v + t : 0.0; }

Quadratic2d quad(double c1, double c2, double a, double b, double d) {
  Quadratic2d q;
  q.center = Eigen::Vector2d(c1, c2);
  q.a = a;
  q.b = b;
  q.d = d;
  return q;
}

Penalty2d pen(Penalty2dKind kind, double l1Ratio = 0.5, double p = 0.5) {
  Penalty2d r;
  r.kind = kind;
  r.l1Ratio = l1Ratio;
  r.p = p;
  return r;
}

double total(const Quadratic2d& q, const Penalty2d& r, double lambda, const Eigen::Vector2d& w) {
  return quadraticLoss(q, w) + lambda * penaltyValue(r, w);
}

Eigen::Vector2d lossGradient(const Quadratic2d& q, const Eigen::Vector2d& w) {
  Eigen::Matrix2d h;
  h << q.a, q.b, q.b, q.d;
  return h * (w - q.center);
}

// Random positive definite quadratics with centres of mixed scale (fixed seed).
std::vector<Quadratic2d> randomQuadratics(int count) {
  std::mt19937 gen(20240611);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<Quadratic2d> out;
  while (static_cast<int>(out.size()) < count) {
    const double a = 0.1 + 3.0 * (u(gen) + 1.0), d = 0.1 + 3.0 * (u(gen) + 1.0);
    const double b = 0.95 * std::sqrt(a * d) * u(gen);
    out.push_back(quad(3.0 * u(gen), 3.0 * u(gen), a, b, d));
  }
  return out;
}

}  // namespace

TEST_CASE("H = I: l1 gives the soft threshold exactly, l2 the shrink c/(1 + lambda)",
          "[linear][geometry]") {
  for (double c1 : {-2.5, -0.3, 0.0, 0.7, 1.0, 4.0}) {
    for (double c2 : {-1.0, 0.2, 3.0}) {
      for (double lambda : {0.0, 0.25, 0.7, 1.0, 5.0}) {
        const Quadratic2d q = quad(c1, c2, 1, 0, 1);
        INFO("c = (" << c1 << ", " << c2 << "), lambda " << lambda);
        const Eigen::Vector2d w1 = penalizedOptimum(q, pen(Penalty2dKind::L1), lambda);
        CHECK(w1(0) == soft(c1, lambda));  // bit for bit, exact zeros included
        CHECK(w1(1) == soft(c2, lambda));
        const Eigen::Vector2d w2 = penalizedOptimum(q, pen(Penalty2dKind::L2), lambda);
        CHECK(w2(0) == Approx(c1 / (1 + lambda)).epsilon(1e-14).margin(1e-300));
        CHECK(w2(1) == Approx(c2 / (1 + lambda)).epsilon(1e-14).margin(1e-300));
        // Elastic net: soft threshold at λρ, then the shrink by 1 + λ(1 − ρ).
        const Eigen::Vector2d we = penalizedOptimum(q, pen(Penalty2dKind::ElasticNet, 0.3), lambda);
        CHECK(we(0) == Approx(soft(c1, 0.3 * lambda) / (1 + 0.7 * lambda)).epsilon(1e-14));
        CHECK(we(1) == Approx(soft(c2, 0.3 * lambda) / (1 + 0.7 * lambda)).epsilon(1e-14));
      }
    }
  }
}

TEST_CASE("diagonal H and l1: each weight is S(c_j, lambda/h_j), exactly 0 when h_j|c_j| <= lambda",
          "[linear][geometry]") {
  const double h1 = 2.0, h2 = 0.5;
  for (double lambda : {0.1, 0.5, 1.0, 2.0}) {
    for (double c1 : {-1.5, -0.5, 0.25, 0.5, 2.0}) {
      for (double c2 : {-3.0, 0.5, 2.0, 4.0}) {
        const Eigen::Vector2d w =
            penalizedOptimum(quad(c1, c2, h1, 0, h2), pen(Penalty2dKind::L1), lambda);
        INFO("c = (" << c1 << ", " << c2 << "), lambda " << lambda);
        if (h1 * std::abs(c1) <= lambda) CHECK(w(0) == 0.0);
        if (h2 * std::abs(c2) <= lambda) CHECK(w(1) == 0.0);
        CHECK(w(0) == Approx(soft(c1, lambda / h1)).epsilon(1e-14).margin(1e-300));
        CHECK(w(1) == Approx(soft(c2, lambda / h2)).epsilon(1e-14).margin(1e-300));
      }
    }
  }
}

TEST_CASE("general H: the l1, l2 and elastic-net optima satisfy the KKT conditions",
          "[linear][geometry]") {
  int zeros = 0;
  for (const Quadratic2d& q : randomQuadratics(300)) {
    for (double rho : {1.0, 0.0, 0.6}) {
      const Penalty2d r = rho == 1.0   ? pen(Penalty2dKind::L1)
                          : rho == 0.0 ? pen(Penalty2dKind::L2)
                                       : pen(Penalty2dKind::ElasticNet, rho);
      for (double lambda : {0.05, 0.5, 2.0, 8.0}) {
        const Eigen::Vector2d w = penalizedOptimum(q, r, lambda);
        const Eigen::Vector2d g = lossGradient(q, w) + lambda * (1 - rho) * w;
        const double scale =
            lossGradient(q, Eigen::Vector2d::Zero()).cwiseAbs().maxCoeff() + lambda;
        INFO("rho " << rho << " lambda " << lambda << " c (" << q.center.transpose() << ") H ("
                    << q.a << ", " << q.b << ", " << q.d << ") w (" << w.transpose() << ")");
        for (int j = 0; j < 2; ++j) {
          if (w(j) != 0.0) {
            CHECK(std::abs(g(j) + lambda * rho * (w(j) > 0 ? 1 : -1)) <= 1e-12 * scale);
          } else {
            ++zeros;
            CHECK(std::abs(g(j)) <= lambda * rho + 1e-12 * scale);
          }
        }
        // No nearby point does better.
        const double f = total(q, r, lambda, w);
        for (double dx : {-1e-6, 0.0, 1e-6})
          for (double dy : {-1e-6, 0.0, 1e-6})
            CHECK(total(q, r, lambda, w + Eigen::Vector2d(dx, dy)) >= f - 1e-14 * (1 + f));
      }
    }
  }
  CHECK(zeros > 100);  // the cases include many exact zeros
}

TEST_CASE("lp: one weight alone is the engine's exact lp proximal map", "[linear][geometry]") {
  for (double p : {0.3, 0.5, 0.8}) {
    const engine::LpBridgePenalty prox(1.0, p);
    for (double v : {-3.0, -1.2, -0.4, 0.1, 0.6, 0.9, 1.3, 2.5}) {
      for (double lambda : {0.1, 0.5, 1.0}) {
        // ½(w₁ − v)² + λ|w₁|^p + λ|w₂|^p with c₂ = 0: w₂ = 0, w₁ = prox_{λ|·|^p}(v).
        const Eigen::Vector2d w =
            penalizedOptimum(quad(v, 0.0, 1, 0, 1), pen(Penalty2dKind::Lp, 0.5, p), lambda);
        INFO("p " << p << " v " << v << " lambda " << lambda);
        CHECK(w(1) == 0.0);
        CHECK(w(0) == Approx(prox.proxScalar(v, lambda)).epsilon(1e-12).margin(1e-300));
      }
    }
  }
}

TEST_CASE("lp: the optimum is the global minimum (brute force) and stationary where non-zero",
          "[linear][geometry]") {
  int sparse = 0;
  const std::vector<Quadratic2d> quads = randomQuadratics(6);
  for (double p : {0.3, 0.5, 0.8, 1.5, 3.0}) {
    for (const Quadratic2d& q : quads) {
      for (double lambda : {0.15, 1.2}) {
        const Penalty2d r = pen(Penalty2dKind::Lp, 0.5, p);
        const Eigen::Vector2d w = penalizedOptimum(q, r, lambda);
        const double f = total(q, r, lambda, w);
        INFO("p " << p << " lambda " << lambda << " c (" << q.center.transpose() << ") H (" << q.a
                  << ", " << q.b << ", " << q.d << ") w (" << w.transpose() << ")");
        // Brute force over a grid, axes included (step 0.02 over [-6, 6]²).
        double best = f;
        for (int i = -300; i <= 300; ++i)
          for (int j = -300; j <= 300; ++j)
            best = std::min(best, total(q, r, lambda, Eigen::Vector2d(i * 0.02, j * 0.02)));
        CHECK(f <= best + 1e-12 * (1 + std::abs(f)));
        // Stationary where non-zero, relative to the size of the gradient's terms
        // (|H|·|w − c| and the penalty's), whose rounding decides how small the sum can get.
        const Eigen::Vector2d g = lossGradient(q, w);
        const Eigen::Vector2d e = (w - q.center).cwiseAbs();
        const double scale = (std::abs(q.a) + std::abs(q.b) + std::abs(q.d)) * e.maxCoeff();
        for (int j = 0; j < 2; ++j) {
          if (w(j) == 0.0) {
            ++sparse;
            continue;
          }
          const double penGrad =
              lambda * p * std::pow(std::abs(w(j)), p - 1) * (w(j) > 0 ? 1.0 : -1.0);
          CHECK(std::abs(g(j) + penGrad) <= 1e-12 * (scale + std::abs(penGrad)));
        }
      }
    }
  }
  CHECK(sparse > 10);  // p < 1 sets weights exactly to zero
}

TEST_CASE("the ball R(w) = t through the optimum: on the curve, closed, axis points exact",
          "[linear][geometry]") {
  const Quadratic2d q = quad(2.0, 0.6, 1.5, 0.4, 0.8);
  for (const Penalty2d& r :
       {pen(Penalty2dKind::L1), pen(Penalty2dKind::L2), pen(Penalty2dKind::ElasticNet, 0.4),
        pen(Penalty2dKind::Lp, 0.5, 0.5), pen(Penalty2dKind::Lp, 0.5, 1.5)}) {
    const double lambda = 0.7;
    const Eigen::Vector2d w = penalizedOptimum(q, r, lambda);
    const double t = penaltyValue(r, w);
    const std::vector<double> line = ballOutline(r, t, 64);
    REQUIRE(line.size() == 2 * 65);
    CHECK(line[128] == line[0]);
    CHECK(line[129] == line[1]);
    double minLoss = 1e300;
    for (int k = 0; k < 64; ++k) {
      const Eigen::Vector2d pt(line[2 * k], line[2 * k + 1]);
      CHECK(penaltyValue(r, pt) == Approx(t).epsilon(1e-12));
      minLoss = std::min(minLoss, quadraticLoss(q, pt));
    }
    // Axis points (k = 0, 16, 32, 48) have an exact zero coordinate.
    CHECK(line[1] == 0.0);
    CHECK(line[2 * 16] == 0.0);
    CHECK(line[2 * 32 + 1] == 0.0);
    CHECK(line[2 * 48] == 0.0);
    // The constrained view: no point of a convex ball has a lower loss than the optimum.
    if (r.kind != Penalty2dKind::Lp || r.p >= 1.0) CHECK(minLoss >= quadraticLoss(q, w) - 1e-12);
  }
  // p < 1: the ball is not convex (the midpoint of two cusps lies outside); l1's is.
  const Penalty2d r = pen(Penalty2dKind::Lp, 0.5, 0.5);
  const std::vector<double> line = ballOutline(r, 1.0, 64);
  const Eigen::Vector2d a(line[0], line[1]), b(line[2 * 16], line[2 * 16 + 1]);
  CHECK(a == Eigen::Vector2d(1, 0));
  CHECK(b == Eigen::Vector2d(0, 1));
  CHECK(penaltyValue(r, 0.5 * (a + b)) > 1.0);
  CHECK(penaltyValue(pen(Penalty2dKind::L1), 0.5 * (a + b)) <= 1.0);
}

TEST_CASE("loss grid rows run from yMin, columns from xMin", "[linear][geometry]") {
  const Quadratic2d q = quad(1.0, -1.0, 2.0, 0.5, 1.0);
  const std::vector<double> g = lossGrid(q, 3, -1, 1, 0, 2);
  REQUIRE(g.size() == 9);
  CHECK(g[0] == quadraticLoss(q, {-1, 0}));
  CHECK(g[2] == quadraticLoss(q, {1, 0}));
  CHECK(g[3] == quadraticLoss(q, {-1, 1}));
  CHECK(g[8] == quadraticLoss(q, {1, 2}));
}

TEST_CASE("geometry input errors name the argument", "[linear][geometry]") {
  CHECK_THROWS_WITH(penalizedOptimum(quad(1, 1, 1, 2, 1), pen(Penalty2dKind::L1), 1),
                    Catch::Contains("hessian") && Catch::Contains("positive definite"));
  CHECK_THROWS_WITH(penalizedOptimum(quad(NAN, 1, 1, 0, 1), pen(Penalty2dKind::L1), 1),
                    Catch::Contains("center"));
  CHECK_THROWS_WITH(penalizedOptimum(quad(1, 1, 1, 0, 1), pen(Penalty2dKind::L1), -1),
                    Catch::Contains("lambda"));
  CHECK_THROWS_WITH(penalizedOptimum(quad(1, 1, 1, 0, 1), pen(Penalty2dKind::Lp, 0.5, 0.01), 1),
                    Catch::Contains("p:"));
  CHECK_THROWS_WITH(penalizedOptimum(quad(1, 1, 1, 0, 1), pen(Penalty2dKind::ElasticNet, 1.5), 1),
                    Catch::Contains("l1Ratio"));
  CHECK_THROWS_WITH(ballOutline(pen(Penalty2dKind::L1), 1.0, 10), Catch::Contains("outlinePoints"));
  CHECK_THROWS_WITH(lossGrid(quad(1, 1, 1, 0, 1), 1, 0, 1, 0, 1), Catch::Contains("resolution"));
  CHECK_THROWS_WITH(lossGrid(quad(1, 1, 1, 0, 1), 8, 1, 0, 0, 1), Catch::Contains("bounds"));
}
