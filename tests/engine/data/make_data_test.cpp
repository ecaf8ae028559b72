#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "data/generators_2d.hpp"
#include "data/make_data.hpp"

using namespace engine;

namespace {

DataSpec spec2d(const std::string& kind) {
  DataSpec s;
  s.kind = kind;
  s.samples = 200;
  s.noise = 0.1;
  s.valFraction = 0.2;
  s.testFraction = 0.2;
  return s;
}

// Rows of all three splits' raw inputs, sorted, to compare point sets regardless of split.
std::vector<std::vector<float>> allRawRows(const SplitData& d) {
  std::vector<std::vector<float>> rows;
  for (const Dataset* part : {&d.train, &d.validation, &d.test}) {
    for (Index i = 0; i < part->raw.rows(); ++i) {
      std::vector<float> r(part->raw.row(i).data(), part->raw.row(i).data() + part->raw.cols());
      r.push_back(part->target[static_cast<std::size_t>(i)]);
      rows.push_back(r);
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

void checkTrainStandardized(const Dataset& train) {
  for (Index j = 0; j < train.x.cols(); ++j) {
    Eigen::ArrayXd c = train.x.col(j).cast<double>().array();
    double mean = c.mean();
    double sd = std::sqrt((c - mean).square().mean());
    INFO("column " << j << " (" << train.featureNames[static_cast<std::size_t>(j)] << "): mean "
                   << mean << " std " << sd);
    CHECK(std::abs(mean) < 1e-5);
    CHECK(sd == Approx(1.0).epsilon(1e-4));
  }
}

void checkSplitConsistent(const SplitData& d, Index rows, Index features, int classes) {
  CHECK(d.train.rows() + d.validation.rows() + d.test.rows() == rows);
  for (const Dataset* part : {&d.train, &d.validation, &d.test}) {
    CHECK(part->x.rows() == part->raw.rows());
    CHECK(part->x.cols() == features);
    CHECK(part->target.size() == static_cast<std::size_t>(part->x.rows()));
    CHECK(part->numClasses == classes);
    CHECK(part->featureNames.size() == static_cast<std::size_t>(features));
    // The transform replays exactly what built x (the decision-boundary grid uses it).
    CHECK(d.transform.apply(part->raw) == part->x);
    CHECK(part->x.allFinite());
  }
}

}  // namespace

TEST_CASE(
    "makeData builds each 2D set with the chosen features, split 60/20/20 and "
    "standardized on train",
    "[data]") {
  for (const char* kind : {"circle", "xor", "gauss", "spiral", "moons"}) {
    INFO(kind);
    DataSpec s = spec2d(kind);
    s.features = {"x1", "x2", "x1Squared", "sinX2"};
    SplitData d = makeData(s, 1);
    CHECK(d.train.rows() == 120);
    CHECK(d.validation.rows() == 40);
    CHECK(d.test.rows() == 40);
    checkSplitConsistent(d, 200, 4, 2);
    CHECK(d.train.featureNames == s.features);
    CHECK(d.train.raw.cols() == 2);
    checkTrainStandardized(d.train);
    CHECK(d.trueCoefficients.empty());
  }
}

TEST_CASE("makeData scales validation and test with the training statistics, not their own",
          "[data]") {
  DataSpec s = spec2d("gauss");
  s.features = {"x1", "x2", "x1x2"};
  SplitData d = makeData(s, 2);
  // μ, σ recomputed here from the training rows' expanded features.
  const Matrix e = expandFeatures2d(d.train.raw, parseFeatures2d(s.features));
  for (Index j = 0; j < e.cols(); ++j) {
    Eigen::ArrayXd c = e.col(j).cast<double>().array();
    double mu = c.mean();
    double sigma = std::sqrt((c - mu).square().mean());
    CHECK(d.transform.scaler.mean(j) == Approx(mu).epsilon(1e-5).margin(1e-6));
    CHECK(d.transform.scaler.scale(j) == Approx(sigma).epsilon(1e-5));
    for (Index i = 0; i < d.test.rows(); ++i) {
      double raw1 = d.test.raw(i, 0), raw2 = d.test.raw(i, 1);
      double v = j == 0 ? raw1 : j == 1 ? raw2 : raw1 * raw2;
      CHECK(d.test.x(i, j) == Approx((v - mu) / sigma).margin(1e-4));
    }
  }
  // The test split's own mean is not forced to 0 (40 rows of a wide Gaussian).
  double testMean = d.test.x.col(0).cast<double>().mean();
  CHECK(std::abs(testMean) > 1e-3);
}

TEST_CASE("makeData with standardize off feeds the expanded raw inputs unchanged", "[data]") {
  DataSpec s = spec2d("circle");
  s.standardize = false;
  s.features = {"x1", "x2Squared"};
  SplitData d = makeData(s, 3);
  CHECK(d.train.x == expandFeatures2d(d.train.raw, parseFeatures2d(s.features)));
  CHECK(d.transform.scaler.mean.isZero());
  CHECK(d.transform.scaler.scale.isOnes());
}

TEST_CASE("makeData is a function of the seed", "[data]") {
  DataSpec s = spec2d("spiral");
  SplitData a = makeData(s, 5), b = makeData(s, 5), c = makeData(s, 6);
  CHECK(a.train.x == b.train.x);
  CHECK(a.test.target == b.test.target);
  CHECK(allRawRows(a) != allRawRows(c));
}

TEST_CASE("Changing the split fractions never changes the generated points", "[data]") {
  DataSpec s = spec2d("moons");
  s.labelNoise = 0.1;
  SplitData a = makeData(s, 7);
  s.valFraction = 0.0;
  s.testFraction = 0.35;
  SplitData b = makeData(s, 7);
  CHECK(b.validation.rows() == 0);
  CHECK(b.test.rows() == 70);
  CHECK(allRawRows(a) == allRawRows(b));
}

TEST_CASE("Changing the noise never changes which rows go to which split", "[data]") {
  // regression1d's inputs are a fixed grid, so each split's x values reveal its row indices.
  DataSpec s;
  s.kind = "regression1d";
  s.samples = 30;
  s.noise = 0.1;
  SplitData a = makeData(s, 8);
  s.noise = 0.4;
  SplitData b = makeData(s, 8);
  CHECK(a.train.raw == b.train.raw);
  CHECK(a.test.raw == b.test.raw);
  CHECK(a.train.target != b.train.target);
}

TEST_CASE("makeData regression1d expands x to x..x^degree", "[data]") {
  DataSpec s;
  s.kind = "regression1d";
  s.samples = 10;
  s.noise = 0.3;
  s.degree = 9;
  s.valFraction = 0.0;
  s.testFraction = 0.0;
  SplitData d = makeData(s, 9);
  checkSplitConsistent(d, 10, 9, 0);
  CHECK(d.train.featureNames.back() == "x^9");
  CHECK(d.train.raw.cols() == 1);
  checkTrainStandardized(d.train);
  // Standardize off: column k is x^(k+1).
  s.standardize = false;
  SplitData r = makeData(s, 9);
  for (Index i = 0; i < r.train.rows(); ++i) {
    double x = r.train.raw(i, 0);
    CHECK(r.train.x(i, 4) == Approx(std::pow(x, 5)).margin(1e-6));
  }
}

TEST_CASE("makeData sparseLinear exposes the true beta and support, and y = X beta at noise 0",
          "[data]") {
  DataSpec s;
  s.kind = "sparseLinear";
  s.samples = 50;
  s.dimensions = 120;
  s.nonZeros = 6;
  s.noise = 0.0;
  s.standardize = false;
  SplitData d = makeData(s, 10);
  checkSplitConsistent(d, 50, 120, 0);
  REQUIRE(d.trueCoefficients.size() == 120);
  REQUIRE(d.trueSupport.size() == 6);
  for (const Dataset* part : {&d.train, &d.validation, &d.test}) {
    for (Index i = 0; i < part->rows(); ++i) {
      double y = 0;
      for (Index j = 0; j < 120; ++j)
        y += part->x(i, j) * d.trueCoefficients[static_cast<std::size_t>(j)];
      CHECK(part->target[static_cast<std::size_t>(i)] == Approx(y).margin(1e-5).epsilon(1e-6));
    }
  }
  s.standardize = true;
  checkTrainStandardized(makeData(s, 10).train);
}

TEST_CASE("makeData loads the real sets whatever samples and noise say", "[data]") {
  for (auto [kind, rows, cols, classes] :
       {std::tuple<const char*, int, int, int>{"diabetes", 442, 10, 0},
        {"breastCancer", 569, 30, 2},
        {"digits", 1797, 64, 10}}) {
    INFO(kind);
    DataSpec s;
    s.kind = kind;
    s.samples = 37;
    s.noise = 2.0;
    SplitData d = makeData(s, 11);
    checkSplitConsistent(d, rows, cols, classes);
    CHECK(d.test.rows() == static_cast<Index>(std::ceil(0.2 * rows)));
    // digits has pixels that are 0 in every image: scale 1, value 0, no NaN.
    checkSplitConsistent(d, rows, cols, classes);
    if (std::string(kind) != "digits") checkTrainStandardized(d.train);
  }
  DataSpec s;
  s.kind = "digits";
  SplitData d = makeData(s, 12);
  CHECK(d.train.x.col(0).isZero());  // p0 is blank in every image
  CHECK(d.transform.scaler.scale(0) == 1.0f);
}

TEST_CASE("makeData refuses custom and unknown kinds and bad features with the field name",
          "[data]") {
  DataSpec s;
  s.kind = "custom";
  CHECK_THROWS_WITH(makeData(s, 1), Catch::Contains("makeCustomData"));
  s.kind = "iris";
  CHECK_THROWS_WITH(makeData(s, 1), Catch::Contains("data.kind") && Catch::Contains("iris"));
  s = spec2d("xor");
  s.features = {"x1", "cosX1"};
  CHECK_THROWS_WITH(makeData(s, 1), Catch::Contains("data.features"));
  s = spec2d("xor");
  s.valFraction = 0.6;
  s.testFraction = 0.5;
  CHECK_THROWS_WITH(makeData(s, 1),
                    Catch::Contains("data.testFraction") || Catch::Contains("data.valFraction"));
}

TEST_CASE("makeCustomData takes integer labels 0..K-1 as K classes", "[data]") {
  DataSpec s;
  s.kind = "custom";
  s.task = "classification";
  std::vector<float> x, y;
  for (int i = 0; i < 30; ++i) {
    x.push_back(static_cast<float>(i));
    x.push_back(static_cast<float>(i % 7));
    y.push_back(static_cast<float>(i % 3));
  }
  SplitData d = makeCustomData(s, 1, x.data(), y.data(), 30, 2, {"a", "b"});
  checkSplitConsistent(d, 30, 2, 3);
  CHECK(d.train.featureNames == std::vector<std::string>{"a", "b"});
  checkTrainStandardized(d.train);
  CHECK(allRawRows(d).size() == 30);
  SplitData unnamed = makeCustomData(s, 1, x.data(), y.data(), 30, 2);
  CHECK(unnamed.train.featureNames == std::vector<std::string>{"x1", "x2"});
}

TEST_CASE("makeCustomData explains labels that are not classes 0..K-1", "[data]") {
  DataSpec s;
  s.kind = "custom";
  s.task = "classification";
  std::vector<float> x(10, 1.0f);
  std::vector<float> y = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1.5f};
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 10, 1),
                    Catch::Contains("target, row 10: 1.5 is not a class label"));
  y = {0, 1, 0, 1, 0, 1, 0, 1, 0, -1};
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 10, 1),
                    Catch::Contains("target, row 10: -1 is not a class label"));
  y.assign(10, 0.0f);
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 10, 1),
                    Catch::Contains("at least 2 classes"));
  y = {0, 2, 0, 2, 0, 2, 0, 2, 0, 2};
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 10, 1),
                    Catch::Contains("class 1 has no rows"));
  s.task = "ranking";
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 10, 1), Catch::Contains("data.task"));
}

