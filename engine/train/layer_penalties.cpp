#include "train/layer_penalties.hpp"

#include "penalty/make_penalty.hpp"

namespace engine {

void LayerPenalties::configure(const PenaltySpec& penalty, const ModelSpec& model) {
  perLayer_.clear();
  proximal_ = false;
  applyToBiases_ = penalty.applyToBiases;
  if (penalty.kind == "none" || penalty.lambda == 0.0) return;
  // One per trainable layer (dense and conv entries, then the output), as layers.<k>.
  for (const LayerSpec& layer : model.hidden)
    if (layer.kind == "dense" || layer.kind == "conv")
      perLayer_.push_back(makePenalty(penalty, layer.penaltyScale));
  perLayer_.push_back(makePenalty(penalty, model.outputPenaltyScale));
  const bool l1Family = penalty.kind == "l1" || penalty.kind == "elasticNet";
  proximal_ = (l1Family && penalty.l1Mode == "proximal") || !perLayer_.front()->hasUsableGradient();
}

void LayerPenalties::addGradients(const std::vector<Param*>& params) const {
  if (!active() || proximal_) return;  // prox: after the step instead
  for (Param* p : params)
    if (penalized(*p))
      perLayer_[static_cast<std::size_t>(p->layer)]->addGradient(p->value, p->grad);
}

void LayerPenalties::prox(const std::vector<Param*>& params, double lr) const {
  if (!active() || !proximal_) return;
  for (Param* p : params)
    if (penalized(*p)) perLayer_[static_cast<std::size_t>(p->layer)]->prox(p->value, lr);
}

double LayerPenalties::value(const std::vector<Param*>& params) const {
  double total = 0.0;
  if (!active()) return total;
  for (Param* p : params)
    if (penalized(*p)) total += perLayer_[static_cast<std::size_t>(p->layer)]->value(p->value);
  return total;
}

}  // namespace engine
