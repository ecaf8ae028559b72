#include <catch2/catch.hpp>

#include "nn/flatten.hpp"

using namespace engine;

TEST_CASE("Flatten passes rows through unchanged and turns C × H × W into a vector", "[nn][cnn]") {
  Flatten f;
  CHECK(f.outputShape(Shape{3, 4, 5}) == Shape::vector(60));
  Matrix x = Matrix::Random(2, 60);
  Rng rng(1);
  CHECK(&f.forward(x, true, rng) == &x);
  CHECK(&f.backward(x) == &x);
}
