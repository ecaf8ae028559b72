#include "train/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "data/make_data.hpp"
#include "optim/make_optimizer.hpp"
#include "penalty/make_penalty.hpp"
#include "spec/spec_schema.hpp"
#include "train/grad_clip.hpp"

namespace engine {
namespace {

// Independent random streams derived from the seed, one per purpose, so that e.g. turning on
// dropout does not change the batch order or the initial weights.
constexpr std::uint64_t kInitStream = 0x1417;
constexpr std::uint64_t kShuffleStream = 0x5eed;
constexpr std::uint64_t kDropoutStream = 0xd209;
constexpr std::uint64_t kAugmentStream = 0xa06e;

// True when a and b agree on every schema field whose path `selected` accepts.
template <typename Select>
bool sameFields(const std::vector<FieldDesc>& fields, const void* a, const void* b,
                Select selected) {
  for (const FieldDesc& f : fields) {
    if (!selected(f.path)) continue;
    switch (f.type) {
      case FieldType::Number:
      case FieldType::Integer:
      case FieldType::Boolean:
        if (f.getNumber(a) != f.getNumber(b)) return false;
        break;
      case FieldType::Enum:
        if (f.getString(a) != f.getString(b)) return false;
        break;
      case FieldType::StringList:
        if (f.getList(a) != f.getList(b)) return false;
        break;
    }
  }
  return true;
}

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// What a running network cannot absorb: another seed, data set or architecture. Dropout rates
// and per-layer penalty scales are hyper-parameters and may change.
bool sameStructure(const ExperimentSpec& a, const ExperimentSpec& b) {
  const bool sameTop = sameFields(specFields(), &a, &b, [](const std::string& path) {
    return path == "seed" || startsWith(path, "data.") ||
           (startsWith(path, "model.") && path != "model.outputPenaltyScale");
  });
  if (!sameTop || a.model.hidden.size() != b.model.hidden.size()) return false;
  for (std::size_t i = 0; i < a.model.hidden.size(); ++i) {
    const bool sameLayer = sameFields(
        layerFields(), &a.model.hidden[i], &b.model.hidden[i],
        [](const std::string& path) { return path != "dropout" && path != "penaltyScale"; });
    if (!sameLayer) return false;
  }
  return true;
}

// lr is left out: the schedule hands it to the groups at every step.
bool sameOptimizer(const ExperimentSpec& a, const ExperimentSpec& b) {
  return sameFields(specFields(), &a, &b, [](const std::string& path) {
    return startsWith(path, "optimizer.") && path != "optimizer.lr";
  });
}

double squaredNorm(const Matrix& m) { return static_cast<double>(m.squaredNorm()); }

}  // namespace

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

  if (custom_) {
    const CustomData& c = customData_;
    if (c.rows <= 0 || c.cols <= 0 ||
        static_cast<long long>(c.x.size()) != static_cast<long long>(c.rows) * c.cols ||
        static_cast<long long>(c.y.size()) != c.rows) {
      throw std::invalid_argument("data: x must hold rows × cols values and y one per row");
    }
    if (static_cast<long long>(c.rows) * c.cols > SpecLimits::kMaxDataValues ||
        c.rows > SpecLimits::kMaxSamples) {
      throw std::invalid_argument("data: at most " + std::to_string(SpecLimits::kMaxSamples) +
                                  " rows and " + std::to_string(SpecLimits::kMaxDataValues) +
                                  " values");
    }
    data_ = makeCustomData(spec_.data, spec_.seed, c.x.data(), c.y.data(), c.rows, c.cols);
  } else {
    data_ = makeData(spec_.data, spec_.seed);
  }
  if (data_.train.rows() == 0) throw std::invalid_argument("data: the training split is empty");

  const int classes = data_.train.numClasses;
  task_ = classes == 0 ? Task::Regression : classes == 2 ? Task::Binary : Task::Multiclass;
  inputs_ = static_cast<int>(data_.train.features());
  outputs_ = task_ == Task::Multiclass ? classes : 1;
  loss_ = makeLoss(task_);
  makeTargets(data_.train, trainTargets_);
  makeTargets(data_.validation, validationTargets_);
  makeTargets(data_.test, testTargets_);

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
  best_.reset();
  const std::vector<Dense*>& dense = model_->denseLayers();
  layerStats_.assign(dense.size(), LayerStats{});
  previousWeights_.resize(dense.size());
  metrics_ = MetricsLog(static_cast<int>(dense.size()));
  buildOptimization();
  record(false);
}

