#include "optim/make_optimizer.hpp"

#include <stdexcept>

#include "optim/adagrad.hpp"
#include "optim/adam.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec,
                                         std::vector<ParamGroup> groups) {
  // The schema is the one place that knows each hyper-parameter's range.
  ExperimentSpec whole;
  whole.optimizer = spec;
  const std::vector<std::string> errors = validateSection(whole, "optimizer.");
  if (!errors.empty()) throw std::invalid_argument(describeErrors(errors));
  if (spec.kind == "sgd") {
    SgdHyper h;
    h.momentum = spec.momentum;
    h.dampening = spec.dampening;
    h.nesterov = spec.nesterov;
    return std::make_unique<Sgd>(std::move(groups), h);
  }
  if (spec.kind == "adam" || spec.kind == "adamw") {
    AdamHyper h;
    h.beta1 = spec.beta1;
    h.beta2 = spec.beta2;
    h.eps = spec.eps;
    h.amsgrad = spec.amsgrad;
    h.decoupledWeightDecay = spec.kind == "adamw";
    return std::make_unique<Adam>(std::move(groups), h);
  }
  if (spec.kind == "rmsprop") {
    RmspropHyper h;
    h.alpha = spec.alpha;
    h.eps = spec.eps;
    h.momentum = spec.momentum;
    h.centered = spec.centered;
    return std::make_unique<Rmsprop>(std::move(groups), h);
  }
  if (spec.kind == "adagrad") {
    AdagradHyper h;
    h.lrDecay = spec.lrDecay;
    h.initialAccumulator = spec.initialAccumulator;
    h.eps = spec.eps;
    return std::make_unique<Adagrad>(std::move(groups), h);
  }
  throw std::logic_error("optimizer.kind \"" + spec.kind +
                         "\" passed validation but has no branch");
}

}  // namespace engine
