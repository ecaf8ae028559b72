#include <catch2/catch.hpp>
#include <cmath>

#include "core/rng.hpp"
#include "data/regression_1d.hpp"

using namespace engine;

TEST_CASE("regression1d puts N inputs evenly on 0..1, endpoints included, as Bishop Fig. 1.2",
          "[data]") {
  Rng rng(1);
  Dataset d = generateRegression1d(10, 0.3, rng);
  REQUIRE(d.raw.rows() == 10);
  REQUIRE(d.raw.cols() == 1);
  REQUIRE(d.target.size() == 10);
  CHECK(d.numClasses == 0);
  CHECK(d.x == d.raw);
  for (int n = 0; n < 10; ++n) {
    INFO("n=" << n);
    CHECK(d.raw(n, 0) == Approx(n / 9.0).margin(1e-7));
  }
}

TEST_CASE("regression1d without noise is sin(2*pi*x) exactly", "[data]") {
  const double pi = 3.14159265358979323846;
  Rng rng(2);
  Dataset d = generateRegression1d(25, 0.0, rng);
  for (int n = 0; n < 25; ++n) {
    double x = n / 24.0;
    INFO("x=" << x << " t=" << d.target[static_cast<std::size_t>(n)]);
    CHECK(d.target[static_cast<std::size_t>(n)] == Approx(std::sin(2 * pi * x)).margin(1e-6));
  }
}

TEST_CASE("regression1d target noise has standard deviation sigma = noise", "[data]") {
  const int n = 20000;
  const double sigma = 0.3;
  Rng rng(3);
  Dataset d = generateRegression1d(n, sigma, rng);
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    double e = d.target[static_cast<std::size_t>(i)] - regression1dTruth(d.raw(i, 0));
    s += e;
    ss += e * e;
  }
  double mean = s / n, sd = std::sqrt(ss / n - mean * mean);
  INFO("residual mean " << mean << " std " << sd);
  CHECK(std::abs(mean) < 0.01);              // standard error 0.3/√20000 ≈ 0.002
  CHECK(sd == Approx(sigma).epsilon(0.02));  // standard error ≈ 0.5%
}

TEST_CASE("regression1d: same seed same targets, another seed other targets", "[data]") {
  Rng a(5), b(5), c(6);
  Dataset da = generateRegression1d(10, 0.3, a);
  Dataset db = generateRegression1d(10, 0.3, b);
  Dataset dc = generateRegression1d(10, 0.3, c);
  CHECK(da.target == db.target);
  CHECK(da.target != dc.target);
  CHECK(da.raw == dc.raw);  // the inputs are a fixed grid
}

TEST_CASE("regression1d rejects fewer than 2 samples and negative noise", "[data]") {
  Rng rng(1);
  CHECK_THROWS_WITH(generateRegression1d(1, 0.1, rng), Catch::Contains("data.samples"));
  CHECK_THROWS_WITH(generateRegression1d(10, -1, rng), Catch::Contains("data.noise"));
}
