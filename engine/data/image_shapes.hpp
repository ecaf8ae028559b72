// A synthetic image set of simple shapes, small enough that a CNN overfits a few dozen samples
// within seconds: size × size single-channel images (raw pixels, rows flattened row-major, the
// NCHW layout of one channel) of six classes, balanced (sample i has class i mod 6, so class
// counts differ by at most one), drawn at random positions and sizes:
//   0 horizontal bar: a segment 1 or 2 pixels thick, length in [⌈size/3⌉, size − 2]
//   1 vertical bar:   the same, transposed
//   2 plus:           a horizontal and a vertical segment crossing at their middles, arm a
//   3 cross (×):      the two diagonals of a (2a + 1)-square, arm a ∈ [2, (size − 1)/2 − 1]
//   4 square:         the 1-pixel outline of a square of side in [4, size − 2]
//   5 ring:           a circle of radius r ∈ [2, (size − 1)/2 − 0.5], centre anywhere it fits;
//                     pixel = max(0, 1 − |dist(pixel centre, centre) − r|) (anti-aliased)
// Stroke intensity a ~ U(0.6, 1) per image on a 0 background, then + noise·ε per pixel,
// ε ~ N(0, 1) (no clipping): noise is the pixel noise's standard deviation in units of the
// full intensity. Every size and position is drawn uniformly (integers: Rng::below).
// Returns raw = x = the pixels (samples × size²), target = the class, numClasses = 6,
// rawNames = featureNames = "p0" … (as the digits set). Draws only from rng: the same seed gives
// the same images. Own construction, in the spirit of the "shapes" toy sets used to teach CNNs.
#pragma once

#include <string>

#include "core/rng.hpp"
#include "data/dataset.hpp"

namespace engine {

enum class ImageShapeClass { HorizontalBar, VerticalBar, Plus, Cross, Square, Ring };
constexpr int kImageShapeClasses = 6;

// "horizontalBar", "verticalBar", "plus", "cross", "square", "ring" for classes 0..5.
std::string imageShapeClassName(int label);

// samples ≥ 1, size in [8, 32], noise finite and ≥ 0; throws std::invalid_argument naming the
// argument otherwise.
Dataset generateImageShapes(int samples, int size, double noise, Rng& rng);

}  // namespace engine
