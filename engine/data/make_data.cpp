#include "data/make_data.hpp"
#include "core/text_out.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/rng.hpp"
#include "data/generators_2d.hpp"
#include "data/real_sets.hpp"
#include "data/regression_1d.hpp"
#include "data/sparse_linear.hpp"
#include "data/split.hpp"
#include "spec/spec_schema.hpp"

namespace engine {

namespace {

std::vector<std::string> expandedNames(const InputTransform& t, const Dataset& d) {
  switch (t.expansion) {
    case InputTransform::Expansion::Features2d: {
      std::vector<std::string> names;
      for (Feature2d f : t.features) names.push_back(feature2dNames()[static_cast<std::size_t>(f)]);
      return names;
    }
    case InputTransform::Expansion::Polynomial1d: return polynomialFeatureNames(t.degree);
    case InputTransform::Expansion::None: break;
  }
  return d.rawNames;
}

// Split `full` with the split stream, expand each split's raw, fit the scaler on train only.
// keepOrder: with no validation or test share, the training rows stay in their given order
// (user data, so that a fixed batch order replays another framework's run row for row).
SplitData finish(Dataset full, InputTransform transform, const DataSpec& spec, std::uint32_t seed,
                 bool keepOrder = false) {
  // Its own stream: the same seed splits the same row indices whatever the generator drew.
  Rng splitRng(seed, kDataSplitStream);
  const int n = static_cast<int>(full.raw.rows());
  SplitIndices idx;
  if (spec.folds > 0) {
    std::vector<int> labels;  // stratify by class
    if (full.numClasses > 0) {
      labels.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i)
        labels.push_back(static_cast<int>(full.target[static_cast<std::size_t>(i)]));
    }
    idx = foldSplitIndices(n, spec.testFraction, spec.folds, spec.fold, labels, seed, splitRng);
  } else if (keepOrder && spec.valFraction == 0.0 && spec.testFraction == 0.0) {
    idx.train.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) idx.train[static_cast<std::size_t>(i)] = i;
  } else {
    idx = splitIndices(n, spec.valFraction, spec.testFraction, splitRng);
  }
  full.x.resize(0, 0);  // each split rebuilds x from its raw rows below
  full.featureNames = expandedNames(transform, full);

  SplitData out;
  out.trainRows = idx.train;
  out.validationRows = idx.validation;
  out.testRows = idx.test;
  out.train = takeRows(full, idx.train);
  out.validation = takeRows(full, idx.validation);
  out.test = takeRows(full, idx.test);
  full = Dataset();  // release the unsplit copy before the expanded matrices are built

  transform.scaler = Standardizer{};  // empty = identity, while train's x is expanded
  out.train.x = transform.apply(out.train.raw);
  if (spec.standardize) {
    // Statistics of the training rows only; validation and test reuse them.
    transform.scaler = Standardizer::fit(out.train.x);
    transform.scaler.transform(out.train.x);
  } else {
    transform.scaler = Standardizer::identity(out.train.x.cols());
  }
  if (out.train.numClasses == 0) {
    const auto k = static_cast<std::size_t>(out.train.targetCols);
    out.targetMean.assign(k, 0.0);
    out.targetScale.assign(k, 1.0);
    if (spec.standardize) {
      const std::size_t n = out.train.target.size() / k;
      for (std::size_t j = 0; j < k; ++j) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) sum += out.train.target[i * k + j];
        const double mean = sum / static_cast<double>(n);
        double squares = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
          const double d = out.train.target[i * k + j] - mean;
          squares += d * d;
        }
        const double scale = std::sqrt(squares / static_cast<double>(n));
        out.targetMean[j] = mean;
        out.targetScale[j] = scale > 1e-12 ? scale : 1.0;  // a constant target keeps its units
      }
      for (Dataset* d : {&out.train, &out.validation, &out.test}) {
        for (std::size_t i = 0; i < d->target.size(); ++i) {
          const std::size_t j = i % k;
          d->target[i] =
              static_cast<float>((d->target[i] - out.targetMean[j]) / out.targetScale[j]);
        }
      }
    }
  }
  out.validation.x = transform.apply(out.validation.raw);
  out.test.x = transform.apply(out.test.raw);
  out.transform = std::move(transform);
  return out;
}