void Trainer::buildOptimization() {
  // Two groups as in the usual AdamW recipe: weights decay, biases and batch-norm parameters
  // do not (unless penalty.applyToBiases).
  ParamGroup decay;
  ParamGroup noDecay;
  decay.lr = noDecay.lr = spec_.optimizer.lr;
  decay.weightDecay = spec_.optimizer.weightDecay;
  noDecay.weightDecay = spec_.penalty.applyToBiases ? spec_.optimizer.weightDecay : 0.0;
  for (Param* p : model_->params())
    (p->role == ParamRole::Weight ? decay : noDecay).params.push_back(p);
  std::vector<ParamGroup> groups;
  groups.push_back(std::move(decay));
  if (!noDecay.params.empty()) groups.push_back(std::move(noDecay));
  optimizer_ = makeOptimizer(spec_.optimizer, std::move(groups));
  schedule_ = std::make_unique<LrSchedule>(spec_.schedule, spec_.optimizer.lr);
  lastLr_ = schedule_->at(step_);

  const int n = static_cast<int>(data_.train.rows());
  batcher_ = std::make_unique<Batcher>(n, spec_.training.batchSize, spec_.training.shuffle,
                                       Rng(spec_.seed, kShuffleStream));
  const EarlyStoppingSpec& es = spec_.training.earlyStopping;
  if (es.enabled) {
    if (!earlyStopping_) earlyStopping_ = std::make_unique<EarlyStopping>(es.patience, es.minDelta);
    earlyStopping_->setPatience(es.patience, es.minDelta);
  } else {
    earlyStopping_.reset();
  }
  buildPenalties();
}

void Trainer::buildPenalties() {
  layerPenalties_.clear();
  if (spec_.penalty.kind == "none" || spec_.penalty.lambda == 0.0) return;
  const auto& hidden = spec_.model.hidden;
  const std::size_t layers = hidden.size() + 1;
  for (std::size_t k = 0; k < layers; ++k) {
    const double scale =
        k < hidden.size() ? hidden[k].penaltyScale : spec_.model.outputPenaltyScale;
    layerPenalties_.push_back(makePenalty(spec_.penalty, scale));
  }
  // L1 and elastic net go either way (the user's l1Mode); Lp only through its prox.
  const bool l1Family = spec_.penalty.kind == "l1" || spec_.penalty.kind == "elasticNet";
  proximalPenalty_ = (l1Family && spec_.penalty.l1Mode == "proximal") ||
                     !layerPenalties_.front()->hasUsableGradient();
}

bool Trainer::penalized(const Param& p) const {
  return p.role == ParamRole::Weight || spec_.penalty.applyToBiases;
}

