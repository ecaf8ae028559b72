#include "train/image_augment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace engine {

namespace {

constexpr double kPi = 3.14159265358979323846;

double snap(double v) {
  const double r = std::round(v);
  return std::abs(v - r) < 1e-9 ? r : v;
}

// Bilinear sample of one plane at (x, y); neighbours outside the plane read 0.
double bilinear(const Scalar* plane, int H, int W, double x, double y) {
  const double fx = std::floor(x), fy = std::floor(y);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const double ax = x - fx, ay = y - fy;
  auto at = [&](int yy, int xx) -> double {
    if (xx < 0 || xx >= W || yy < 0 || yy >= H) return 0.0;
    return plane[yy * W + xx];
  };
  double v = 0.0;
  if (ax < 1.0 && ay < 1.0) v += (1.0 - ax) * (1.0 - ay) * at(y0, x0);
  if (ax > 0.0 && ay < 1.0) v += ax * (1.0 - ay) * at(y0, x0 + 1);
  if (ax < 1.0 && ay > 0.0) v += (1.0 - ax) * ay * at(y0 + 1, x0);
  if (ax > 0.0 && ay > 0.0) v += ax * ay * at(y0 + 1, x0 + 1);
  return v;
}

}  // namespace

void transformImage(const Scalar* in, Scalar* out, const Shape& shape, const ImageTransform& t) {
  const int C = shape.channels, H = shape.height, W = shape.width;
  const double cx = (W - 1) / 2.0, cy = (H - 1) / 2.0;
  const double rad = t.angle * kPi / 180.0;
  const double cs = std::cos(rad), sn = std::sin(rad);
  const bool rotate = t.angle != 0.0;
  for (int c = 0; c < C; ++c) {
    const Scalar* src = in + c * H * W;
    Scalar* dst = out + c * H * W;
    for (int y = 0; y < H; ++y) {
      for (int x = 0; x < W; ++x) {
        // Undo the shift: q = p − (dx, dy).
        const int qx = x - t.dx, qy = y - t.dy;
        Scalar v = 0;
        if (qx >= 0 && qx < W && qy >= 0 && qy < H) {
          if (!rotate) {
            v = src[qy * W + (t.flip ? W - 1 - qx : qx)];
          } else {
            // Undo the rotation: the flipped image at c + R(q − c).
            const double rx = qx - cx, ry = qy - cy;
            double sx = snap(cx + cs * rx - sn * ry);
            const double sy = snap(cy + sn * rx + cs * ry);
            if (t.flip) sx = (W - 1) - sx;  // flipped(x) = in(W − 1 − x)
            v = static_cast<Scalar>(bilinear(src, H, W, sx, sy));
          }
        }
        dst[y * W + x] = v;
      }
    }
  }
}

void ImageAugmenter::apply(Matrix& batch, const Shape& shape, const ImageAugmentOptions& o,
                           Rng& rng) {
  if (o.maxShift < 0 || !(o.maxRotation >= 0.0) || !(o.noiseStd >= 0.0)) {
    throw std::invalid_argument(
        "image augmentation: maxShift, maxRotation and noiseStd must be >= 0");
  }
  if (batch.cols() != shape.size()) {
    throw std::invalid_argument("image augmentation: rows of " + std::to_string(batch.cols()) +
                                " values for images of " + std::to_string(shape.size()));
  }
  const Index n = batch.rows();
  transforms_.resize(static_cast<std::size_t>(n));
  if (scratch_.size() < static_cast<std::size_t>(shape.size())) {
    scratch_.resize(static_cast<std::size_t>(shape.size()));
  }
  const bool geometric = o.horizontalFlip || o.maxRotation > 0.0 || o.maxShift > 0;
  for (Index i = 0; i < n; ++i) {
    ImageTransform& t = transforms_[static_cast<std::size_t>(i)];
    t = ImageTransform{};
    if (o.horizontalFlip) t.flip = rng.bernoulli(0.5);
    if (o.maxRotation > 0.0) t.angle = rng.uniform(-o.maxRotation, o.maxRotation);
    if (o.maxShift > 0) {
      const auto span = static_cast<std::uint32_t>(2 * o.maxShift + 1);
      t.dx = static_cast<int>(rng.below(span)) - o.maxShift;
      t.dy = static_cast<int>(rng.below(span)) - o.maxShift;
    }
    Scalar* row = batch.row(i).data();
    if (geometric) {
      std::copy(row, row + shape.size(), scratch_.begin());
      transformImage(scratch_.data(), row, shape, t);
    }
    if (o.noiseStd > 0.0) {
      for (int k = 0; k < shape.size(); ++k) {
        row[k] += static_cast<Scalar>(o.noiseStd * rng.normal());
      }
    }
  }
}

}  // namespace engine
