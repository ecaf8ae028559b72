// The exact solvers on an experiment's data (engine/linear/spec_models.hpp): the rows are the
// Trainer's (test split held out), the diabetes lasso path on all rows is scikit-learn's
// lasso_path (tests/golden/linear_path.json, same tolerances as elastic_net_test.cpp: solver tol
// 1e-12, coefficients 1e-6 relative, zeros exact, borderline entries 1e-8 × scale), the test error
// is the held-out split's, and cross-validation folds are the network's k-fold validation splits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "data/make_data.hpp"
#include "linear/cross_validation.hpp"
#include "linear/logistic.hpp"
#include "linear/ridge.hpp"
#include "linear/spec_models.hpp"
#include "linear_golden.hpp"

using engine::test::byName;
using engine::test::diabetesDesign;
using engine::test::jsonMatrix;
using engine::test::linearGolden;
using engine::test::requireCoefficients;
using namespace engine::linear;

namespace {

engine::ExperimentSpec dataSpec(const std::string& kind, double val, double test,
                                std::uint32_t seed = 1) {
  engine::ExperimentSpec s;
  s.seed = seed;
  s.data.kind = kind;
  s.data.valFraction = val;
  s.data.testFraction = test;
  s.training.earlyStopping.enabled = false;
  return s;
}

LinearModelOptions modelOptions(LinearModel m, double l1Ratio, double tol = -1.0) {
  LinearModelOptions o;
  o.model = m;
  o.l1Ratio = l1Ratio;
  o.tol = tol;
  o.score =
      m == LinearModel::Logistic ? LinearScore::Misclassification : LinearScore::MeanSquaredError;
  return o;
}

}  // namespace

TEST_CASE("spec lasso path on all diabetes rows is sklearn's lasso_path", "[linear]") {
  const SpecDesign d = specDesign(dataSpec("diabetes", 0.0, 0.0));
  // The rows in their file order, standardised exactly as the golden script's design.
  REQUIRE(d.fit.x.rows() == 442);
  CHECK((d.fit.x.array() == diabetesDesign().x.array()).all());
  CHECK((d.fit.y.array() == diabetesDesign().y.array()).all());
  CHECK(d.testY.size() == 0);
  LinearModelOptions o = modelOptions(LinearModel::Lasso, 1.0, 1e-12);
  o.maxIter = 1000000;
  const LinearPath path = specPath(d, o);
  const auto& c = byName(linearGolden().at("diabetes").at("paths"), "lasso_path");
  std::set<std::pair<int, int>> loose;
  for (const auto& e : c.at("borderline")) loose.insert({e[0].get<int>(), e[1].get<int>()});
  const Eigen::MatrixXd want = jsonMatrix(c.at("coefs")).transpose();  // α × p
  requireCoefficients(path.coefs, want, 1e-6, 0.0, "lasso path", loose,
                      1e-8 * c.at("scale").get<double>());
  CHECK(path.converged);
  for (Eigen::Index i = 0; i < path.alphas.size(); ++i) {
    CHECK(path.nonZeros[static_cast<std::size_t>(i)] == (path.coefs.row(i).array() != 0).count());
    CHECK(std::isnan(path.testError(i)));  // no test rows
  }
  // At α_max the one entering weight is a rounding residue (as sklearn's, see the golden
  // script's "borderline"); below it the non-zero counts are sklearn's.
  CHECK(path.coefs.row(0).cwiseAbs().maxCoeff() <= 1e-8 * c.at("scale").get<double>());
  const auto& counts = c.at("nonzero_counts");
  for (std::size_t i = 1; i < path.nonZeros.size(); ++i)
    CHECK(path.nonZeros[i] == counts[i].get<int>());
}

