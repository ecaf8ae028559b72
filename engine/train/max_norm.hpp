// Max-norm constraint (Srivastava et al. 2014, §5.1): after each step, every unit's incoming
// weight vector (a row of a Dense weight, [out][in]) is projected back into the ball ‖w_j‖₂ ≤ c.
// c ≤ 0 turns it off. Biases are not constrained.
#pragma once

#include <vector>

#include "nn/dense.hpp"

namespace engine {

void applyMaxNorm(const std::vector<Dense*>& layers, double c);

}  // namespace engine
