#include "data/dataset.hpp"

namespace engine {

Matrix InputTransform::apply(const Matrix& raw) const {
  Matrix x;
  switch (expansion) {
    case Expansion::None: x = raw; break;
    case Expansion::Features2d: x = expandFeatures2d(raw, features); break;
    case Expansion::Polynomial1d: x = polynomialFeatures(raw, degree); break;
  }
  scaler.transform(x);
  return x;
}

}  // namespace engine
