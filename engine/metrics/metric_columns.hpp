// The one table of metric columns: name, whether it holds one value per trainable layer, and a
// line of doc. The metrics log stores rows through it, the JS API hands columns out by these
// names, and describe() exports it for the page (its store, charts, CSV export and embed API
// read the names from there). A new metric: a member in MetricsRow or LayerStats and one row
// in the table (metric_columns.cpp).
#pragma once

#include <string>
#include <vector>

namespace engine {

// One record point (every recordEvery steps and at each epoch end).
struct MetricsRow {
  double step = 0, epoch = 0, lr = 0;
  double batchLoss = 0, trainLoss = 0, trainPenalty = 0, valLoss = 0, testLoss = 0;
  double lossGap = 0;  // valLoss − trainLoss (0 without a validation split)
  double trainAccuracy = 0, valAccuracy = 0, testAccuracy = 0;
  double gradNormTotal = 0;    // ‖g‖₂ over every parameter, before clipping
  double gradNormClipped = 0;  // the same after clipping (equal when clipping is off)
};

// One trainable layer at a record point.
struct LayerStats {
  double weightL1 = 0.0;  // Σ|w| over the layer's weights
  double weightL2 = 0.0;  // ‖w‖₂ over the layer's weights
  double gradNorm = 0.0;  // ‖∂L/∂θ‖₂ over the layer's weights and bias, before clipping
  double updateRatio = 0.0;    // ‖Δw‖₂ / ‖w‖₂ of the last optimizer step
  double zeroFraction = 0.0;   // share of weights exactly 0
  double smallFraction = 0.0;  // share of weights with |w| < kSmallWeight, zeros included
};

struct MetricColumn {
  std::string name;
  bool perLayer = false;
  std::string doc;
  double MetricsRow::*row = nullptr;    // scalar columns
  double LayerStats::*layer = nullptr;  // per-layer columns
};

// Scalar columns first, then the per-layer ones.
const std::vector<MetricColumn>& metricColumns();
// Position of a column in metricColumns(); throws std::invalid_argument for an unknown name.
std::size_t metricIndex(const std::string& name);

}  // namespace engine
