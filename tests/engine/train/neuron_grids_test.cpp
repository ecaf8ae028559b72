// Trainer::neuronGrids: every input feature and hidden unit over the grid of gridPredictions.
// Expected values are computed here from the training points and the parameters, in double,
// without the engine's feature expansion, scaler or layers.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "train/trainer.hpp"

namespace engine {
namespace {

constexpr int kRes = 5;
constexpr double kXMin = -4, kXMax = 4, kYMin = -3, kYMax = 5;

ExperimentSpec circleSpec() {
  ExperimentSpec spec;
  spec.seed = 11;
  spec.data.kind = "circle";
  spec.data.samples = 200;
  spec.data.features = {"x1", "x2", "x1Squared", "sinX1"};
  LayerSpec a;
  a.units = 3;
  a.activation = "tanh";
  LayerSpec b;
  b.units = 2;
  b.activation = "tanh";
  spec.model.hidden = {a, b};
  spec.optimizer.kind = "adam";
  spec.optimizer.lr = 0.02;
  spec.training.batchSize = 16;
  spec.training.recordEvery = 100;
  return spec;
}

// Grid point i (row by row from yMin), as float like the engine's raw inputs.
void gridPoint(int i, double& x, double& y) {
  const int r = i / kRes;
  const int c = i % kRes;
  x = static_cast<float>(kXMin + (kXMax - kXMin) * c / (kRes - 1));
  y = static_cast<float>(kYMin + (kYMax - kYMin) * r / (kRes - 1));
}

// x1, x2, x1², sin x1 of a raw point.
std::vector<double> expand(double x, double y) { return {x, y, x * x, std::sin(x)}; }

// The standardised features of every grid point: mean and population std of each expanded
// feature over the training split's raw points.
std::vector<std::vector<double>> standardisedGrid(const Trainer& t) {
  const Matrix& raw = t.dataset(Split::Train).raw;
  const std::size_t p = 4;
  std::vector<double> mean(p, 0.0), var(p, 0.0);
  for (Index i = 0; i < raw.rows(); ++i) {
    const auto f = expand(raw(i, 0), raw(i, 1));
    for (std::size_t j = 0; j < p; ++j) mean[j] += f[j];
  }
  for (double& m : mean) m /= static_cast<double>(raw.rows());
  for (Index i = 0; i < raw.rows(); ++i) {
    const auto f = expand(raw(i, 0), raw(i, 1));
    for (std::size_t j = 0; j < p; ++j) var[j] += (f[j] - mean[j]) * (f[j] - mean[j]);
  }
  std::vector<std::vector<double>> out;
  for (int i = 0; i < kRes * kRes; ++i) {
    double x, y;
    gridPoint(i, x, y);
    auto f = expand(x, y);
    for (std::size_t j = 0; j < p; ++j)
      f[j] = (f[j] - mean[j]) / std::sqrt(var[j] / static_cast<double>(raw.rows()));
    out.push_back(f);
  }
  return out;
}

std::map<std::string, Matrix> params(Trainer& t) {
  std::map<std::string, Matrix> out;
  for (Param* p : t.parameters()) out[p->name] = p->value;
  return out;
}

// act(W h + b), in double.
std::vector<double> layer(const Matrix& w, const Matrix* b, const std::vector<double>& h,
                          bool tanhAct) {
  std::vector<double> out;
  for (Index r = 0; r < w.rows(); ++r) {
    double z = b ? static_cast<double>(b->data()[r]) : 0.0;
    for (Index c = 0; c < w.cols(); ++c) z += static_cast<double>(w(r, c)) * h[std::size_t(c)];
    out.push_back(tanhAct ? std::tanh(z) : z);
  }
  return out;
}

// Picture `unit` of the flattened unit list, value at grid point i.
float picture(const NeuronGrids& g, int unit, int i) {
  return g.values[static_cast<std::size_t>(unit) * kRes * kRes + static_cast<std::size_t>(i)];
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

TEST_CASE("Neuron pictures: the inputs are the standardised features of the grid points",
          "[train]") {
  Trainer t(circleSpec());
  t.runSteps(150);
  const NeuronGrids g = t.neuronGrids(kRes, kXMin, kXMax, kYMin, kYMax);
  CHECK(g.resolution == kRes);
  REQUIRE(g.layerSizes == std::vector<int>{4, 3, 2});
  REQUIRE(g.values.size() == static_cast<std::size_t>((4 + 3 + 2) * kRes * kRes));
  const auto f = standardisedGrid(t);
  for (int i = 0; i < kRes * kRes; ++i) {
    for (int j = 0; j < 4; ++j) {
      INFO("grid point " << i << ", feature " << j);
      CHECK(picture(g, j, i) == Approx(f[std::size_t(i)][std::size_t(j)]).margin(1e-5));
    }
  }
}

TEST_CASE("Neuron pictures: each hidden unit is tanh of its weights times the layer below",
          "[train]") {
  Trainer t(circleSpec());
  t.runSteps(150);
  const NeuronGrids g = t.neuronGrids(kRes, kXMin, kXMax, kYMin, kYMax);
  auto p = params(t);
  // Training moved the biases away from their initial 0, so they are part of the check.
  CHECK(p["layers.0.bias"].cwiseAbs().maxCoeff() > 1e-3f);
  const auto f = standardisedGrid(t);
  for (int i : {0, 7, 12, 18, 24}) {
    const auto h1 = layer(p["layers.0.weight"], &p["layers.0.bias"], f[std::size_t(i)], true);
    const auto h2 = layer(p["layers.1.weight"], &p["layers.1.bias"], h1, true);
    for (int u = 0; u < 3; ++u) {
      INFO("grid point " << i << ", layer 1 unit " << u);
      CHECK(picture(g, 4 + u, i) == Approx(h1[std::size_t(u)]).margin(1e-5));
    }
    for (int u = 0; u < 2; ++u) {
      INFO("grid point " << i << ", layer 2 unit " << u);
      CHECK(picture(g, 7 + u, i) == Approx(h2[std::size_t(u)]).margin(1e-5));
    }
  }
}

TEST_CASE("Neuron pictures: the last hidden layer and the output weights give gridPredictions",
          "[train]") {
  auto check = [](ExperimentSpec spec, int steps) {
    Trainer t(spec);
    t.runSteps(steps);
    const NeuronGrids g = t.neuronGrids(kRes, kXMin, kXMax, kYMin, kYMax);
    const std::vector<float> pred = t.gridPredictions(kRes, kXMin, kXMax, kYMin, kYMax);
    auto p = params(t);
    const std::string out = "layers." + std::to_string(spec.model.hidden.size());
    const Matrix& w = p[out + ".weight"];
    const Matrix& b = p[out + ".bias"];
    int first = 0;  // index of the last hidden layer's first picture
    for (std::size_t l = 0; l + 1 < g.layerSizes.size(); ++l) first += g.layerSizes[l];
    const int units = g.layerSizes.back();
    REQUIRE(units == w.cols());
    for (int i = 0; i < kRes * kRes; ++i) {
      double z = b(0, 0);
      for (int u = 0; u < units; ++u) z += static_cast<double>(w(0, u)) * picture(g, first + u, i);
      INFO("grid point " << i);
      CHECK(sigmoid(z) == Approx(pred[std::size_t(i)]).margin(1e-5));
    }
    // Eval mode: no dropout mask, the same pictures every call.
    CHECK(t.neuronGrids(kRes, kXMin, kXMax, kYMin, kYMax).values == g.values);
  };
  SECTION("two tanh layers") { check(circleSpec(), 150); }
  SECTION("relu with batch norm and dropout") {
    ExperimentSpec spec = circleSpec();
    spec.model.hidden[0].activation = "relu";
    spec.model.hidden[0].batchNorm = true;
    spec.model.hidden[0].dropout = 0.3;
    spec.model.hidden[1].units = 4;
    spec.model.hidden[1].activation = "relu";
    spec.model.hidden[1].dropout = 0.5;
    spec.model.hidden[1].batchNorm = true;
    check(spec, 200);
  }
}

TEST_CASE("Neuron pictures: no hidden layer gives the inputs only, and bad requests throw",
          "[train]") {
  ExperimentSpec spec = circleSpec();
  spec.model.hidden.clear();
  spec.data.features = {"x1", "x2"};
  Trainer t(spec);
  const NeuronGrids g = t.neuronGrids(3, -1, 1, -1, 1);
  CHECK(g.layerSizes == std::vector<int>{2});
  CHECK(g.values.size() == 2u * 9u);
  CHECK(t.neuronGrids(128, -1, 1, -1, 1).values.size() == 2u * 128u * 128u);
  CHECK_THROWS_WITH(t.neuronGrids(1, -1, 1, -1, 1),
                    Catch::Equals("neuronGrids: resolution must be in [2, 128]"));
  CHECK_THROWS_AS(t.neuronGrids(129, -1, 1, -1, 1), std::invalid_argument);
  CHECK_THROWS_WITH(t.neuronGrids(4, 1, 1, -1, 1),
                    Catch::Equals("neuronGrids: need finite xMin < xMax and yMin < yMax"));
  CHECK_THROWS_AS(t.neuronGrids(4, -1, 1, 0, NAN), std::invalid_argument);
  ExperimentSpec curve;
  curve.data.kind = "regression1d";
  Trainer c(curve);
  CHECK_THROWS_WITH(c.neuronGrids(4, -1, 1, -1, 1),
                    Catch::Equals("neuronGrids: only for data sets with 2 input columns"));
}

}  // namespace engine
