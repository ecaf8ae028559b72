#include "train/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "data/data_kinds.hpp"
#include "data/make_data.hpp"
#include "optim/make_optimizer.hpp"
#include "optim/param_groups.hpp"
#include "spec/network_shapes.hpp"
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

  // A CNN sees its images scaled per channel (data/make_data.hpp).
  data_ = makeSpecData(spec_.data, spec_.seed, custom_ ? &customData_ : nullptr,
                       hasImageLayers(spec_.model));
  if (data_.train.rows() == 0) throw std::invalid_argument("data: the training split is empty");

  task_ = taskOf(data_.train);
  inputs_ = static_cast<int>(data_.train.features());
  outputs_ = outputsFor(data_.train);
  const Shape image = custom_ ? Shape{0, 0, 0} : dataImageShape(spec_.data.kind);
  imageInput_ = image.channels > 0 && image.size() == inputs_;
  inputShape_ = imageInput_ ? image : Shape::vector(inputs_);
  loss_ = makeLoss(task_);
  trainTargets_ = lossTargets(data_.train);
  validationTargets_ = lossTargets(data_.validation);
  testTargets_ = lossTargets(data_.test);

  // Parameter count before allocating anything large.
  const long long count =
      networkParameterCount(spec_.model, FlowShape{inputShape_, imageInput_}, outputs_);
  if (count > SpecLimits::kMaxParameters) {
    throw std::invalid_argument("model.hidden: the network would have " + std::to_string(count) +
                                " parameters; the limit is " +
                                std::to_string(SpecLimits::kMaxParameters));
  }
  buildModel();
}

void Trainer::buildModel() {
  Rng initRng(spec_.seed, kInitStream);
  Network net = buildNetwork(spec_.model, inputShape_, imageInput_, outputs_, initRng);
  model_ = std::make_unique<Model>(std::move(net.model));
  hidden_ = std::move(net.hidden);  // its layer pointers live on the heap, owned by model_
  dropoutRng_ = Rng(spec_.seed, kDropoutStream);
  augmentRng_ = Rng(spec_.seed, kAugmentStream);
  step_ = 0;
  epoch_ = 0;
  state_ = RunState::Running;
  divergedAtStep_ = -1;
  message_.clear();
  lastBatchLoss_ = 0.0;
  recorder_.reset(static_cast<int>(model_->layerWeights().size()));
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
  for (std::size_t i = 0; i < hidden_.size() && i < spec_.model.hidden.size(); ++i) {
    const LayerSpec& h = spec_.model.hidden[i];
    if (hidden_[i].dropout) hidden_[i].dropout->setRate(h.dropout);
    if (hidden_[i].dropout2d) hidden_[i].dropout2d->setRate(h.dropout);
  }
  setDropBlockRates(step_);
}

// DropBlock's rate at a step: 1 − keep_prob(step), keep_prob falling linearly from 1 to
// 1 − dropBlock over model.dropBlockRampSteps (Ghiasi et al. 2018, §3 "Scheduled DropBlock").
void Trainer::setDropBlockRates(long step) {
  for (std::size_t i = 0; i < hidden_.size() && i < spec_.model.hidden.size(); ++i) {
    if (!hidden_[i].dropBlock) continue;
    const double target = 1.0 - spec_.model.hidden[i].dropBlock;
    hidden_[i].dropBlock->setRate(1.0 -
                                  dropBlockKeepProb(step, spec_.model.dropBlockRampSteps, target));
  }
}

// A CNN's split goes through the model in chunks that fit the memory budget of a batch.
Index Trainer::evaluationChunk() const {
  if (!hasImageLayers(spec_.model)) return 0;
  const long long values = activationsPerSample(spec_.model, FlowShape{inputShape_, imageInput_});
  return static_cast<Index>(
      std::max(1LL, SpecLimits::kMaxBatchActivations / std::max(1LL, values)));
}

