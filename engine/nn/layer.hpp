// The layer contract: forward into a buffer the layer owns, backward into another, with no
// allocation once the batch size is stable (buffers are resized only when it changes).
// A batch is a Matrix with one sample per row. Feature maps are carried flat, NCHW order per
// row, with their Shape alongside, so conv / pooling / spatial dropout fit the same contract.
#pragma once

#include <string>
#include <vector>

#include "core/eigen.hpp"
#include "core/param.hpp"
#include "core/rng.hpp"
#include "core/shape.hpp"

namespace engine {

class Layer {
 public:
  virtual ~Layer() = default;

  // Computes the output for a batch x. `training` selects train-time behaviour (dropout masks,
  // batch statistics); `rng` supplies any randomness. Returns the layer's own output buffer.
  virtual const Matrix& forward(const Matrix& x, bool training, Rng& rng) = 0;
  // Given dLoss/dOutput for the last forward batch, accumulates parameter gradients into
  // Param::grad and returns dLoss/dInput (the layer's own buffer).
  virtual const Matrix& backward(const Matrix& dy) = 0;

  virtual Shape outputShape(const Shape& input) const = 0;
  virtual std::vector<Param*> params() { return {}; }
  // A short name for descriptions and errors, e.g. "dense", "relu", "batch_norm".
  virtual std::string kind() const = 0;
};

}  // namespace engine