void checkDataSize(long long rows, long long cols, const char* what) {
  if (rows * cols > SpecLimits::kMaxDataValues) {
    TextOut os;
    os << what << ": " << rows << " rows × " << cols << " columns = " << rows * cols
       << " values, at most " << SpecLimits::kMaxDataValues << " fit in the browser";
    throw std::invalid_argument(os.str());
  }
}

std::string columnLabel(const std::vector<std::string>& names, int j) {
  return "feature \"" + names[static_cast<std::size_t>(j)] + "\" (column " + std::to_string(j + 1) +
         ")";
}

std::string number(double v) {
  TextOut os;
  os << v;
  return os.str();
}

}  // namespace

SplitData makeData(const DataSpec& spec, std::uint32_t seed) {
  // Its own stream: changing the split fractions never changes the generated points.
  Rng gen(seed, kDataGenerateStream);
  InputTransform transform;
  Shape2d shape;
  if (parseShape2d(spec.kind, shape)) {
    transform.expansion = InputTransform::Expansion::Features2d;
    transform.features = parseFeatures2d(spec.features);  // before generating: fail fast
    checkDataSize(spec.samples, static_cast<long long>(transform.features.size()) + 2, "data");
    Dataset full = generate2d(shape, spec.samples, spec.noise, spec.labelNoise, gen);
    return finish(std::move(full), std::move(transform), spec, seed);
  }
  if (spec.kind == "regression1d") {
    if (spec.degree < 1) {
      throw std::invalid_argument("data.degree: must be at least 1, got " +
                                  std::to_string(spec.degree));
    }
    transform.expansion = InputTransform::Expansion::Polynomial1d;
    transform.degree = spec.degree;
    checkDataSize(spec.samples, spec.degree + 1, "data");
    Dataset full = generateRegression1d(spec.samples, spec.noise, gen);
    return finish(std::move(full), std::move(transform), spec, seed);
  }
  if (spec.kind == "sparseLinear") {
    checkDataSize(spec.samples, spec.dimensions, "data.samples × data.dimensions");
    SparseLinearData s =
        generateSparseLinear(spec.samples, spec.dimensions, spec.nonZeros, spec.noise, gen);
    SplitData out = finish(std::move(s.data), std::move(transform), spec, seed);
    out.trueCoefficients = std::move(s.coefficients);
    out.trueSupport = std::move(s.support);
    return out;
  }
  if (isRealSet(spec.kind)) {
    return finish(loadRealSet(spec.kind), std::move(transform), spec, seed);
  }
  if (spec.kind == "custom") {
    throw std::invalid_argument("data.kind: \"custom\" needs the uploaded table (makeCustomData)");
  }
  throw std::invalid_argument("data.kind: unknown data set \"" + spec.kind + "\"");
}

