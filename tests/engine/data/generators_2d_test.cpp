#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "data/generators_2d.hpp"

using namespace engine;

namespace {

const Shape2d kAllShapes[] = {Shape2d::Circle, Shape2d::Xor, Shape2d::Gauss, Shape2d::Spiral,
                              Shape2d::Moons};
const char* name(Shape2d s) {
  switch (s) {
    case Shape2d::Circle: return "circle";
    case Shape2d::Xor: return "xor";
    case Shape2d::Gauss: return "gauss";
    case Shape2d::Spiral: return "spiral";
    case Shape2d::Moons: return "moons";
  }
  return "?";
}

Dataset gen(Shape2d s, int n, double noise, double labelNoise, std::uint64_t seed) {
  Rng rng(seed);
  return generate2d(s, n, noise, labelNoise, rng);
}

int countClass(const Dataset& d, float k) {
  return static_cast<int>(std::count(d.target.begin(), d.target.end(), k));
}

double radius(const Dataset& d, Index i) { return std::hypot(d.raw(i, 0), d.raw(i, 1)); }

}  // namespace

TEST_CASE("Every 2D set has n rows of (x1, x2), labels 0/1 and balanced classes", "[data]") {
  for (Shape2d s : kAllShapes) {
    for (int n : {200, 201, 10}) {
      for (double noise : {0.0, 0.3}) {
        Dataset d = gen(s, n, noise, 0.0, 7);
        INFO(name(s) << " n=" << n << " noise=" << noise);
        REQUIRE(d.raw.rows() == n);
        REQUIRE(d.raw.cols() == 2);
        REQUIRE(d.x.rows() == n);
        REQUIRE(d.x.cols() == 2);
        REQUIRE(d.target.size() == static_cast<std::size_t>(n));
        REQUIRE(d.numClasses == 2);
        REQUIRE(d.featureNames == std::vector<std::string>{"x1", "x2"});
        CHECK(countClass(d, 0.0f) == n / 2);
        CHECK(countClass(d, 1.0f) == n - n / 2);
        CHECK(d.x == d.raw);
        CHECK(d.raw.allFinite());
      }
    }
  }
}

TEST_CASE("Label noise flips exactly round(f*n) labels and moves no point", "[data]") {
  for (Shape2d s : kAllShapes) {
    for (auto [n, f, expected] : {std::tuple<int, double, int>{200, 0.1, 20},
                                  {201, 0.25, 50},   // 50.25 rounds down
                                  {201, 0.5, 101},   // 100.5 rounds half away from zero
                                  {10, 0.04, 0},     // 0.4 rounds to no flip
                                  {10, 0.05, 1}}) {  // 0.5 rounds up
      // Same seed: the generator draws the same points before the flips.
      Dataset clean = gen(s, n, 0.2, 0.0, 11);
      Dataset noisy = gen(s, n, 0.2, f, 11);
      INFO(name(s) << " n=" << n << " f=" << f);
      REQUIRE(noisy.raw == clean.raw);
      int flipped = 0;
      for (int i = 0; i < n; ++i) {
        float a = clean.target[static_cast<std::size_t>(i)];
        float b = noisy.target[static_cast<std::size_t>(i)];
        if (a != b) {
          ++flipped;
          CHECK(b == 1.0f - a);
        }
      }
      CHECK(flipped == expected);
    }
  }
}

TEST_CASE("flipLabels picks different rows for different seeds and returns them sorted", "[data]") {
  std::vector<float> a(100, 0.0f), b(100, 0.0f);
  Rng r1(1), r2(2);
  std::vector<int> ia = flipLabels(a, 0.3, r1);
  std::vector<int> ib = flipLabels(b, 0.3, r2);
  REQUIRE(ia.size() == 30);
  CHECK(std::is_sorted(ia.begin(), ia.end()));
  CHECK(std::adjacent_find(ia.begin(), ia.end()) == ia.end());
  CHECK(ia != ib);
  for (int i : ia) CHECK(a[static_cast<std::size_t>(i)] == 1.0f);
  CHECK_THROWS_WITH(flipLabels(a, 1.5, r1), Catch::Contains("data.labelNoise"));
}

