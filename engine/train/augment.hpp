// Data augmentation applied to a training batch, never to validation or test data.
//   jitter: x ← x + σ·ε, ε ~ N(0, 1), on the network's inputs (after feature expansion and
//           standardisation), a classic noise-injection regulariser (Bishop 1995: equivalent
//           to Tikhonov regularisation for small σ).
//   mixup:  λ ~ Beta(α, α) once per batch, pairs each sample with a shuffled partner j:
//           x ← λx + (1−λ)x_j, y ← λy + (1−λ)y_j on the loss targets (one-hot for classes),
//           as the reference implementation of Zhang et al. 2018, "mixup".
#pragma once

#include <vector>

#include "core/eigen.hpp"
#include "core/rng.hpp"

namespace engine {

void addJitter(Matrix& x, double sigma, Rng& rng);

class Mixup {
 public:
  // Mixes x and y in place (same row pairing for both).
  void apply(Matrix& x, Matrix& y, double alpha, Rng& rng);
  double lastLambda() const { return lambda_; }

 private:
  std::vector<int> partner_;
  Matrix xCopy_, yCopy_;
  double lambda_ = 1.0;
};

}  // namespace engine
