#include "linear/folds.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

#include "core/rng.hpp"

namespace engine::linear {

namespace {

void checkNk(int n, int k, const char* where) {
  if (n < 1) throw std::invalid_argument(std::string(where) + ": n must be >= 1 (empty data)");
  if (k < 2 || k > n) {
    throw std::invalid_argument(std::string(where) + ": k must be in [2, n] = [2, " +
                                std::to_string(n) + "], got " + std::to_string(k));
  }
}

std::vector<int> plainIds(int n, int k, std::uint64_t seed) {
  Rng rng(seed, kFoldStream);
  std::vector<int> perm;
  rng.permutation(perm, n);
  std::vector<int> ids(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r)
    ids[static_cast<std::size_t>(perm[static_cast<std::size_t>(r)])] = r % k;
  return ids;
}

std::vector<int> stratifiedIds(const std::vector<int>& labels, int k, std::uint64_t seed) {
  const int n = static_cast<int>(labels.size());
  std::map<int, std::vector<int>> byClass;  // ordered by label
  for (int i = 0; i < n; ++i) byClass[labels[static_cast<std::size_t>(i)]].push_back(i);
  Rng rng(seed, kFoldStream);
  std::vector<int> ids(static_cast<std::size_t>(n));
  std::vector<int> perm;
  int r = 0;
  for (const auto& [label, rows] : byClass) {
    rng.permutation(perm, static_cast<int>(rows.size()));
    for (int idx : perm)
      ids[static_cast<std::size_t>(rows[static_cast<std::size_t>(idx)])] = r++ % k;
  }
  return ids;
}

void checkLabels(int n, const std::vector<int>& labels, const char* where) {
  if (!labels.empty() && static_cast<int>(labels.size()) != n) {
    throw std::invalid_argument(std::string(where) + ": labels has " +
                                std::to_string(labels.size()) +
                                " entries for n = " + std::to_string(n) + " rows");
  }
}

}  // namespace

std::vector<int> foldIds(int n, int k, std::uint64_t seed) {
  checkNk(n, k, "foldIds");
  return plainIds(n, k, seed);
}

std::vector<int> stratifiedFoldIds(const std::vector<int>& labels, int k, std::uint64_t seed) {
  checkNk(static_cast<int>(labels.size()), k, "stratifiedFoldIds");
  return stratifiedIds(labels, k, seed);
}

std::vector<int> foldIds(int n, int k, std::uint64_t seed, const std::vector<int>& labels) {
  if (labels.empty()) return foldIds(n, k, seed);
  checkLabels(n, labels, "foldIds");
  return stratifiedFoldIds(labels, k, seed);
}

std::vector<int> foldIdsAllowingEmpty(int n, int k, std::uint64_t seed,
                                      const std::vector<int>& labels) {
  if (n < 1) throw std::invalid_argument("foldIds: n must be >= 1 (empty data)");
  if (k < 2) throw std::invalid_argument("foldIds: k must be >= 2, got " + std::to_string(k));
  checkLabels(n, labels, "foldIds");
  return labels.empty() ? plainIds(n, k, seed) : stratifiedIds(labels, k, seed);
}

int foldCount(const std::vector<int>& ids) {
  if (ids.empty()) throw std::invalid_argument("foldIds: empty (no rows)");
  const int k = *std::max_element(ids.begin(), ids.end()) + 1;
  if (*std::min_element(ids.begin(), ids.end()) < 0) {
    throw std::invalid_argument("foldIds: a fold id is negative");
  }
  if (k < 2) throw std::invalid_argument("foldIds: k must be >= 2, every row is in fold 0");
  std::vector<int> sizes(static_cast<std::size_t>(k), 0);
  for (int id : ids) ++sizes[static_cast<std::size_t>(id)];
  for (int f = 0; f < k; ++f) {
    if (sizes[static_cast<std::size_t>(f)] == 0) {
      throw std::invalid_argument("foldIds: fold " + std::to_string(f) + " of " +
                                  std::to_string(k) + " has no rows");
    }
  }
  return k;
}

}  // namespace engine::linear
