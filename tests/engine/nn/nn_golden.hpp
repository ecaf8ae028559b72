// tests/golden/nn.json (tests/golden/make_nn_golden.py, PyTorch 1.13): layers, losses, an MLP.
#pragma once

#include "engine/support/golden.hpp"

namespace engine::test {

inline const nlohmann::json& nnGolden() { return golden("nn.json"); }

}  // namespace engine::test
