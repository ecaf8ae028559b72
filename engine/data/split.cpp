#include "data/split.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "linear/folds.hpp"

namespace engine {

namespace {

// ⌈f·n⌉ as sklearn, minus a hair so 0.2·200 = 40.000000000000004 does not become 41.
int ceilShare(double f, int n) {
  return static_cast<int>(std::ceil(f * static_cast<double>(n) - 1e-9));
}

void checkFraction(const char* field, double f) {
  if (!(f >= 0.0 && f < 1.0)) {
    throw std::invalid_argument(std::string(field) + ": must be in [0, 1), got " +
                                std::to_string(f));
  }
}

}  // namespace

SplitIndices splitIndices(int n, double valFraction, double testFraction, Rng& rng) {
  checkFraction("data.valFraction", valFraction);
  checkFraction("data.testFraction", testFraction);
  const int nTest = ceilShare(testFraction, n);
  const int nVal = ceilShare(valFraction, n);
  const int nTrain = n - nTest - nVal;
  if (nTrain < 1) {
    throw std::invalid_argument(
        "data.valFraction + data.testFraction: leave no training rows out of " + std::to_string(n) +
        " (validation " + std::to_string(nVal) + ", test " + std::to_string(nTest) + ")");
  }
  std::vector<int> perm;
  rng.permutation(perm, n);
  SplitIndices s;
  s.test.assign(perm.begin(), perm.begin() + nTest);
  s.validation.assign(perm.begin() + nTest, perm.begin() + nTest + nVal);
  s.train.assign(perm.begin() + nTest + nVal, perm.end());
  return s;
}

SplitIndices foldSplitIndices(int n, double testFraction, int folds, int fold,
                              const std::vector<int>& labels, std::uint64_t foldSeed, Rng& rng) {
  if (folds < 2) {
    throw std::invalid_argument("data.folds: must be 0 (off) or at least 2, got " +
                                std::to_string(folds));
  }
  if (fold < 0 || fold >= folds) {
    throw std::invalid_argument("data.fold: must be in [0, " + std::to_string(folds - 1) +
                                "], got " + std::to_string(fold));
  }
  if (!labels.empty() && static_cast<int>(labels.size()) != n) {
    throw std::invalid_argument("foldSplitIndices: " + std::to_string(labels.size()) +
                                " labels for " + std::to_string(n) + " rows");
  }
  const SplitIndices held = splitIndices(n, 0.0, testFraction, rng);
  std::vector<int> rest = held.train;
  std::sort(rest.begin(), rest.end());
  std::vector<int> restLabels;
  if (!labels.empty()) {
    restLabels.reserve(rest.size());
    for (int i : rest) restLabels.push_back(labels[static_cast<std::size_t>(i)]);
  }
  const std::vector<int> ids =
      linear::foldIdsAllowingEmpty(static_cast<int>(rest.size()), folds, foldSeed, restLabels);
  SplitIndices s;
  s.test = held.test;
  for (std::size_t r = 0; r < rest.size(); ++r)
    (ids[r] == fold ? s.validation : s.train).push_back(rest[r]);
  return s;
}

Dataset takeRows(const Dataset& d, const std::vector<int>& rows) {
  Dataset out;
  const auto m = static_cast<Index>(rows.size());
  const bool withX = d.x.rows() > 0;
  if (withX) out.x.resize(m, d.x.cols());
  out.raw.resize(m, d.raw.cols());
  const auto k = static_cast<std::size_t>(d.targetCols);
  out.target.resize(rows.size() * k);
  for (Index r = 0; r < m; ++r) {
    const int i = rows[static_cast<std::size_t>(r)];
    if (withX) out.x.row(r) = d.x.row(i);
    out.raw.row(r) = d.raw.row(i);
    for (std::size_t j = 0; j < k; ++j)
      out.target[static_cast<std::size_t>(r) * k + j] =
          d.target[static_cast<std::size_t>(i) * k + j];
  }
  out.targetCols = d.targetCols;
  out.targetNames = d.targetNames;
  out.numClasses = d.numClasses;
  out.featureNames = d.featureNames;
  out.rawNames = d.rawNames;
  return out;
}

}  // namespace engine
