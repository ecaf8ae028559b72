// Every penalty's proxScalar against an independent reference: brute-force minimisation of
// ½(x − v)² + τ·r(x) over a fine grid (0 added as a candidate), refined by golden-section
// search, with r written out here from its textbook definition.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "penalty/elastic_net.hpp"
#include "penalty/l1.hpp"
#include "penalty/l2.hpp"
#include "penalty/lp_bridge.hpp"

namespace {

using engine::Penalty;
using Fn = std::function<double(double)>;

// Golden-section search for a minimum of f on [a, b].
double goldenSection(const Fn& f, double a, double b) {
  const double invPhi = (std::sqrt(5.0) - 1.0) / 2.0;
  double c = b - invPhi * (b - a);
  double d = a + invPhi * (b - a);
  double fc = f(c);
  double fd = f(d);
  for (int i = 0; i < 200 && b - a > 1e-15 * (1.0 + std::abs(a) + std::abs(b)); ++i) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - invPhi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + invPhi * (b - a);
      fd = f(d);
    }
  }
  return 0.5 * (a + b);
}

// argmin_x ½(x − v)² + τ r(x) by brute force on [−|v| − 1, |v| + 1].
double bruteForceProx(double v, double tau, const Fn& r) {
  const Fn F = [&](double x) { return 0.5 * (x - v) * (x - v) + tau * r(x); };
  const double lo = -std::abs(v) - 1.0;
  const double hi = std::abs(v) + 1.0;
  const int n = 20000;
  const double h = (hi - lo) / n;
  int best = 0;
  double fBest = F(lo);
  for (int k = 1; k <= n; ++k) {
    const double fk = F(lo + k * h);
    if (fk < fBest) {
      fBest = fk;
      best = k;
    }
  }
  const double xGrid = lo + best * h;
  const double xRefined = goldenSection(F, xGrid - h, xGrid + h);
  double x = F(xRefined) < fBest ? xRefined : xGrid;
  if (F(0.0) <= F(x)) x = 0.0;  // the sparse candidate the grid may straddle
  return x;
}

struct Case {
  std::string name;
  std::shared_ptr<Penalty> penalty;  // with λ = 1, so step = τ
  Fn r;                              // r(x) per unit λ, written independently
  bool convex;
};

std::vector<double> probeValues() {
  std::vector<double> vs = {0.0, 1e-3, -1e-3, 0.05, -0.2, 0.5, 1.0, -1.5, 2.0, 3.0, -6.0, 8.0};
  engine::Rng rng(11);
  for (int i = 0; i < 40; ++i) vs.push_back(3.0 * rng.normal());
  return vs;
}

void checkAgainstBruteForce(const Case& c) {
  const std::vector<double> taus = {0.01, 0.1, 0.5, 1.0, 2.5};
  int ties = 0;
  int bad = 0;
  std::ostringstream report;
  for (double tau : taus) {
    for (double v : probeValues()) {
      const double x = c.penalty->proxScalar(v, tau);
      const double ref = bruteForceProx(v, tau, c.r);
      const auto F = [&](double z) { return 0.5 * (z - v) * (z - v) + tau * c.r(z); };
      // The prox is the global minimiser: never worse than the brute-force search ...
      const bool optimal = F(x) <= F(ref) + 1e-12 * (1.0 + std::abs(F(ref)));
      // ... and where the minimiser is unique, at the same place. Non-convex Lp may have two
      // global minimisers (0 and ±β at |v| = v*): equal objective, different points.
      bool samePoint = std::abs(x - ref) <= 1e-6 * (1.0 + std::abs(ref));
      if (!samePoint && !c.convex && std::abs(F(x) - F(ref)) <= 1e-9) {
        samePoint = true;
        ++ties;
      }
      if (!optimal || !samePoint || !std::isfinite(x)) {
        if (bad < 5)
          report << "  v " << v << " tau " << tau << ": prox " << x << " (F " << F(x)
                 << ")  brute force " << ref << " (F " << F(ref) << ")\n";
        ++bad;
      }
    }
  }
  INFO(c.name << ": " << bad << " mismatches\n" << report.str());
  CHECK(bad == 0);
  CHECK(ties <= 2);  // a tie needs |v| within ~1e-9 of the threshold: rare for random v
}

}  // namespace

