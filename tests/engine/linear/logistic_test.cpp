// Penalised logistic regression against scikit-learn 1.2's LogisticRegression on breast cancer
// (standardised): L2 (newton-cholesky), L1 and elastic net (saga), unpenalised intercept.
// Tolerances: our solver stops at KKT residual 1e-10; sklearn's references have KKT residuals
// up to 4e-10 (checked by the golden script); the coefficient error that allows is about
// residual / (smallest curvature on the active set). We require 1e-6 relative on every
// non-zero coefficient and on the intercept, and exactly sklearn's zero set.
#include <catch2/catch.hpp>

#include <cmath>

#include "linear/logistic.hpp"
#include "linear_golden.hpp"

using engine::test::breastCancerDesign;
using engine::test::jsonVector;
using engine::test::linearGolden;
using engine::test::requireCoefficients;
using namespace engine::linear;

namespace {

LogisticOptions optionsFor(const nlohmann::json& c) {
  LogisticOptions o;
  o.l1Ratio = c.at("l1_ratio").get<double>();
  o.fitIntercept = c.at("fit_intercept").get<bool>();
  o.tol = 1e-10;
  return o;
}

}  // namespace

TEST_CASE("logisticFit matches sklearn LogisticRegression L2, L1 and elastic net on breast cancer",
          "[linear]") {
  const Design& d = breastCancerDesign();
  for (const auto& c : linearGolden().at("breastCancer").at("logistic")) {
    const std::string name =
        c.at("penalty").get<std::string>() + " C=" + std::to_string(c.at("C").get<double>());
    INFO(name);
    const LogisticOptions o = optionsFor(c);
    const double bigC = c.at("C").get<double>();
    const LogisticFit fit = logisticFit(d.x, d.y, bigC, o);
    CHECK(fit.converged);
    CHECK(fit.kktResidual <= 1e-10);
    const Eigen::VectorXd want = jsonVector(c.at("coef"));
    requireCoefficients(fit.coef, want, 1e-6, 0.0, name);
    CHECK(fit.intercept == Approx(c.at("intercept").get<double>()).epsilon(1e-6));
    // sklearn's solution satisfies our optimality conditions: the objectives are the same.
    CHECK(logisticKktResidual(d.x, d.y, bigC, o, want, c.at("intercept").get<double>()) < 1e-8);
    CHECK(logisticObjective(d.x, d.y, bigC, o.l1Ratio, fit.coef, fit.intercept) <=
          logisticObjective(d.x, d.y, bigC, o.l1Ratio, want, c.at("intercept").get<double>()) +
              1e-9);
  }
}

TEST_CASE("a warm-started logistic path reaches each C's golden solution", "[linear]") {
  const Design& d = breastCancerDesign();
  for (const char* penalty : {"l1", "l2"}) {
    std::vector<const nlohmann::json*> cases;
    for (const auto& c : linearGolden().at("breastCancer").at("logistic")) {
      if (c.at("penalty").get<std::string>() == penalty && c.at("fit_intercept").get<bool>()) {
        cases.push_back(&c);
      }
    }
    REQUIRE(cases.size() >= 3);
    Eigen::VectorXd cs(static_cast<Eigen::Index>(cases.size()));
    for (std::size_t i = 0; i < cases.size(); ++i) {
      cs(static_cast<Eigen::Index>(i)) = cases[i]->at("C").get<double>();
    }
    const LogisticPath path = logisticPath(d.x, d.y, cs, optionsFor(*cases[0]));
    for (std::size_t i = 0; i < cases.size(); ++i) {
      INFO(penalty << " C=" << cs(static_cast<Eigen::Index>(i)));
      CHECK(path.converged[i]);
      requireCoefficients(path.coefs.col(static_cast<Eigen::Index>(i)),
                          jsonVector(cases[i]->at("coef")), 1e-6, 0.0, "path");
      CHECK(path.intercepts(static_cast<Eigen::Index>(i)) ==
            Approx(cases[i]->at("intercept").get<double>()).epsilon(1e-6));
    }
  }
}