TEST_CASE("2D sets are a function of the seed: same seed same data, another seed other data",
          "[data]") {
  for (Shape2d s : kAllShapes) {
    INFO(name(s));
    Dataset a = gen(s, 100, 0.1, 0.1, 3);
    Dataset b = gen(s, 100, 0.1, 0.1, 3);
    Dataset c = gen(s, 100, 0.1, 0.1, 4);
    CHECK(a.raw == b.raw);
    CHECK(a.target == b.target);
    CHECK(a.raw != c.raw);
  }
}

TEST_CASE("2D points stay inside the documented box at the default noise", "[data]") {
  for (Shape2d s : kAllShapes) {
    Box box = boxFor(s);
    Dataset d = gen(s, 1000, 0.1, 0.0, 5);
    int inside = 0;
    for (Index i = 0; i < d.raw.rows(); ++i) {
      bool in = d.raw(i, 0) >= box.xMin && d.raw(i, 0) <= box.xMax && d.raw(i, 1) >= box.yMin &&
                d.raw(i, 1) <= box.yMax;
      if (in) ++inside;
    }
    INFO(name(s) << ": " << inside << " of 1000 inside");
    if (s == Shape2d::Gauss) {
      // Gaussian tails: (6 − 2) / √1.2 ≈ 3.7 σ, so a handful may fall outside.
      CHECK(inside >= 990);
    } else {
      CHECK(inside == 1000);  // bounded noise (or 5σ of moons' 0.1) keeps every point in
    }
  }
}

TEST_CASE(
    "boxFor gives the playground's -6..6 square, a square around the moons, and "
    "regression1d's plot range",
    "[data]") {
  for (const char* k : {"circle", "xor", "gauss", "spiral"}) {
    Box b = boxFor(std::string(k));
    CHECK(b.xMin == -6.0);
    CHECK(b.xMax == 6.0);
    CHECK(b.yMin == -6.0);
    CHECK(b.yMax == 6.0);
  }
  Box m = boxFor(std::string("moons"));
  CHECK(m.xMax - m.xMin == Approx(m.yMax - m.yMin));  // square: the boundary image is not skewed
  CHECK(m.xMin < -1.0);  // the outer arc reaches x = −1, the inner one x = 2
  CHECK(m.xMax > 2.0);
  CHECK(m.yMin < -0.5);
  CHECK(m.yMax > 1.0);
  Box r = boxFor(std::string("regression1d"));
  CHECK(r.xMin == 0.0);
  CHECK(r.xMax == 1.0);
  CHECK_THROWS_WITH(boxFor(std::string("digits")), Catch::Contains("digits"));
}

TEST_CASE("circle without noise: the class is decided by the radius (inside 2.5 vs 3.5..5)",
          "[data]") {
  Dataset d = gen(Shape2d::Circle, 2000, 0.0, 0.0, 9);
  for (Index i = 0; i < d.raw.rows(); ++i) {
    double r = radius(d, i);
    INFO("row " << i << " r=" << r << " label=" << d.target[static_cast<std::size_t>(i)]);
    if (d.target[static_cast<std::size_t>(i)] == 1.0f) {
      REQUIRE(r <= 2.5 + 1e-5);
    } else {
      REQUIRE(r >= 3.5 - 1e-5);
      REQUIRE(r <= 5.0 + 1e-5);
    }
  }
}

