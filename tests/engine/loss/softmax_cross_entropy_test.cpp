#include <catch2/catch.hpp>

#include "engine/nn/nn_golden.hpp"
#include "loss/softmax_cross_entropy.hpp"

using namespace engine;
using engine::test::goldenMatrix;
using engine::test::nnGolden;
using engine::test::requireMatrixClose;

TEST_CASE(
    "Softmax cross-entropy matches torch.nn.CrossEntropyLoss with probability targets "
    "(one-hot, soft, rows not summing to 1, logits ±300) in value, gradient and softmax",
    "[loss]") {
  SoftmaxCrossEntropyLoss loss;
  int cases = 0;
  for (const auto& c : nnGolden()["losses"]) {
    if (c["kind"] != "softmax_cross_entropy") continue;
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
    requireMatrixClose(dz, goldenMatrix(c["dz"]), 1e-6, "cross-entropy dz");
    Matrix p;
    loss.predict(z, p);
    REQUIRE(p.allFinite());
    requireMatrixClose(p, goldenMatrix(c["predict"]), 1e-6, "softmax");
    for (Index i = 0; i < p.rows(); ++i) CHECK(p.row(i).sum() == Approx(1.0).epsilon(1e-6));
  }
  CHECK(cases == 3);
  CHECK(loss.kind() == "softmax_cross_entropy");
}

TEST_CASE("Softmax cross-entropy of equal logits is log K for a one-hot target", "[loss]") {
  SoftmaxCrossEntropyLoss loss;
  Matrix z = Matrix::Constant(2, 4, 3.0f);
  Matrix y = Matrix::Zero(2, 4);
  y(0, 1) = 1;
  y(1, 3) = 1;
  CHECK(loss.value(z, y) == Approx(std::log(4.0)));
  Matrix dz;
  loss.gradient(z, y, dz);
  // (softmax − y)/B = (1/4 − y)/2.
  CHECK(dz(0, 0) == Approx(0.125));
  CHECK(dz(0, 1) == Approx(-0.375));
}
