// Image augmentation for a training batch of images (one sample per row, flattened in NCHW
// order, Shape C × H × W); every channel of a sample gets the same geometric transform.
// Coordinates: pixel (y, x) has its centre at integer (x, y), x to the right, y DOWN (as
// displayed); the image centre is c = ((W − 1)/2, (H − 1)/2).
//   horizontal flip: out[y][x] = in[y][W − 1 − x]
//   rotation by θ (degrees, positive = counter-clockwise as displayed, as
//        torchvision.transforms.functional.rotate): out(p) = in(c + R(p − c)) with
//        R = [[cos θ, −sin θ], [sin θ, cos θ]] in (x, y-down) coordinates, sampled bilinearly,
//        neighbours outside the image reading 0 (grid_sample's zeros padding). Sample
//        coordinates within 1e-9 of an integer are snapped to it, so multiples of 90° on a
//        square image move pixels exactly (90°: out[y][x] = in[x][W − 1 − y]). θ = 0 is the
//        identity.
//   integer shift (dx, dy): out[y][x] = in[y − dy][x − dx], 0 where that falls outside (content
//        moves right by dx and down by dy)
//   noise: out ← out + σ·ε, ε ~ N(0, 1) per pixel (Rng::normal)
// Order: flip, then rotate, then shift, then noise (the geometric part is one resampling pass:
// out(p) = 0 if q = p − (dx, dy) is outside the image, else the flipped-then-rotated image at q).
// Random draws per sample, in this order and only for the transforms that are on: flip
// (Rng::bernoulli(0.5)), angle ~ U(−maxRotation, maxRotation), dx then dy uniform integers in
// [−maxShift, maxShift] (Rng::below), then σ·ε for every pixel in row order. Same seed, same
// batch: the same result. Simard, Steinkraus & Platt 2003 (distortions for CNNs on digits).
#pragma once

#include <vector>

#include "core/eigen.hpp"
#include "core/rng.hpp"
#include "nn/layer.hpp"

namespace engine {

struct ImageAugmentOptions {
  int maxShift = 0;             // pixels, ≥ 0
  double maxRotation = 0.0;     // degrees, ≥ 0
  bool horizontalFlip = false;  // flip half of the samples
  double noiseStd = 0.0;        // σ, ≥ 0
};

// One sample's geometric transform.
struct ImageTransform {
  bool flip = false;
  double angle = 0.0;  // degrees
  int dx = 0;
  int dy = 0;
};

// Writes the transformed image (shape.size() values) into out; in and out must not overlap.
void transformImage(const Scalar* in, Scalar* out, const Shape& shape, const ImageTransform& t);

class ImageAugmenter {
 public:
  // Augments every row of batch in place (batch.cols() must be shape.size()). Throws
  // std::invalid_argument for negative options or a batch of another width. Allocates only
  // when the batch or the image grows.
  void apply(Matrix& batch, const Shape& shape, const ImageAugmentOptions& options, Rng& rng);
  // The transforms drawn by the last apply, one per row.
  const std::vector<ImageTransform>& lastTransforms() const { return transforms_; }

 private:
  std::vector<ImageTransform> transforms_;
  std::vector<Scalar> scratch_;
};

}  // namespace engine
