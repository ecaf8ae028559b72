// Fold assignment (deterministic, balanced, stratified) and k-fold cross-validation of the exact
// paths: LassoCV / ElasticNetCV of scikit-learn 1.2 on diabetes with the golden script's fold ids
// (tests/golden/linear_path.json), and bit-identical results whatever order the folds are
// computed in.
// Tolerances: the per-fold test MSEs come from paths fitted at tol 1e-12 (sklearn's reference at
// 1e-14): 1e-8 relative on every mse_path_ entry, mean and standard error; the minimum and
// one-standard-error indices exactly, and the refit at alpha_ to 1e-6 relative.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <numeric>

#include "core/rng.hpp"
#include "linear/cross_validation.hpp"
#include "linear/folds.hpp"
#include "linear_golden.hpp"

using engine::test::breastCancerDesign;
using engine::test::diabetesDesign;
using engine::test::jsonMatrix;
using engine::test::jsonVector;
using engine::test::linearGolden;
using engine::test::requireCoefficients;
using namespace engine::linear;

namespace {

std::vector<int> labelsOf(const Eigen::VectorXd& y) {
  std::vector<int> out(static_cast<std::size_t>(y.size()));
  for (Eigen::Index i = 0; i < y.size(); ++i)
    out[static_cast<std::size_t>(i)] = static_cast<int>(y(i));
  return out;
}

void requireBitIdentical(const CvResult& a, const CvResult& b) {
  REQUIRE(a.foldError.rows() == b.foldError.rows());
  REQUIRE(a.foldError.cols() == b.foldError.cols());
  CHECK((a.foldError.array() == b.foldError.array()).all());
  CHECK((a.meanError.array() == b.meanError.array()).all());
  CHECK((a.stdError.array() == b.stdError.array()).all());
  CHECK(a.bestIndex == b.bestIndex);
  CHECK(a.oneSeIndex == b.oneSeIndex);
}

}  // namespace

TEST_CASE("fold ids are a deterministic function of the seed, with balanced folds", "[linear]") {
  const std::vector<int> a = foldIds(103, 5, 7);
  CHECK(a == foldIds(103, 5, 7));
  CHECK(a != foldIds(103, 5, 8));
  std::vector<int> sizes(5, 0);
  for (int id : a) ++sizes[static_cast<std::size_t>(id)];
  for (int s : sizes) CHECK((s == 20 || s == 21));
  CHECK(foldCount(a) == 5);
  // Pinned: the first ids of seed 7 (PCG32 stream kFoldStream). A change here changes every
  // shared experiment's folds.
  engine::Rng rng(7, kFoldStream);
  std::vector<int> perm;
  rng.permutation(perm, 103);
  for (int r = 0; r < 103; ++r)
    CHECK(a[static_cast<std::size_t>(perm[static_cast<std::size_t>(r)])] == r % 5);
}

TEST_CASE("stratified folds keep every class within one sample of its share", "[linear]") {
  const Design& d = breastCancerDesign();
  const std::vector<int> labels = labelsOf(d.y);
  for (int k : {2, 3, 5, 10}) {
    for (std::uint64_t seed : {1u, 2u, 99u}) {
      const std::vector<int> ids = stratifiedFoldIds(labels, k, seed);
      CHECK(ids == stratifiedFoldIds(labels, k, seed));
      std::map<int, int> classTotal;
      for (int l : labels) ++classTotal[l];
      std::map<std::pair<int, int>, int> count;  // (fold, class)
      std::vector<int> sizes(static_cast<std::size_t>(k), 0);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        ++count[{ids[i], labels[i]}];
        ++sizes[static_cast<std::size_t>(ids[i])];
      }
      const int n = static_cast<int>(ids.size());
      for (int f = 0; f < k; ++f) {
        CHECK((sizes[static_cast<std::size_t>(f)] == n / k ||
               sizes[static_cast<std::size_t>(f)] == n / k + 1));
        for (const auto& [label, total] : classTotal) {
          const int c = count[{f, label}];
          INFO("k " << k << " seed " << seed << " fold " << f << " class " << label);
          CHECK((c == total / k || c == (total + k - 1) / k));
        }
      }
    }
  }
  // The combined entry point: stratified with labels, plain without.
  CHECK(foldIds(static_cast<int>(labels.size()), 5, 3, labels) == stratifiedFoldIds(labels, 5, 3));
  CHECK(foldIds(40, 4, 3, {}) == foldIds(40, 4, 3));
  // A seed changes the folds; three classes work too.
  CHECK(stratifiedFoldIds(labels, 5, 1) != stratifiedFoldIds(labels, 5, 2));
  const std::vector<int> three = {2, 0, 1, 2, 2, 0, 1, 1, 0, 2, 2, 2};
  const std::vector<int> ids = stratifiedFoldIds(three, 3, 4);
  for (int f = 0; f < 3; ++f) {
    int twos = 0;
    for (std::size_t i = 0; i < three.size(); ++i) twos += (ids[i] == f && three[i] == 2);
    CHECK(twos == 2);
  }
}

