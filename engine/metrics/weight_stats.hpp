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

// The weight histogram, built to show two things a plain [−max, max] histogram hides:
//   - exact zeros (what proximal L1 and Lp produce) are counted apart in `zeros`, in no bin,
//     so they never merge with the small non-zero weights subgradient L1 leaves behind;
//   - a few exploded weights (a diverging run, |w| ~ 1e27) do not squash the rest into one bar.
// The bins span a symmetric range [−m, m] chosen from the non-zero finite weights:
//   q = the 90th percentile of |w| (nearest rank: the ⌈0.9·n⌉-th smallest of n),
//   m = the largest |w| that is at most kHistogramOutlierFactor · q.
// A healthy network has no weight beyond 10× its 90th percentile, so m is then max |w| and every
// non-zero weight lands in a bin, exactly as a [−max, max] histogram. Up to 10% of the weights
// can be arbitrarily large without moving m: they are counted in `below` (w < −m) and `above`
// (w > m). A 99th percentile would need at least 100 weights before one outlier could be set
// apart (the playground's default network has 88), and would cut off about 1% of a healthy
// network's weights. No non-zero finite weight (all zero, or none): m = 1. NaN and ±inf are
// counted in `nonFinite`, in no bin. total = Σcounts + zeros + below + above + nonFinite.
constexpr double kHistogramQuantile = 0.9;
constexpr double kHistogramOutlierFactor = 10.0;

struct Histogram {
  std::vector<double> edges;   // bins + 1, symmetric around 0: −m + 2m·i/bins
  std::vector<double> counts;  // bins; bin i holds edges[i] ≤ w < edges[i+1] (w = m: the last)
  long long zeros = 0;         // exactly 0 (or −0)
  long long below = 0;         // finite, w < −m
  long long above = 0;         // finite, w > m
  long long nonFinite = 0;     // NaN, +inf, −inf
  long long total = 0;         // every entry of every matrix
};

// Histogram of every entry of every matrix given, as described above; bins < 1 counts as 1.
Histogram weightHistogram(const std::vector<const Matrix*>& weights, int bins);

}  // namespace engine
