// Seeded train / validation / test split, as sklearn.model_selection.train_test_split applied
// twice (shuffle=True, no stratification: class shares vary by chance between splits):
//   n_test = ⌈f_test·n⌉, n_val = ⌈f_val·n⌉ (sklearn rounds the test share up), n_train = rest
//   π = a uniform permutation of 0..n−1; test = π[0, n_test), validation = the next n_val,
//   train = the remaining rows, each in π's order.
// Taking test first means changing f_val never moves a row into or out of the test set.
// k-fold validation (data.folds = k > 0) keeps that test split and partitions the other rows
// into k folds instead of taking a validation share: foldSplitIndices below.
#pragma once

#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "data/dataset.hpp"

namespace engine {

struct SplitIndices {
  std::vector<int> train, validation, test;
};

// fractions in [0, 1) with f_val + f_test < 1 and n_train ≥ 1, else std::invalid_argument.
SplitIndices splitIndices(int n, double valFraction, double testFraction, Rng& rng);

// k-fold validation split: the test rows exactly as splitIndices(n, 0, f_test, rng) draws them
// (the same rows as without folds), then the other rows, in increasing index order, get the
// fold ids of linear/folds.hpp (seed `foldSeed`, PCG32 stream kFoldStream; stratified by class
// when `labels`, one per row of the whole set, is non-empty): validation = the rows of fold
// `fold`, train = the rows of every other fold, both in increasing index order. k may exceed
// the number of non-test rows: the folds no row reaches are empty (validation then has no rows).
// Requires 2 ≤ k, 0 ≤ fold < k, f_test in [0, 1) leaving a row outside the test split.
SplitIndices foldSplitIndices(int n, double testFraction, int folds, int fold,
                              const std::vector<int>& labels, std::uint64_t foldSeed, Rng& rng);

// The rows `rows` of d, in that order: raw, target, and x when d.x has rows (makeData frees the
// unsplit x and expands each split's raw instead); names and numClasses copied.
Dataset takeRows(const Dataset& d, const std::vector<int>& rows);

}  // namespace engine
