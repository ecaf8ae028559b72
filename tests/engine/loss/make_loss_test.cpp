#include <catch2/catch.hpp>

#include "loss/make_loss.hpp"

using namespace engine;

TEST_CASE(
    "makeLoss pairs binary with BCE on logits, multiclass with softmax cross-entropy and "
    "regression with MSE",
    "[loss]") {
  CHECK(makeLoss(Task::Binary)->kind() == "bce_with_logits");
  CHECK(makeLoss(Task::Multiclass)->kind() == "softmax_cross_entropy");
  CHECK(makeLoss(Task::Regression)->kind() == "mse");
}
