// The shape of one sample: channels × height × width. Batches are matrices with one sample per
// row, an image flattened in NCHW order (channel by channel, each row-major); a plain feature
// vector of n features is {n, 1, 1}.
#pragma once

namespace engine {

struct Shape {
  int channels = 1;
  int height = 1;
  int width = 1;
  int size() const { return channels * height * width; }
  static Shape vector(int n) { return Shape{n, 1, 1}; }
  bool operator==(const Shape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
};

}  // namespace engine
