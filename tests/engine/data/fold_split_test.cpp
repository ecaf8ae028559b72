// The network's k-fold validation split (data.folds, data.fold; make_data.hpp): the folds
// partition the non-test rows, are stratified by class, depend only on the seed, the validation
// split of fold j is exactly fold j, and the training split never holds its rows. The test split
// is the one without folds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "core/rng.hpp"
#include "data/make_data.hpp"
#include "data/split.hpp"
#include "linear/folds.hpp"
#include "spec/experiment_spec.hpp"

using namespace engine;

namespace {

std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

DataSpec foldSpec(const std::string& kind, int folds, int fold) {
  DataSpec d;
  d.kind = kind;
  d.samples = 203;
  d.folds = folds;
  d.fold = fold;
  return d;
}

// Rows of the whole set as (raw row) for checking which rows a split holds.
std::vector<int> labelsOf(const Dataset& d) {
  std::vector<int> out;
  for (float t : d.target) out.push_back(static_cast<int>(t));
  return out;
}

}  // namespace

TEST_CASE("k folds partition the non-test rows, the test split is the one without folds",
          "[data]") {
  for (const std::string kind : {"moons", "regression1d", "diabetes"}) {
    INFO(kind);
    const int k = 5;
    const SplitData plain = makeData(foldSpec(kind, 0, 0), 11);
    std::vector<int> nonTest = plain.trainRows;
    nonTest.insert(nonTest.end(), plain.validationRows.begin(), plain.validationRows.end());
    nonTest = sorted(nonTest);
    std::vector<int> union_;
    std::size_t smallest = SIZE_MAX, largest = 0;
    for (int j = 0; j < k; ++j) {
      const SplitData s = makeData(foldSpec(kind, k, j), 11);
      CHECK(s.testRows == plain.testRows);
      // Validation and training are disjoint and together the non-test rows.
      std::vector<int> both = s.trainRows;
      both.insert(both.end(), s.validationRows.begin(), s.validationRows.end());
      CHECK(sorted(both) == nonTest);
      std::set<int> validation(s.validationRows.begin(), s.validationRows.end());
      for (int r : s.trainRows) CHECK(validation.count(r) == 0);
      union_.insert(union_.end(), s.validationRows.begin(), s.validationRows.end());
      smallest = std::min(smallest, s.validationRows.size());
      largest = std::max(largest, s.validationRows.size());
      CHECK(s.validation.rows() == static_cast<Index>(s.validationRows.size()));
      CHECK(s.train.rows() == static_cast<Index>(s.trainRows.size()));
    }
    // Every non-test row is in exactly one validation fold; fold sizes differ by one at most.
    CHECK(sorted(union_) == nonTest);
    CHECK(largest - smallest <= 1);
  }
}

TEST_CASE("fold j's validation rows are exactly fold j of the seeded fold ids", "[data]") {
  const int k = 4;
  const SplitData plain = makeData(foldSpec("circle", 0, 0), 5);
  std::vector<int> nonTest = plain.trainRows;
  nonTest.insert(nonTest.end(), plain.validationRows.begin(), plain.validationRows.end());
  nonTest = sorted(nonTest);
  // The class of every non-test row, in increasing row order.
  std::map<int, int> classOf;
  for (std::size_t i = 0; i < plain.trainRows.size(); ++i)
    classOf[plain.trainRows[i]] = static_cast<int>(plain.train.target[i]);
  for (std::size_t i = 0; i < plain.validationRows.size(); ++i)
    classOf[plain.validationRows[i]] = static_cast<int>(plain.validation.target[i]);
  std::vector<int> labels;
  for (int r : nonTest) labels.push_back(classOf[r]);
  const std::vector<int> ids = linear::foldIds(static_cast<int>(nonTest.size()), k, 5, labels);
  for (int j = 0; j < k; ++j) {
    const SplitData s = makeData(foldSpec("circle", k, j), 5);
    std::vector<int> want, wantTrain;
    for (std::size_t r = 0; r < nonTest.size(); ++r)
      (ids[r] == j ? want : wantTrain).push_back(nonTest[r]);
    CHECK(s.validationRows == want);  // increasing row order
    CHECK(s.trainRows == wantTrain);
  }
}

TEST_CASE("the folds are stratified by class and a function of the seed", "[data]") {
  const int k = 5;
  const SplitData plain = makeData(foldSpec("breastCancer", 0, 0), 3);
  std::map<int, int> total;  // class → non-test rows
  for (int c : labelsOf(plain.train)) ++total[c];
  for (int c : labelsOf(plain.validation)) ++total[c];
  for (int j = 0; j < k; ++j) {
    const SplitData s = makeData(foldSpec("breastCancer", k, j), 3);
    std::map<int, int> inFold;
    for (int c : labelsOf(s.validation)) ++inFold[c];
    for (const auto& [c, n] : total) {
      INFO("fold " << j << " class " << c);
      CHECK(inFold[c] >= n / k);
      CHECK(inFold[c] <= (n + k - 1) / k);
    }
    // Deterministic: the same seed gives the same fold, another seed another.
    CHECK(makeData(foldSpec("breastCancer", k, j), 3).validationRows == s.validationRows);
    CHECK(makeData(foldSpec("breastCancer", k, j), 4).validationRows != s.validationRows);
  }
}

TEST_CASE("with folds on, the validation share does not matter", "[data]") {
  DataSpec a = foldSpec("xor", 3, 1), b = a;
  a.valFraction = 0.0;
  b.valFraction = 0.5;
  const SplitData sa = makeData(a, 9), sb = makeData(b, 9);
  CHECK(sa.validationRows == sb.validationRows);
  CHECK(sa.trainRows == sb.trainRows);
  CHECK(sa.testRows == sb.testRows);
  CHECK((sa.train.x.array() == sb.train.x.array()).all());
}

TEST_CASE("more folds than non-test rows leave the last folds empty, never fail", "[data]") {
  Rng rng(1);
  // 10 rows, 5 test rows, 10 folds: folds 5..9 hold no row.
  for (int j = 0; j < 10; ++j) {
    Rng r(1);
    const SplitIndices s = foldSplitIndices(10, 0.5, 10, j, {}, 7, r);
    CHECK(s.test.size() == 5);
    CHECK(s.validation.size() == (j < 5 ? 1u : 0u));
    CHECK(s.train.size() + s.validation.size() == 5);
  }
  CHECK_THROWS_WITH(foldSplitIndices(10, 0.2, 1, 0, {}, 7, rng), Catch::Contains("data.folds"));
  CHECK_THROWS_WITH(foldSplitIndices(10, 0.2, 3, 3, {}, 7, rng), Catch::Contains("data.fold"));
}

TEST_CASE("custom data keeps its row order inside each fold's splits", "[data]") {
  DataSpec d;
  d.kind = "custom";
  d.task = "regression";
  d.testFraction = 0.0;
  d.folds = 3;
  d.fold = 2;
  std::vector<float> x(30), y(30);
  std::iota(x.begin(), x.end(), 0.0f);
  std::iota(y.begin(), y.end(), 0.0f);
  const SplitData s = makeCustomData(d, 1, x.data(), y.data(), 30, 1);
  CHECK(std::is_sorted(s.trainRows.begin(), s.trainRows.end()));
  CHECK(std::is_sorted(s.validationRows.begin(), s.validationRows.end()));
  CHECK(s.trainRows.size() + s.validationRows.size() == 30);
  CHECK(s.validationRows.size() == 10);
}