TEST_CASE("circle input noise moves points by at most 5ν per coordinate and keeps labels",
          "[data]") {
  const double nu = 0.1;
  Dataset d = gen(Shape2d::Circle, 2000, nu, 0.0, 9);
  double maxInner = 0, minOuter = 1e9;
  for (Index i = 0; i < d.raw.rows(); ++i) {
    double r = radius(d, i);
    if (d.target[static_cast<std::size_t>(i)] == 1.0f)
      maxInner = std::max(maxInner, r);
    else
      minOuter = std::min(minOuter, r);
  }
  const double reach = 5.0 * nu * std::sqrt(2.0);
  CHECK(maxInner <= 2.5 + reach + 1e-5);
  CHECK(minOuter >= 3.5 - reach - 1e-5);
  // Noise does spread the classes beyond their clean bands (it is not a no-op).
  CHECK(maxInner > 2.5);
  CHECK(minOuter < 3.5);
}

TEST_CASE("xor without noise: class 1 exactly where x*y > 0, 0.3 padding from the axes", "[data]") {
  Dataset d = gen(Shape2d::Xor, 2000, 0.0, 0.0, 13);
  int quadrant[4] = {0, 0, 0, 0};
  for (Index i = 0; i < d.raw.rows(); ++i) {
    double x = d.raw(i, 0), y = d.raw(i, 1);
    INFO("row " << i << " (" << x << ", " << y << ")");
    REQUIRE(std::abs(x) >= 0.3 - 1e-6);
    REQUIRE(std::abs(y) >= 0.3 - 1e-6);
    REQUIRE(std::abs(x) <= 5.3 + 1e-5);
    REQUIRE(d.target[static_cast<std::size_t>(i)] == (x * y > 0 ? 1.0f : 0.0f));
    ++quadrant[(x > 0 ? 0 : 1) + (y > 0 ? 0 : 2)];
  }
  // Both quadrants of each class are used, about equally (500 expected each).
  for (int q : quadrant) CHECK(q > 400);
}

TEST_CASE("gauss: class means (2,2) and (-2,-2), variance 0.5 + 7*noise as the playground",
          "[data]") {
  for (double noise : {0.0, 0.2, 0.5}) {
    const int n = 20000;
    Dataset d = gen(Shape2d::Gauss, n, noise, 0.0, 17);
    for (int k = 0; k < 2; ++k) {
      double sx = 0, sy = 0, sxx = 0, syy = 0, m = 0;
      for (Index i = 0; i < d.raw.rows(); ++i) {
        if (d.target[static_cast<std::size_t>(i)] != static_cast<float>(k)) continue;
        sx += d.raw(i, 0);
        sy += d.raw(i, 1);
        sxx += d.raw(i, 0) * d.raw(i, 0);
        syy += d.raw(i, 1) * d.raw(i, 1);
        ++m;
      }
      double mx = sx / m, my = sy / m;
      double vx = sxx / m - mx * mx, vy = syy / m - my * my;
      double centre = k == 1 ? 2.0 : -2.0;
      double variance = 0.5 + 7.0 * noise;
      INFO("noise " << noise << " class " << k << ": mean (" << mx << ", " << my << ") var (" << vx
                    << ", " << vy << ") expected var " << variance);
      // 10000 draws: the mean's standard error is √(var/1e4) ≤ 0.02, the variance's ≈ 1.4%.
      CHECK(mx == Approx(centre).margin(0.1));
      CHECK(my == Approx(centre).margin(0.1));
      CHECK(vx == Approx(variance).epsilon(0.06));
      CHECK(vy == Approx(variance).epsilon(0.06));
    }
  }
}

