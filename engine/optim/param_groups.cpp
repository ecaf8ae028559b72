#include "optim/param_groups.hpp"

namespace engine {

std::vector<ParamGroup> paramGroups(const std::vector<Param*>& params, const OptimizerSpec& spec) {
  ParamGroup decay;
  ParamGroup noDecay;
  for (Param* p : params) {
    const bool decays = spec.decayScope == "all" || p->role == ParamRole::Weight;
    (decays ? decay : noDecay).params.push_back(p);
  }
  std::vector<ParamGroup> groups;
  if (!decay.params.empty()) groups.push_back(std::move(decay));
  if (!noDecay.params.empty()) groups.push_back(std::move(noDecay));
  for (ParamGroup& g : groups) g.lr = spec.lr;
  setWeightDecay(groups, spec);
  return groups;
}

void setWeightDecay(std::vector<ParamGroup>& groups, const OptimizerSpec& spec) {
  for (ParamGroup& g : groups) {
    bool onlyNonWeights = !g.params.empty();
    for (const Param* p : g.params) onlyNonWeights &= p->role != ParamRole::Weight;
    g.weightDecay = spec.decayScope == "weights" && onlyNonWeights ? 0.0 : spec.weightDecay;
  }
}

}  // namespace engine
