// A training run: data, model, loss, penalties, optimizer, schedule and metrics, built from an
// ExperimentSpec. One step (PyTorch's loop, with the playground's hooks in a fixed order):
//   batch → augment (jitter, mixup) → zero grads → forward (train mode) → loss → backward
//   → penalty subgradients (penalties in gradient mode) → clip (norm, then value)
//   → optimizer.step() at the scheduled lr (coupled or decoupled weight decay inside)
//   → prox of penalties in proximal mode with step γ·λ (proximal gradient, Parikh & Boyd §4.2)
//   → max-norm projection of each unit's incoming weights (Srivastava et al. 2014).
// A batch loss that is NaN or ±inf freezes the run before the update (state Diverged) and names
// the step. Same spec + seed ⇒ the same run, bit for bit, in the same build.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "data/dataset.hpp"
#include "loss/loss.hpp"
#include "loss/make_loss.hpp"
#include "metrics/metrics_log.hpp"
#include "metrics/weight_stats.hpp"
#include "nn/model.hpp"
#include "optim/lr_schedule.hpp"
#include "optim/optimizer.hpp"
#include "penalty/penalty.hpp"
#include "spec/experiment_spec.hpp"
#include "train/augment.hpp"
#include "train/batcher.hpp"
#include "train/early_stopping.hpp"

namespace engine {

enum class RunState { Running, Diverged, EarlyStopped, Finished };
const char* runStateName(RunState state);

struct RunStatus {
  RunState state = RunState::Running;
  long step = 0;      // optimizer steps taken so far
  long epoch = 0;     // completed epochs
  long stepsRun = 0;  // steps taken by the call that returned this
  long divergedAtStep = -1;
  std::string message;
};

enum class Split { Train, Validation, Test };

struct Evaluation {
  double loss = 0.0;      // data loss, eval mode
  double penalty = 0.0;   // R(w), the same for every split
  double accuracy = 0.0;  // 0 for regression
  int samples = 0;
};

struct NetworkInfo {
  int inputs = 0;
  int outputs = 0;
  Task task = Task::Binary;
  std::vector<std::string> featureNames;
  std::vector<int> layerSizes;
  long parameterCount = 0;
};

// User-supplied data (the spec's data.kind is "custom"): row-major rows × cols inputs and one
// target per row.
struct CustomData {
  std::vector<float> x;
  std::vector<float> y;
  int rows = 0;
  int cols = 0;
};

class Trainer {
 public:
  // Throws std::invalid_argument naming every invalid field.
  explicit Trainer(const ExperimentSpec& spec);
  Trainer(const ExperimentSpec& spec, CustomData data);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  RunStatus runSteps(long steps);
  RunStatus runEpochs(long epochs);
  RunStatus status() const;

  MetricsColumns takeMetrics() { return metrics_.takeRows(); }
  bool hasValidation() const { return data_.validation.x.rows() > 0; }
  bool hasTest() const { return data_.test.x.rows() > 0; }
  bool hasAccuracy() const { return task_ != Task::Regression; }

  std::vector<Param*> parameters() { return model_->params(); }
  // Replaces a parameter's values (PyTorch layout); throws on unknown name or wrong size.
  void setParameter(const std::string& name, const float* values, long count);

  Evaluation evaluate(Split split);
  // Predictions (probabilities for classification, values for regression) for raw inputs in
  // the data set's original columns; the trainer applies feature expansion and standardisation.
  Matrix predict(const Matrix& raw);
  // Predictions on a resolution × resolution grid over [xMin, xMax] × [yMin, yMax], row by row
  // from yMin; 2D data sets only. For binary tasks, P(class 1).
  std::vector<float> gridPredictions(int resolution, double xMin, double xMax, double yMin,
                                     double yMax);
  Histogram histogram(int bins) const;
  const Dataset& dataset(Split split) const;
  NetworkInfo network() const;
  const ExperimentSpec& spec() const { return spec_; }
  const SplitData& splitData() const { return data_; }

  // Applies hyper-parameter changes to the running network. Returns false (changing nothing)
  // when the new spec changes the data, the architecture or the seed: build a new Trainer.
  bool update(const ExperimentSpec& next);
  // Back to the initial weights of the seed and step 0.
  void reset();

 private:
  void build();
  void buildModel();
  void buildOptimization();
  void buildPenalties();
  void trainStep();
  void applyPenaltyGradients();
  void applyProx(double lr);
  void applyMaxNorm();
  void record(bool haveStep);
  double penaltyValue() const;
  Evaluation evaluateDataset(const Dataset& set, const Matrix& targets);
  void makeTargets(const Dataset& set, Matrix& targets) const;
  const Matrix& targetsFor(Split split) const;
  bool penalized(const Param& p) const;
  Matrix featuresFromRaw(const Matrix& raw) const;

  ExperimentSpec spec_;
  bool custom_ = false;
  CustomData customData_;
  SplitData data_;
  Task task_ = Task::Binary;
  int inputs_ = 0;
  int outputs_ = 0;

  std::unique_ptr<Model> model_;
  std::unique_ptr<Loss> loss_;
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<LrSchedule> schedule_;
  std::unique_ptr<Batcher> batcher_;
  // One penalty per dense layer (λ × that layer's penaltyScale); empty when none.
  std::vector<std::unique_ptr<Penalty>> layerPenalties_;
  bool proximalPenalty_ = false;  // applied by prox after the step, not by its gradient
  std::unique_ptr<EarlyStopping> earlyStopping_;
  std::unique_ptr<ModelSnapshot> best_;
  Mixup mixup_;

  Rng dropoutRng_{1};
  Rng augmentRng_{2};

  Matrix trainTargets_, validationTargets_, testTargets_;
  Matrix batchX_, batchY_, dz_;
  std::vector<Matrix> previousWeights_;  // for the update / weight ratio at record steps
  std::vector<LayerStats> layerStats_;

  long step_ = 0;
  long epoch_ = 0;
  double lastBatchLoss_ = 0.0;
  double lastLr_ = 0.0;
  RunState state_ = RunState::Running;
  long divergedAtStep_ = -1;
  std::string message_;
  MetricsLog metrics_;
};

}  // namespace engine
