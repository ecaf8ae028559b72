// Two small CNNs trained for 20 steps on 64 digits images by the engine's own layers, loss and
// optimizers, from PyTorch's initial weights, against PyTorch 1.13 (tests/golden/cnn.json):
//   sgd:  Conv(1→4, 3×3, pad 1) ReLU MaxPool(2) Conv(4→8, 3×3) ReLU Flatten Dense(32→10),
//         SGD(lr 0.05, momentum 0.9)
//   adam: Conv(1→4, 3×3, pad 1, no bias) BatchNorm2d ReLU MaxPool(2) Conv(4→8, 3×3) ReLU
//         GlobalAvgPool Dense(8→10), Adam(lr 0.01)
#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>

#include "cnn_golden.hpp"
#include "loss/softmax_cross_entropy.hpp"
#include "nn/activation.hpp"
#include "nn/batch_norm2d.hpp"
#include "nn/conv2d.hpp"
#include "nn/dense.hpp"
#include "nn/flatten.hpp"
#include "nn/global_avg_pool2d.hpp"
#include "nn/max_pool2d.hpp"
#include "nn/model.hpp"
#include "optim/adam.hpp"
#include "optim/sgd.hpp"

using namespace engine;
using namespace engine::test;

namespace {

// Adds a layer and returns its output shape.
template <typename L>
Shape push(Model& model, std::unique_ptr<L> layer, const Shape& in) {
  const Shape out = layer->outputShape(in);
  model.add(std::move(layer));
  return out;
}

Model smallCnn(bool adamNet) {
  Model model;
  Shape s{1, 8, 8};
  Conv2dOptions c0;
  c0.outChannels = 4;
  c0.padding = 1;
  c0.bias = !adamNet;
  auto conv0 = std::make_unique<Conv2d>(s, c0, 0);
  conv0->setPropagateGradient(false);
  s = push(model, std::move(conv0), s);
  if (adamNet) s = push(model, std::make_unique<BatchNorm2d>(s, 0), s);
  s = push(model, std::make_unique<Activation>(ActivationKind::Relu), s);
  s = push(model, std::make_unique<MaxPool2d>(s, 2), s);
  Conv2dOptions c1;
  c1.outChannels = 8;
  s = push(model, std::make_unique<Conv2d>(s, c1, 1), s);
  s = push(model, std::make_unique<Activation>(ActivationKind::Relu), s);
  if (adamNet) {
    s = push(model, std::make_unique<GlobalAvgPool2d>(s), s);
  } else {
    s = push(model, std::make_unique<Flatten>(), s);
  }
  push(model, std::make_unique<Dense>(s.size(), 10, 2), s);
  return model;
}

}  // namespace

TEST_CASE(
    "Small CNNs trained by the engine follow PyTorch's loss trajectory and final weights (SGD "
    "with momentum, and Adam with BatchNorm2d)",
    "[nn][cnn][golden]") {
  const auto& g = cnnGolden()["training"];
  const Matrix x = goldenMatrix(g["x"]);
  const auto labels = g["labels"].get<std::vector<int>>();
  Matrix onehot = Matrix::Zero(x.rows(), 10);
  for (Index i = 0; i < x.rows(); ++i) onehot(i, labels[static_cast<std::size_t>(i)]) = 1;

  for (const auto& c : g["cases"]) {
    const std::string name = c["name"].get<std::string>();
    SECTION(name) {
      const bool adamNet = name == "adam";
      Model model = smallCnn(adamNet);
      const std::vector<Param*>& params = model.params();
      REQUIRE(params.size() == c["initial"].size());
      for (std::size_t i = 0; i < params.size(); ++i) {
        const auto& p = c["initial"][i];
        REQUIRE(params[i]->name == p["name"].get<std::string>());
        const Matrix v = goldenMatrix(p["value"]);
        REQUIRE(v.rows() == params[i]->value.rows());
        REQUIRE(v.cols() == params[i]->value.cols());
        params[i]->value = v;
      }
      std::vector<ParamGroup> groups(1);
      groups[0].params = params;
      std::unique_ptr<Optimizer> opt;
      if (adamNet) {
        groups[0].lr = 0.01;
        opt = std::make_unique<Adam>(groups, AdamHyper{});
      } else {
        groups[0].lr = 0.05;
        SgdHyper h;
        h.momentum = 0.9;
        opt = std::make_unique<Sgd>(groups, h);
      }

      SoftmaxCrossEntropyLoss loss;
      const int steps = c["steps"].get<int>();
      const int batch = c["batch"].get<int>();
      const auto want = c["loss"].get<std::vector<double>>();
      const int batches = static_cast<int>(x.rows()) / batch;
      Rng rng(1);
      Matrix xb, yb, dz;
      std::ostringstream report;
      int bad = 0;
      for (int step = 0; step < steps; ++step) {
        const Index lo = static_cast<Index>(step % batches) * batch;
        xb = x.middleRows(lo, batch);
        yb = onehot.middleRows(lo, batch);
        model.zeroGrad();
        const Matrix& z = model.forward(xb, true, rng);
        const double value = loss.value(z, yb);
        loss.gradient(z, yb, dz);
        model.backward(dz);
        opt->step();
        const double w = want[static_cast<std::size_t>(step)];
        if (!(std::abs(value - w) <= 1e-5 * std::max(1.0, std::abs(w)))) {
          if (bad++ < 5)
            report << "  step " << step + 1 << ": engine " << value << "  torch " << w << "\n";
        }
      }
      INFO("losses\n" << report.str());
      CHECK(bad == 0);
      for (std::size_t i = 0; i < params.size(); ++i) {
        requireMatrixClose(params[i]->value, goldenMatrix(c["final"][i]["value"]), 2e-5,
                           "final " + params[i]->name);
      }
      const auto& bns = model.batchNormLayers();
      REQUIRE(bns.size() == c["running_mean"].size());
      for (std::size_t i = 0; i < bns.size(); ++i) {
        requireMatrixClose(bns[i]->runningMean(), goldenMatrix(c["running_mean"][i]), 2e-5,
                           "running_mean");
        requireMatrixClose(bns[i]->runningVar(), goldenMatrix(c["running_var"][i]), 2e-5,
                           "running_var");
      }
    }
  }
}
