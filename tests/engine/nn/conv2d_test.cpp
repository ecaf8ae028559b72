#include <catch2/catch.hpp>

#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/conv2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE(
    "Conv2d matches torch.nn.Conv2d in y, dx, dweight and dbias (strides, padding, rectangular "
    "kernels, no bias)",
    "[nn][cnn]") {
  for (const auto& c : cnnGolden()["conv2d"]) {
    Conv2dOptions o;
    o.outChannels = c["out"].get<int>();
    o.kernelH = c["kh"].get<int>();
    o.kernelW = c["kw"].get<int>();
    o.stride = c["stride"].get<int>();
    o.padding = c["padding"].get<int>();
    o.bias = c["bias"].get<bool>();
    const Shape in = goldenShape(c["input"]);
    INFO("in " << in.channels << "x" << in.height << "x" << in.width << " kernel " << o.kernelH
               << "x" << o.kernelW << " stride " << o.stride << " padding " << o.padding);
    Conv2d conv(in, o, 3);
    CHECK(conv.outputShape(in) == goldenShape(c["output"]));
    REQUIRE(conv.params().size() == (o.bias ? 2u : 1u));
    CHECK(conv.weight().name == "layers.3.weight");
    // torch's [out][in][kh][kw] weight, flattened row-major, is the engine's parameter as is.
    conv.weight().value = goldenMatrix(c["weight"]);
    if (o.bias) conv.bias().value = goldenMatrix(c["b"]);

    Rng rng(1);
    const Matrix x = goldenMatrix(c["x"]);
    // Twice: the second forward reuses the buffers and must give the same numbers.
    conv.forward(x, true, rng);
    requireMatrixClose(conv.forward(x, true, rng), goldenMatrix(c["y"]), 2e-5, "y");
    for (Param* p : conv.params()) p->grad.setZero();
    const Matrix dx = conv.backward(goldenMatrix(c["dy"]));
    requireMatrixClose(dx, goldenMatrix(c["dx"]), 2e-5, "dx");
    requireMatrixClose(conv.weight().grad, goldenMatrix(c["dweight"]), 2e-5, "dweight");
    if (o.bias) requireMatrixClose(conv.bias().grad, goldenMatrix(c["dbias"]), 2e-5, "dbias");
  }
}

TEST_CASE("Conv2d parameter gradients accumulate over backward calls", "[nn][cnn]") {
  const auto& c = cnnGolden()["conv2d"][0];
  Conv2dOptions o;
  o.outChannels = 4;
  o.padding = 1;
  Conv2d conv(goldenShape(c["input"]), o, 0);
  conv.weight().value = goldenMatrix(c["weight"]);
  conv.bias().value = goldenMatrix(c["b"]);
  Rng rng(1);
  conv.forward(goldenMatrix(c["x"]), true, rng);
  conv.backward(goldenMatrix(c["dy"]));
  conv.backward(goldenMatrix(c["dy"]));
  requireMatrixClose(conv.weight().grad, Scalar(2) * goldenMatrix(c["dweight"]), 2e-5, "2 dweight");
  requireMatrixClose(conv.bias().grad, Scalar(2) * goldenMatrix(c["dbias"]), 2e-5, "2 dbias");
}

TEST_CASE("Conv2d keeps its buffers on a stable batch size and skips dx when told to",
          "[nn][cnn]") {
  Conv2dOptions o;
  o.outChannels = 2;
  Conv2d conv(Shape{1, 5, 5}, o, 0);
  Rng rng(3);
  const Matrix x = Matrix::Random(4, 25);
  const Scalar* first = conv.forward(x, true, rng).data();
  CHECK(conv.forward(x, true, rng).data() == first);
  const Matrix dy = Matrix::Ones(4, 2 * 3 * 3);
  const Scalar* dx = conv.backward(dy).data();
  CHECK(conv.backward(dy).data() == dx);
  conv.setPropagateGradient(false);
  CHECK(conv.backward(dy).rows() == 0);
}

TEST_CASE("Conv2d computes its output size as torch and rejects what torch rejects", "[nn][cnn]") {
  Conv2dOptions o;
  o.outChannels = 6;
  o.kernelH = 3;
  o.kernelW = 2;
  o.stride = 2;
  o.padding = 1;
  // ⌊(7 + 2 − 3)/2⌋ + 1 = 4 rows, ⌊(6 + 2 − 2)/2⌋ + 1 = 4 columns.
  Conv2d conv(Shape{3, 7, 6}, o, 0);
  CHECK(conv.outputShape(Shape{3, 7, 6}) == Shape{6, 4, 4});
  CHECK(conv.weight().value.rows() == 6);
  CHECK(conv.weight().value.cols() == 3 * 3 * 2);
  CHECK(conv.bias().value.cols() == 6);
  CHECK_THROWS_AS(conv.outputShape(Shape{3, 6, 7}), std::invalid_argument);
  o.kernelH = 10;  // larger than 7 + 2 padding
  CHECK_THROWS_AS(Conv2d(Shape{3, 7, 6}, o, 0), std::invalid_argument);
  o.kernelH = 3;
  o.stride = 0;
  CHECK_THROWS_AS(Conv2d(Shape{3, 7, 6}, o, 0), std::invalid_argument);
}
