// The 2D classification sets: circle, xor, gauss, spiral (geometry of the TensorFlow
// Playground's dataset.ts) and moons (sklearn.datasets.make_moons). Labels 0/1, classes
// balanced (⌊n/2⌋ of class 0, the rest class 1); label noise flips exactly round(f·n) labels.
// Input noise moves the point and keeps its label (sklearn's convention; the playground instead
// labels the clean point by its noisy position). Per set, with ν = noise:
//   circle: class 1 r~U(0,2.5), class 0 r~U(3.5,5), angle~U(0,2π); + U(−5ν,5ν) per coordinate
//   xor:    |x|,|y| ~ U(0.3,5.3), class 1 where sign x = sign y;   + U(−5ν,5ν) per coordinate
//   gauss:  N((2,2)) class 1, N((−2,−2)) class 0, variance 0.5 + 7ν (playground: [0,.5]→[.5,4])
//   spiral: r = 5i/m, t = 3.5π·i/m (+π for class 0), i < m per class; + U(−ν,ν) per coordinate
//   moons:  make_moons: upper arc of the unit circle (class 0), lower arc centred at (1, 0.5)
//           (class 1), evenly spaced angles; + N(0, ν²) per coordinate
#pragma once

#include <string>

#include "core/rng.hpp"
#include "data/dataset.hpp"

namespace engine {

enum class Shape2d { Circle, Xor, Gauss, Spiral, Moons };

// The plotting box of a set: where its points lie (at noise ≤ 0.1, except Gaussian tails) and
// where the UI evaluates the decision boundary. circle/xor/gauss/spiral: [−6, 6]², as the
// playground; moons: [−1.5, 2.5] × [−1.75, 2.25] (square, around make_moons' unscaled arcs).
struct Box {
  double xMin, xMax, yMin, yMax;
};
Box boxFor(Shape2d shape);
// By data.kind: the five 2D sets, and regression1d's plotting range of (x, t): [0, 1] ×
// [−1.5, 1.5]. Throws std::invalid_argument for kinds without such a plane (sparseLinear, real
// sets, custom).
Box boxFor(const std::string& kind);

// "circle" → Shape2d::Circle …; false when kind is not a 2D set.
bool parseShape2d(const std::string& kind, Shape2d& shape);

// `samples` points (≥ 2), noise ≥ 0, labelNoise in [0, 1]. Returns raw = x = the points
// (n × 2, columns x1, x2, no expansion), numClasses = 2, rows grouped by class (the split
// shuffles). Draws only from rng.
Dataset generate2d(Shape2d shape, int samples, double noise, double labelNoise, Rng& rng);

// Flips exactly round(fraction·n) labels (1 − y) at indices chosen uniformly without replacement.
// Returns the flipped indices (sorted), for tests.
std::vector<int> flipLabels(std::vector<float>& target, double fraction, Rng& rng);

}  // namespace engine
