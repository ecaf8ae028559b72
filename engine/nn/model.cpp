#include "nn/model.hpp"

#include <stdexcept>
#include <string>

#include "nn/conv2d.hpp"
#include "nn/network.hpp"

namespace engine {

void Model::add(std::unique_ptr<Layer> layer) {
  if (!layer) throw std::invalid_argument("model: cannot add a null layer");
  // Nothing consumes dLoss/dInput of the first layer; skip that product.
  if (layers_.empty()) {
    if (auto* dense = dynamic_cast<Dense*>(layer.get())) dense->setPropagateGradient(false);
  }
  // The lists the trainer walks every step are built here once, so a step allocates nothing.
  Layer* added = layer.get();
  for (Param* p : added->params()) params_.push_back(p);
  if (auto* d = dynamic_cast<Dense*>(added)) {
    dense_.push_back(d);
    weights_.push_back(&d->weight());
  }
  if (auto* c = dynamic_cast<Conv2d*>(added)) weights_.push_back(&c->weight());
  if (auto* d = dynamic_cast<Dropout*>(added)) dropout_.push_back(d);
  if (auto* b = dynamic_cast<BatchNorm*>(added)) batchNorm_.push_back(b);
  layers_.push_back(std::move(layer));
}

void Model::backward(const Matrix& dOut) {
  const Matrix* g = &dOut;
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) g = &(*it)->backward(*g);
}

const std::vector<Param*>& Model::params() { return params_; }

void Model::zeroGrad() {
  for (Param* p : params()) p->grad.setZero();
}

long long Model::parameterCount() const {
  long long n = 0;
  for (const auto& layer : layers_) {
    for (const Param* p : layer->params()) n += static_cast<long long>(p->value.size());
  }
  return n;
}

const std::vector<Dense*>& Model::denseLayers() { return dense_; }

const std::vector<Dropout*>& Model::dropoutLayers() { return dropout_; }

const std::vector<BatchNorm*>& Model::batchNormLayers() { return batchNorm_; }

ModelSnapshot Model::snapshot() const {
  ModelSnapshot s;
  for (const auto& layer : layers_) {
    for (const Param* p : layer->params()) s.values.push_back(p->value);
    if (const auto* b = dynamic_cast<const BatchNorm*>(layer.get())) {
      s.runningMeans.push_back(b->runningMean());
      s.runningVars.push_back(b->runningVar());
    }
  }
  return s;
}

void Model::restore(const ModelSnapshot& s) {
  std::vector<Param*> ps = params();
  std::vector<BatchNorm*> bns = batchNormLayers();
  bool fits = ps.size() == s.values.size() && bns.size() == s.runningMeans.size() &&
              bns.size() == s.runningVars.size();
  for (std::size_t i = 0; fits && i < ps.size(); ++i) {
    fits = ps[i]->value.rows() == s.values[i].rows() && ps[i]->value.cols() == s.values[i].cols();
  }
  for (std::size_t i = 0; fits && i < bns.size(); ++i) {
    fits = bns[i]->runningMean().size() == s.runningMeans[i].size() &&
           bns[i]->runningVar().size() == s.runningVars[i].size();
  }
  if (!fits) throw std::invalid_argument("model: snapshot does not match this model's shape");
  for (std::size_t i = 0; i < ps.size(); ++i) ps[i]->value = s.values[i];
  for (std::size_t i = 0; i < bns.size(); ++i) {
    bns[i]->runningMean() = s.runningMeans[i];
    bns[i]->runningVar() = s.runningVars[i];
  }
}

Model buildMlp(const ModelSpec& spec, int inputs, int outputs, Rng& rng) {
  if (inputs < 1 || outputs < 1) {
    throw std::invalid_argument("model: inputs and outputs must be >= 1, got " +
                                std::to_string(inputs) + " and " + std::to_string(outputs));
  }
  return std::move(buildNetwork(spec, Shape::vector(inputs), false, outputs, rng).model);
}

}  // namespace engine
