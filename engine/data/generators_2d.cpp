#include "data/generators_2d.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace engine {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Builder {
  Dataset d;
  Index next = 0;
  explicit Builder(int n) {
    d.raw.resize(n, 2);
    d.target.resize(static_cast<std::size_t>(n));
    d.numClasses = 2;
    d.rawNames = {"x1", "x2"};
  }
  void add(double x, double y, int label) {
    d.raw(next, 0) = static_cast<Scalar>(x);
    d.raw(next, 1) = static_cast<Scalar>(y);
    d.target[static_cast<std::size_t>(next)] = static_cast<float>(label);
    ++next;
  }
};

// Playground circle: radius R = 5; class 1 inside R/2, class 0 in the ring [0.7R, R].
void circle(Builder& b, int n0, int n1, double noise, Rng& rng) {
  const double R = 5.0;
  auto point = [&](double rLo, double rHi, int label) {
    double r = rng.uniform(rLo, rHi);
    double angle = rng.uniform(0.0, 2.0 * kPi);
    double x = r * std::sin(angle);
    double y = r * std::cos(angle);
    double nx = rng.uniform(-R, R) * noise;
    double ny = rng.uniform(-R, R) * noise;
    b.add(x + nx, y + ny, label);
  };
  for (int i = 0; i < n0; ++i) point(0.7 * R, R, 0);
  for (int i = 0; i < n1; ++i) point(0.0, 0.5 * R, 1);
}

// Playground xor: each coordinate U(−5, 5) pushed 0.3 away from 0; class 1 where x·y ≥ 0.
// Drawing |x|, |y| ~ U(0.3, 5.3) and the signs per class gives the same law given the class,
// with exactly balanced classes.
void xorSet(Builder& b, int n0, int n1, double noise, Rng& rng) {
  const double pad = 0.3;
  auto point = [&](int label) {
    double ax = rng.uniform(0.0, 5.0) + pad;
    double ay = rng.uniform(0.0, 5.0) + pad;
    double sx = rng.bernoulli(0.5) ? 1.0 : -1.0;
    double sy = label == 1 ? sx : -sx;
    double nx = rng.uniform(-5.0, 5.0) * noise;
    double ny = rng.uniform(-5.0, 5.0) * noise;
    b.add(sx * ax + nx, sy * ay + ny, label);
  };
  for (int i = 0; i < n0; ++i) point(0);
  for (int i = 0; i < n1; ++i) point(1);
}

// Playground gauss: variance = d3.scale.linear().domain([0, .5]).range([0.5, 4]) of noise
// (extrapolated beyond 0.5 as d3 does); both coordinates independent.
void gauss(Builder& b, int n0, int n1, double noise, Rng& rng) {
  const double variance = 0.5 + 7.0 * noise;
  const double sd = std::sqrt(variance);
  for (int i = 0; i < n0; ++i) {
    double x = rng.normal(-2.0, sd);
    double y = rng.normal(-2.0, sd);
    b.add(x, y, 0);
  }
  for (int i = 0; i < n1; ++i) {
    double x = rng.normal(2.0, sd);
    double y = rng.normal(2.0, sd);
    b.add(x, y, 1);
  }
}

// Playground spiral: two arms, 1.75 turns out to radius 5, the second arm rotated by π.
void spiral(Builder& b, int n0, int n1, double noise, Rng& rng) {
  auto arm = [&](int m, double deltaT, int label) {
    for (int i = 0; i < m; ++i) {
      double r = static_cast<double>(i) / m * 5.0;
      double t = 1.75 * static_cast<double>(i) / m * 2.0 * kPi + deltaT;
      double nx = rng.uniform(-1.0, 1.0) * noise;
      double ny = rng.uniform(-1.0, 1.0) * noise;
      b.add(r * std::sin(t) + nx, r * std::cos(t) + ny, label);
    }
  };
  arm(n0, kPi, 0);
  arm(n1, 0.0, 1);
}

