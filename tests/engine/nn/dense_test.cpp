#include <catch2/catch.hpp>

#include <stdexcept>

#include "nn/dense.hpp"
#include "nn_golden.hpp"

using namespace engine;
using engine::test::requireMatrixClose;

namespace {

// W is [out][in] = 3 × 2, as torch.nn.Linear(2, 3).weight.
Dense handLayer() {
  Dense d(2, 3, 4);
  d.weight().value << 1, 2, 3, 4, 5, 6;
  d.bias().value << 0.5f, -1, 2;
  return d;
}

Matrix handInput() {
  Matrix x(2, 2);
  x << 1, -1, 2, 0.5f;
  return x;
}

}  // namespace

TEST_CASE("Dense computes y = x Wᵀ + b with W stored out × in, as torch.nn.Linear", "[nn]") {
  Dense d = handLayer();
  Rng rng(1);
  Matrix want(2, 3);
  // Worked by hand: row 0 = (1·1 − 1·2 + 0.5, 1·3 − 1·4 − 1, 1·5 − 1·6 + 2).
  want << -0.5f, -2, 1, 3.5f, 7, 15;
  requireMatrixClose(d.forward(handInput(), true, rng), want, 1e-6, "y");
}

TEST_CASE("Dense backward gives dW = dyᵀx, db = Σ dy, dx = dy W, and accumulates", "[nn]") {
  Dense d = handLayer();
  Rng rng(1);
  const Matrix x = handInput();
  Matrix dy(2, 3);
  dy << 1, 0, -1, 0.5f, 2, 1;
  Matrix dW(3, 2), db(1, 3), dx(2, 2);
  dW << 2, -0.75f, 4, 1, 1, 1.5f;  // by hand: Σ_n dy[n][o]·x[n][i]
  db << 1.5f, 2, 0;
  dx << -4, -4, 11.5f, 15;
  d.forward(x, true, rng);
  requireMatrixClose(d.backward(dy), dx, 1e-6, "dx");
  requireMatrixClose(d.weight().grad, dW, 1e-6, "dW");
  requireMatrixClose(d.bias().grad, db, 1e-6, "db");

  // A second backward adds: the trainer zeroes, the layer never does.
  d.forward(x, true, rng);
  d.backward(dy);
  requireMatrixClose(d.weight().grad, Matrix(2 * dW), 1e-6, "dW after two backward calls");
  requireMatrixClose(d.bias().grad, Matrix(2 * db), 1e-6, "db after two backward calls");
}

TEST_CASE("Dense names its parameters as PyTorch's state_dict, with roles and layer index",
          "[nn]") {
  Dense d(5, 7, 3);
  REQUIRE(d.params().size() == 2);
  CHECK(d.params()[0] == &d.weight());
  CHECK(d.params()[1] == &d.bias());
  CHECK(d.weight().name == "layers.3.weight");
  CHECK(d.bias().name == "layers.3.bias");
  CHECK(d.weight().role == ParamRole::Weight);
  CHECK(d.bias().role == ParamRole::Bias);
  CHECK(d.weight().layer == 3);
  CHECK(d.bias().layer == 3);
  CHECK(d.weight().value.rows() == 7);
  CHECK(d.weight().value.cols() == 5);
  CHECK(d.bias().value.rows() == 1);
  CHECK(d.bias().value.cols() == 7);
  CHECK(d.weight().grad.rows() == 7);
  CHECK(d.weight().grad.cols() == 5);
  CHECK(d.outputShape(Shape::vector(5)) == Shape::vector(7));
  CHECK_THROWS_AS(d.outputShape(Shape::vector(4)), std::invalid_argument);
  CHECK_THROWS_AS(Dense(0, 3, 0), std::invalid_argument);
}

TEST_CASE("Dense follows a change of batch size and reuses its buffer when it is stable", "[nn]") {
  Dense d = handLayer();
  Rng rng(1);
  const Matrix big = Matrix::Ones(5, 2);
  REQUIRE(d.forward(big, true, rng).rows() == 5);
  const Matrix x = handInput();
  const Matrix& y = d.forward(x, true, rng);
  REQUIRE(y.rows() == 2);
  CHECK(y(1, 2) == Approx(15));
  // Same batch size again: the same storage (no reallocation on the hot path).
  const Scalar* storage = y.data();
  const Matrix zeros = Matrix::Zero(2, 2);
  CHECK(d.forward(zeros, true, rng).data() == storage);
  CHECK(y(1, 2) == Approx(2));  // x = 0 leaves the bias
}

TEST_CASE("Dense without gradient propagation still accumulates dW and db", "[nn]") {
  Dense d = handLayer();
  d.setPropagateGradient(false);
  Rng rng(1);
  Matrix dy(2, 3);
  dy << 1, 0, -1, 0.5f, 2, 1;
  const Matrix x = handInput();  // must outlive backward (the layer keeps a reference)
  d.forward(x, true, rng);
  CHECK(d.backward(dy).size() == 0);
  Matrix db(1, 3);
  db << 1.5f, 2, 0;
  requireMatrixClose(d.bias().grad, db, 1e-6, "db");
  CHECK(d.weight().grad(2, 1) == Approx(1.5));
}
