// The metrics a run records, column by column, until the UI takes them.
// One row per record point (every recordEvery steps and at each epoch end). Per-layer columns
// hold `layers` values per row, row-major. Columns leave as typed arrays in one call
// (takeRows), never value by value.
#pragma once

#include <vector>

namespace engine {

struct LayerStats {
  double weightL1 = 0.0;  // Σ|w| over the layer's weights
  double weightL2 = 0.0;  // ‖w‖₂ over the layer's weights
  double gradNorm = 0.0;  // ‖∂L/∂θ‖₂ over the layer's weights and bias, after clipping
  double updateRatio = 0.0;    // ‖Δw‖₂ / ‖w‖₂ of the last optimizer step
  double zeroFraction = 0.0;   // share of weights exactly 0
  double smallFraction = 0.0;  // share of weights with |w| < kSmallWeight
};

struct MetricsRow {
  double step = 0, epoch = 0, lr = 0;
  double batchLoss = 0, trainLoss = 0, trainPenalty = 0, valLoss = 0, testLoss = 0;
  double trainAccuracy = 0, valAccuracy = 0, testAccuracy = 0;
};

struct MetricsColumns {
  int rows = 0;
  int layers = 0;
  std::vector<double> step, epoch, lr, batchLoss, trainLoss, trainPenalty, valLoss, testLoss,
      trainAccuracy, valAccuracy, testAccuracy;
  std::vector<double> weightL1, weightL2, gradNorm, updateRatio, zeroFraction, smallFraction;
};

class MetricsLog {
 public:
  explicit MetricsLog(int layers = 0) { pending_.layers = layers; }
  void append(const MetricsRow& row, const std::vector<LayerStats>& layers);
  // Everything recorded since the previous call; the log is empty afterwards.
  MetricsColumns takeRows();
  int pendingRows() const { return pending_.rows; }
  // Keeps memory bounded when nobody reads: oldest rows go first past this many.
  static constexpr int kMaxPendingRows = 100000;

 private:
  MetricsColumns pending_;
};

}  // namespace engine
