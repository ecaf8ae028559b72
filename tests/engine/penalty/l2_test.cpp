#include <catch2/catch.hpp>

#include <stdexcept>

#include "penalty/l2.hpp"

using engine::L2Penalty;
using engine::Matrix;

TEST_CASE("L2 value carries the ½: (λ/2) Σ w_i², not λ Σ w_i²", "[penalty][l2]") {
  Matrix w(1, 2);
  w << 1.0f, 2.0f;
  // λ = 1: ½(1 + 4) = 2.5. The ½-less convention would give 5.
  CHECK(L2Penalty(1.0).value(w) == Approx(2.5).epsilon(1e-12));
  CHECK(L2Penalty(0.4).value(w) == Approx(1.0).epsilon(1e-12));
  CHECK(L2Penalty(1.0).kind() == "l2");
}

TEST_CASE("L2 gradient is λw, so an SGD step equals torch.optim.SGD(weight_decay=λ)",
          "[penalty][l2]") {
  // torch.optim.SGD with weight_decay=λ, no momentum: θ ← θ − lr·(g + λθ).
  const double lambda = 0.05;
  const double lr = 0.1;
  Matrix theta(2, 2);
  theta << 0.3f, -1.2f, 0.0f, 2.0f;
  Matrix dataGrad(2, 2);
  dataGrad << 0.1f, 0.2f, -0.3f, 0.0f;
  Matrix g = dataGrad;
  L2Penalty(lambda).addGradient(theta, g);
  const Matrix ours = theta - static_cast<float>(lr) * g;
  for (engine::Index i = 0; i < theta.size(); ++i) {
    const double torchStep = theta.data()[i] - lr * (dataGrad.data()[i] + lambda * theta.data()[i]);
    INFO("entry " << i << ": ours " << ours.data()[i] << "  torch " << torchStep);
    CHECK(ours.data()[i] == Approx(torchStep).epsilon(1e-6));
  }
}

TEST_CASE("L2 prox is v / (1 + sλ): the implicit (backward-Euler) weight-decay step",
          "[penalty][l2]") {
  const L2Penalty l2(0.5);
  CHECK(l2.proxScalar(3.0, 0.4) == Approx(3.0 / 1.2).epsilon(1e-14));
  CHECK(l2.proxScalar(-1.0, 2.0) == Approx(-0.5).epsilon(1e-14));
  // x = prox(v) solves x − v + sλx = 0.
  const double v = 0.77, s = 0.3, x = l2.proxScalar(v, s);
  CHECK(x - v + s * 0.5 * x == Approx(0.0).margin(1e-15));
  CHECK(l2.proxScalar(0.0, 1.0) == 0.0);
}

TEST_CASE("L2 rejects a negative λ", "[penalty][l2]") {
  CHECK_THROWS_AS(L2Penalty(-1.0), std::invalid_argument);
}
