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
  // The non-zero finite |w| on a scratch copy: nth_element reorders it.
  std::vector<double> magnitudes;
  for (const Matrix* w : weights) {
    h.total += static_cast<long long>(w->size());
    for (Index i = 0; i < w->size(); ++i) {
      const double v = static_cast<double>(w->data()[i]);
      if (!std::isfinite(v)) {
        ++h.nonFinite;
      } else if (v == 0.0) {
        ++h.zeros;
      } else {
        magnitudes.push_back(std::abs(v));
      }
    }
  }
  double m = 1.0;
  if (!magnitudes.empty()) {
    const std::size_t n = magnitudes.size();
    // Nearest rank: the ⌈0.9·n⌉-th smallest, 0-based index ⌈0.9·n⌉ − 1.
    const auto rank =
        static_cast<std::size_t>(std::ceil(kHistogramQuantile * static_cast<double>(n)));
    const std::size_t k = std::clamp<std::size_t>(rank, 1, n) - 1;
    std::nth_element(magnitudes.begin(), magnitudes.begin() + static_cast<std::ptrdiff_t>(k),
                     magnitudes.end());
    const double q = magnitudes[k];
    const double cap = kHistogramOutlierFactor * q;
    // Everything from k on is ≥ q; the largest of those within the cap is m (q itself at least).
    m = q;
    for (std::size_t i = k; i < n; ++i)
      if (magnitudes[i] <= cap) m = std::max(m, magnitudes[i]);
  }
  h.edges.resize(static_cast<std::size_t>(bins) + 1);
  for (int i = 0; i <= bins; ++i) h.edges[static_cast<std::size_t>(i)] = -m + 2.0 * m * i / bins;
  h.counts.assign(static_cast<std::size_t>(bins), 0.0);
  for (const Matrix* w : weights) {
    for (Index i = 0; i < w->size(); ++i) {
      const double v = static_cast<double>(w->data()[i]);
      if (!std::isfinite(v) || v == 0.0) continue;
      if (v < -m) {
        ++h.below;
        continue;
      }
      if (v > m) {
        ++h.above;
        continue;
      }
      auto b = static_cast<int>(std::floor((v + m) / (2.0 * m) * bins));
      b = std::clamp(b, 0, bins - 1);  // v = m falls in the last bin
      h.counts[static_cast<std::size_t>(b)] += 1.0;
    }
  }
  return h;
}

}  // namespace engine
