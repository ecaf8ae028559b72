// Lasso / elastic-net coordinate descent, the default α grid and the warm-started path against
// scikit-learn 1.2 (tests/golden/linear_path.json, make_linear_path_golden.py) on diabetes.
// Tolerances: our solver runs at tol 1e-12 (sklearn's gap semantics), the reference at 1e-14 with
// residual updates, itself within ~3e-10 of sklearn at 1e-15. Every non-zero coefficient must
// agree to 1e-6 relative, every zero of sklearn must be an exact zero here and vice versa; the
// only exception are the entries the script lists as borderline (at α_max sklearn's CD leaves
// ~1e-14 in the entering coefficient through rounding of α_max·n), which must agree to
// 1e-8 × the path's largest coefficient.
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>

#include "linear/alpha_grid.hpp"
#include "linear/elastic_net.hpp"
#include "linear/gram_problem.hpp"
#include "linear_golden.hpp"

using engine::test::breastCancerDesign;
using engine::test::byName;
using engine::test::diabetesDesign;
using engine::test::jsonMatrix;
using engine::test::jsonVector;
using engine::test::linearGolden;
using engine::test::requireCoefficients;
using namespace engine::linear;

namespace {

constexpr double kTol = 1e-12;
constexpr double kCoefRtol = 1e-6;

std::set<std::pair<int, int>> borderline(const nlohmann::json& c) {
  std::set<std::pair<int, int>> out;
  for (const auto& e : c.at("borderline")) out.insert({e[1].get<int>(), e[0].get<int>()});
  return out;
}

EnetPath fitGoldenPath(const nlohmann::json& c) {
  const Design& d = diabetesDesign();
  EnetOptions o;
  o.l1Ratio = c.at("l1_ratio").get<double>();
  o.tol = kTol;
  o.maxIter = 1000000;
  AlphaGridOptions go;
  go.l1Ratio = o.l1Ratio;
  go.nAlphas = c.at("n_alphas").get<int>();
  go.eps = c.at("eps").get<double>();
  return enetPath(d.x, d.y, alphaGrid(d.x, d.y, go), o);
}

}  // namespace

TEST_CASE("alphaGrid equals sklearn's default grid on diabetes for three l1 ratios", "[linear]") {
  const Design& d = diabetesDesign();
  for (const auto& c : linearGolden().at("diabetes").at("paths")) {
    AlphaGridOptions go;
    go.l1Ratio = c.at("l1_ratio").get<double>();
    const Eigen::VectorXd want = jsonVector(c.at("alphas"));
    const Eigen::VectorXd got = alphaGrid(d.x, d.y, go);
    INFO(c.at("name").get<std::string>());
    REQUIRE(got.size() == 100);
    REQUIRE(want.size() == 100);
    for (Eigen::Index i = 0; i < 100; ++i) {
      CHECK(got(i) == Approx(want(i)).epsilon(1e-12).margin(0));
      if (i > 0) CHECK(got(i) < got(i - 1));
    }
    CHECK(got(99) == Approx(1e-3 * got(0)).epsilon(1e-12));
  }
}

TEST_CASE("lasso_path and enet_path on diabetes match sklearn coefficient by coefficient",
          "[linear]") {
  for (const auto& c : linearGolden().at("diabetes").at("paths")) {
    const std::string name = c.at("name").get<std::string>();
    const EnetPath path = fitGoldenPath(c);
    for (bool ok : path.converged) CHECK(ok);
    const Eigen::MatrixXd want = jsonMatrix(c.at("coefs"));
    const double scale = c.at("scale").get<double>();
    requireCoefficients(path.coefs, want, kCoefRtol, 0.0, name, borderline(c), 1e-8 * scale);
    requireCoefficients(Eigen::MatrixXd(path.intercepts.transpose()),
                        Eigen::MatrixXd(jsonVector(c.at("intercepts")).transpose()), kCoefRtol, 0.0,
                        name + " intercepts");
  }
}

TEST_CASE("the solver runs sklearn's iteration: sweeps per alpha as enet_coordinate_descent_gram",
          "[linear]") {
  // Same updates, same order, same stopping test: at the default tol 1e-4 each α needs the
  // sweeps sklearn's Gram solver needed, give or take one where rounding decides a threshold.
  const Design& d = diabetesDesign();
  for (const auto& c : linearGolden().at("diabetes").at("paths")) {
    const std::string name = c.at("name").get<std::string>();
    EnetOptions o;
    o.l1Ratio = c.at("l1_ratio").get<double>();
    const EnetPath path = enetPath(d.x, d.y, jsonVector(c.at("alphas")), o);
    const auto want = c.at("gram_n_iter_tol_1e-4").get<std::vector<int>>();
    REQUIRE(want.size() == path.nIters.size());
    int total = 0, wantTotal = 0, off = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      INFO(name << " alpha index " << i);
      CHECK(std::abs(path.nIters[i] - want[i]) <= 1);
      off += path.nIters[i] != want[i];
      total += path.nIters[i];
      wantTotal += want[i];
    }
    INFO(name << ": " << off << " alphas differ, " << total << " sweeps vs sklearn's "
              << wantTotal);
    CHECK(std::abs(total - wantTotal) <= wantTotal / 100);
  }
}

