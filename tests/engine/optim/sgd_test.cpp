// SGD's update rule on hand-computed values (torch.optim.SGD's documented algorithm).
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "optim/make_optimizer.hpp"
#include "optim/sgd.hpp"

namespace engine {
namespace {

Matrix scalar(double v) { return Matrix::Constant(1, 1, static_cast<Scalar>(v)); }

}  // namespace

TEST_CASE("SGD's first momentum step stores the raw gradient, without dampening, as torch",
          "[optim]") {
  SgdHyper h;
  h.momentum = 0.9;
  h.dampening = 0.5;
  SgdState s;
  Matrix theta = scalar(1.0);
  // Step 1: b = g = 2, θ = 1 − 0.1·2 = 0.8.
  sgdUpdate(theta, scalar(2.0), s, h, 0.1, 0.0);
  CHECK(s.momentumBuffer(0, 0) == Approx(2.0));
  CHECK(theta(0, 0) == Approx(0.8));
  // Step 2: b = 0.9·2 + (1 − 0.5)·2 = 2.8, θ = 0.8 − 0.28 = 0.52.
  sgdUpdate(theta, scalar(2.0), s, h, 0.1, 0.0);
  CHECK(s.momentumBuffer(0, 0) == Approx(2.8));
  CHECK(theta(0, 0) == Approx(0.52));
  CHECK(s.t == 2);
}

TEST_CASE("Nesterov SGD steps along g + μ·b", "[optim]") {
  SgdHyper h;
  h.momentum = 0.5;
  h.nesterov = true;
  SgdState s;
  Matrix theta = scalar(0.0);
  // Step 1: b = 1, step along 1 + 0.5·1 = 1.5.  Step 2: b = 0.5 + 1 = 1.5, along 1 + 0.75.
  sgdUpdate(theta, scalar(1.0), s, h, 1.0, 0.0);
  CHECK(theta(0, 0) == Approx(-1.5));
  sgdUpdate(theta, scalar(1.0), s, h, 1.0, 0.0);
  CHECK(theta(0, 0) == Approx(-1.5 - 1.75));
}

TEST_CASE("SGD weight decay adds λθ to the gradient before momentum", "[optim]") {
  SgdHyper h;
  h.momentum = 0.9;
  SgdState s;
  Matrix theta = scalar(2.0);
  // g = 0.5 + 0.1·2 = 0.7 becomes the buffer; θ = 2 − 0.1·0.7.
  sgdUpdate(theta, scalar(0.5), s, h, 0.1, 0.1);
  CHECK(s.momentumBuffer(0, 0) == Approx(0.7));
  CHECK(theta(0, 0) == Approx(1.93));
}

TEST_CASE("Plain SGD keeps no momentum buffer and reads the group's lr at every step", "[optim]") {
  Param p{"w", ParamRole::Weight, 0, scalar(1.0), scalar(1.0)};
  std::vector<ParamGroup> groups(1);
  groups[0].params = {&p};
  groups[0].lr = 0.25;
  Sgd opt(groups, SgdHyper{});
  opt.step();
  CHECK(p.value(0, 0) == Approx(0.75));
  opt.groups()[0].lr = 0.0;  // as a schedule would set it
  opt.step();
  CHECK(p.value(0, 0) == Approx(0.75));
  CHECK(opt.state()[0][0].momentumBuffer.size() == 0);
}

TEST_CASE("makeOptimizer refuses Nesterov without momentum or with dampening, as torch",
          "[optim]") {
  OptimizerSpec o;
  o.kind = "sgd";
  o.nesterov = true;
  CHECK_THROWS_WITH(makeOptimizer(o, {}), Catch::Contains("optimizer.momentum"));
  o.momentum = 0.9;
  o.dampening = 0.1;
  CHECK_THROWS_WITH(makeOptimizer(o, {}), Catch::Contains("optimizer.dampening"));
  o.dampening = 0.0;
  CHECK_NOTHROW(makeOptimizer(o, {}));
  OptimizerSpec negative;
  negative.momentum = -0.1;
  CHECK_THROWS_WITH(makeOptimizer(negative, {}), Catch::Contains("optimizer.momentum"));
}

}  // namespace engine