TEST_CASE("fold input errors name the argument", "[linear]") {
  using Catch::Matchers::Contains;
  REQUIRE_THROWS_WITH(foldIds(10, 1, 0), Contains("k must be in [2, n]"));
  REQUIRE_THROWS_WITH(foldIds(10, 11, 0), Contains("k must be in [2, n]"));
  REQUIRE_THROWS_WITH(foldIds(0, 2, 0), Contains("n must be >= 1"));
  REQUIRE_THROWS_WITH(stratifiedFoldIds({0, 1, 0}, 4, 0), Contains("k must be in [2, n]"));
  REQUIRE_THROWS_WITH(foldIds(4, 2, 0, {0, 1, 0}), Contains("labels has 3 entries for n = 4"));
  REQUIRE_THROWS_WITH(foldCount({0, 0, 2}), Contains("fold 1 of 3 has no rows"));
  REQUIRE_THROWS_WITH(foldCount({0, -1, 1}), Contains("negative"));
  REQUIRE_THROWS_WITH(foldCount({0, 0}), Contains("k must be >= 2"));
}

TEST_CASE("LassoCV and ElasticNetCV on diabetes with sklearn's folds: errors, mean, SE, choices",
          "[linear]") {
  const Design& d = diabetesDesign();
  for (const auto& c : linearGolden().at("diabetes").at("cv")) {
    const std::string name = c.at("name").get<std::string>();
    INFO(name);
    const std::vector<int> ids = c.at("fold_ids").get<std::vector<int>>();
    EnetOptions o;
    o.l1Ratio = c.at("l1_ratio").get<double>();
    o.tol = 1e-12;
    o.maxIter = 1000000;
    const CvSpec spec = enetCvSpec(d.x, d.y, o);
    const Eigen::VectorXd alphas = jsonVector(c.at("alphas"));
    REQUIRE(spec.grid.size() == alphas.size());
    for (Eigen::Index i = 0; i < alphas.size(); ++i) {
      CHECK(spec.grid(i) == Approx(alphas(i)).epsilon(1e-12).margin(0));
    }
    const CvResult r = crossValidate(d.x, d.y, ids, spec);
    // mse_path_ is n_alphas × k; ours is k × n_alphas.
    requireCoefficients(r.foldError, jsonMatrix(c.at("mse_path")).transpose(), 1e-8, 0.0,
                        name + " mse_path");
    requireCoefficients(r.meanError, jsonVector(c.at("mean")), 1e-8, 0.0, name + " mean");
    requireCoefficients(r.stdError, jsonVector(c.at("se")), 1e-6, 0.0, name + " se");
    CHECK(r.bestIndex == c.at("best_index").get<int>());
    CHECK(r.oneSeIndex == c.at("one_se_index").get<int>());
    CHECK(r.grid(r.bestIndex) == Approx(c.at("alpha_").get<double>()).epsilon(1e-12));
    CHECK(r.oneSeIndex < r.bestIndex);  // the 1se choice is a stronger penalty
    // LassoCV's refit on all rows at alpha_.
    const EnetFit refit = enetFit(d.x, d.y, r.grid(r.bestIndex), o);
    requireCoefficients(refit.coef, jsonVector(c.at("coef")), 1e-6, 0.0, name + " refit");
    CHECK(refit.intercept == Approx(c.at("intercept").get<double>()).epsilon(1e-6));
  }
}

TEST_CASE("cross-validation does not depend on the order folds are computed in", "[linear]") {
  SECTION("lasso path, 10 folds, diabetes") {
    const Design& d = diabetesDesign();
    const std::vector<int> ids = foldIds(static_cast<int>(d.x.rows()), 10, 2024);
    const CvSpec spec = enetCvSpec(d.x, d.y);
    const CvResult all = crossValidate(d.x, d.y, ids, spec);
    // Reverse order, a shuffled order, and one fold at a time through fresh vectors.
    std::vector<FoldErrors> reversed;
    for (int f = 9; f >= 0; --f) reversed.push_back(cvFold(d.x, d.y, ids, f, spec));
    requireBitIdentical(combineFolds(reversed, spec.grid), all);
    std::vector<int> order(10);
    std::iota(order.begin(), order.end(), 0);
    engine::Rng rng(5, 77);
    rng.permutation(order, 10);
    std::vector<FoldErrors> shuffled;
    for (int f : order) shuffled.push_back(cvFold(d.x, d.y, ids, f, spec));
    requireBitIdentical(combineFolds(shuffled, spec.grid), all);
    std::vector<FoldErrors> single;
    for (int f = 0; f < 10; ++f) {
      const CvSpec copy = spec;  // as a worker would receive it
      single.push_back(cvFold(Eigen::MatrixXd(d.x), Eigen::VectorXd(d.y), ids, f, copy));
      CHECK(single.back().fold == f);
      CHECK(single.back().testSize + single.back().trainSize == d.x.rows());
    }
    std::swap(single[2], single[7]);
    requireBitIdentical(combineFolds(single, spec.grid), all);
  }
  SECTION("L1 logistic path, stratified 5 folds, breast cancer") {
    const Design& d = breastCancerDesign();
    const std::vector<int> ids = stratifiedFoldIds(labelsOf(d.y), 5, 11);
    LogisticOptions o;
    o.l1Ratio = 1.0;
    const CvSpec spec = logisticCvSpec(d.x, d.y, o, CvScore::LogLoss, 20, 1e-2);
    const CvResult all = crossValidate(d.x, d.y, ids, spec);
    std::vector<FoldErrors> reversed;
    for (int f = 4; f >= 0; --f) reversed.push_back(cvFold(d.x, d.y, ids, f, spec));
    requireBitIdentical(combineFolds(reversed, spec.grid), all);
    // Sanity of the curve: the strongest penalty predicts the base rate, the minimum is inside.
    CHECK(all.bestIndex > 0);
    CHECK(all.meanError(all.bestIndex) < all.meanError(0));
    CHECK(all.oneSeIndex <= all.bestIndex);
  }
}