TEST_CASE(
    "the diabetes lasso path is not monotone: a variable leaves the active set where "
    "sklearn's does",
    "[linear]") {
  const auto& c = byName(linearGolden().at("diabetes").at("paths"), "lasso_path");
  const auto& drops = c.at("leaves_active_set");
  // sklearn's path has such a stretch (the LARS paper's lasso modification on these data).
  REQUIRE(drops.size() >= 1);
  const EnetPath path = fitGoldenPath(c);
  const auto loose = borderline(c);
  auto nonzeros = [&](Eigen::Index col) {
    int k = 0;
    for (Eigen::Index j = 0; j < path.coefs.rows(); ++j) {
      if (loose.count({static_cast<int>(j), static_cast<int>(col)})) continue;
      if (path.coefs(j, col) != 0.0) ++k;
    }
    return k;
  };
  for (const auto& drop : drops) {
    const auto i = drop.at("index").get<Eigen::Index>();
    const auto j = drop.at("feature").get<Eigen::Index>();
    INFO("alpha index " << i << ", feature " << drop.at("name").get<std::string>());
    CHECK(path.coefs(j, i - 1) != 0.0);
    CHECK(path.coefs(j, i) == 0.0);
    CHECK(nonzeros(i) < nonzeros(i - 1));
  }
  // And the whole sequence of active-set sizes is sklearn's.
  const auto counts = c.at("nonzero_counts").get<std::vector<int>>();
  for (Eigen::Index i = 0; i < path.coefs.cols(); ++i) {
    int want = counts[static_cast<std::size_t>(i)];
    for (const auto& [row, col] : loose) {
      if (col == i && c.at("coefs")[row][i].get<double>() != 0.0) --want;
    }
    INFO("alpha index " << i);
    CHECK(nonzeros(i) == want);
  }
}

TEST_CASE("without an intercept on centred y the path is sklearn's lasso_path as called",
          "[linear]") {
  // lasso_path fits no intercept; the script gave it y − ȳ. fitIntercept = false on the same
  // centred y must reach the same coefficients, with intercept 0.
  const Design& d = diabetesDesign();
  const auto& c = byName(linearGolden().at("diabetes").at("paths"), "lasso_path");
  const Eigen::VectorXd yc = d.y.array() - d.y.mean();
  EnetOptions o;
  o.fitIntercept = false;
  o.tol = kTol;
  o.maxIter = 1000000;
  const EnetPath path = enetPath(d.x, yc, jsonVector(c.at("alphas")), o);
  requireCoefficients(path.coefs, jsonMatrix(c.at("coefs")), kCoefRtol, 0.0, "no intercept",
                      borderline(c), 1e-8 * c.at("scale").get<double>());
  CHECK(path.intercepts.isZero(0.0));
}

TEST_CASE("a fit that runs out of sweeps says so", "[linear]") {
  const Design& d = diabetesDesign();
  EnetOptions o;
  o.tol = 1e-12;
  o.maxIter = 3;
  const EnetFit fit = enetFit(d.x, d.y, 0.05, o);
  CHECK_FALSE(fit.converged);
  CHECK(fit.nIter == 3);
  CHECK(fit.dualGap > 0.0);
}

TEST_CASE("Lasso and ElasticNet fits on diabetes match sklearn, zeros exactly", "[linear]") {
  const Design& d = diabetesDesign();
  for (const auto& c : linearGolden().at("diabetes").at("fits")) {
    EnetOptions o;
    o.l1Ratio = c.at("l1_ratio").get<double>();
    o.tol = kTol;
    o.maxIter = 1000000;
    const EnetFit fit = enetFit(d.x, d.y, c.at("alpha").get<double>(), o);
    const std::string name = c.at("name").get<std::string>();
    INFO(name);
    CHECK(fit.converged);
    CHECK(fit.dualGap < kTol * (d.y.array() - d.y.mean()).square().sum() / d.y.size());
    requireCoefficients(fit.coef, jsonVector(c.at("coef")), kCoefRtol, 0.0, name);
    CHECK(fit.intercept == Approx(c.at("intercept").get<double>()).epsilon(kCoefRtol));
    for (int j : c.at("zeros").get<std::vector<int>>()) CHECK(fit.coef(j) == 0.0);
  }
}

TEST_CASE("a warm start reaches the cold start's solution, and beats it in sweeps", "[linear]") {
  const Design& d = diabetesDesign();
  EnetOptions o;
  o.tol = 1e-10;
  const EnetFit far = enetFit(d.x, d.y, 0.3, o);
  const EnetFit cold = enetFit(d.x, d.y, 0.25, o);
  const EnetFit warm = enetFit(d.x, d.y, 0.25, o, &far.coef);
  CHECK(cold.converged);
  CHECK(warm.converged);
  CHECK(warm.nIter < cold.nIter);
  CHECK((warm.coef - cold.coef).cwiseAbs().maxCoeff() < 1e-6 * cold.coef.cwiseAbs().maxCoeff());
}

