// RMSprop on hand-computed values: plain, centered, momentum, and the centered variance guard.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/rmsprop.hpp"

namespace engine {
namespace {

Matrix scalar(double v) { return Matrix::Constant(1, 1, static_cast<Scalar>(v)); }

}  // namespace

TEST_CASE("RMSprop's first step divides by √((1−α)g²) + ε", "[optim]") {
  RmspropHyper h;  // α = 0.99
  RmspropState s;
  Matrix theta = scalar(0.0);
  rmspropUpdate(theta, scalar(2.0), s, h, 0.01, 0.0);
  // s = 0.01·4 = 0.04, √s = 0.2, step = 0.01·2/0.2 = 0.1.
  CHECK(s.squareAvg(0, 0) == Approx(0.04));
  CHECK(theta(0, 0) == Approx(-0.1).epsilon(1e-5));
}

TEST_CASE("Centered RMSprop divides by √(s − ḡ²) + ε", "[optim]") {
  RmspropHyper h;
  h.centered = true;
  RmspropState s;
  Matrix theta = scalar(0.0);
  rmspropUpdate(theta, scalar(2.0), s, h, 0.01, 0.0);
  // ḡ = 0.02, s − ḡ² = 0.04 − 0.0004 = 0.0396.
  CHECK(s.gradAvg(0, 0) == Approx(0.02));
  CHECK(theta(0, 0) == Approx(-0.01 * 2.0 / std::sqrt(0.0396)).epsilon(1e-5));
}

TEST_CASE("RMSprop with momentum accumulates g/a in a buffer", "[optim]") {
  RmspropHyper h;
  h.alpha = 0.0;  // s = g²: a = |g| + ε, so g/a = sign(g) up to ε
  h.eps = 0.0;
  h.momentum = 0.5;
  RmspropState s;
  Matrix theta = scalar(0.0);
  rmspropUpdate(theta, scalar(3.0), s, h, 1.0, 0.0);
  CHECK(s.momentumBuffer(0, 0) == Approx(1.0));
  CHECK(theta(0, 0) == Approx(-1.0));
  rmspropUpdate(theta, scalar(-5.0), s, h, 1.0, 0.0);
  CHECK(s.momentumBuffer(0, 0) == Approx(0.5 - 1.0));
  CHECK(theta(0, 0) == Approx(-0.5));
}

TEST_CASE("RMSprop's ε is added after the root", "[optim]") {
  // α = 0 ⇒ √s = |g| = 1e-3; ε = 1e-3 outside gives a step of lr/2 (inside: lr·1e-3/√(2e-3)).
  RmspropHyper h;
  h.alpha = 0.0;
  h.eps = 1e-3;
  RmspropState s;
  Matrix theta = scalar(0.0);
  rmspropUpdate(theta, scalar(1e-3), s, h, 1.0, 0.0);
  CHECK(theta(0, 0) == Approx(-0.5).epsilon(1e-4));
}

TEST_CASE("Centered RMSprop stays finite when rounding makes s − ḡ² negative", "[optim]") {
  // A state that rounding can produce after a long run of near-constant gradients: ḡ² just
  // above s. The clamp turns torch's NaN into a finite (large) step.
  RmspropHyper h;
  h.centered = true;
  h.eps = 1e-3;
  RmspropState s;
  Matrix theta = scalar(0.0);
  rmspropUpdate(theta, scalar(1.0), s, h, 1e-6, 0.0);
  s.squareAvg(0, 0) = 1.0f;
  s.gradAvg(0, 0) = 1.0001f;
  rmspropUpdate(theta, scalar(1.0), s, h, 1e-6, 0.0);
  CHECK(std::isfinite(theta(0, 0)));
  // a = ε after the clamp, so the second step is lr·1/ε = 1e-3.
  CHECK(theta(0, 0) == Approx(-1e-6 / (std::sqrt(0.0099) + 1e-3) - 1e-3).epsilon(1e-4));
}

}  // namespace engine
