// tests/golden/cnn.json (tests/golden/make_cnn_golden.py, PyTorch 1.13 / torchvision 0.14):
// convolution, pooling, BatchNorm2d, Dropout2d, DropBlock and two small CNN training runs.
#pragma once

#include "engine/support/golden.hpp"
#include "nn/layer.hpp"

namespace engine::test {

inline const nlohmann::json& cnnGolden() { return golden("cnn.json"); }

// {"n", "c", "h", "w"} → the Shape of one sample.
inline Shape goldenShape(const nlohmann::json& s) {
  return Shape{s["c"].get<int>(), s["h"].get<int>(), s["w"].get<int>()};
}

}  // namespace engine::test
