// Per-layer weight statistics and the weight histogram shown by the charts.
// Norms are over a layer's weight matrix only (biases are not regularised by default, and their
// size says little about sparsity); the gradient norm covers all of the layer's parameters.
#pragma once

#include <vector>

#include "core/eigen.hpp"
#include "metrics/metrics_log.hpp"

namespace engine {

constexpr double kSmallWeight = 1e-3;

// Fills the weight-only fields (L1, L2, zero and small fractions) of `stats`.
void weightStats(const Matrix& w, LayerStats& stats);

struct Histogram {
  std::vector<double> edges;   // bins + 1, symmetric around 0: [−m, m], m = max |w|
  std::vector<double> counts;  // bins
};

// Histogram of every entry of every matrix given; an all-zero set gets edges [−1, 1].
Histogram weightHistogram(const std::vector<const Matrix*>& weights, int bins);

}  // namespace engine
