#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/conv2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE(
    "Conv2d dL/dx, dL/dW and dL/db equal finite differences (strides, padding, rectangular "
    "kernels and images)",
    "[nn][gradcheck][cnn]") {
  struct Case {
    Shape in;
    int out, kh, kw, stride, padding;
    bool bias;
    int batch;
  };
  const Case cases[] = {
      {{1, 6, 6}, 3, 3, 3, 1, 1, true, 2}, {{2, 7, 5}, 4, 3, 2, 2, 1, true, 3},
      {{3, 5, 5}, 2, 1, 1, 1, 0, true, 2}, {{2, 9, 8}, 3, 5, 3, 3, 2, false, 2},
      {{2, 4, 4}, 2, 4, 4, 1, 0, true, 1}, {{1, 5, 6}, 2, 2, 3, 2, 0, true, 4},
  };
  Rng rng(71);
  for (const Case& c : cases) {
    Conv2dOptions o;
    o.outChannels = c.out;
    o.kernelH = c.kh;
    o.kernelW = c.kw;
    o.stride = c.stride;
    o.padding = c.padding;
    o.bias = c.bias;
    Conv2d conv(c.in, o, 0);
    conv.weight().value = randomMatrix(c.out, c.in.channels * c.kh * c.kw, rng, 0.5);
    if (c.bias) conv.bias().value = randomMatrix(1, c.out, rng);
    INFO("in " << c.in.channels << "x" << c.in.height << "x" << c.in.width << " kernel " << c.kh
               << "x" << c.kw << " stride " << c.stride << " padding " << c.padding);
    checkLayerGradients(conv, randomMatrix(c.batch, c.in.size(), rng), true);
    checkLayerGradients(conv, randomMatrix(c.batch, c.in.size(), rng), false);
  }
}