// Shifts, rotations and flips of image rows, in the data's own units: the batch is unscaled,
// augmented (pixels outside the image read 0, the background of the data) and scaled again,
// so whatever the scaling the augmented image is the scaled augmented raw image.
void Trainer::augmentImages(Matrix& batch, Rng& rng) {
  const TrainingSpec& t = spec_.training;
  if (!imageInput_ || (t.augmentShift <= 0 && t.augmentRotation <= 0.0 && !t.augmentFlip)) return;
  ImageAugmentOptions o;
  o.maxShift = t.augmentShift;
  o.maxRotation = t.augmentRotation;
  o.horizontalFlip = t.augmentFlip;
  const Standardizer& scaler = data_.transform.scaler;
  scaler.inverseTransform(batch);
  imageAugmenter_.apply(batch, inputShape_, o, rng);
  scaler.transform(batch);
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
  augmentImages(batchX_, augmentRng_);
  addJitter(batchX_, spec_.training.jitter, augmentRng_);
  mixup_.apply(batchX_, batchY_, spec_.training.mixupAlpha, augmentRng_);
  setDropBlockRates(stepIndex);

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
  const std::vector<Param*>& weights = model_->layerWeights();
  penalties_.addGradients(params);
  recorder_.gradientsBeforeClip(params);  // also the norm after clipping, until a clip changes it
  const bool clipping = spec_.training.clipNorm > 0.0 || spec_.training.clipValue > 0.0;
  if (spec_.training.clipNorm > 0.0) clipGradNorm(params, spec_.training.clipNorm);
  if (spec_.training.clipValue > 0.0) clipGradValue(params, spec_.training.clipValue);
  if (clipping) recorder_.gradientsAfterClip(params);

  const bool records = StepRecorder::records(spec_.training, stepIndex, epochEnds);
  if (records) recorder_.weightsBeforeStep(weights);
  lastLr_ = schedule_->at(stepIndex);
  for (ParamGroup& g : optimizer_->groups()) g.lr = lastLr_;
  optimizer_->step();
  penalties_.prox(params, lastLr_);
  applyMaxNorm(weights, spec_.training.maxNorm);
  ++step_;
  if (epochEnds) ++epoch_;

  if (records) {
    recorder_.weightsAfterStep(weights);
    record(true);
  } else {
    recorder_.trace(static_cast<double>(step_),
                    static_cast<double>(step_) / batcher_->stepsPerEpoch(), lastLr_, lastBatchLoss_,
                    weights);
  }

  if (epochEnds && earlyStopper_.enabled()) {
    earlyStopper_.setStep(step_);
    const double validationLoss = evaluateSplit(*model_, *loss_, task_, data_.validation,
                                                validationTargets_, evaluationChunk())
                                      .loss;
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
  recorder_.record(row, model_->layerWeights(), afterStep);
}

Evaluation Trainer::evaluate(Split split) {
  Evaluation e =
      evaluateSplit(*model_, *loss_, task_, dataset(split), targetsFor(split), evaluationChunk());
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
  for (const Param* p : model_->layerWeights()) weights.push_back(&p->value);
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
  for (const HiddenLayerMap& h : hidden_) info.layerSizes.push_back(h.output.size());
  info.layerSizes.push_back(outputs_);
  info.parameterCount = static_cast<long>(model_->parameterCount());
  info.inputShape = inputShape_;
  info.imageInput = imageInput_;
  const auto paramsOf = [&](int first, int last) {
    long n = 0;
    for (int i = first; i <= last; ++i)
      for (const Param* p : const_cast<Model&>(*model_).layer(i).params()) n += p->value.size();
    return n;
  };
  for (std::size_t i = 0; i < hidden_.size(); ++i) {
    const HiddenLayerMap& h = hidden_[i];
    info.layers.push_back(LayerInfo{h.kind, static_cast<int>(i), h.trainable, h.input, h.output,
                                    h.imageOutput, paramsOf(h.first, h.last)});
  }
  const int out = model_->layerCount() - 1;
  const Shape last = hidden_.empty() ? inputShape_ : hidden_.back().output;
  info.layers.push_back(LayerInfo{"output", -1, static_cast<int>(model_->layerWeights().size()) - 1,
                                  last, Shape::vector(outputs_), false, paramsOf(out, out)});
  return info;
}

void Trainer::reset() { buildModel(); }

}  // namespace engine
