// Max-norm constraint (Srivastava et al. 2014, §5.1): after each step, every unit's incoming
// weight vector (a row of a Dense weight, [out][in]; for a Conv2d weight, [out][in·kh·kw], one
// output channel's whole filter, as Keras's max_norm over the kernel's other axes) is projected
// back into the ball ‖w_j‖₂ ≤ c. c ≤ 0 turns it off. Biases are not constrained.
#pragma once

#include <vector>

#include "core/param.hpp"

namespace engine {

// weights: one weight per trainable layer (Model::layerWeights).
void applyMaxNorm(const std::vector<Param*>& weights, double c);

}  // namespace engine
