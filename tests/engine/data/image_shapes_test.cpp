#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "data/image_shapes.hpp"

using namespace engine;

namespace {

Dataset gen(int n, int size, double noise, std::uint64_t seed) {
  Rng rng(seed);
  return generateImageShapes(n, size, noise, rng);
}

// Bounding box of the non-zero pixels of row i.
struct Box {
  int top = 1 << 20, bottom = -1, left = 1 << 20, right = -1, count = 0;
};
Box box(const Dataset& d, Index i, int size) {
  Box b;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      if (d.raw(i, y * size + x) == 0) continue;
      b.top = std::min(b.top, y);
      b.bottom = std::max(b.bottom, y);
      b.left = std::min(b.left, x);
      b.right = std::max(b.right, x);
      ++b.count;
    }
  }
  return b;
}

}  // namespace

TEST_CASE("The image-shapes set has size² pixels per row, six balanced classes and p-names",
          "[cnn][data]") {
  for (int size : {8, 12}) {
    for (int n : {60, 61, 7}) {
      const Dataset d = gen(n, size, 0.1, 3);
      INFO("size " << size << " n " << n);
      REQUIRE(d.raw.rows() == n);
      REQUIRE(d.raw.cols() == size * size);
      CHECK(d.x == d.raw);
      CHECK(d.numClasses == 6);
      REQUIRE(d.rawNames.size() == static_cast<std::size_t>(size * size));
      CHECK(d.rawNames[0] == "p0");
      CHECK(d.featureNames == d.rawNames);
      for (int k = 0; k < 6; ++k) {
        const auto count = std::count(d.target.begin(), d.target.end(), static_cast<float>(k));
        CHECK((count == n / 6 || count == n / 6 + 1));
      }
    }
  }
}

TEST_CASE("The image-shapes set is deterministic by seed", "[cnn][data]") {
  const Dataset a = gen(30, 12, 0.2, 11), b = gen(30, 12, 0.2, 11), c = gen(30, 12, 0.2, 12);
  CHECK(a.raw == b.raw);
  CHECK(a.target == b.target);
  CHECK(a.raw != c.raw);
}

TEST_CASE("Without noise the shapes have their geometry", "[cnn][data]") {
  const int size = 12;
  const Dataset d = gen(600, size, 0.0, 5);
  for (Index i = 0; i < d.raw.rows(); ++i) {
    const int label = static_cast<int>(d.target[static_cast<std::size_t>(i)]);
    const Box b = box(d, i, size);
    INFO("sample " << i << " class " << imageShapeClassName(label));
    REQUIRE(b.count > 0);
    CHECK(d.raw.row(i).minCoeff() >= 0);
    CHECK(d.raw.row(i).maxCoeff() <= 1);
    const int h = b.bottom - b.top + 1, w = b.right - b.left + 1;
    switch (static_cast<ImageShapeClass>(label)) {
      case ImageShapeClass::HorizontalBar:
        CHECK(h <= 2);
        CHECK(w >= 4);
        CHECK(b.count == h * w);  // a solid bar
        break;
      case ImageShapeClass::VerticalBar:
        CHECK(w <= 2);
        CHECK(h >= 4);
        CHECK(b.count == h * w);
        break;
      case ImageShapeClass::Plus:
      case ImageShapeClass::Cross:
        // Two strokes of 2a + 1 pixels sharing the centre, in a (2a + 1)-square.
        CHECK(h == w);
        CHECK(b.count == 2 * h - 1);
        break;
      case ImageShapeClass::Square:
        // The outline of an s-square: 4s − 4 pixels, interior empty.
        CHECK(h == w);
        CHECK(b.count == 4 * h - 4);
        break;
      case ImageShapeClass::Ring: {
        // The centre of the bounding box is dark (the ring is hollow).
        const int cy = (b.top + b.bottom) / 2, cx = (b.left + b.right) / 2;
        CHECK(d.raw(i, cy * size + cx) < Scalar(0.5) * d.raw.row(i).maxCoeff());
        CHECK(h >= 4);
        break;
      }
    }
  }
}

TEST_CASE("The image-shapes set rejects bad arguments", "[cnn][data]") {
  Rng rng(1);
  CHECK_THROWS_AS(generateImageShapes(0, 12, 0.1, rng), std::invalid_argument);
  CHECK_THROWS_AS(generateImageShapes(10, 7, 0.1, rng), std::invalid_argument);
  CHECK_THROWS_AS(generateImageShapes(10, 12, -0.1, rng), std::invalid_argument);
  CHECK(imageShapeClassName(5) == "ring");
  CHECK_THROWS_AS(imageShapeClassName(6), std::invalid_argument);
}