TEST_CASE("spiral without noise: two arms at angle 3.5*pi*r/5, the second rotated by pi",
          "[data]") {
  const double pi = 3.14159265358979323846;
  Dataset d = gen(Shape2d::Spiral, 400, 0.0, 0.0, 19);
  const int m = 200;  // per class; rows are grouped by class: class 0 first
  for (int i = 0; i < m; ++i) {
    // Point i of class 0 is point i of class 1 turned by π: p0 = −p1.
    INFO("i=" << i);
    CHECK(d.raw(i, 0) == Approx(-d.raw(m + i, 0)).margin(1e-5));
    CHECK(d.raw(i, 1) == Approx(-d.raw(m + i, 1)).margin(1e-5));
    CHECK(d.target[static_cast<std::size_t>(i)] == 0.0f);
    CHECK(d.target[static_cast<std::size_t>(m + i)] == 1.0f);
  }
  for (Index i = m + 1; i < 2 * m; ++i) {
    double r = radius(d, i);
    double t = std::atan2(d.raw(i, 0), d.raw(i, 1));  // x = r sin t, y = r cos t
    double expected = 1.75 * 2.0 * pi * r / 5.0;
    double diff = std::remainder(t - expected, 2.0 * pi);
    INFO("row " << i << " r=" << r << " t=" << t << " expected " << expected);
    CHECK(std::abs(diff) < 1e-4);
    CHECK(r < 5.0);
  }
}

TEST_CASE(
    "moons without noise: arcs of radius 1 around (0,0) (class 0, upper) and (1,0.5) "
    "(class 1, lower)",
    "[data]") {
  Dataset d = gen(Shape2d::Moons, 501, 0.0, 0.0, 23);
  for (Index i = 0; i < d.raw.rows(); ++i) {
    double x = d.raw(i, 0), y = d.raw(i, 1);
    INFO("row " << i << " (" << x << ", " << y << ")");
    if (d.target[static_cast<std::size_t>(i)] == 0.0f) {
      CHECK(std::hypot(x, y) == Approx(1.0).margin(1e-5));
      CHECK(y >= -1e-6);
    } else {
      CHECK(std::hypot(x - 1.0, y - 0.5) == Approx(1.0).margin(1e-5));
      CHECK(y <= 0.5 + 1e-6);
    }
  }
}

TEST_CASE("moons without noise equal sklearn make_moons(noise=None, shuffle=False)", "[data]") {
  std::ifstream f(PROJECT_SOURCE_DIR "/tests/golden/data_golden.json");
  REQUIRE(f.good());
  nlohmann::json g = nlohmann::json::parse(f)["moons"];
  const int n = g["n"];
  Dataset d = gen(Shape2d::Moons, n, 0.0, 0.0, 1);
  for (int i = 0; i < n; ++i) {
    double ex = g["x"][i][0], ey = g["x"][i][1];
    int ey_label = g["y"][i];
    INFO("row " << i << ": ours (" << d.raw(i, 0) << ", " << d.raw(i, 1) << ") label "
                << d.target[static_cast<std::size_t>(i)] << ", sklearn (" << ex << ", " << ey
                << ") label " << ey_label);
    CHECK(d.raw(i, 0) == Approx(ex).margin(1e-6));
    CHECK(d.raw(i, 1) == Approx(ey).margin(1e-6));
    CHECK(d.target[static_cast<std::size_t>(i)] == static_cast<float>(ey_label));
  }
}

TEST_CASE("moons noise is N(0, noise^2) per coordinate, as make_moons", "[data]") {
  // Compare the noisy set with the noise-free arcs, row by row (same angles, noise added).
  const int n = 20000;
  Dataset clean = gen(Shape2d::Moons, n, 0.0, 0.0, 29);
  Dataset noisy = gen(Shape2d::Moons, n, 0.2, 0.0, 29);
  Matrix e = noisy.raw - clean.raw;
  double mean = e.cast<double>().mean();
  double var = e.cast<double>().array().square().mean() - mean * mean;
  INFO("mean " << mean << " std " << std::sqrt(var));
  CHECK(std::abs(mean) < 0.01);
  CHECK(std::sqrt(var) == Approx(0.2).epsilon(0.02));
}

TEST_CASE("2D generators reject fewer than 2 samples and negative noise", "[data]") {
  Rng rng(1);
  CHECK_THROWS_WITH(generate2d(Shape2d::Circle, 1, 0.1, 0.0, rng), Catch::Contains("data.samples"));
  CHECK_THROWS_WITH(generate2d(Shape2d::Circle, 10, -0.1, 0.0, rng), Catch::Contains("data.noise"));
}
