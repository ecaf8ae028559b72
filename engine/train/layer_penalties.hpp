// The penalty R(w) of a run, one Penalty per trainable layer (dense and conv entries of
// model.hidden, then the output layer; λ × that layer's penaltyScale),
// applied the way the spec asks: as a (sub)gradient added after backward, or as the proximal
// map after the optimizer step with step γ·λ (proximal gradient, Parikh & Boyd 2014 §4.2).
// L1 and elastic net go either way (penalty.l1Mode); Lp only through its prox. Weights only,
// unless penalty.applyToBiases.
#pragma once

#include <memory>
#include <vector>

#include "core/param.hpp"
#include "penalty/penalty.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

class LayerPenalties {
 public:
  // No penalty when kind is "none" or λ is 0.
  void configure(const PenaltySpec& penalty, const ModelSpec& model);
  void addGradients(const std::vector<Param*>& params) const;     // gradient mode only
  void prox(const std::vector<Param*>& params, double lr) const;  // proximal mode only
  double value(const std::vector<Param*>& params) const;
  bool active() const { return !perLayer_.empty(); }
  bool proximal() const { return proximal_; }

 private:
  bool penalized(const Param& p) const { return p.role == ParamRole::Weight || applyToBiases_; }

  std::vector<std::unique_ptr<Penalty>> perLayer_;
  bool proximal_ = false;
  bool applyToBiases_ = false;
};

}  // namespace engine