SplitData makeCustomData(const DataSpec& spec, std::uint32_t seed, const float* x, const float* y,
                         int rows, int cols, const std::vector<std::string>& featureNames,
                         int targetCols, const std::vector<std::string>& targetNames) {
  const bool classification = spec.task == "classification";
  if (!classification && spec.task != "regression") {
    throw std::invalid_argument("data.task: must be one of: classification, regression, got \"" +
                                spec.task + "\"");
  }
  if (rows < 1) throw std::invalid_argument("The data has no rows");
  if (cols < 1) throw std::invalid_argument("The data has no feature columns");
  if (targetCols < 1 || targetCols > kMaxTargetColumns)
    throw std::invalid_argument("The data needs 1 to " + std::to_string(kMaxTargetColumns) +
                                " target columns, got " + std::to_string(targetCols));
  if (classification && targetCols != 1)
    throw std::invalid_argument("Classification takes one target column (the class), got " +
                                std::to_string(targetCols));
  if (rows > SpecLimits::kMaxSamples) {
    throw std::invalid_argument("The data has " + std::to_string(rows) + " rows, at most " +
                                std::to_string(SpecLimits::kMaxSamples) + " are allowed");
  }
  checkDataSize(rows, cols, "The data");
  if (x == nullptr || y == nullptr) throw std::invalid_argument("makeCustomData: null data");
  if (!featureNames.empty() && static_cast<int>(featureNames.size()) != cols) {
    throw std::invalid_argument("makeCustomData: " + std::to_string(featureNames.size()) +
                                " feature names for " + std::to_string(cols) + " columns");
  }

  Dataset full;
  for (int j = 0; j < cols; ++j) {
    full.rawNames.push_back(featureNames.empty() ? "x" + std::to_string(j + 1)
                                                 : featureNames[static_cast<std::size_t>(j)]);
  }
  full.raw.resize(rows, cols);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      const float v = x[static_cast<std::size_t>(i) * static_cast<std::size_t>(cols) +
                        static_cast<std::size_t>(j)];
      if (!std::isfinite(v)) {
        throw std::invalid_argument(columnLabel(full.rawNames, j) + ", row " +
                                    std::to_string(i + 1) + ": " + number(v) +
                                    " is not allowed, values must be finite numbers");
      }
      full.raw(i, j) = static_cast<Scalar>(v);
    }
  }

  if (!targetNames.empty() && static_cast<int>(targetNames.size()) != targetCols) {
    throw std::invalid_argument("makeCustomData: " + std::to_string(targetNames.size()) +
                                " target names for " + std::to_string(targetCols) + " columns");
  }
  full.targetCols = targetCols;
  for (int j = 0; j < targetCols; ++j)
    full.targetNames.push_back(!targetNames.empty() ? targetNames[static_cast<std::size_t>(j)]
                               : targetCols == 1    ? "y"
                                                    : "y" + std::to_string(j + 1));
  full.target.assign(y, y + static_cast<std::ptrdiff_t>(rows) * targetCols);
  int K = 0;
  for (std::size_t i = 0; i < full.target.size(); ++i) {
    const float t = full.target[i];
    const std::string where =
        "target" +
        (targetCols > 1 ? " " + std::to_string(i % static_cast<std::size_t>(targetCols) + 1)
                        : std::string()) +
        ", row " + std::to_string(i / static_cast<std::size_t>(targetCols) + 1) + ": ";
    if (!std::isfinite(t)) {
      throw std::invalid_argument(where + number(t) +
                                  " is not allowed, values must be finite numbers");
    }
    if (classification) {
      if (t < 0 || t != std::floor(t) || t > 1e6f) {
        throw std::invalid_argument(where + number(t) +
                                    " is not a class label (classification needs the integers "
                                    "0, 1, …, K−1)");
      }
      K = std::max(K, static_cast<int>(t) + 1);
    }
  }
  if (classification) {
    std::vector<int> count(static_cast<std::size_t>(K), 0);
    for (float t : full.target) ++count[static_cast<std::size_t>(t)];
    if (K < 2) {
      throw std::invalid_argument(
          "target: every row has class 0, classification needs at least 2 classes (0 and 1)");
    }
    for (int k = 0; k < K; ++k) {
      if (count[static_cast<std::size_t>(k)] == 0) {
        throw std::invalid_argument("target: class " + std::to_string(k) +
                                    " has no rows; labels must be 0, 1, …, K−1 with every class "
                                    "present (largest label " +
                                    std::to_string(K - 1) + ")");
      }
    }
  }
  full.numClasses = classification ? K : 0;
  return finish(std::move(full), InputTransform{}, spec, seed, /*keepOrder=*/true);
}

SplitData makeSpecData(const DataSpec& spec, std::uint32_t seed, const CustomData* custom) {
  if (!custom) return makeData(spec, seed);
  const CustomData& c = *custom;
  const long long cells = static_cast<long long>(c.rows) * c.cols;
  if (c.rows <= 0 || c.cols <= 0 || c.targetCols <= 0 ||
      static_cast<long long>(c.x.size()) != cells ||
      static_cast<long long>(c.y.size()) != static_cast<long long>(c.rows) * c.targetCols) {
    throw std::invalid_argument(
        "data: x must hold rows × cols values and y rows × targetCols values");
  }
  if (cells > SpecLimits::kMaxDataValues || c.rows > SpecLimits::kMaxSamples) {
    throw std::invalid_argument("data: at most " + std::to_string(SpecLimits::kMaxSamples) +
                                " rows and " + std::to_string(SpecLimits::kMaxDataValues) +
                                " values");
  }
  return makeCustomData(spec, seed, c.x.data(), c.y.data(), c.rows, c.cols, c.featureNames,
                        c.targetCols, c.targetNames);
}

}  // namespace engine
