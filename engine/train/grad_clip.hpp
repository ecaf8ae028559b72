// Gradient clipping between backward and the optimizer step, as torch.nn.utils (PyTorch 1.13).
//   clipGradNorm:  ‖g‖ = √(Σ over all grads of Σ g²)  (one global 2-norm, as if concatenated)
//                  c = min(maxNorm / (‖g‖ + 1e-6), 1);  g ← c·g;  returns ‖g‖ before clipping
//   clipGradValue: g ← clamp(g, −clipValue, clipValue) entrywise
// Like torch (error_if_nonfinite=False), a non-finite norm is not an error: c becomes 0 or NaN.
// Preconditions (checked by spec validation): maxNorm ≥ 0, clipValue ≥ 0.
// Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent neural networks".
#pragma once

#include <vector>

#include "core/param.hpp"

namespace engine {

double clipGradNorm(const std::vector<Param*>& params, double maxNorm);
void clipGradValue(const std::vector<Param*>& params, double clipValue);

}  // namespace engine
