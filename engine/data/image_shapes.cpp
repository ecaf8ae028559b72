#include "data/image_shapes.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace engine {

namespace {

// Uniform integer in [lo, hi].
int between(int lo, int hi, Rng& rng) {
  return lo + static_cast<int>(rng.below(static_cast<std::uint32_t>(hi - lo + 1)));
}

struct Canvas {
  Scalar* px;
  int size;
  Scalar a;  // stroke intensity
  void set(int y, int x) { px[y * size + x] = a; }
};

void bar(Canvas& c, bool horizontal, Rng& rng) {
  const int n = c.size;
  const int length = between((n + 2) / 3, n - 2, rng);
  const int thick = between(1, 2, rng);
  const int across = between(0, n - thick, rng);  // first row (column) of the bar
  const int along = between(0, n - length, rng);  // first column (row)
  for (int t = 0; t < thick; ++t) {
    for (int k = 0; k < length; ++k) {
      if (horizontal) {
        c.set(across + t, along + k);
      } else {
        c.set(along + k, across + t);
      }
    }
  }
}

void plusOrCross(Canvas& c, bool plus, Rng& rng) {
  const int n = c.size;
  const int arm = between(2, (n - 1) / 2 - 1, rng);
  const int cy = between(arm, n - 1 - arm, rng);
  const int cx = between(arm, n - 1 - arm, rng);
  for (int d = -arm; d <= arm; ++d) {
    if (plus) {
      c.set(cy, cx + d);
      c.set(cy + d, cx);
    } else {
      c.set(cy + d, cx + d);
      c.set(cy + d, cx - d);
    }
  }
}

void square(Canvas& c, Rng& rng) {
  const int n = c.size;
  const int side = between(4, n - 2, rng);
  const int y0 = between(0, n - side, rng);
  const int x0 = between(0, n - side, rng);
  for (int k = 0; k < side; ++k) {
    c.set(y0, x0 + k);
    c.set(y0 + side - 1, x0 + k);
    c.set(y0 + k, x0);
    c.set(y0 + k, x0 + side - 1);
  }
}

void ring(Canvas& c, Rng& rng) {
  const int n = c.size;
  const double r = rng.uniform(2.0, (n - 1) / 2.0 - 0.5);
  const double cy = rng.uniform(r, n - 1 - r);
  const double cx = rng.uniform(r, n - 1 - r);
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      const double w = 1.0 - std::abs(std::hypot(y - cy, x - cx) - r);
      if (w > 0.0) c.px[y * n + x] = static_cast<Scalar>(c.a * w);
    }
  }
}

}  // namespace

std::string imageShapeClassName(int label) {
  static const char* names[kImageShapeClasses] = {"horizontalBar", "verticalBar", "plus",
                                                  "cross",         "square",      "ring"};
  if (label < 0 || label >= kImageShapeClasses) {
    throw std::invalid_argument("image shapes: no class " + std::to_string(label));
  }
  return names[label];
}

Dataset generateImageShapes(int samples, int size, double noise, Rng& rng) {
  if (samples < 1) {
    throw std::invalid_argument("image shapes: samples must be >= 1, got " +
                                std::to_string(samples));
  }
  if (size < 8 || size > 32) {
    throw std::invalid_argument("image shapes: size must be in [8, 32], got " +
                                std::to_string(size));
  }
  if (!(noise >= 0.0) || !std::isfinite(noise)) {
    throw std::invalid_argument("image shapes: noise must be a finite number >= 0, got " +
                                std::to_string(noise));
  }
  const int pixels = size * size;
  Dataset d;
  d.raw = Matrix::Zero(samples, pixels);
  d.target.resize(static_cast<std::size_t>(samples));
  d.numClasses = kImageShapeClasses;
  for (int p = 0; p < pixels; ++p) d.rawNames.push_back("p" + std::to_string(p));
  for (int i = 0; i < samples; ++i) {
    const int label = i % kImageShapeClasses;
    d.target[static_cast<std::size_t>(i)] = static_cast<float>(label);
    Canvas c{d.raw.row(i).data(), size, static_cast<Scalar>(rng.uniform(0.6, 1.0))};
    switch (static_cast<ImageShapeClass>(label)) {
      case ImageShapeClass::HorizontalBar: bar(c, true, rng); break;
      case ImageShapeClass::VerticalBar: bar(c, false, rng); break;
      case ImageShapeClass::Plus: plusOrCross(c, true, rng); break;
      case ImageShapeClass::Cross: plusOrCross(c, false, rng); break;
      case ImageShapeClass::Square: square(c, rng); break;
      case ImageShapeClass::Ring: ring(c, rng); break;
    }
    if (noise > 0.0) {
      for (int p = 0; p < pixels; ++p) c.px[p] += static_cast<Scalar>(noise * rng.normal());
    }
  }
  d.x = d.raw;
  d.featureNames = d.rawNames;
  return d;
}

}  // namespace engine