TEST_CASE("spec design: fit rows are train + validation, test rows held out and scaled alike",
          "[linear]") {
  const engine::ExperimentSpec s = dataSpec("diabetes", 0.2, 0.25, 7);
  const SpecDesign d = specDesign(s);
  engine::DataSpec unscaled = s.data;
  unscaled.standardize = false;
  const engine::SplitData split = engine::makeData(unscaled, s.seed);
  REQUIRE(d.testY.size() == static_cast<Eigen::Index>(split.testRows.size()));
  REQUIRE(d.fit.y.size() ==
          static_cast<Eigen::Index>(split.trainRows.size() + split.validationRows.size()));
  // Mean 0 and population std 1 on the fit rows; the test rows use the fit rows' statistics.
  for (Eigen::Index j = 0; j < d.fit.x.cols(); ++j) {
    CHECK(std::abs(d.fit.x.col(j).mean()) < 1e-12);
    for (Eigen::Index i = 0; i < d.testX.rows(); ++i) {
      const double raw = static_cast<double>(split.test.x(i, j));
      CHECK(d.testX(i, j) == (raw - d.fit.mean(j)) / d.fit.scale(j));
    }
  }
  // Test error is the held-out split's mean squared error at every α.
  const LinearPath path = specPath(d, modelOptions(LinearModel::ElasticNet, 0.5));
  for (Eigen::Index i = 0; i < path.alphas.size(); i += 17) {
    const Eigen::VectorXd w = path.coefs.row(i).transpose();
    const double mse =
        ((d.testX * w).array() + path.intercepts(i) - d.testY.array()).square().mean();
    CHECK(path.testError(i) == Approx(mse).epsilon(1e-14));
  }
  CHECK(path.alphas.size() == 100);
  for (Eigen::Index i = 1; i < path.alphas.size(); ++i) CHECK(path.alphas(i) < path.alphas(i - 1));
}

TEST_CASE("spec ridge path is sklearn Ridge at n times the elastic-net alpha", "[linear]") {
  const SpecDesign d = specDesign(dataSpec("diabetes", 0.2, 0.2));
  const LinearPath path = specPath(d, modelOptions(LinearModel::Ridge, 0.0));
  const double n = static_cast<double>(d.fit.y.size());
  for (Eigen::Index i : {0, 50, 99}) {
    const RidgeFit f = ridgeFit(d.fit.x, d.fit.y, n * path.alphas(i));
    for (Eigen::Index j = 0; j < f.coef.size(); ++j)
      CHECK(path.coefs(i, j) == Approx(f.coef(j)).epsilon(1e-12));
  }
  CHECK(path.nonZeros.front() == 10);  // ridge shrinks, never zeroes
}

TEST_CASE("spec logistic path on breast cancer: C increasing, misclassification on the test rows",
          "[linear]") {
  const SpecDesign d = specDesign(dataSpec("breastCancer", 0.2, 0.2));
  LinearModelOptions o = modelOptions(LinearModel::Logistic, 1.0);
  o.nAlphas = 30;
  const LinearPath path = specPath(d, o);
  REQUIRE(path.alphas.size() == 30);
  CHECK(path.alphas(0) == Approx(logisticCMin(d.fit.x, d.fit.y, 1.0)).epsilon(1e-12));
  CHECK(path.nonZeros.front() == 0);
  CHECK(path.nonZeros.back() > 5);
  for (Eigen::Index i = 1; i < path.alphas.size(); ++i) CHECK(path.alphas(i) > path.alphas(i - 1));
  for (Eigen::Index i = 0; i < path.alphas.size(); ++i) {
    const Eigen::VectorXd w = path.coefs.row(i).transpose();
    CHECK(path.testError(i) == misclassification(d.testX, d.testY, w, path.intercepts(i)));
  }
  CHECK(path.testError(29) < 0.1);
}

