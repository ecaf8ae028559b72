// Seeded random numbers, identical on every standard library.
// PCG32 (O'Neill 2014, "PCG: a family of simple fast space-efficient statistically good
// algorithms") with our own uniform, normal (Box–Muller), Beta and shuffle: std::*_distribution
// differ between libstdc++ and libc++, so a shared URL would not reproduce the run.
#pragma once

#include <cstdint>
#include <vector>

namespace engine {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 42, std::uint64_t stream = 54);

  std::uint32_t nextU32();
  // Uniform integer in [0, bound), without modulo bias (Lemire's method).
  std::uint32_t below(std::uint32_t bound);
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal, Box–Muller; the second variate is kept for the next call.
  double normal();
  double normal(double mean, double stddev) { return mean + stddev * normal(); }
  bool bernoulli(double p) { return uniform() < p; }
  // Gamma(shape, 1) by Marsaglia & Tsang 2000; Beta(a, b) from two gammas (used by mixup).
  double gamma(double shape);
  double beta(double a, double b);
  // Fisher–Yates shuffle of 0..n-1.
  void permutation(std::vector<int>& out, int n);

  // An independent generator derived from this one (for per-purpose streams).
  Rng split();

 private:
  std::uint64_t state_;
  std::uint64_t inc_;
  bool hasSpare_ = false;
  double spare_ = 0.0;
};

}  // namespace engine
