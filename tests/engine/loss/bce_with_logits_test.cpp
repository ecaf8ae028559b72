#include <catch2/catch.hpp>

#include "engine/nn/nn_golden.hpp"
#include "loss/bce_with_logits.hpp"

using namespace engine;
using engine::test::goldenMatrix;
using engine::test::nnGolden;
using engine::test::requireMatrixClose;

TEST_CASE(
    "BCE with logits matches torch.nn.BCEWithLogitsLoss for hard and soft targets and "
    "logits up to ±200 (value, gradient, sigmoid prediction)",
    "[loss]") {
  BceWithLogitsLoss loss;
  int cases = 0;
  for (const auto& c : nnGolden()["losses"]) {
    if (c["kind"] != "bce_with_logits") continue;
    INFO("case " << cases);
    ++cases;
    const Matrix z = goldenMatrix(c["z"]);
    const Matrix y = goldenMatrix(c["y"]);
    const double value = loss.value(z, y);
    REQUIRE(std::isfinite(value));
    CHECK(value == Approx(c["value"].get<double>()).epsilon(1e-6));
    Matrix dz;
    loss.gradient(z, y, dz);
    REQUIRE(dz.allFinite());
    requireMatrixClose(dz, goldenMatrix(c["dz"]), 1e-6, "bce dz");
    Matrix p;
    loss.predict(z, p);
    REQUIRE(p.allFinite());
    requireMatrixClose(p, goldenMatrix(c["predict"]), 1e-6, "bce predict");
  }
  CHECK(cases == 2);
  CHECK(loss.kind() == "bce_with_logits");
}

TEST_CASE("BCE with logits at z = 0 is log 2 whatever the target", "[loss]") {
  BceWithLogitsLoss loss;
  Matrix z = Matrix::Zero(3, 1);
  Matrix y(3, 1);
  y << 0, 0.5f, 1;
  CHECK(loss.value(z, y) == Approx(std::log(2.0)));
}