TEST_CASE("combineFolds computes mean, SE, minimum and one-SE choice by glmnet's rule",
          "[linear]") {
  // Three folds, four grid points (strongest penalty first); hand-computed.
  const Eigen::VectorXd grid = (Eigen::VectorXd(4) << 8, 4, 2, 1).finished();
  std::vector<FoldErrors> folds(3);
  folds[0].fold = 2;
  folds[0].error = {5.0, 3.0, 2.0, 2.6};
  folds[1].fold = 0;
  folds[1].error = {6.0, 2.0, 1.0, 2.5};
  folds[2].fold = 1;
  folds[2].error = {7.0, 2.5, 1.5, 2.4};
  const CvResult r = combineFolds(folds, grid);
  CHECK(r.foldError(0, 0) == 6.0);
  CHECK(r.foldError(2, 0) == 5.0);
  CHECK(r.meanError(0) == Approx(6.0));
  CHECK(r.meanError(2) == Approx(1.5));
  // se = sd(ddof 1)/√k: point 2's errors (1, 1.5, 2) have sd 0.5, so se = 0.5/√3 ≈ 0.2887.
  CHECK(r.stdError(2) == Approx(0.5 / std::sqrt(3.0)));
  CHECK(r.bestIndex == 2);
  // The one-SE bound is 1.5 + 0.2887 = 1.7887; points 0 and 1 (means 6, 2.5) are above it.
  CHECK(r.oneSeIndex == 2);
  folds[0].error[1] = 1.4;  // point 1: mean (1.4 + 2 + 2.5)/3 = 1.9667 > 1.7887: still 2
  CHECK(combineFolds(folds, grid).oneSeIndex == 2);
  folds[0].error[1] = 0.5;  // mean 1.6667 ≤ 1.7887: the 1se choice moves to the stronger point 1
  CHECK(combineFolds(folds, grid).oneSeIndex == 1);
  CHECK(combineFolds(folds, grid).bestIndex == 2);

  using Catch::Matchers::Contains;
  std::vector<FoldErrors> dup = folds;
  dup[1].fold = 2;
  REQUIRE_THROWS_WITH(combineFolds(dup, grid), Contains("given twice"));
  std::vector<FoldErrors> shortOne = folds;
  shortOne[0].error.pop_back();
  REQUIRE_THROWS_WITH(combineFolds(shortOne, grid), Contains("errors for a grid of 4"));
  REQUIRE_THROWS_WITH(combineFolds({folds[0]}, grid), Contains("k >= 2"));
}

TEST_CASE("cross-validation input errors name the argument", "[linear]") {
  const Design& d = diabetesDesign();
  using Catch::Matchers::Contains;
  const CvSpec spec = enetCvSpec(d.x, d.y, {}, 5);
  const std::vector<int> ids = foldIds(static_cast<int>(d.x.rows()), 4, 1);
  REQUIRE_THROWS_WITH(cvFold(d.x, d.y, ids, 4, spec), Contains("fold must be in [0, 4)"));
  REQUIRE_THROWS_WITH(cvFold(d.x, d.y, std::vector<int>(10, 0), 0, spec),
                      Contains("foldIds has 10"));
  CvSpec wrong = spec;
  wrong.score = CvScore::LogLoss;
  REQUIRE_THROWS_WITH(crossValidate(d.x, d.y, ids, wrong), Contains("score"));
  CvSpec empty = spec;
  empty.grid.resize(0);
  REQUIRE_THROWS_WITH(crossValidate(d.x, d.y, ids, empty), Contains("grid is empty"));
}
