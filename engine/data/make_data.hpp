// From a DataSpec and a seed to the three splits the trainer uses:
//   generate (or load) → split → expand features → fit the scaler on train → scale every split.
// Generation and splitting draw from separate Rng streams of the seed, so changing valFraction
// or testFraction never changes the generated points, and changing noise never changes which
// row indices go to which split. The real sets ignore samples, noise and labelNoise.
// Same spec + same seed ⇒ the same SplitData, bit for bit, in the same build.
// k-fold cross-validation (data.folds = k > 0, data.fold = j): the test split is drawn exactly
// as without folds; the other rows, in increasing index order, are dealt into k seeded folds
// (linear/folds.hpp: PCG32 stream kFoldStream of the spec's seed, stratified by class for
// classification, plain for regression), the validation split is fold j and the training split
// the other k − 1 folds, both in increasing index order; data.valFraction is not used. The
// folds depend only on the seed, k, the non-test rows and their classes, so one Trainer per
// (grid point, fold) can run on any worker and give the same run; the training rows never
// include fold j's rows. With fewer non-test rows than k the last folds are empty (split.hpp).
// SplitData's trainRows / validationRows / testRows say which rows of the whole set each split
// holds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

// data.trainFraction = f < 1 keeps, of the training split, per class the first ⌈f·n_c⌉ rows
// of the split's order (regression: the first ⌈f·n⌉), at least one per class; the scaler is
// fitted on the rows kept. Validation and test keep every row, so accuracies stay comparable.
// Scaling (data.standardize): per feature (StandardScaler); per channel instead when
// `perChannel` and the kind's rows are images (data_kinds.hpp): the trainer asks for it when
// the model is a CNN, whose filters slide over the image and need every pixel of a channel in
// the same units (torchvision's Normalize with the training split's mean and std).
// Every kind except "custom"; throws std::invalid_argument naming the field for bad values.
SplitData makeData(const DataSpec& spec, std::uint32_t seed, bool perChannel = false);

// User data: x is rows × cols row-major, y is rows × targetCols row-major. spec.task decides
// the target: classification: one column of integers 0..K−1, K ≥ 2, every class present;
// regression: 1 to kMaxTargetColumns columns of any finite values (one network output each).
// NaN / infinity anywhere, an empty table or a too-large one throw std::invalid_argument with a
// user-facing message. featureNames and targetNames (optional) name x's and y's columns;
// default x1..x<cols> and y (or y1..y<k>).
// With valFraction = testFraction = 0 the training rows keep the given order (no shuffle), so
// training.shuffle = false replays the batches of another framework row for row.
SplitData makeCustomData(const DataSpec& spec, std::uint32_t seed, const float* x, const float* y,
                         int rows, int cols, const std::vector<std::string>& featureNames = {},
                         int targetCols = 1, const std::vector<std::string>& targetNames = {});
constexpr int kMaxTargetColumns = 16;

// User-supplied data (the spec's data.kind is "custom"): row-major rows × cols inputs and
// rows × targetCols targets (one column for classification).
struct CustomData {
  std::vector<float> x;
  std::vector<float> y;
  int rows = 0;
  int cols = 0;
  int targetCols = 1;
  std::vector<std::string> featureNames;  // optional: one per column of x
  std::vector<std::string> targetNames;   // optional: one per column of y
};

// The data a Trainer uses: makeData, or makeCustomData with `custom` (required for kind
// "custom", which it implies) after checking its sizes and the browser's limits.
SplitData makeSpecData(const DataSpec& spec, std::uint32_t seed, const CustomData* custom,
                       bool perChannel = false);

// The Rng streams makeData uses (exposed so tests can replay a stage on its own).
constexpr std::uint64_t kDataGenerateStream = 0xda7a0001u;
constexpr std::uint64_t kDataSplitStream = 0xda7a0002u;

}  // namespace engine
