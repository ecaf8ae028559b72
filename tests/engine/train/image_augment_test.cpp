// Image augmentation on hand-made images: expected pixels worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "train/image_augment.hpp"

using namespace engine;

namespace {

Matrix image(std::initializer_list<Scalar> values) {
  Matrix m(1, static_cast<Index>(values.size()));
  Index i = 0;
  for (Scalar v : values) m(0, i++) = v;
  return m;
}

Matrix transformed(const Matrix& in, const Shape& shape, const ImageTransform& t) {
  Matrix out(1, in.cols());
  transformImage(in.data(), out.data(), shape, t);
  return out;
}

}  // namespace

TEST_CASE("An integer shift moves content right and down and fills with zeros", "[cnn][train]") {
  const Shape s{1, 3, 3};
  const Matrix in = image({1, 2, 3, 4, 5, 6, 7, 8, 9});
  ImageTransform t;
  t.dx = 1;
  CHECK(transformed(in, s, t) == image({0, 1, 2, 0, 4, 5, 0, 7, 8}));
  t.dx = -1;
  t.dy = 1;
  CHECK(transformed(in, s, t) == image({0, 0, 0, 2, 3, 0, 5, 6, 0}));
  t.dx = 3;
  t.dy = 0;
  CHECK(transformed(in, s, t).isZero());
}

TEST_CASE("A horizontal flip mirrors every channel, before the shift", "[cnn][train]") {
  // Two channels of 2 × 3.
  const Shape s{2, 2, 3};
  const Matrix in = image({1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60});
  ImageTransform t;
  t.flip = true;
  CHECK(transformed(in, s, t) == image({3, 2, 1, 6, 5, 4, 30, 20, 10, 60, 50, 40}));
  // Flip, then move down by one: the flipped first row lands in the second.
  t.dy = 1;
  CHECK(transformed(in, s, t) == image({0, 0, 0, 3, 2, 1, 0, 0, 0, 30, 20, 10}));
}

TEST_CASE("Rotation by 0 is the identity", "[cnn][train]") {
  const Shape s{1, 4, 5};
  Matrix in(1, 20);
  for (Index i = 0; i < 20; ++i) in(0, i) = static_cast<Scalar>(i * i % 7) - 3;
  ImageTransform t;
  t.angle = 0.0;
  CHECK(transformed(in, s, t) == in);
}

TEST_CASE("Rotation by 90 degrees turns a square image counter-clockwise, exactly",
          "[cnn][train]") {
  // Counter-clockwise as displayed: the top row becomes the left column, read upwards.
  //   1 2 3        3 6 9
  //   4 5 6   →    2 5 8
  //   7 8 9        1 4 7
  const Shape s{1, 3, 3};
  const Matrix in = image({1, 2, 3, 4, 5, 6, 7, 8, 9});
  ImageTransform t;
  t.angle = 90;
  CHECK(transformed(in, s, t) == image({3, 6, 9, 2, 5, 8, 1, 4, 7}));
  t.angle = -90;
  CHECK(transformed(in, s, t) == image({7, 4, 1, 8, 5, 2, 9, 6, 3}));
  t.angle = 180;
  CHECK(transformed(in, s, t) == image({9, 8, 7, 6, 5, 4, 3, 2, 1}));
  // An even side: the centre (1.5, 1.5) lies between pixels, and 90° still maps pixel to
  // pixel: out[y][x] = in[x][3 − y].
  const Shape s4{1, 4, 4};
  Matrix in4(1, 16);
  for (Index i = 0; i < 16; ++i) in4(0, i) = static_cast<Scalar>(i);
  Matrix want(1, 16);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 4; ++x) want(0, y * 4 + x) = in4(0, x * 4 + (3 - y));
  }
  t.angle = 90;
  CHECK(transformed(in4, s4, t) == want);
}

