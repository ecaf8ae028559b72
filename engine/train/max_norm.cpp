#include "train/max_norm.hpp"

namespace engine {

void applyMaxNorm(const std::vector<Param*>& weights, double c) {
  if (c <= 0.0) return;
  for (Param* p : weights) {
    Matrix& w = p->value;
    for (Index r = 0; r < w.rows(); ++r) {
      const double norm = static_cast<double>(w.row(r).norm());
      if (norm > c) w.row(r) *= static_cast<Scalar>(c / norm);
    }
  }
}

}  // namespace engine
