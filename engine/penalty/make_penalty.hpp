// Builds the penalty a PenaltySpec names, with strength λ = spec.lambda · scale.
//   kind "none" → nullptr; "l1" → L1Penalty; "l2" → L2Penalty; "elasticNet" → ElasticNetPenalty
//   (ρ = spec.l1Ratio); "lp" → LpBridgePenalty (spec.p).
// scale is the per-layer multiplier (LayerSpec::penaltyScale, ModelSpec::outputPenaltyScale):
// the trainer builds one penalty per layer with makePenalty(spec.penalty, layer.penaltyScale).
// spec.l1Mode and spec.applyToBiases are the trainer's to read: they choose how and where the
// penalty is applied, not what it is. Bad values throw std::invalid_argument naming the field.
#pragma once

#include <memory>

#include "penalty/penalty.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

std::unique_ptr<Penalty> makePenalty(const PenaltySpec& spec, double scale = 1.0);

}  // namespace engine
