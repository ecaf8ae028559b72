// Weight decay's scope: torch's default (every parameter) or weights only (AdamW practice).
#include <catch2/catch.hpp>

#include "optim/param_groups.hpp"

namespace engine {

TEST_CASE("decayScope all decays every parameter, weights leaves biases and norms out", "[optim]") {
  Param w{"layers.0.weight", ParamRole::Weight, 0, Matrix::Ones(2, 2), Matrix::Zero(2, 2)};
  Param b{"layers.0.bias", ParamRole::Bias, 0, Matrix::Ones(1, 2), Matrix::Zero(1, 2)};
  Param s{"layers.0.bnScale", ParamRole::NormScale, 0, Matrix::Ones(1, 2), Matrix::Zero(1, 2)};
  OptimizerSpec spec;
  spec.lr = 0.5;
  spec.weightDecay = 0.1;
  const std::vector<ParamGroup> all = paramGroups({&w, &b, &s}, spec);
  REQUIRE(all.size() == 1);
  CHECK(all[0].params.size() == 3);
  CHECK(all[0].weightDecay == 0.1);
  CHECK(all[0].lr == 0.5);

  spec.decayScope = "weights";
  std::vector<ParamGroup> split = paramGroups({&w, &b, &s}, spec);
  REQUIRE(split.size() == 2);
  CHECK(split[0].params == std::vector<Param*>{&w});
  CHECK(split[0].weightDecay == 0.1);
  CHECK(split[1].params == std::vector<Param*>{&b, &s});
  CHECK(split[1].weightDecay == 0.0);

  spec.weightDecay = 0.3;  // a live change keeps the groups and their exemption
  setWeightDecay(split, spec);
  CHECK(split[0].weightDecay == 0.3);
  CHECK(split[1].weightDecay == 0.0);
}

}  // namespace engine
