// A sequential model, as torch.nn.Sequential, and the MLP builder.
//   forward: x → layer_0 → … → layer_{L−1};  backward: dOut through the layers in reverse
// params() lists parameters in PyTorch state_dict order (per layer: weight, bias; bnScale,
// bnShift). Layers live on the heap, so Param addresses never change after add(), even when the
// Model is moved (optimizers keep Param*). The model copies each input batch into its own
// buffer, so the caller's matrix may be a temporary.
// buildMlp, per hidden layer: Dense (no bias when batch norm follows) → [BatchNorm] →
// Activation → Dropout (always present; rate 0
// is the identity, so the rate can be raised mid-run); then an output Dense with no activation
// (the losses fuse sigmoid / softmax). No hidden layers: linear / logistic regression.
#pragma once

#include <memory>
#include <vector>

#include "core/eigen.hpp"
#include "core/param.hpp"
#include "core/rng.hpp"
#include "nn/batch_norm.hpp"
#include "nn/dense.hpp"
#include "nn/dropout.hpp"
#include "nn/layer.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

// Parameter values and batch-norm running statistics at one moment (early stopping's best).
struct ModelSnapshot {
  std::vector<Matrix> values;           // params() order
  std::vector<RowVector> runningMeans;  // batchNormLayers() order
  std::vector<RowVector> runningVars;
  bool empty() const { return values.empty(); }
};

class Model {
 public:
  Model() = default;
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Appends a layer. A Dense added first does not propagate dLoss/dInput.
  void add(std::unique_ptr<Layer> layer);

  // Runs every layer; returns the last layer's output (the model's raw outputs z).
  const Matrix& forward(const Matrix& x, bool training, Rng& rng) {
    return forward(x, training, rng, [](const Layer&, const Matrix&) {});
  }
  // The same, calling visit(layer, output) after each layer: the output is that layer's buffer
  // (or, for an identity layer, its input), valid until the next forward.
  template <typename Visit>
  const Matrix& forward(const Matrix& x, bool training, Rng& rng, Visit&& visit) {
    // Our own copy: layers keep a reference to their input until backward.
    input_.resize(x.rows(), x.cols());
    input_ = x;
    const Matrix* h = &input_;
    for (auto& layer : layers_) {
      h = &layer->forward(*h, training, rng);
      visit(static_cast<const Layer&>(*layer), *h);
    }
    return *h;
  }
  // dOut = dLoss/dz for the last forward batch; accumulates into every Param::grad.
  void backward(const Matrix& dOut);

  const std::vector<Param*>& params();
  void zeroGrad();
  long long parameterCount() const;

  int layerCount() const { return static_cast<int>(layers_.size()); }
  Layer& layer(int i) { return *layers_[static_cast<std::size_t>(i)]; }
  const Layer& layer(int i) const { return *layers_[static_cast<std::size_t>(i)]; }

  // In model order: the hidden Dense layers then the output one; the Dropout after each
  // hidden layer; the BatchNorm layers (BatchNorm2d included).
  const std::vector<Dense*>& denseLayers();
  // The weight of every trainable layer (Conv2d and Dense), in model order: index k is the
  // "<k>" of layers.<k>.weight. Per-layer metrics, max-norm and the histogram read these.
  const std::vector<Param*>& layerWeights() const { return weights_; }
  const std::vector<Dropout*>& dropoutLayers();
  const std::vector<BatchNorm*>& batchNormLayers();

  ModelSnapshot snapshot() const;
  // Throws std::invalid_argument if the snapshot came from a model of another shape.
  void restore(const ModelSnapshot& s);

 private:
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Param*> params_;
  std::vector<Dense*> dense_;
  std::vector<Param*> weights_;
  std::vector<Dropout*> dropout_;
  std::vector<BatchNorm*> batchNorm_;
  Matrix input_;
};

// Builds the network of spec (dense entries only, or any kind on a vector input: see
// nn/network.hpp, which builds CNNs too) for `inputs` features and `outputs` raw outputs,
// initialising every weight with spec.init from rng in layer order (biases 0). Throws
// std::invalid_argument naming the field for an unknown activation / init.
Model buildMlp(const ModelSpec& spec, int inputs, int outputs, Rng& rng);

}  // namespace engine