TEST_CASE("spec CV folds are the network's k-fold validation splits", "[linear]") {
  const int k = 5;
  engine::ExperimentSpec s = dataSpec("breastCancer", 0.2, 0.2, 13);
  const SpecDesign d = specDesign(s);
  const std::vector<int> ids = specFoldIds(d, k, s.seed);
  // The fit rows, as row numbers of the whole set (increasing).
  const engine::SplitData plain = engine::makeData(s.data, s.seed);
  std::vector<int> nonTest = plain.trainRows;
  nonTest.insert(nonTest.end(), plain.validationRows.begin(), plain.validationRows.end());
  std::sort(nonTest.begin(), nonTest.end());
  REQUIRE(nonTest.size() == ids.size());
  for (int f = 0; f < k; ++f) {
    engine::ExperimentSpec net = s;
    net.data.folds = k;
    net.data.fold = f;
    const engine::SplitData split = engine::makeData(net.data, net.seed);
    std::vector<int> fold;
    for (std::size_t r = 0; r < ids.size(); ++r)
      if (ids[r] == f) fold.push_back(nonTest[r]);
    CHECK(fold == split.validationRows);
  }
  // The same design with the folds on gives the same fit rows: folds never touch the test split.
  engine::ExperimentSpec withFolds = s;
  withFolds.data.folds = k;
  withFolds.data.fold = 3;
  CHECK((specDesign(withFolds).fit.x.array() == d.fit.x.array()).all());
}

TEST_CASE("spec CV folds combine to crossValidate over the same ids", "[linear]") {
  const SpecDesign d = specDesign(dataSpec("diabetes", 0.2, 0.2));
  for (LinearModel m : {LinearModel::Lasso, LinearModel::Ridge}) {
    const LinearModelOptions o = modelOptions(m, m == LinearModel::Lasso ? 1.0 : 0.0);
    const int k = 4;
    std::vector<FoldErrors> folds;
    for (int f = k - 1; f >= 0; --f) {
      const LinearCvFold r = specCvFold(d, o, k, 99, f);
      CHECK(r.fold == f);
      CHECK((r.alphas.array() == specGrid(d, o).array()).all());
      FoldErrors e;
      e.fold = f;
      e.error = r.errors;
      folds.push_back(e);
    }
    const CvResult combined = combineFolds(folds, specGrid(d, o));
    if (m == LinearModel::Lasso) {
      CvSpec spec;
      spec.grid = specGrid(d, o);
      const CvResult direct = crossValidate(d.fit.x, d.fit.y, specFoldIds(d, k, 99), spec);
      CHECK((combined.meanError.array() == direct.meanError.array()).all());
      CHECK(combined.bestIndex == direct.bestIndex);
    }
    CHECK(combined.bestIndex > 0);
    CHECK(combined.oneSeIndex <= combined.bestIndex);
  }
}

TEST_CASE("spec linear model input errors name the option", "[linear]") {
  const SpecDesign diabetes = specDesign(dataSpec("diabetes", 0.2, 0.2));
  CHECK_THROWS_WITH(specPath(diabetes, modelOptions(LinearModel::Logistic, 1.0)),
                    Catch::Contains("options.model") && Catch::Contains("two classes"));
  LinearModelOptions o = modelOptions(LinearModel::Lasso, 1.0);
  o.nAlphas = 0;
  CHECK_THROWS_WITH(specPath(diabetes, o), Catch::Contains("options.nAlphas"));
  o = modelOptions(LinearModel::ElasticNet, 0.0);
  CHECK_THROWS_WITH(specPath(diabetes, o), Catch::Contains("options.l1Ratio"));
  o = modelOptions(LinearModel::Lasso, 1.0);
  o.eps = 1.0;
  CHECK_THROWS_WITH(specPath(diabetes, o), Catch::Contains("options.eps"));
  CHECK_THROWS_WITH(specCvFold(diabetes, modelOptions(LinearModel::Lasso, 1.0), 1, 1, 0),
                    Catch::Contains("options.folds"));
  CHECK_THROWS_WITH(specCvFold(diabetes, modelOptions(LinearModel::Lasso, 1.0), 3, 1, 3),
                    Catch::Contains("fold"));
  const SpecDesign digits = specDesign(dataSpec("digits", 0.2, 0.2));
  CHECK_THROWS_WITH(specPath(digits, modelOptions(LinearModel::Lasso, 1.0)),
                    Catch::Contains("10 classes"));
  engine::ExperimentSpec bad = dataSpec("diabetes", 0.2, 0.2);
  bad.data.folds = 1;
  CHECK_THROWS_WITH(specDesign(bad), Catch::Contains("data.folds"));
  CHECK_THROWS_WITH(specDesign(dataSpec("custom", 0.2, 0.2)), Catch::Contains("custom"));
}