TEST_CASE("makeCustomData regression takes any finite numbers and refuses NaN and infinity",
          "[data]") {
  DataSpec s;
  s.kind = "custom";
  s.task = "regression";
  std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  std::vector<float> y = {0.5f, -3.25f, 1e6f, 2, 3, 4, 5, 6, 7, 8};
  SplitData d = makeCustomData(s, 1, x.data(), y.data(), 10, 1);
  checkSplitConsistent(d, 10, 1, 0);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  x[7] = nan;
  CHECK_THROWS_WITH(
      makeCustomData(s, 1, x.data(), y.data(), 10, 1, {"bmi"}),
      Catch::Contains("feature \"bmi\" (column 1), row 8") && Catch::Contains("finite"));
  x[7] = 8;
  y[2] = -inf;
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 10, 1),
                    Catch::Contains("target, row 3: -inf is not allowed"));
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 0, 1), Catch::Contains("no rows"));
  CHECK_THROWS_WITH(makeCustomData(s, 1, x.data(), y.data(), 30000, 1),
                    Catch::Contains("at most 20000"));
}

TEST_CASE("Custom data with no held-out split keeps its row order", "[data]") {
  engine::DataSpec spec;
  spec.kind = "custom";
  spec.task = "regression";
  spec.valFraction = 0.0;
  spec.testFraction = 0.0;
  spec.standardize = false;
  const std::vector<float> x = {5, 3, 9, 1, 7};
  const std::vector<float> y = {0.5f, 0.3f, 0.9f, 0.1f, 0.7f};
  const engine::SplitData d = engine::makeCustomData(spec, 1, x.data(), y.data(), 5, 1);
  REQUIRE(d.train.rows() == 5);
  for (int i = 0; i < 5; ++i) {
    CHECK(d.train.raw(i, 0) == x[static_cast<std::size_t>(i)]);
    CHECK(d.train.target[static_cast<std::size_t>(i)] == y[static_cast<std::size_t>(i)]);
  }
}

TEST_CASE("Regression targets are standardised on the training split", "[data]") {
  engine::DataSpec spec;
  spec.kind = "diabetes";
  spec.standardize = true;
  const engine::SplitData d = engine::makeData(spec, 4);
  double sum = 0, squares = 0;
  for (float t : d.train.target) sum += t;
  const double mean = sum / static_cast<double>(d.train.target.size());
  for (float t : d.train.target) squares += (t - mean) * (t - mean);
  CHECK(mean == Approx(0.0).margin(1e-5));
  CHECK(squares / static_cast<double>(d.train.target.size()) == Approx(1.0).epsilon(1e-4));
  // Diabetes targets run 25..346 around ~152: the stored statistics are in those units.
  CHECK(d.targetMean.at(0) > 100);
  CHECK(d.targetMean.at(0) < 200);
  CHECK(d.targetScale.at(0) > 50);
  spec.standardize = false;
  const engine::SplitData raw = engine::makeData(spec, 4);
  CHECK(raw.targetScale.at(0) == 1.0);
  CHECK(raw.train.target[0] ==
        Approx(d.train.target[0] * d.targetScale.at(0) + d.targetMean.at(0)).epsilon(1e-5));
}
