#include <catch2/catch.hpp>

#include "engine/nn/nn_golden.hpp"
#include "loss/mse.hpp"

using namespace engine;
using engine::test::goldenMatrix;
using engine::test::nnGolden;
using engine::test::requireMatrixClose;

TEST_CASE(
    "MSE is the mean over all entries of (z − y)², as torch.nn.MSELoss (value, gradient, "
    "identity prediction)",
    "[loss]") {
  MseLoss loss;
  int cases = 0;
  for (const auto& c : nnGolden()["losses"]) {
    if (c["kind"] != "mse") continue;
    ++cases;
    const Matrix z = goldenMatrix(c["z"]);
    const Matrix y = goldenMatrix(c["y"]);
    CHECK(loss.value(z, y) == Approx(c["value"].get<double>()).epsilon(1e-6));
    Matrix dz;
    loss.gradient(z, y, dz);
    requireMatrixClose(dz, goldenMatrix(c["dz"]), 1e-6, "mse dz");
    Matrix p;
    loss.predict(z, p);
    requireMatrixClose(p, goldenMatrix(c["predict"]), 1e-6, "mse predict");
  }
  CHECK(cases == 1);
  CHECK(loss.kind() == "mse");
}

TEST_CASE("MSE by hand, ((1−0)² + (2−4)²)/2 = 2.5, gradient 2(z − y)/N", "[loss]") {
  MseLoss loss;
  Matrix z(2, 1), y(2, 1);
  z << 1, 2;
  y << 0, 4;
  CHECK(loss.value(z, y) == Approx(2.5));
  Matrix dz;
  loss.gradient(z, y, dz);
  CHECK(dz(0, 0) == Approx(1.0));
  CHECK(dz(1, 0) == Approx(-2.0));
}