TEST_CASE("L1 prox is the brute-force minimiser of ½(x−v)² + τ|x|", "[penalty]") {
  checkAgainstBruteForce(
      {"l1", std::make_shared<engine::L1Penalty>(1.0), [](double x) { return std::abs(x); }, true});
}

TEST_CASE("L2 prox is the brute-force minimiser of ½(x−v)² + τx²/2", "[penalty]") {
  checkAgainstBruteForce(
      {"l2", std::make_shared<engine::L2Penalty>(1.0), [](double x) { return 0.5 * x * x; }, true});
}

TEST_CASE("Elastic-net prox is the brute-force minimiser of ½(x−v)² + τ(ρ|x| + (1−ρ)x²/2)",
          "[penalty]") {
  for (double rho : {0.0, 0.2, 0.5, 0.9, 1.0}) {
    checkAgainstBruteForce(
        {"elasticNet rho=" + std::to_string(rho),
         std::make_shared<engine::ElasticNetPenalty>(1.0, rho),
         [rho](double x) { return rho * std::abs(x) + 0.5 * (1.0 - rho) * x * x; }, true});
  }
}

TEST_CASE("Lp prox is the global brute-force minimiser of ½(x−v)² + τ|x|^p for several p",
          "[penalty]") {
  for (double p : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    checkAgainstBruteForce({"lp p=" + std::to_string(p),
                            std::make_shared<engine::LpBridgePenalty>(1.0, p),
                            [p](double x) { return std::pow(std::abs(x), p); }, false});
  }
}

TEST_CASE("prox scales with λ: prox of λR with step s equals prox of R with step s·λ",
          "[penalty]") {
  const engine::L1Penalty l1a(0.5), l1b(1.0);
  const engine::L2Penalty l2a(0.5), l2b(1.0);
  const engine::ElasticNetPenalty ena(0.5, 0.3), enb(1.0, 0.3);
  const engine::LpBridgePenalty lpa(0.5, 0.5), lpb(1.0, 0.5);
  for (double v : {-3.0, -0.4, 0.2, 0.7, 2.0}) {
    CHECK(l1a.proxScalar(v, 0.8) == Approx(l1b.proxScalar(v, 0.4)).epsilon(1e-13).margin(1e-15));
    CHECK(l2a.proxScalar(v, 0.8) == Approx(l2b.proxScalar(v, 0.4)).epsilon(1e-13).margin(1e-15));
    CHECK(ena.proxScalar(v, 0.8) == Approx(enb.proxScalar(v, 0.4)).epsilon(1e-13).margin(1e-15));
    CHECK(lpa.proxScalar(v, 0.8) == Approx(lpb.proxScalar(v, 0.4)).epsilon(1e-12).margin(1e-13));
  }
}

TEST_CASE("A zero step or zero λ leaves the value unchanged for every penalty", "[penalty]") {
  const engine::L1Penalty l1(0.7);
  const engine::L2Penalty l2(0.7);
  const engine::ElasticNetPenalty en(0.7, 0.5);
  const engine::LpBridgePenalty lp(0.7, 0.5), lp0(0.0, 0.5);
  for (double v : {-2.0, -1e-8, 0.0, 1e-8, 0.3}) {
    CHECK(l1.proxScalar(v, 0.0) == v);
    CHECK(l2.proxScalar(v, 0.0) == v);
    CHECK(en.proxScalar(v, 0.0) == v);
    CHECK(lp.proxScalar(v, 0.0) == v);
    CHECK(lp0.proxScalar(v, 1.0) == v);
  }
}

TEST_CASE("Penalty::prox applies proxScalar to every entry of a matrix", "[penalty]") {
  const engine::L1Penalty l1(1.0);
  engine::Matrix w(2, 3);
  w << 0.5, -0.05, 0.2, -2.0, 0.0, 0.09;
  l1.prox(w, 0.1);
  engine::Matrix expected(2, 3);
  expected << 0.4f, 0.0f, 0.1f, -1.9f, 0.0f, 0.0f;
  INFO("got\n" << w << "\nexpected\n" << expected);
  CHECK((w - expected).cwiseAbs().maxCoeff() < 1e-6);
  CHECK(w(0, 1) == 0.0f);
  CHECK(w(1, 2) == 0.0f);
}
