// Adam / AMSGrad / AdamW on hand-computed values: bias correction, ε placement, the running
// max, and where weight decay acts (the difference the playground teaches).
#include <catch2/catch.hpp>

#include <cmath>

#include "optim/adam.hpp"
#include "optim/make_optimizer.hpp"

namespace engine {
namespace {

Matrix scalar(double v) { return Matrix::Constant(1, 1, static_cast<Scalar>(v)); }

}  // namespace

TEST_CASE("Adam's bias correction makes the first step lr·g/(|g| + ε)", "[optim]") {
  // m̂ = g and v̂ = g² after one step, whatever β1, β2: each coordinate moves by about lr.
  AdamHyper h;
  AdamState s;
  Matrix theta(1, 3);
  theta << 1, 1, 1;
  Matrix g(1, 3);
  g << 0.001f, -3.0f, 50.0f;
  adamUpdate(theta, g, s, h, 0.1, 0.0);
  CHECK(theta(0, 0) == Approx(0.9).epsilon(1e-5));
  CHECK(theta(0, 1) == Approx(1.1).epsilon(1e-5));
  CHECK(theta(0, 2) == Approx(0.9).epsilon(1e-5));
}

TEST_CASE("Adam's ε sits outside the root, after bias correction, as torch", "[optim]") {
  // g = ε = 1e-8: √v̂ = 1e-8, so the step is lr·g/(2ε) = lr/2. With ε inside the root the step
  // would be about lr·1e-4; with ε added before dividing by √(1−β2) about lr·0.03.
  AdamHyper h;
  AdamState s;
  Matrix theta = scalar(0.0);
  adamUpdate(theta, scalar(1e-8), s, h, 1.0, 0.0);
  CHECK(theta(0, 0) == Approx(-0.5).epsilon(1e-3));
}

TEST_CASE("AMSGrad normalizes by the running max of the raw v, as torch 1.13", "[optim]") {
  AdamHyper h;
  h.beta1 = 0.0;
  h.beta2 = 0.5;
  h.eps = 0.0;
  h.amsgrad = true;
  AdamHyper plain = h;
  plain.amsgrad = false;
  AdamState s, sPlain;
  Matrix theta = scalar(0.0), thetaPlain = scalar(0.0);
  // Step 1, g = 2: m = 2, v = 2, v̂ = 2/0.5 = 4; both move by 1·2/2 = 1.
  adamUpdate(theta, scalar(2.0), s, h, 1.0, 0.0);
  adamUpdate(thetaPlain, scalar(2.0), sPlain, plain, 1.0, 0.0);
  CHECK(theta(0, 0) == Approx(-1.0));
  CHECK(thetaPlain(0, 0) == Approx(-1.0));
  // Step 2, g = 1: v = 1.5 but vMax = 2; bias_correction2 = 0.75.
  adamUpdate(theta, scalar(1.0), s, h, 1.0, 0.0);
  adamUpdate(thetaPlain, scalar(1.0), sPlain, plain, 1.0, 0.0);
  CHECK(s.vMax(0, 0) == Approx(2.0));
  CHECK(theta(0, 0) == Approx(-1.0 - 1.0 / (std::sqrt(2.0) / std::sqrt(0.75))));
  CHECK(thetaPlain(0, 0) == Approx(-1.0 - 1.0 / (std::sqrt(1.5) / std::sqrt(0.75))));
}

TEST_CASE("AdamW decays before the moments, as torch.optim.AdamW", "[optim]") {
  // With no data gradient the moments stay zero and θ_t = θ0·(1 − lr·λ)^t exactly.
  AdamHyper h;
  h.decoupledWeightDecay = true;
  AdamState s;
  Matrix theta = scalar(2.0);
  const Matrix zero = scalar(0.0);
  for (int t = 0; t < 10; ++t) adamUpdate(theta, zero, s, h, 0.1, 0.5);
  CHECK(s.m(0, 0) == 0.0f);
  CHECK(s.v(0, 0) == 0.0f);
  CHECK(theta(0, 0) == Approx(2.0 * std::pow(1.0 - 0.1 * 0.5, 10)).epsilon(1e-5));
}

TEST_CASE("Adam with L2 weight decay and AdamW with the same decay give different trajectories",
          "[optim]") {
  // Same θ0, lr, λ and zero data gradient. Adam's L2 term λθ goes through the moments and is
  // normalized away: its first step is lr·sign(θ), whatever λ. AdamW shrinks θ by lr·λ·θ.
  const double lr = 0.05, lambda = 0.01, theta0 = 2.0;
  AdamHyper l2;
  AdamHyper decoupled;
  decoupled.decoupledWeightDecay = true;
  AdamState sL2, sW;
  Matrix thetaL2 = scalar(theta0), thetaW = scalar(theta0);
  const Matrix zero = scalar(0.0);
  adamUpdate(thetaL2, zero, sL2, l2, lr, lambda);
  adamUpdate(thetaW, zero, sW, decoupled, lr, lambda);
  CHECK(thetaL2(0, 0) == Approx(theta0 - lr).epsilon(1e-5));
  CHECK(thetaW(0, 0) == Approx(theta0 * (1.0 - lr * lambda)).epsilon(1e-6));
  for (int t = 1; t < 20; ++t) {
    adamUpdate(thetaL2, zero, sL2, l2, lr, lambda);
    adamUpdate(thetaW, zero, sW, decoupled, lr, lambda);
  }
  // After 20 steps L2-Adam has moved ~50× further toward 0 than AdamW.
  INFO("Adam+L2 " << thetaL2(0, 0) << "  AdamW " << thetaW(0, 0));
  CHECK(theta0 - thetaL2(0, 0) > 20.0 * (theta0 - thetaW(0, 0)));
}

TEST_CASE("makeOptimizer refuses Adam betas below 0 or at 1 and above, naming the field",
          "[optim]") {
  OptimizerSpec o;
  o.kind = "adam";
  o.beta1 = 1.0;
  CHECK_THROWS_WITH(makeOptimizer(o, {}), Catch::Contains("optimizer.beta1"));
  o.beta1 = 0.9;
  o.beta2 = -0.1;
  CHECK_THROWS_WITH(makeOptimizer(o, {}), Catch::Contains("optimizer.beta2"));
}

}  // namespace engine