TEST_CASE("at alpha_max the lasso solution is exactly zero and just below it one variable enters",
          "[linear]") {
  const Design& d = breastCancerDesign();
  const double top = alphaMax(d.x, d.y, 1.0);
  EnetOptions o;
  o.tol = 1e-10;
  const EnetFit atTop = enetFit(d.x, d.y, top * (1 + 1e-12), o);
  CHECK(atTop.coef.isZero(0.0));
  CHECK(atTop.intercept == Approx(d.y.mean()));
  const EnetFit below = enetFit(d.x, d.y, top * 0.99, o);
  CHECK((below.coef.array() != 0.0).count() == 1);
}

TEST_CASE("the duality gap certifies the objective: no perturbation of the solution does better",
          "[linear]") {
  // Objective at the solution vs at nearby points (exact zeros moved off zero too): the gap bound
  // F(w) − F* ≤ gap must hold, so no perturbation can improve F by more than the gap.
  const Design& d = diabetesDesign();
  for (double rho : {1.0, 0.5, 0.0}) {
    EnetOptions o;
    o.l1Ratio = rho;
    o.tol = 1e-10;
    const double alpha = 0.7;
    const EnetFit fit = enetFit(d.x, d.y, alpha, o);
    REQUIRE(fit.converged);
    const double f = enetObjective(d.x, d.y, fit.coef, fit.intercept, alpha, rho);
    for (Eigen::Index j = 0; j < fit.coef.size(); ++j) {
      for (double h : {1e-3, -1e-3, 1e-5, -1e-5}) {
        Eigen::VectorXd w = fit.coef;
        w(j) += h;
        const double b = d.y.mean() - (d.x.colwise().mean() * w)(0);
        CHECK(enetObjective(d.x, d.y, w, b, alpha, rho) >= f - fit.dualGap - 1e-12 * f);
      }
    }
  }
}

TEST_CASE("elastic net input errors name the argument", "[linear]") {
  const Design& d = diabetesDesign();
  using Catch::Matchers::Contains;
  EnetOptions o;
  REQUIRE_THROWS_WITH(enetFit(d.x, d.y, -0.1, o), Contains("alpha"));
  o.l1Ratio = 1.5;
  REQUIRE_THROWS_WITH(enetFit(d.x, d.y, 0.1, o), Contains("l1Ratio"));
  o.l1Ratio = -0.1;
  REQUIRE_THROWS_WITH(enetPath(d.x, d.y, Eigen::VectorXd::Constant(3, 1.0), o),
                      Contains("l1Ratio"));
  o.l1Ratio = 1.0;
  REQUIRE_THROWS_WITH(enetFit(d.x, Eigen::VectorXd::Zero(3), 0.1, o), Contains("y has 3"));
  REQUIRE_THROWS_WITH(enetFit(Eigen::MatrixXd(0, 3), Eigen::VectorXd(0), 0.1, o),
                      Contains("empty"));
  REQUIRE_THROWS_WITH(enetPath(d.x, d.y, Eigen::VectorXd(0), o), Contains("alphas"));
  REQUIRE_THROWS_AS(enetFit(d.x, d.y, std::nan(""), o), std::invalid_argument);
  o.tol = -1;
  REQUIRE_THROWS_WITH(enetFit(d.x, d.y, 0.1, o), Contains("tol"));
  o.tol = 1e-4;
  o.maxIter = 0;
  REQUIRE_THROWS_WITH(enetFit(d.x, d.y, 0.1, o), Contains("maxIter"));
  AlphaGridOptions go;
  go.l1Ratio = 0.0;
  REQUIRE_THROWS_WITH(alphaGrid(d.x, d.y, go), Contains("l1Ratio"));
  go.l1Ratio = 1.0;
  go.nAlphas = 0;
  REQUIRE_THROWS_WITH(alphaGrid(d.x, d.y, go), Contains("nAlphas"));
  go.nAlphas = 10;
  go.eps = 0.0;
  REQUIRE_THROWS_WITH(alphaGrid(d.x, d.y, go), Contains("eps"));
}

TEST_CASE("a constant target gives sklearn's degenerate grid and the zero solution", "[linear]") {
  const Design& d = diabetesDesign();
  const Eigen::VectorXd y = Eigen::VectorXd::Constant(d.x.rows(), 3.0);
  const Eigen::VectorXd grid = alphaGrid(d.x, y);
  REQUIRE(grid.size() == 100);
  CHECK((grid.array() == 1e-15).all());
  const EnetPath path = enetPath(d.x, y, grid.head(3));
  CHECK(path.coefs.isZero(0.0));
  CHECK((path.intercepts.array() == 3.0).all());
}