TEST_CASE("C_min is where the L1 logistic solution leaves zero", "[linear]") {
  const Design& d = breastCancerDesign();
  LogisticOptions o;
  o.l1Ratio = 1.0;
  o.tol = 1e-10;
  const double cMin = logisticCMin(d.x, d.y, 1.0);
  const LogisticFit below = logisticFit(d.x, d.y, cMin * 0.999, o);
  CHECK(below.coef.isZero(0.0));
  const double ybar = d.y.mean();
  CHECK(below.intercept == Approx(std::log(ybar / (1 - ybar))).epsilon(1e-9));
  const LogisticFit above = logisticFit(d.x, d.y, cMin * 1.01, o);
  CHECK((above.coef.array() != 0.0).count() == 1);
  const Eigen::VectorXd grid = logisticCGrid(d.x, d.y, 1.0, 20, 1e-2);
  REQUIRE(grid.size() == 20);
  CHECK(grid(0) == Approx(cMin).epsilon(1e-12));
  CHECK(grid(19) == Approx(cMin * 100).epsilon(1e-12));
}

TEST_CASE("logisticFit reports an unconverged fit when maxIter is too small", "[linear]") {
  const Design& d = breastCancerDesign();
  LogisticOptions o;
  o.l1Ratio = 1.0;
  o.maxIter = 1;
  const LogisticFit fit = logisticFit(d.x, d.y, 0.5, o);
  CHECK_FALSE(fit.converged);
  CHECK(fit.nIter == 1);
  CHECK(fit.kktResidual > o.tol);
  // Warm-started from that fit, the solver finishes the job.
  o.maxIter = 100;
  const LogisticFit done = logisticFit(d.x, d.y, 0.5, o, &fit);
  CHECK(done.converged);
  CHECK(logisticKktResidual(d.x, d.y, 0.5, o, done.coef, done.intercept) <= o.tol);
}

TEST_CASE("logistic loss and error helpers on a hand example", "[linear]") {
  Eigen::MatrixXd x(3, 1);
  x << -1, 0, 2;
  Eigen::VectorXd y(3);
  y << 0, 1, 0;
  Eigen::VectorXd w(1);
  w << 1.0;
  // η = (−1+0.5, 0.5, 2.5): losses log(1+e^η) − yη.
  const double want =
      (std::log1p(std::exp(-0.5)) + std::log1p(std::exp(0.5)) - 0.5 + std::log1p(std::exp(2.5))) /
      3.0;
  CHECK(logLoss(x, y, w, 0.5) == Approx(want).epsilon(1e-14));
  CHECK(misclassification(x, y, w, 0.5) == Approx(1.0 / 3.0));  // row 3 predicted 1
}

TEST_CASE("logistic input errors name the argument", "[linear]") {
  const Design& d = breastCancerDesign();
  using Catch::Matchers::Contains;
  LogisticOptions o;
  REQUIRE_THROWS_WITH(logisticFit(d.x, d.y, 0.0, o), Contains("C must be > 0"));
  REQUIRE_THROWS_WITH(logisticFit(d.x, d.y, -1.0, o), Contains("C must be > 0"));
  Eigen::VectorXd bad = d.y;
  bad(3) = 2.0;
  REQUIRE_THROWS_WITH(logisticFit(d.x, bad, 1.0, o), Contains("0 or 1"));
  REQUIRE_THROWS_WITH(logisticFit(d.x, Eigen::VectorXd::Zero(d.x.rows()), 1.0, o),
                      Contains("both classes"));
  o.l1Ratio = 2.0;
  REQUIRE_THROWS_WITH(logisticFit(d.x, d.y, 1.0, o), Contains("l1Ratio"));
  REQUIRE_THROWS_WITH(logisticCMin(d.x, d.y, 0.0), Contains("l1Ratio"));
  o.l1Ratio = 0.0;
  REQUIRE_THROWS_WITH(logisticPath(d.x, d.y, Eigen::VectorXd(0), o), Contains("cs"));
  REQUIRE_THROWS_WITH(logisticFit(d.x, d.y.head(5), 1.0, o), Contains("y has 5"));
}
