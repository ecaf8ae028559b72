#include "penalty/make_penalty.hpp"

#include <cmath>
#include <stdexcept>

#include "penalty/elastic_net.hpp"
#include "penalty/l1.hpp"
#include "penalty/l2.hpp"
#include "penalty/lp_bridge.hpp"

namespace engine {

std::unique_ptr<Penalty> makePenalty(const PenaltySpec& spec, double scale) {
  if (spec.kind == "none") return nullptr;
  if (!(scale >= 0.0) || !std::isfinite(scale))
    throw std::invalid_argument("penaltyScale: must be finite and >= 0");
  const double lambda = spec.lambda * scale;
  if (spec.kind == "l1") return std::make_unique<L1Penalty>(lambda);
  if (spec.kind == "l2") return std::make_unique<L2Penalty>(lambda);
  if (spec.kind == "elasticNet") return std::make_unique<ElasticNetPenalty>(lambda, spec.l1Ratio);
  if (spec.kind == "lp") return std::make_unique<LpBridgePenalty>(lambda, spec.p);
  throw std::invalid_argument("penalty.kind: must be one of: none, l1, l2, elasticNet, lp; got \"" +
                              spec.kind + "\"");
}

}  // namespace engine
