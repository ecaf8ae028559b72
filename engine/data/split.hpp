// Seeded train / validation / test split, as sklearn.model_selection.train_test_split applied
// twice (shuffle=True, no stratification: class shares vary by chance between splits):
//   n_test = ⌈f_test·n⌉, n_val = ⌈f_val·n⌉ (sklearn rounds the test share up), n_train = rest
//   π = a uniform permutation of 0..n−1; test = π[0, n_test), validation = the next n_val,
//   train = the remaining rows, each in π's order.
// Taking test first means changing f_val never moves a row into or out of the test set.
#pragma once

#include <vector>

#include "core/rng.hpp"
#include "data/dataset.hpp"

namespace engine {

struct SplitIndices {
  std::vector<int> train, validation, test;
};

// fractions in [0, 1) with f_val + f_test < 1 and n_train ≥ 1, else std::invalid_argument.
SplitIndices splitIndices(int n, double valFraction, double testFraction, Rng& rng);

// The rows `rows` of d, in that order: raw, target, and x when d.x has rows (makeData frees the
// unsplit x and expands each split's raw instead); names and numClasses copied.
Dataset takeRows(const Dataset& d, const std::vector<int>& rows);

}  // namespace engine
