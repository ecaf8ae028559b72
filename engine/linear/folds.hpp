// Seeded k-fold assignment for cross-validation: row i goes to fold foldIds[i] ∈ {0, …, k−1}.
//   plain:      a PCG32 permutation π of 0..n−1 (core/rng.hpp, stream kFoldStream), then
//               fold(π_r) = r mod k: fold sizes differ by at most 1.
//   stratified: the rows of each class (classes in increasing label order, rows in increasing
//               index order) are shuffled by one permutation each, drawn in that order, then
//               dealt r mod k with r counting on across classes: every fold holds ⌊n_c/k⌋ or
//               ⌈n_c/k⌉ rows of each class c, and ⌊n/k⌋ or ⌈n/k⌉ rows in all.
// Same (n, k, seed, labels) → same ids on every platform (our PCG32, no std:: distributions).
// The folds are random but not scikit-learn's (KFold / StratifiedKFold use numpy's generator); to
// compare with sklearn, pass its folds as ids (cross_validation.hpp takes any ids).
// References: Hastie, Tibshirani & Friedman, ESL §7.10; Kohavi (1995, IJCAI) on stratification.
#pragma once

#include <cstdint>
#include <vector>

namespace engine::linear {

constexpr std::uint64_t kFoldStream = 0xf01d0001u;

// Throws std::invalid_argument unless n ≥ 1 and 2 ≤ k ≤ n.
std::vector<int> foldIds(int n, int k, std::uint64_t seed);
// Stratified by labels (any integers, one per row).
std::vector<int> stratifiedFoldIds(const std::vector<int>& labels, int k, std::uint64_t seed);
// One entry point for both: stratified when labels is non-empty (then labels.size() must be n).
std::vector<int> foldIds(int n, int k, std::uint64_t seed, const std::vector<int>& labels);
// The same ids, but k may exceed n (n ≥ 1, k ≥ 2): the folds no row reaches stay empty. For the
// network's k-fold split of a small data set (data/make_data.hpp), where data.folds is chosen
// before the data and must not make a valid spec fail.
std::vector<int> foldIdsAllowingEmpty(int n, int k, std::uint64_t seed,
                                      const std::vector<int>& labels);

// k = max id + 1, after checking every id is in [0, k) and every fold has a row; n = ids.size().
int foldCount(const std::vector<int>& ids);

}  // namespace engine::linear