TEST_CASE("A small rotation interpolates bilinearly and reads zeros outside the image",
          "[cnn][train]") {
  // 1 × 3 × 3, only the centre-right pixel (1, 2) lit. Rotating by θ counter-clockwise,
  // output pixel (0, 1) (top centre) samples the input at
  //   x = 1 + cos θ·0 − sin θ·(−1) = 1 + sin θ,  y = 1 + sin θ·0 + cos θ·(−1) = 1 − cos θ.
  // For θ = 30°: (1.5, 1 − √3/2 ≈ 0.134): weights on (0,1), (0,2), (1,1), (1,2) are
  // (0.5·0.866, 0.5·0.866, 0.5·0.134, 0.5·0.134); only (1, 2) is lit: 0.5·(1 − cos 30°).
  const Shape s{1, 3, 3};
  const Matrix in = image({0, 0, 0, 0, 0, 1, 0, 0, 0});
  ImageTransform t;
  t.angle = 30;
  const Matrix out = transformed(in, s, t);
  const double c30 = std::sqrt(3.0) / 2;
  CHECK(out(0, 1) == Approx(0.5 * (1 - c30)).margin(1e-6));
  // Corner (0, 0) samples (1 − cos θ + sin θ, 1 − sin θ − cos θ) = (0.634, −0.366): weights
  // onto row −1 read 0; from row 0 only (0,0), (0,1) — unlit. So 0.
  CHECK(out(0, 0) == Approx(0).margin(1e-7));
  // The total mass of a lone interior pixel is preserved up to the zero fill: its four
  // bilinear footprints sum to at most 1.
  CHECK(out.sum() <= Scalar(1 + 1e-6));
}

TEST_CASE("Augmentation is deterministic by seed and draws every transform in range",
          "[cnn][train]") {
  const Shape s{2, 6, 6};
  Matrix base(40, s.size());
  for (Index i = 0; i < base.size(); ++i) base.data()[i] = static_cast<Scalar>((i * 37) % 11);
  ImageAugmentOptions o;
  o.maxShift = 2;
  o.maxRotation = 15;
  o.horizontalFlip = true;
  o.noiseStd = 0.1;
  ImageAugmenter a, b;
  Matrix x1 = base, x2 = base, x3 = base;
  Rng r1(5), r2(5), r3(6);
  a.apply(x1, s, o, r1);
  b.apply(x2, s, o, r2);
  b.apply(x3, s, o, r3);
  CHECK(x1 == x2);
  CHECK(x1 != x3);
  int flips = 0;
  bool shifted = false;
  for (const ImageTransform& t : a.lastTransforms()) {
    CHECK(std::abs(t.dx) <= 2);
    CHECK(std::abs(t.dy) <= 2);
    CHECK(std::abs(t.angle) <= 15);
    flips += t.flip;
    shifted = shifted || t.dx != 0 || t.dy != 0;
  }
  CHECK(a.lastTransforms().size() == 40u);
  CHECK(flips > 5);
  CHECK(flips < 35);
  CHECK(shifted);
  // Each row is its drawn geometric transform of the original plus noise of sd 0.1.
  Matrix clean(1, s.size());
  for (Index i = 0; i < 40; ++i) {
    transformImage(base.row(i).data(), clean.data(), s, a.lastTransforms()[i]);
    CHECK((x1.row(i) - clean).cwiseAbs().maxCoeff() < 0.6);
  }
}

TEST_CASE("Pixel noise has mean 0 and the requested standard deviation", "[cnn][train]") {
  const Shape s{1, 10, 10};
  Matrix x = Matrix::Constant(200, 100, 3);
  ImageAugmentOptions o;
  o.noiseStd = 0.5;
  ImageAugmenter a;
  Rng rng(9);
  a.apply(x, s, o, rng);
  const double n = static_cast<double>(x.size());
  const double mean = (x.array() - Scalar(3)).cast<double>().sum() / n;
  const double sd = std::sqrt((x.array() - Scalar(3)).cast<double>().square().sum() / n);
  // 20 000 draws: the mean's sd is 0.5/√20000 ≈ 0.0035, the sd estimate's ≈ 0.0025.
  CHECK(std::abs(mean) < 0.015);
  CHECK(std::abs(sd - 0.5) < 0.012);
  // With every option off the batch is untouched.
  Matrix y = Matrix::Constant(3, 100, 2);
  a.apply(y, s, ImageAugmentOptions{}, rng);
  CHECK(y == Matrix::Constant(3, 100, 2));
  CHECK_THROWS_AS(a.apply(y, Shape{1, 5, 5}, o, rng), std::invalid_argument);
  o.maxShift = -1;
  CHECK_THROWS_AS(a.apply(x, s, o, rng), std::invalid_argument);
}
