// Trainer::predict and gridPredictions: the model in eval mode on new raw inputs, through the
// same feature expansion and scaler as the training data, back in the target's units.
#include <stdexcept>
#include <string>

#include "train/trainer.hpp"

namespace engine {

Matrix Trainer::predict(const Matrix& raw) {
  const Index cols = data_.train.raw.cols();
  if (raw.cols() != cols) {
    throw std::invalid_argument("predict: inputs need " + std::to_string(cols) +
                                " columns, got " + std::to_string(raw.cols()));
  }
  const Matrix x = data_.transform.apply(raw);
  Matrix out;
  loss_->predict(model_->forward(x, false, dropoutRng_), out);
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

}  // namespace engine
