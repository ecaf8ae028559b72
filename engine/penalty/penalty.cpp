#include "penalty/penalty.hpp"

namespace engine {

void Penalty::prox(Matrix& w, double step) const {
  Scalar* data = w.data();
  const Index n = w.size();
  for (Index i = 0; i < n; ++i) data[i] = static_cast<Scalar>(proxScalar(data[i], step));
}

}  // namespace engine
