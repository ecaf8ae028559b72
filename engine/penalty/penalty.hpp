// The penalty contract: R(w) added to the data loss, reported apart from it.
// Every penalty is separable, R(w) = Σ r(w_i), so the same object serves a gradient-based
// trainer (addGradient), a proximal-gradient step (prox), and a coordinate-descent solver
// (proxScalar on one coordinate at a time).
#pragma once

#include <string>

#include "core/eigen.hpp"

namespace engine {

class Penalty {
 public:
  virtual ~Penalty() = default;
  // R(w), including the strength λ.
  virtual double value(const Matrix& w) const = 0;
  // g += ∂R/∂w, a subgradient where R is not differentiable; sign(0) = 0, never NaN.
  virtual void addGradient(const Matrix& w, Matrix& g) const = 0;
  // prox_{step·R}(v) = argmin_x ½(x − v)² + step·r(x), for one coordinate.
  virtual double proxScalar(double v, double step) const = 0;
  // Applies proxScalar to every entry: w ← prox_{step·R}(w).
  void prox(Matrix& w, double step) const;
  // True when the gradient is defined everywhere except on a set where the subgradient with
  // sign(0) = 0 is the right choice (L1, elastic net); false for Lp (singular at 0), which the
  // trainer therefore only applies through prox.
  virtual bool hasUsableGradient() const { return true; }
  virtual std::string kind() const = 0;
};

}  // namespace engine
