// A data set as the trainer and the charts consume it, and its train / validation / test split.
//   x      = standardize(expand(raw)): what the model is fed, one sample per row
//   raw    = the inputs as generated or loaded (2 columns for the 2D sets), for plotting
//   target = class index 0..K−1 stored as a float, or the regression values (targetCols per row)
// numClasses pins the task: 0 = regression (MSE), 2 = binary (one logit, BCEWithLogits),
// K > 2 = multiclass (K logits, CrossEntropy), as PyTorch's losses expect their targets.
// InputTransform replays expand + standardize on new raw points (the decision-boundary grid).
#pragma once

#include <string>
#include <vector>

#include "core/eigen.hpp"
#include "data/features.hpp"
#include "data/standardize.hpp"

namespace engine {

struct Dataset {
  Matrix x;                               // rows × features (after expansion and scaling)
  Matrix raw;                             // rows × raw input columns
  std::vector<float> target;              // rows × targetCols, row-major
  int targetCols = 1;                     // > 1 only for multi-output regression
  int numClasses = 0;                     // 0 = regression, 2 = binary, K > 2 multiclass
  std::vector<std::string> featureNames;  // one per column of x
  std::vector<std::string> rawNames;      // one per column of raw
  std::vector<std::string> targetNames;   // one per target column ("y" when unnamed)

  Index rows() const { return x.rows(); }
  Index features() const { return x.cols(); }
};

// raw → x, exactly as makeData built the splits' x (expansion, then the train-fitted scaler).
struct InputTransform {
  enum class Expansion { None, Features2d, Polynomial1d };
  Expansion expansion = Expansion::None;
  std::vector<Feature2d> features;  // Features2d
  int degree = 1;                   // Polynomial1d
  Standardizer scaler;              // identity when data.standardize is false

  Matrix apply(const Matrix& raw) const;
};

struct SplitData {
  Dataset train, validation, test;  // validation / test may have 0 rows
  InputTransform transform;
  // Regression targets are standardised column by column with the training split's mean and
  // population std when data.standardize is set (scale 1, mean 0 otherwise): the losses are
  // then in units of each target's spread, and predictions are mapped back with
  // y_j = targetMean[j] + targetScale[j] · output_j. Empty for classification.
  std::vector<double> targetMean;
  std::vector<double> targetScale;
  // sparseLinear only (empty otherwise): the true β (length p, on the generated scale of x,
  // before standardisation) and its support (sorted indices of the non-zeros).
  std::vector<double> trueCoefficients;
  std::vector<int> trueSupport;
  // Which rows of the whole data set (as generated or loaded, before splitting) each split
  // holds, in the split's order.
  std::vector<int> trainRows, validationRows, testRows;
};

}  // namespace engine
