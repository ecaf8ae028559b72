// Trainer::predict, gridPredictions and neuronGrids: the model in eval mode on new raw inputs,
// through the same feature expansion and scaler as the training data, back in the target's
// units (predictions) or unit by unit (neuron pictures).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "nn/activation.hpp"
#include "train/trainer.hpp"

namespace engine {

Matrix Trainer::predict(const Matrix& raw) {
  const Index cols = data_.train.raw.cols();
  if (raw.cols() != cols) {
    throw std::invalid_argument("predict: inputs need " + std::to_string(cols) + " columns, got " +
                                std::to_string(raw.cols()));
  }
  const Matrix x = data_.transform.apply(raw);
  Matrix out;
  loss_->predict(evalOutputs(x), out);
  if (task_ == Task::Regression) {
    // Back to each target's own units (see SplitData::targetScale).
    for (Index j = 0; j < out.cols() && j < static_cast<Index>(data_.targetScale.size()); ++j) {
      const std::size_t k = static_cast<std::size_t>(j);
      out.col(j).array() = out.col(j).array() * static_cast<Scalar>(data_.targetScale[k]) +
                           static_cast<Scalar>(data_.targetMean[k]);
    }
  }
  return out;
}

// The model's raw outputs in eval mode, a CNN's inputs in chunks that fit its memory budget.
Matrix Trainer::evalOutputs(const Matrix& x) {
  Rng unused(0);  // eval mode draws nothing
  const Index chunk = evaluationChunk();
  if (chunk <= 0 || chunk >= x.rows()) return model_->forward(x, false, unused);
  Matrix z(x.rows(), outputs_);
  for (Index lo = 0; lo < x.rows(); lo += chunk) {
    const Index rows = std::min(chunk, x.rows() - lo);
    z.middleRows(lo, rows) = model_->forward(x.middleRows(lo, rows), false, unused);
  }
  return z;
}

std::vector<long> Trainer::confusionMatrix(Split split, int& classes) {
  if (task_ == Task::Regression)
    throw std::invalid_argument("confusionMatrix: only for classification");
  const Dataset& d = dataset(split);
  classes = task_ == Task::Binary ? 2 : outputs_;
  std::vector<long> counts(static_cast<std::size_t>(classes) * static_cast<std::size_t>(classes),
                           0);
  if (d.rows() == 0) return counts;
  const Matrix z = evalOutputs(d.x);
  for (Index i = 0; i < z.rows(); ++i) {
    Index predicted = 0;
    if (task_ == Task::Binary) {
      predicted = z(i, 0) > Scalar(0) ? 1 : 0;  // as accuracy(): P(class 1) > 0.5
    } else {
      z.row(i).maxCoeff(&predicted);
    }
    const auto truth = static_cast<std::size_t>(d.target[static_cast<std::size_t>(i)]);
    ++counts[truth * static_cast<std::size_t>(classes) + static_cast<std::size_t>(predicted)];
  }
  return counts;
}

std::vector<float> Trainer::targets(Split split) const {
  const Dataset& d = dataset(split);
  std::vector<float> out = d.target;
  if (task_ != Task::Regression) return out;
  const auto k = static_cast<std::size_t>(d.targetCols);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t j = i % k;
    out[i] = static_cast<float>(out[i] * data_.targetScale[j] + data_.targetMean[j]);
  }
  return out;
}

namespace {

// The raw inputs of a resolution × resolution grid over [xMin, xMax] × [yMin, yMax], row by row
// from yMin, after checking the request; `what` names the caller in messages.
Matrix gridInputs(const char* what, Index rawCols, int maxResolution, int resolution, double xMin,
                  double xMax, double yMin, double yMax) {
  const std::string name(what);
  if (rawCols != 2) throw std::invalid_argument(name + ": only for data sets with 2 input columns");
  if (resolution < 2 || resolution > maxResolution)
    throw std::invalid_argument(name + ": resolution must be in [2, " +
                                std::to_string(maxResolution) + "]");
  if (!(xMax > xMin) || !(yMax > yMin) || !std::isfinite(xMin + xMax + yMin + yMax))
    throw std::invalid_argument(name + ": need finite xMin < xMax and yMin < yMax");
  Matrix raw(static_cast<Index>(resolution) * resolution, 2);
  for (int r = 0; r < resolution; ++r) {
    const double y = yMin + (yMax - yMin) * r / (resolution - 1);
    for (int c = 0; c < resolution; ++c) {
      const Index i = static_cast<Index>(r) * resolution + c;
      raw(i, 0) = static_cast<Scalar>(xMin + (xMax - xMin) * c / (resolution - 1));
      raw(i, 1) = static_cast<Scalar>(y);
    }
  }
  return raw;
}

// Appends each column of m (one picture per column) to out.
void appendColumns(const Matrix& m, std::vector<float>& out) {
  for (Index j = 0; j < m.cols(); ++j)
    for (Index i = 0; i < m.rows(); ++i) out.push_back(static_cast<float>(m(i, j)));
}

}  // namespace

std::vector<float> Trainer::gridPredictions(int resolution, double xMin, double xMax, double yMin,
                                            double yMax) {
  const Matrix raw = gridInputs("gridPredictions", data_.train.raw.cols(), 512, resolution, xMin,
                                xMax, yMin, yMax);
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

NeuronGrids Trainer::neuronGrids(int resolution, double xMin, double xMax, double yMin,
                                 double yMax) {
  const Matrix raw =
      gridInputs("neuronGrids", data_.train.raw.cols(), 128, resolution, xMin, xMax, yMin, yMax);
  const Matrix x = data_.transform.apply(raw);
  NeuronGrids out;
  out.resolution = resolution;
  out.layerSizes.push_back(static_cast<int>(x.cols()));
  // A 2D set's network has dense and flatten entries only (image layers need images); a
  // flatten entry is the identity and has no units of its own.
  for (const LayerSpec& l : spec_.model.hidden)
    if (l.kind == "dense") out.layerSizes.push_back(l.units);
  std::size_t units = 0;
  for (int n : out.layerSizes) units += static_cast<std::size_t>(n);
  out.values.reserve(units * static_cast<std::size_t>(x.rows()));
  appendColumns(x, out.values);
  // Each hidden block is Dense → [BatchNorm] → Activation → Dropout (nn/model.hpp): the output
  // of its Activation is the unit's value (dropout is the identity in eval mode). The output
  // layer has no Activation.
  std::size_t hidden = 0;
  model_->forward(x, false, dropoutRng_, [&](const Layer& layer, const Matrix& y) {
    if (dynamic_cast<const Activation*>(&layer) == nullptr) return;
    ++hidden;
    if (hidden >= out.layerSizes.size() || y.cols() != out.layerSizes[hidden])
      throw std::logic_error("neuronGrids: the model's layers do not match its spec");
    appendColumns(y, out.values);
  });
  if (hidden + 1 != out.layerSizes.size())
    throw std::logic_error("neuronGrids: the model's layers do not match its spec");
  return out;
}

}  // namespace engine
