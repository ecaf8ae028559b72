#include "train/trainer.hpp"

#include <cmath>
#include <stdexcept>

#include "data/make_data.hpp"
#include "optim/make_optimizer.hpp"
#include "optim/param_groups.hpp"
#include "spec/spec_schema.hpp"
#include "train/grad_clip.hpp"
#include "train/max_norm.hpp"
#include "train/random_streams.hpp"
#include "train/targets.hpp"

namespace engine {

const char* runStateName(RunState state) {
  switch (state) {
    case RunState::Running: return "running";
    case RunState::Diverged: return "diverged";
    case RunState::EarlyStopped: return "earlyStopped";
    case RunState::Finished: return "finished";
  }
  return "running";
}

Trainer::Trainer(const ExperimentSpec& spec) : spec_(spec) {
  if (spec.data.kind == "custom")
    throw std::invalid_argument(
        "data.kind: \"custom\" needs the data itself: pass it with the spec (x, y, rows, cols)");
  build();
}

Trainer::Trainer(const ExperimentSpec& spec, CustomData data)
    : spec_(spec), custom_(true), customData_(std::move(data)) {
  spec_.data.kind = "custom";
  build();
}

Trainer::~Trainer() = default;

void Trainer::build() {
  const std::vector<std::string> errors = validate(spec_);
  if (!errors.empty()) throw std::invalid_argument(describeErrors(errors));

  data_ = makeSpecData(spec_.data, spec_.seed, custom_ ? &customData_ : nullptr);
  if (data_.train.rows() == 0) throw std::invalid_argument("data: the training split is empty");

  task_ = taskOf(data_.train);
  inputs_ = static_cast<int>(data_.train.features());
  outputs_ = outputsFor(data_.train);
  loss_ = makeLoss(task_);
  trainTargets_ = lossTargets(data_.train);
  validationTargets_ = lossTargets(data_.validation);
  testTargets_ = lossTargets(data_.test);

  // Parameter count before allocating anything large.
  long long count = 0;
  int fanIn = inputs_;
  for (const LayerSpec& layer : spec_.model.hidden) {
    count += static_cast<long long>(fanIn) * layer.units;
    count += layer.batchNorm ? 2LL * layer.units : layer.units;  // β replaces the dense bias
    fanIn = layer.units;
  }
  count += static_cast<long long>(fanIn) * outputs_ + outputs_;
  if (count > SpecLimits::kMaxParameters) {
    throw std::invalid_argument("model.hidden: the network would have " + std::to_string(count) +
                                " parameters; the limit is " +
                                std::to_string(SpecLimits::kMaxParameters));
  }
  buildModel();
}

void Trainer::buildModel() {
  Rng initRng(spec_.seed, kInitStream);
  model_ = std::make_unique<Model>(buildMlp(spec_.model, inputs_, outputs_, initRng));
  dropoutRng_ = Rng(spec_.seed, kDropoutStream);
  augmentRng_ = Rng(spec_.seed, kAugmentStream);
  step_ = 0;
  epoch_ = 0;
  state_ = RunState::Running;
  divergedAtStep_ = -1;
  message_.clear();
  lastBatchLoss_ = 0.0;
  recorder_.reset(static_cast<int>(model_->denseLayers().size()));
  batcher_ = makeBatcher(spec_, static_cast<int>(data_.train.rows()), 0);
  earlyStopper_ = EarlyStopper();
  buildOptimizer();
  configureLive();
  record(false);
}

void Trainer::buildOptimizer() {
  optimizer_ = makeOptimizer(spec_.optimizer, paramGroups(model_->params(), spec_.optimizer));
}

// Everything a running network takes as it is: schedule, penalties, dropout rates, weight
// decay, early stopping.
void Trainer::configureLive() {
  schedule_ = std::make_unique<LrSchedule>(spec_.schedule, spec_.optimizer.lr);
  lastLr_ = schedule_->at(step_);
  setWeightDecay(optimizer_->groups(), spec_.optimizer);
  penalties_.configure(spec_.penalty, spec_.model);
  earlyStopper_.configure(spec_.training.earlyStopping);
  const std::vector<Dropout*>& dropout = model_->dropoutLayers();
  for (std::size_t k = 0; k < dropout.size() && k < spec_.model.hidden.size(); ++k)
    dropout[k]->setRate(spec_.model.hidden[k].dropout);
}

const Matrix& Trainer::targetsFor(Split split) const {
  switch (split) {
    case Split::Train: return trainTargets_;
    case Split::Validation: return validationTargets_;
    case Split::Test: return testTargets_;
  }
  return trainTargets_;
}

const Dataset& Trainer::dataset(Split split) const {
  switch (split) {
    case Split::Train: return data_.train;
    case Split::Validation: return data_.validation;
    case Split::Test: return data_.test;
  }
  return data_.train;
}

RunStatus Trainer::status() const {
  RunStatus s;
  s.state = state_;
  s.step = step_;
  s.epoch = epoch_;
  s.divergedAtStep = divergedAtStep_;
  s.bestStep = earlyStopper_.bestStep();
  s.message = message_;
  return s;
}

RunStatus Trainer::runSteps(long steps) {
  long done = 0;
  while (done < steps && state_ == RunState::Running) {
    trainStep();
    ++done;
  }
  RunStatus s = status();
  s.stepsRun = done;
  return s;
}

RunStatus Trainer::runEpochs(long epochs) {
  const long target = epoch_ + epochs;
  long done = 0;
  while (epoch_ < target && state_ == RunState::Running) {
    trainStep();
    ++done;
  }
  RunStatus s = status();
  s.stepsRun = done;
  return s;
}

// The batch's rows and loss targets, copied into buffers that keep their size between steps.
void Trainer::gatherBatch(const std::vector<int>& batch) {
  const Index rows = static_cast<Index>(batch.size());
  batchX_.resize(rows, data_.train.x.cols());
  batchY_.resize(rows, trainTargets_.cols());
  for (Index i = 0; i < rows; ++i) {
    batchX_.row(i) = data_.train.x.row(batch[static_cast<std::size_t>(i)]);
    batchY_.row(i) = trainTargets_.row(batch[static_cast<std::size_t>(i)]);
  }
}

void Trainer::trainStep() {
  gatherBatch(batcher_->next());
  const bool epochEnds = batcher_->epochEnded();
  const long stepIndex = step_;  // 0-based index of this step, as the schedule counts
  addJitter(batchX_, spec_.training.jitter, augmentRng_);
  mixup_.apply(batchX_, batchY_, spec_.training.mixupAlpha, augmentRng_);

  model_->zeroGrad();
  const Matrix& z = model_->forward(batchX_, true, dropoutRng_);
  const double batchLoss = loss_->value(z, batchY_);
  const std::string diverged = divergenceMessage(batchLoss, stepIndex + 1);
  if (!diverged.empty()) {
    state_ = RunState::Diverged;
    divergedAtStep_ = stepIndex + 1;
    message_ = diverged;
    recorder_.flushTrace();  // the steps that led here, on the chart
    return;
  }
  lastBatchLoss_ = batchLoss;
  loss_->gradient(z, batchY_, dz_);
  model_->backward(dz_);

  const std::vector<Param*>& params = model_->params();
  const std::vector<Dense*>& dense = model_->denseLayers();
  penalties_.addGradients(params);
  recorder_.gradientsBeforeClip(params);  // also the norm after clipping, until a clip changes it
  const bool clipping = spec_.training.clipNorm > 0.0 || spec_.training.clipValue > 0.0;
  if (spec_.training.clipNorm > 0.0) clipGradNorm(params, spec_.training.clipNorm);
  if (spec_.training.clipValue > 0.0) clipGradValue(params, spec_.training.clipValue);
  if (clipping) recorder_.gradientsAfterClip(params);

  const bool records = StepRecorder::records(spec_.training, stepIndex, epochEnds);
  if (records) recorder_.weightsBeforeStep(dense);
  lastLr_ = schedule_->at(stepIndex);
  for (ParamGroup& g : optimizer_->groups()) g.lr = lastLr_;
  optimizer_->step();
  penalties_.prox(params, lastLr_);
  applyMaxNorm(dense, spec_.training.maxNorm);
  ++step_;
  if (epochEnds) ++epoch_;

  if (records) {
    recorder_.weightsAfterStep(dense);
    record(true);
  } else {
    recorder_.trace(static_cast<double>(step_),
                    static_cast<double>(step_) / batcher_->stepsPerEpoch(), lastLr_, lastBatchLoss_,
                    dense);
  }

  if (epochEnds && earlyStopper_.enabled()) {
    earlyStopper_.setStep(step_);
    const double validationLoss =
        evaluateSplit(*model_, *loss_, task_, data_.validation, validationTargets_).loss;
    const std::string stop = earlyStopper_.epochEnded(validationLoss, epoch_, *model_);
    if (!stop.empty()) {
      state_ = RunState::EarlyStopped;
      message_ = stop;
      if (spec_.training.earlyStopping.restoreBest) record(false);  // the restored weights
      return;
    }
  }
  const std::string finished = epochLimitMessage(spec_.training, epoch_);
  if (!finished.empty()) {
    state_ = RunState::Finished;
    message_ = finished;
  }
}

void Trainer::record(bool afterStep) {
  MetricsRow row;
  row.step = static_cast<double>(step_);
  row.epoch = static_cast<double>(step_) / batcher_->stepsPerEpoch();
  row.lr = afterStep ? lastLr_ : schedule_->at(step_);
  const Evaluation train = evaluate(Split::Train);
  row.batchLoss = afterStep ? lastBatchLoss_ : train.loss;
  row.trainLoss = train.loss;
  row.trainPenalty = train.penalty;
  row.trainAccuracy = train.accuracy;
  if (hasValidation()) {
    const Evaluation v = evaluate(Split::Validation);
    row.valLoss = v.loss;
    row.valAccuracy = v.accuracy;
    row.lossGap = v.loss - train.loss;
  }
  if (hasTest()) {
    const Evaluation t = evaluate(Split::Test);
    row.testLoss = t.loss;
    row.testAccuracy = t.accuracy;
  }
  recorder_.record(row, model_->denseLayers(), afterStep);
}

Evaluation Trainer::evaluate(Split split) {
  Evaluation e = evaluateSplit(*model_, *loss_, task_, dataset(split), targetsFor(split));
  e.penalty = penalties_.value(model_->params());
  return e;
}

void Trainer::setParameter(const std::string& name, const float* values, long count) {
  for (Param* p : model_->params()) {
    if (p->name != name) continue;
    if (count != static_cast<long>(p->value.size())) {
      throw std::invalid_argument(
          "setParameter(\"" + name + "\"): expected " + std::to_string(p->value.size()) +
          " values (" + std::to_string(p->value.rows()) + " × " + std::to_string(p->value.cols()) +
          "), got " + std::to_string(count));
    }
    for (long i = 0; i < count; ++i) {
      if (!std::isfinite(values[i]))
        throw std::invalid_argument("setParameter(\"" + name + "\"): values must be finite");
      p->value.data()[i] = static_cast<Scalar>(values[i]);
    }
    return;
  }
  std::string names;
  for (Param* p : model_->params()) names += (names.empty() ? "" : ", ") + p->name;
  throw std::invalid_argument("setParameter: no parameter \"" + name + "\"; the model has " +
                              names);
}

Histogram Trainer::histogram(int bins) const {
  std::vector<const Matrix*> weights;
  for (Dense* d : model_->denseLayers()) weights.push_back(&d->weight().value);
  return weightHistogram(weights, bins);
}

NetworkInfo Trainer::network() const {
  NetworkInfo info;
  info.inputs = inputs_;
  info.outputs = outputs_;
  info.task = task_;
  info.featureNames = data_.train.featureNames;
  if (task_ == Task::Regression) {
    info.targetNames = data_.train.targetNames;
    if (info.targetNames.empty()) info.targetNames.assign(static_cast<std::size_t>(outputs_), "y");
  }
  info.layerSizes.push_back(inputs_);
  for (const LayerSpec& l : spec_.model.hidden) info.layerSizes.push_back(l.units);
  info.layerSizes.push_back(outputs_);
  info.parameterCount = static_cast<long>(model_->parameterCount());
  return info;
}

void Trainer::reset() { buildModel(); }

}  // namespace engine
