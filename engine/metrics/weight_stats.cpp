#include "metrics/weight_stats.hpp"

#include <algorithm>
#include <cmath>

namespace engine {

void weightStats(const Matrix& w, LayerStats& stats) {
  const Index n = w.size();
  stats.weightL1 = static_cast<double>(w.cwiseAbs().sum());
  stats.weightL2 = std::sqrt(static_cast<double>(w.squaredNorm()));
  Index zeros = 0;
  Index small = 0;
  for (Index i = 0; i < n; ++i) {
    const double a = std::abs(static_cast<double>(w.data()[i]));
    zeros += a == 0.0;
    small += a < kSmallWeight;
  }
  stats.zeroFraction = n ? static_cast<double>(zeros) / static_cast<double>(n) : 0.0;
  stats.smallFraction = n ? static_cast<double>(small) / static_cast<double>(n) : 0.0;
}

Histogram weightHistogram(const std::vector<const Matrix*>& weights, int bins) {
  Histogram h;
  bins = std::max(1, bins);
  double m = 0.0;
  for (const Matrix* w : weights)
    if (w->size()) m = std::max(m, static_cast<double>(w->cwiseAbs().maxCoeff()));
  if (m == 0.0) m = 1.0;
  h.edges.resize(static_cast<std::size_t>(bins) + 1);
  for (int i = 0; i <= bins; ++i) h.edges[static_cast<std::size_t>(i)] = -m + 2.0 * m * i / bins;
  h.counts.assign(static_cast<std::size_t>(bins), 0.0);
  for (const Matrix* w : weights) {
    for (Index i = 0; i < w->size(); ++i) {
      const double v = static_cast<double>(w->data()[i]);
      auto b = static_cast<int>(std::floor((v + m) / (2.0 * m) * bins));
      b = std::clamp(b, 0, bins - 1);  // v = m falls in the last bin
      h.counts[static_cast<std::size_t>(b)] += 1.0;
    }
  }
  return h;
}

}  // namespace engine
