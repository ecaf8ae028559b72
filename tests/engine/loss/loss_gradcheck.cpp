#include <catch2/catch.hpp>

#include <memory>

#include "engine/support/grad_check.hpp"
#include "loss/make_loss.hpp"

using namespace engine;
using namespace engine::test;

namespace {

void checkLoss(const Loss& loss, Matrix z, const Matrix& y) {
  Matrix dz;
  loss.gradient(z, y, dz);
  Matrix numeric = numericGradient([&] { return loss.value(z, y); }, z);
  requireGradientsClose(dz, numeric, 1e-7, loss.kind() + " dz");
}

}  // namespace

TEST_CASE("MSE gradient equals finite differences of its value", "[loss][gradcheck]") {
  Rng rng(81);
  checkLoss(*makeLoss(Task::Regression), randomMatrix(5, 3, rng, 2.0), randomMatrix(5, 3, rng));
}

TEST_CASE("BCE-with-logits gradient equals finite differences, hard and soft targets",
          "[loss][gradcheck]") {
  Rng rng(82);
  const auto loss = makeLoss(Task::Binary);
  Matrix y(9, 1);
  y << 0, 1, 1, 0, 0.3, 0.8, 0.5, 1, 0;
  Matrix z = randomMatrix(9, 1, rng, 3.0);
  z(7, 0) = 25;  // saturated: the stable form must still differentiate right
  z(8, 0) = -25;
  checkLoss(*loss, z, y);
}

TEST_CASE(
    "Softmax cross-entropy gradient equals finite differences for one-hot, soft and "
    "unnormalised targets",
    "[loss][gradcheck]") {
  Rng rng(83);
  const auto loss = makeLoss(Task::Multiclass);
  const Matrix z = randomMatrix(6, 4, rng, 3.0);
  Matrix onehot = Matrix::Zero(6, 4);
  for (Index i = 0; i < 6; ++i) onehot(i, i % 4) = 1;
  checkLoss(*loss, z, onehot);
  Matrix soft(6, 4);
  for (Index i = 0; i < soft.size(); ++i) soft.data()[i] = 0.1 + rng.uniform();
  for (Index i = 0; i < 6; ++i) soft.row(i) /= soft.row(i).sum();
  checkLoss(*loss, z, soft);
  soft.row(2) *= 1.7;  // mass ≠ 1: the gradient's softmax term scales with Σy
  checkLoss(*loss, z, soft);
}
