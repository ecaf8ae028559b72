// Adagrad on hand-computed values: accumulator start, lr decay schedule, ε placement.
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/adagrad.hpp"

namespace engine {
namespace {

Matrix scalar(double v) { return Matrix::Constant(1, 1, static_cast<Scalar>(v)); }

}  // namespace

TEST_CASE("Adagrad's accumulator starts at initial_accumulator_value", "[optim]") {
  AdagradHyper h;
  h.initialAccumulator = 0.5;
  AdagradState s;
  Matrix theta = scalar(0.0);
  adagradUpdate(theta, scalar(0.5), s, h, 0.1, 0.0);
  // G = 0.5 + 0.25 = 0.75; step = 0.1·0.5/√0.75.
  CHECK(s.sum(0, 0) == Approx(0.75));
  CHECK(theta(0, 0) == Approx(-0.05 / std::sqrt(0.75)).epsilon(1e-5));
}

TEST_CASE("Adagrad's lr decays as lr/(1 + (t−1)·lr_decay), undecayed on the first step",
          "[optim]") {
  // With g = 1 every step, G_t = 1e4 + t, so step t moves θ by clr_t/√(1e4 + t).
  AdagradHyper h;
  h.lrDecay = 0.5;
  h.initialAccumulator = 1e4;
  h.eps = 0.0;
  AdagradState s;
  Matrix theta = scalar(0.0);
  double expected = 0.0;
  for (int t = 1; t <= 4; ++t) {
    adagradUpdate(theta, scalar(1.0), s, h, 1.0, 0.0);
    expected -= 1.0 / (1.0 + (t - 1) * 0.5) / std::sqrt(1e4 + t);
    CHECK(theta(0, 0) == Approx(expected).epsilon(1e-5));
  }
}

TEST_CASE("Adagrad's ε is added after the root", "[optim]") {
  AdagradHyper h;
  h.eps = 1e-3;
  AdagradState s;
  Matrix theta = scalar(0.0);
  // √G = |g| = 1e-3 and ε = 1e-3: a step of lr/2.
  adagradUpdate(theta, scalar(1e-3), s, h, 1.0, 0.0);
  CHECK(theta(0, 0) == Approx(-0.5).epsilon(1e-4));
}

TEST_CASE("Adagrad's weight decay adds λθ to the gradient before accumulating", "[optim]") {
  AdagradHyper h;
  h.eps = 0.0;
  AdagradState s;
  Matrix theta = scalar(2.0);
  // g = 0 + 0.5·2 = 1: G = 1 and θ = 2 − 0.1·1/1.
  adagradUpdate(theta, scalar(0.0), s, h, 0.1, 0.5);
  CHECK(s.sum(0, 0) == Approx(1.0));
  CHECK(theta(0, 0) == Approx(1.9));
}

}  // namespace engine
