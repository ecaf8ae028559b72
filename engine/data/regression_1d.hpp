// 1D regression for polynomial overfitting, as Bishop's PRML Fig. 1.2 (§1.1):
//   x_n = n / (N − 1), n = 0..N−1 (evenly spaced on [0, 1], endpoints included)
//   t_n = sin(2π x_n) + ε_n,  ε_n ~ N(0, σ²), σ = noise (Bishop draws N = 10, σ = 0.3)
// raw is the n × 1 column x; the polynomial expansion x … x^degree is done by makeData.
#pragma once

#include "core/rng.hpp"
#include "data/dataset.hpp"

namespace engine {

// The noise-free target sin(2πx).
double regression1dTruth(double x);

// `samples` ≥ 2 points; returns raw = x = the n × 1 inputs, numClasses = 0.
Dataset generateRegression1d(int samples, double noise, Rng& rng);

}  // namespace engine
