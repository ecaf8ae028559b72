// Ridge in closed form against scikit-learn 1.2's Ridge(solver="cholesky") on diabetes, over a
// grid of α from 0 to 1e4; and the scaling pin Ridge(α) = elastic net at ρ = 0, α/n.
// Tolerance: both sides solve the same p × p Cholesky system in double; 1e-9 relative leaves
// room for the different summation orders in X_cᵀX_c (condition number of the diabetes Gram
// matrix ≈ 1e3 at α = 0).
#include <catch2/catch.hpp>

#include <cmath>

#include "linear/elastic_net.hpp"
#include "linear/ridge.hpp"
#include "linear_golden.hpp"

using engine::test::diabetesDesign;
using engine::test::jsonMatrix;
using engine::test::jsonVector;
using engine::test::linearGolden;
using engine::test::requireCoefficients;
using namespace engine::linear;

TEST_CASE("ridgePath on diabetes matches sklearn Ridge at every alpha", "[linear]") {
  const Design& d = diabetesDesign();
  const auto& c = linearGolden().at("diabetes").at("ridge");
  const Eigen::VectorXd alphas = jsonVector(c.at("alphas"));
  const RidgePath path = ridgePath(d.x, d.y, alphas);
  // JSON rows are one fit each: transpose to p × m.
  const Eigen::MatrixXd want = jsonMatrix(c.at("coefs")).transpose();
  requireCoefficients(path.coefs, want, 1e-9, 0.0, "ridge path");
  requireCoefficients(path.intercepts, jsonVector(c.at("intercepts")), 1e-9, 0.0,
                      "ridge intercepts");
  for (Eigen::Index i = 0; i < alphas.size(); ++i) {
    const RidgeFit one = ridgeFit(d.x, d.y, alphas(i));
    CHECK(one.coef == path.coefs.col(i));
    CHECK(one.intercept == path.intercepts(i));
  }
}

TEST_CASE("Ridge(alpha) is the elastic net at l1Ratio 0 and alpha/n", "[linear]") {
  const Design& d = diabetesDesign();
  const auto& c = linearGolden().at("diabetes").at("ridge");
  const Eigen::VectorXd alphas = jsonVector(c.at("alphas"));
  const Eigen::MatrixXd want = jsonMatrix(c.at("coefs")).transpose();
  const auto n = d.x.rows();
  EnetOptions o;
  o.l1Ratio = 0.0;
  o.tol = 1e-14;
  o.maxIter = 1000000;
  for (Eigen::Index i = 0; i < alphas.size(); ++i) {
    if (alphas(i) == 0.0) continue;  // least squares: no duality gap to stop on
    CHECK(ridgeAlphaFromEnet(alphas(i) / static_cast<double>(n), n) == Approx(alphas(i)));
    const EnetFit fit = enetFit(d.x, d.y, alphas(i) / static_cast<double>(n), o);
    INFO("alpha " << alphas(i));
    CHECK(fit.converged);
    requireCoefficients(fit.coef, want.col(i), 1e-8, 0.0, "enet rho=0 vs Ridge");
  }
}

TEST_CASE("ridge at alpha 0 with a duplicated column gives the minimum-norm solution", "[linear]") {
  // y = 2·x0 + 1 with x1 = x0: every w0 + w1 = 2 fits exactly; the minimum norm is w = (1, 1).
  Eigen::MatrixXd x(5, 2);
  x.col(0) << -2, -1, 0, 1, 2;
  x.col(1) = x.col(0);
  const Eigen::VectorXd y = (2.0 * x.col(0)).array() + 1.0;
  const RidgeFit fit = ridgeFit(x, y, 0.0);
  CHECK(fit.coef(0) == Approx(1.0).epsilon(1e-12));
  CHECK(fit.coef(1) == Approx(1.0).epsilon(1e-12));
  CHECK(fit.intercept == Approx(1.0).epsilon(1e-12));
  // With α > 0 the closed form: w_j = (x0ᵀy_c)/(2·x0ᵀx0 + α) = 20/(20 + α) each.
  const RidgeFit shrunk = ridgeFit(x, y, 5.0);
  CHECK(shrunk.coef(0) == Approx(20.0 / 25.0).epsilon(1e-12));
  CHECK(shrunk.coef(1) == Approx(20.0 / 25.0).epsilon(1e-12));
}

TEST_CASE("ridge input errors name the argument", "[linear]") {
  const Design& d = diabetesDesign();
  using Catch::Matchers::Contains;
  REQUIRE_THROWS_WITH(ridgeFit(d.x, d.y, -1.0), Contains("alpha"));
  REQUIRE_THROWS_WITH(ridgePath(d.x, d.y, Eigen::VectorXd(0)), Contains("alphas"));
  REQUIRE_THROWS_WITH(ridgeFit(d.x, d.y.head(10), 1.0), Contains("y has 10"));
  REQUIRE_THROWS_WITH(ridgeFit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0), 1.0), Contains("empty"));
}

TEST_CASE("alpha 0 is least squares: coordinate descent stops on its update test, gap NaN",
          "[linear]") {
  const Design& d = diabetesDesign();
  const auto& c = linearGolden().at("diabetes").at("ridge");
  REQUIRE(c.at("alphas")[0].get<double>() == 0.0);
  const Eigen::VectorXd ols = jsonMatrix(c.at("coefs")).transpose().col(0);
  EnetOptions o;
  o.tol = 1e-13;
  o.maxIter = 1000000;
  const EnetFit fit = enetFit(d.x, d.y, 0.0, o);
  CHECK(fit.converged);
  CHECK(std::isnan(fit.dualGap));
  requireCoefficients(fit.coef, ols, 1e-8, 0.0, "least squares by CD");
}