void Trainer::makeTargets(const Dataset& set, Matrix& targets) const {
  const Index n = set.rows();
  if (task_ == Task::Multiclass) {
    targets = Matrix::Zero(n, outputs_);
    for (Index i = 0; i < n; ++i)
      targets(i, static_cast<Index>(set.target[static_cast<std::size_t>(i)])) = Scalar(1);
  } else {
    targets.resize(n, 1);
    for (Index i = 0; i < n; ++i)
      targets(i, 0) = static_cast<Scalar>(set.target[static_cast<std::size_t>(i)]);
  }
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

void Trainer::trainStep() {
  const std::vector<int>& batch = batcher_->next();
  const bool epochEnds = batcher_->epochEnded();
  const long stepIndex = step_;  // 0-based index of this step, as the schedule counts
  const bool willRecord = (epochEnds && spec_.training.recordEpochs) ||
                          (stepIndex + 1) % spec_.training.recordEvery == 0;

  // Gather the batch (no allocation once the batch size is stable).
  const Index rows = static_cast<Index>(batch.size());
  batchX_.resize(rows, data_.train.x.cols());
  batchY_.resize(rows, trainTargets_.cols());
  for (Index i = 0; i < rows; ++i) {
    batchX_.row(i) = data_.train.x.row(batch[static_cast<std::size_t>(i)]);
    batchY_.row(i) = trainTargets_.row(batch[static_cast<std::size_t>(i)]);
  }
  addJitter(batchX_, spec_.training.jitter, augmentRng_);
  mixup_.apply(batchX_, batchY_, spec_.training.mixupAlpha, augmentRng_);

  model_->zeroGrad();
  const Matrix& z = model_->forward(batchX_, true, dropoutRng_);
  const double batchLoss = loss_->value(z, batchY_);
  if (!std::isfinite(batchLoss)) {
    state_ = RunState::Diverged;
    divergedAtStep_ = stepIndex + 1;
    std::ostringstream os;
    os << "training diverged: the loss became " << (std::isnan(batchLoss) ? "NaN" : "infinite")
       << " at step " << divergedAtStep_
       << "; lower the learning rate, add gradient clipping, or reset";
    message_ = os.str();
    return;
  }
  lastBatchLoss_ = batchLoss;
  loss_->gradient(z, batchY_, dz_);
  model_->backward(dz_);
  applyPenaltyGradients();

  const std::vector<Param*>& params = model_->params();
  if (spec_.training.clipNorm > 0.0) clipGradNorm(params, spec_.training.clipNorm);
  if (spec_.training.clipValue > 0.0) clipGradValue(params, spec_.training.clipValue);

  const std::vector<Dense*>& dense = model_->denseLayers();
  if (willRecord) {
    for (std::size_t k = 0; k < dense.size(); ++k) {
      layerStats_[k].gradNorm =
          std::sqrt(squaredNorm(dense[k]->weight().grad) + squaredNorm(dense[k]->bias().grad));
      previousWeights_[k] = dense[k]->weight().value;
    }
  }

  const double lr = schedule_->at(stepIndex);
  lastLr_ = lr;
  for (ParamGroup& g : optimizer_->groups()) g.lr = lr;
  optimizer_->step();
  applyProx(lr);
  applyMaxNorm();

  ++step_;
  if (epochEnds) ++epoch_;

  if (willRecord) {
    for (std::size_t k = 0; k < dense.size(); ++k) {
      const Matrix& w = dense[k]->weight().value;
      const double delta = std::sqrt(static_cast<double>((w - previousWeights_[k]).squaredNorm()));
      const double norm = std::sqrt(squaredNorm(w));
      layerStats_[k].updateRatio = norm > 0.0 ? delta / norm : 0.0;
    }
    record(true);
  }

  if (epochEnds && earlyStopping_) {
    const double validationLoss = evaluateDataset(data_.validation, validationTargets_).loss;
    const bool stop = earlyStopping_->observe(validationLoss, epoch_);
    if (earlyStopping_->isNewBest()) best_ = std::make_unique<ModelSnapshot>(model_->snapshot());
    if (stop && state_ == RunState::Running) {
      state_ = RunState::EarlyStopped;
      std::ostringstream os;
      os << "early stopping: no validation improvement for "
         << spec_.training.earlyStopping.patience << " epochs; best loss "
         << earlyStopping_->bestLoss() << " at epoch " << earlyStopping_->bestEpoch();
      if (spec_.training.earlyStopping.restoreBest && best_) {
        model_->restore(*best_);
        os << " (weights restored)";
        record(false);
      }
      message_ = os.str();
    }
  }
  if (state_ == RunState::Running && spec_.training.maxEpochs > 0 &&
      epoch_ >= spec_.training.maxEpochs) {
    state_ = RunState::Finished;
    message_ = "finished: reached " + std::to_string(spec_.training.maxEpochs) + " epochs";
  }
}

void Trainer::applyPenaltyGradients() {
  if (layerPenalties_.empty() || proximalPenalty_) return;  // prox: after the step instead
  for (Param* p : model_->params()) {
    if (!penalized(*p)) continue;
    layerPenalties_[static_cast<std::size_t>(p->layer)]->addGradient(p->value, p->grad);
  }
}

void Trainer::applyProx(double lr) {
  if (layerPenalties_.empty() || !proximalPenalty_) return;
  for (Param* p : model_->params()) {
    if (!penalized(*p)) continue;
    layerPenalties_[static_cast<std::size_t>(p->layer)]->prox(p->value, lr);
  }
}

void Trainer::applyMaxNorm() {
  const double c = spec_.training.maxNorm;
  if (c <= 0.0) return;
  for (Dense* d : model_->denseLayers()) {
    Matrix& w = d->weight().value;
    for (Index r = 0; r < w.rows(); ++r) {
      const double norm = static_cast<double>(w.row(r).norm());
      if (norm > c) w.row(r) *= static_cast<Scalar>(c / norm);
    }
  }
}

double Trainer::penaltyValue() const {
  double total = 0.0;
  if (layerPenalties_.empty()) return total;
  for (Param* p : model_->params()) {
    if (!penalized(*p)) continue;
    total += layerPenalties_[static_cast<std::size_t>(p->layer)]->value(p->value);
  }
  return total;
}

Evaluation Trainer::evaluateDataset(const Dataset& set, const Matrix& targets) {
  Evaluation e;
  e.samples = static_cast<int>(set.rows());
  e.penalty = penaltyValue();
  if (set.rows() == 0) return e;
  const Matrix& z = model_->forward(set.x, false, dropoutRng_);
  e.loss = loss_->value(z, targets);
  if (task_ == Task::Regression) return e;
  Index correct = 0;
  for (Index i = 0; i < z.rows(); ++i) {
    const auto label = static_cast<Index>(set.target[static_cast<std::size_t>(i)]);
    Index predicted = 0;
    if (task_ == Task::Binary) {
      predicted = z(i, 0) > Scalar(0) ? 1 : 0;
    } else {
      z.row(i).maxCoeff(&predicted);
    }
    correct += predicted == label;
  }
  e.accuracy = static_cast<double>(correct) / static_cast<double>(z.rows());
  return e;
}

Evaluation Trainer::evaluate(Split split) {
  return evaluateDataset(dataset(split), targetsFor(split));
}

void Trainer::record(bool haveStep) {
  MetricsRow row;
  row.step = static_cast<double>(step_);
  row.epoch = static_cast<double>(step_) / batcher_->stepsPerEpoch();
  row.lr = haveStep ? lastLr_ : schedule_->at(step_);
  const Evaluation train = evaluateDataset(data_.train, trainTargets_);
  row.batchLoss = haveStep ? lastBatchLoss_ : train.loss;
  row.trainLoss = train.loss;
  row.trainPenalty = train.penalty;
  row.trainAccuracy = train.accuracy;
  if (hasValidation()) {
    const Evaluation v = evaluateDataset(data_.validation, validationTargets_);
    row.valLoss = v.loss;
    row.valAccuracy = v.accuracy;
  }
  if (hasTest()) {
    const Evaluation t = evaluateDataset(data_.test, testTargets_);
    row.testLoss = t.loss;
    row.testAccuracy = t.accuracy;
  }
  const std::vector<Dense*>& dense = model_->denseLayers();
  for (std::size_t k = 0; k < dense.size(); ++k) {
    weightStats(dense[k]->weight().value, layerStats_[k]);
    if (!haveStep) layerStats_[k].gradNorm = layerStats_[k].updateRatio = 0.0;
  }
  metrics_.append(row, layerStats_);
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

Matrix Trainer::featuresFromRaw(const Matrix& raw) const {
  const Index cols = data_.train.raw.cols();
  if (raw.cols() != cols) {
    throw std::invalid_argument("predict: inputs need " + std::to_string(cols) + " columns, got " +
                                std::to_string(raw.cols()));
  }
  return data_.transform.apply(raw);
}

Matrix Trainer::predict(const Matrix& raw) {
  const Matrix x = featuresFromRaw(raw);
  Matrix out;
  loss_->predict(model_->forward(x, false, dropoutRng_), out);
  if (task_ == Task::Regression) {
    // Back to the target's own units (see SplitData::targetScale).
    out.array() = out.array() * static_cast<Scalar>(data_.targetScale) +
                  static_cast<Scalar>(data_.targetMean);
  }
  return out;
}

std::vector<float> Trainer::gridPredictions(int resolution, double xMin, double xMax, double yMin,
                                            double yMax) {
  if (data_.train.raw.cols() != 2)
    throw std::invalid_argument("gridPredictions: only for data sets with 2 input columns");
  if (resolution < 2 || resolution > 512)
    throw std::invalid_argument("gridPredictions: resolution must be in [2, 512]");
  if (!(xMax > xMin) || !(yMax > yMin) || !std::isfinite(xMin + xMax + yMin + yMax))
    throw std::invalid_argument("gridPredictions: need finite xMin < xMax and yMin < yMax");
  Matrix raw(static_cast<Index>(resolution) * resolution, 2);
  for (int r = 0; r < resolution; ++r) {
    const double y = yMin + (yMax - yMin) * r / (resolution - 1);
    for (int c = 0; c < resolution; ++c) {
      const Index i = static_cast<Index>(r) * resolution + c;
      raw(i, 0) = static_cast<Scalar>(xMin + (xMax - xMin) * c / (resolution - 1));
      raw(i, 1) = static_cast<Scalar>(y);
    }
  }
  const Matrix p = predict(raw);
  std::vector<float> out(static_cast<std::size_t>(p.rows()));
  for (Index i = 0; i < p.rows(); ++i) {
    if (task_ == Task::Multiclass) {
      Index best = 0;
      p.row(i).maxCoeff(&best);
      out[static_cast<std::size_t>(i)] = static_cast<float>(best);
    } else {
      out[static_cast<std::size_t>(i)] = static_cast<float>(p(i, 0));
    }
  }
  return out;
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
  info.layerSizes.push_back(inputs_);
  for (const LayerSpec& l : spec_.model.hidden) info.layerSizes.push_back(l.units);
  info.layerSizes.push_back(outputs_);
  info.parameterCount = static_cast<long>(model_->parameterCount());
  return info;
}

bool Trainer::update(const ExperimentSpec& next) {
  if (!sameStructure(spec_, next)) return false;
  const std::vector<std::string> errors = validate(next);
  if (!errors.empty()) throw std::invalid_argument(describeErrors(errors));

  const ExperimentSpec previous = spec_;
  spec_ = next;
  const std::vector<Dropout*>& dropout = model_->dropoutLayers();
  for (std::size_t k = 0; k < dropout.size() && k < spec_.model.hidden.size(); ++k)
    dropout[k]->setRate(spec_.model.hidden[k].dropout);

  // A new optimizer (fresh moments) only when its rule or hyper-parameters changed; the lr and
  // the schedule apply to the running one.
  if (!sameOptimizer(previous, next) ||
      previous.penalty.applyToBiases != next.penalty.applyToBiases) {
    const long keepStep = step_;
    auto keepBatcher = std::move(batcher_);
    buildOptimization();
    step_ = keepStep;
    if (previous.training.batchSize == next.training.batchSize &&
        previous.training.shuffle == next.training.shuffle)
      batcher_ = std::move(keepBatcher);
  } else {
    schedule_ = std::make_unique<LrSchedule>(spec_.schedule, spec_.optimizer.lr);
    if (previous.training.batchSize != next.training.batchSize ||
        previous.training.shuffle != next.training.shuffle) {
      batcher_ = std::make_unique<Batcher>(
          static_cast<int>(data_.train.rows()), spec_.training.batchSize, spec_.training.shuffle,
          Rng(spec_.seed + static_cast<std::uint32_t>(step_), kShuffleStream));
    }
    const EarlyStoppingSpec& es = spec_.training.earlyStopping;
    if (es.enabled && !earlyStopping_)
      earlyStopping_ = std::make_unique<EarlyStopping>(es.patience, es.minDelta);
    if (es.enabled) earlyStopping_->setPatience(es.patience, es.minDelta);
    if (!es.enabled) earlyStopping_.reset();
    buildPenalties();
  }
  lastLr_ = schedule_->at(step_);
  // A run stopped by maxEpochs or early stopping may go on when the limit is lifted.
  if (state_ == RunState::Finished &&
      (spec_.training.maxEpochs == 0 || epoch_ < spec_.training.maxEpochs)) {
    state_ = RunState::Running;
    message_.clear();
  }
  return true;
}

void Trainer::reset() {
  earlyStopping_.reset();
  buildModel();
}

}  // namespace engine
