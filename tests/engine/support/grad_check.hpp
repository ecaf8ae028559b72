// One finite-difference checker for every layer, loss and penalty (compiled in the
// ENGINE_DOUBLE build, so Scalar is double and central differences are accurate to ~1e-9).
// A layer is checked through the scalar L = Σ r ⊙ forward(x) with a fixed random r, so every
// output entry contributes; randomness inside forward (dropout) is frozen by reseeding.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <sstream>
#include <string>

#include "core/eigen.hpp"
#include "core/rng.hpp"
#include "nn/layer.hpp"

namespace engine::test {

static_assert(sizeof(Scalar) == sizeof(double), "gradient checks run in the double build");

inline Matrix randomMatrix(Index rows, Index cols, Rng& rng, double scale = 1.0) {
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = scale * rng.normal();
  return m;
}

// Central differences of f with respect to every entry of x (x is restored afterwards).
inline Matrix numericGradient(const std::function<double()>& f, Matrix& x, double h = 1e-6) {
  Matrix g(x.rows(), x.cols());
  for (Index i = 0; i < x.size(); ++i) {
    const double saved = x.data()[i];
    x.data()[i] = saved + h;
    const double plus = f();
    x.data()[i] = saved - h;
    const double minus = f();
    x.data()[i] = saved;
    g.data()[i] = (plus - minus) / (2.0 * h);
  }
  return g;
}

// Passes when |a − n| ≤ tol · max(1, |a|, |n|) everywhere; on failure prints the first
// mismatching entries side by side.
inline void requireGradientsClose(const Matrix& analytic, const Matrix& numeric, double tol,
                                  const std::string& what) {
  REQUIRE(analytic.rows() == numeric.rows());
  REQUIRE(analytic.cols() == numeric.cols());
  std::ostringstream report;
  int bad = 0;
  for (Index i = 0; i < analytic.size(); ++i) {
    const double a = analytic.data()[i];
    const double n = numeric.data()[i];
    const double scale = std::max({1.0, std::abs(a), std::abs(n)});
    if (!(std::abs(a - n) <= tol * scale)) {
      if (bad < 5) report << "  [" << i << "] analytic " << a << "  numeric " << n << "\n";
      ++bad;
    }
  }
  INFO(what << ": " << bad << " of " << analytic.size() << " entries differ\n" << report.str());
  CHECK(bad == 0);
}

// Checks dL/dx and dL/dθ for every parameter of the layer, with L = Σ r ⊙ layer(x).
inline void checkLayerGradients(Layer& layer, Matrix x, bool training, double tol = 1e-6,
                                std::uint64_t seed = 7) {
  Rng draw(seed + 1000);
  auto forwardLoss = [&](const Matrix& r) {
    Rng rng(seed);  // the same dropout mask on every evaluation
    const Matrix& y = layer.forward(x, training, rng);
    return (y.array() * r.array()).sum();
  };
  Rng rng0(seed);
  const Matrix y0 = layer.forward(x, training, rng0);
  const Matrix r = randomMatrix(y0.rows(), y0.cols(), draw);

  for (Param* p : layer.params()) p->grad.setZero(p->value.rows(), p->value.cols());
  Rng rng1(seed);
  layer.forward(x, training, rng1);
  const Matrix dx = layer.backward(r);

  Matrix numericDx = numericGradient([&] { return forwardLoss(r); }, x);
  requireGradientsClose(dx, numericDx, tol, layer.kind() + " dL/dx");
  for (Param* p : layer.params()) {
    const Matrix analytic = p->grad;
    Matrix numeric = numericGradient([&] { return forwardLoss(r); }, p->value);
    requireGradientsClose(analytic, numeric, tol, layer.kind() + " dL/d" + p->name);
  }
}

}  // namespace engine::test
