// makeOptimizer's mapping from the spec, and the Optimizer contract every kind must keep:
// one state struct per slot, created on the first step, each slot's t advancing once per step().
#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "optim/adagrad.hpp"
#include "optim/adam.hpp"
#include "optim/make_optimizer.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"

namespace engine {
namespace {

// Three parameters in two groups (2 + 1), with non-zero gradients.
struct Fixture {
  Param a{"a", ParamRole::Weight, 0, Matrix::Constant(3, 4, 0.5f), Matrix::Constant(3, 4, 0.1f)};
  Param b{"b", ParamRole::Bias, 0, Matrix::Constant(1, 4, -0.5f), Matrix::Constant(1, 4, 0.2f)};
  Param c{"c", ParamRole::Weight, 1, Matrix::Constant(2, 3, 1.0f), Matrix::Constant(2, 3, -0.3f)};
  std::vector<ParamGroup> groups() {
    std::vector<ParamGroup> g(2);
    g[0].params = {&a, &b};
    g[0].weightDecay = 0.01;
    g[1].params = {&c};
    g[1].lr = 0.005;
    return g;
  }
};

OptimizerSpec spec(const std::string& kind) {
  OptimizerSpec s;
  s.kind = kind;
  s.momentum = 0.9;  // so SGD and RMSprop keep momentum buffers too
  s.amsgrad = true;
  s.centered = true;
  return s;
}

const std::vector<std::string> kKinds = {"sgd", "adam", "adamw", "rmsprop", "adagrad"};

// Step counts of every slot, whatever the concrete optimizer.
std::vector<long> stepCounts(const Optimizer& opt) {
  std::vector<long> out;
  auto collect = [&](const auto& state) {
    for (const auto& group : state)
      for (const auto& slot : group) out.push_back(slot.t);
  };
  if (auto* o = dynamic_cast<const Sgd*>(&opt)) collect(o->state());
  if (auto* o = dynamic_cast<const Adam*>(&opt)) collect(o->state());
  if (auto* o = dynamic_cast<const Rmsprop*>(&opt)) collect(o->state());
  if (auto* o = dynamic_cast<const Adagrad*>(&opt)) collect(o->state());
  return out;
}

// Data pointers of every state buffer, to show none is reallocated after the first step.
std::vector<const Scalar*> buffers(const Optimizer& opt) {
  std::vector<const Scalar*> out;
  auto add = [&](const Matrix& m) {
    if (m.size() > 0) out.push_back(m.data());
  };
  if (auto* o = dynamic_cast<const Sgd*>(&opt))
    for (const auto& g : o->state())
      for (const auto& s : g) add(s.momentumBuffer);
  if (auto* o = dynamic_cast<const Adam*>(&opt))
    for (const auto& g : o->state())
      for (const auto& s : g) add(s.m), add(s.v), add(s.vMax);
  if (auto* o = dynamic_cast<const Rmsprop*>(&opt))
    for (const auto& g : o->state())
      for (const auto& s : g) add(s.squareAvg), add(s.gradAvg), add(s.momentumBuffer);
  if (auto* o = dynamic_cast<const Adagrad*>(&opt))
    for (const auto& g : o->state())
      for (const auto& s : g) add(s.sum);
  return out;
}

}  // namespace

TEST_CASE("makeOptimizer builds the kind the spec names, with the spec's hyper-parameters",
          "[optim]") {
  Fixture f;
  OptimizerSpec s = spec("sgd");
  s.dampening = 0.25;
  auto sgd = makeOptimizer(s, f.groups());
  REQUIRE(sgd->kind() == "sgd");
  CHECK(dynamic_cast<Sgd&>(*sgd).hyper().momentum == 0.9);
  CHECK(dynamic_cast<Sgd&>(*sgd).hyper().dampening == 0.25);

  s = spec("adam");
  s.beta1 = 0.8;
  s.beta2 = 0.95;
  s.eps = 1e-6;
  auto adam = makeOptimizer(s, f.groups());
  REQUIRE(adam->kind() == "adam");
  const AdamHyper& ha = dynamic_cast<Adam&>(*adam).hyper();
  CHECK((ha.beta1 == 0.8 && ha.beta2 == 0.95 && ha.eps == 1e-6 && ha.amsgrad));
  CHECK_FALSE(ha.decoupledWeightDecay);

  auto adamw = makeOptimizer(spec("adamw"), f.groups());
  REQUIRE(adamw->kind() == "adamw");
  CHECK(dynamic_cast<Adam&>(*adamw).hyper().decoupledWeightDecay);

  s = spec("rmsprop");
  s.alpha = 0.9;
  auto rms = makeOptimizer(s, f.groups());
  REQUIRE(rms->kind() == "rmsprop");
  const RmspropHyper& hr = dynamic_cast<Rmsprop&>(*rms).hyper();
  CHECK((hr.alpha == 0.9 && hr.momentum == 0.9 && hr.centered));

  s = spec("adagrad");
  s.lrDecay = 0.01;
  s.initialAccumulator = 0.1;
  auto ada = makeOptimizer(s, f.groups());
  REQUIRE(ada->kind() == "adagrad");
  const AdagradHyper& hg = dynamic_cast<Adagrad&>(*ada).hyper();
  CHECK((hg.lrDecay == 0.01 && hg.initialAccumulator == 0.1 && hg.eps == s.eps));

  // The groups' own lr and weightDecay are kept as the caller set them.
  CHECK(ada->groups()[0].weightDecay == 0.01);
  CHECK(ada->groups()[1].lr == 0.005);
}

TEST_CASE("makeOptimizer rejects an unknown kind naming optimizer.kind", "[optim]") {
  Fixture f;
  CHECK_THROWS_AS(makeOptimizer(spec("lbfgs"), f.groups()), std::invalid_argument);
  CHECK_THROWS_WITH(makeOptimizer(spec("lbfgs"), f.groups()), Catch::Contains("optimizer.kind"));
}

TEST_CASE("Every slot's step count advances exactly once per step(), for every kind", "[optim]") {
  for (const std::string& kind : kKinds) {
    Fixture f;
    auto opt = makeOptimizer(spec(kind), f.groups());
    INFO(kind);
    CHECK(stepCounts(*opt).empty());  // lazy: no state before the first step
    for (long k = 1; k <= 3; ++k) {
      opt->step();
      CHECK(stepCounts(*opt) == std::vector<long>{k, k, k});
    }
  }
}

TEST_CASE("State buffers are allocated on the first step and never reallocated", "[optim]") {
  for (const std::string& kind : kKinds) {
    Fixture f;
    auto opt = makeOptimizer(spec(kind), f.groups());
    opt->step();
    const auto first = buffers(*opt);
    INFO(kind);
    CHECK_FALSE(first.empty());
    for (int k = 0; k < 5; ++k) opt->step();
    CHECK(buffers(*opt) == first);
  }
}

TEST_CASE("resetState forgets moments and step counts, as a fresh torch optimizer", "[optim]") {
  for (const std::string& kind : kKinds) {
    Fixture fresh, reused;
    auto a = makeOptimizer(spec(kind), fresh.groups());
    auto b = makeOptimizer(spec(kind), reused.groups());
    for (int k = 0; k < 4; ++k) b->step();
    b->resetState();
    CHECK(stepCounts(*b).empty());
    reused.a.value = fresh.a.value;
    reused.b.value = fresh.b.value;
    reused.c.value = fresh.c.value;
    a->step();
    b->step();
    INFO(kind);
    CHECK(reused.a.value == fresh.a.value);
    CHECK(reused.c.value == fresh.c.value);
  }
}

TEST_CASE(
    "makeOptimizer applies the groups' weight decay decoupled for adamw, in the gradient "
    "otherwise",
    "[optim]") {
  // θ = 2, g = 1, lr = 0.1, λ = 0.5. Both first steps are normalized to about lr, so the
  // first moment shows where the decay went: AdamW's m holds only g, Adam's holds g + λθ.
  Param w{"w", ParamRole::Weight, 0, Matrix::Constant(1, 1, 2.0f), Matrix::Constant(1, 1, 1.0f)};
  std::vector<ParamGroup> g(1);
  g[0].params = {&w};
  g[0].lr = 0.1;
  g[0].weightDecay = 0.5;
  auto adamw = makeOptimizer(spec("adamw"), g);
  adamw->step();
  const AdamState& s = dynamic_cast<Adam&>(*adamw).state()[0][0];
  // m = (1 − β1)·g with g = 1: the decay never reached it. Then θ = 2·0.95 − 0.1·1/(1 + ε).
  CHECK(s.m(0, 0) == Approx(0.1));
  CHECK(w.value(0, 0) == Approx(1.8).epsilon(1e-6));

  w.value(0, 0) = 2.0f;
  auto adam = makeOptimizer(spec("adam"), g);
  adam->step();
  const AdamState& sa = dynamic_cast<Adam&>(*adam).state()[0][0];
  // L2: g = 1 + 0.5·2 = 2 enters the moments; the normalized step is still lr.
  CHECK(sa.m(0, 0) == Approx(0.2));
  CHECK(w.value(0, 0) == Approx(1.9).epsilon(1e-6));
}

}  // namespace engine
