// From a DataSpec and a seed to the three splits the trainer uses:
//   generate (or load) → split → expand features → fit the scaler on train → scale every split.
// Generation and splitting draw from separate Rng streams of the seed, so changing valFraction
// or testFraction never changes the generated points, and changing noise never changes which
// row indices go to which split. The real sets ignore samples, noise and labelNoise.
// Same spec + same seed ⇒ the same SplitData, bit for bit, in the same build.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

// Every kind except "custom"; throws std::invalid_argument naming the field for bad values.
SplitData makeData(const DataSpec& spec, std::uint32_t seed);

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

// The Rng streams makeData uses (exposed so tests can replay a stage on its own).
constexpr std::uint64_t kDataGenerateStream = 0xda7a0001u;
constexpr std::uint64_t kDataSplitStream = 0xda7a0002u;

}  // namespace engine
