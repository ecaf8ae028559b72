// Matrix aliases used everywhere in the engine.
// Row-major so that a weight matrix is PyTorch's [out][in] layout byte for byte and a batch is
// one sample per contiguous row. Building with ENGINE_DOUBLE compiles the same sources in double
// precision: the finite-difference gradient tests link against that build.
#pragma once

#include <Eigen/Core>

namespace engine {

#ifdef ENGINE_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif

using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using Index = Eigen::Index;

}  // namespace engine