// sklearn make_moons (shuffle aside): angles np.linspace(0, π, m) on each arc, then
// X += N(0, noise²) elementwise.
void moons(Builder& b, int n0, int n1, double noise, Rng& rng) {
  auto angle = [](int i, int m) { return m == 1 ? 0.0 : kPi * i / (m - 1); };
  for (int i = 0; i < n0; ++i) {
    double a = angle(i, n0);
    double x = std::cos(a) + noise * rng.normal();
    double y = std::sin(a) + noise * rng.normal();
    b.add(x, y, 0);
  }
  for (int i = 0; i < n1; ++i) {
    double a = angle(i, n1);
    double x = 1.0 - std::cos(a) + noise * rng.normal();
    double y = 1.0 - std::sin(a) - 0.5 + noise * rng.normal();
    b.add(x, y, 1);
  }
}

}  // namespace

bool parseShape2d(const std::string& kind, Shape2d& shape) {
  if (kind == "circle")
    shape = Shape2d::Circle;
  else if (kind == "xor")
    shape = Shape2d::Xor;
  else if (kind == "gauss")
    shape = Shape2d::Gauss;
  else if (kind == "spiral")
    shape = Shape2d::Spiral;
  else if (kind == "moons")
    shape = Shape2d::Moons;
  else
    return false;
  return true;
}

Box boxFor(Shape2d shape) {
  if (shape == Shape2d::Moons) return Box{-1.5, 2.5, -1.75, 2.25};
  return Box{-6.0, 6.0, -6.0, 6.0};
}

Box boxFor(const std::string& kind) {
  Shape2d shape;
  if (parseShape2d(kind, shape)) return boxFor(shape);
  if (kind == "regression1d") return Box{0.0, 1.0, -1.5, 1.5};
  throw std::invalid_argument("data.kind \"" + kind + "\" has no 2D plot box");
}

std::vector<int> flipLabels(std::vector<float>& target, double fraction, Rng& rng) {
  if (!(fraction >= 0.0 && fraction <= 1.0)) {
    throw std::invalid_argument("data.labelNoise: must be in [0, 1], got " +
                                std::to_string(fraction));
  }
  const int n = static_cast<int>(target.size());
  const int m = static_cast<int>(std::lround(fraction * n));
  std::vector<int> flipped;
  if (m == 0) return flipped;
  std::vector<int> perm;
  rng.permutation(perm, n);
  flipped.assign(perm.begin(), perm.begin() + m);
  std::sort(flipped.begin(), flipped.end());
  for (int i : flipped) {
    auto& y = target[static_cast<std::size_t>(i)];
    y = 1.0f - y;
  }
  return flipped;
}

Dataset generate2d(Shape2d shape, int samples, double noise, double labelNoise, Rng& rng) {
  if (samples < 2) {
    throw std::invalid_argument("data.samples: must be at least 2, got " + std::to_string(samples));
  }
  if (!(noise >= 0.0) || !std::isfinite(noise)) {
    throw std::invalid_argument("data.noise: must be a finite number ≥ 0, got " +
                                std::to_string(noise));
  }
  const int n0 = samples / 2;
  const int n1 = samples - n0;
  Builder b(samples);
  switch (shape) {
    case Shape2d::Circle: circle(b, n0, n1, noise, rng); break;
    case Shape2d::Xor: xorSet(b, n0, n1, noise, rng); break;
    case Shape2d::Gauss: gauss(b, n0, n1, noise, rng); break;
    case Shape2d::Spiral: spiral(b, n0, n1, noise, rng); break;
    case Shape2d::Moons: moons(b, n0, n1, noise, rng); break;
  }
  flipLabels(b.d.target, labelNoise, rng);
  b.d.x = b.d.raw;
  b.d.featureNames = b.d.rawNames;
  return std::move(b.d);
}

}  // namespace engine
