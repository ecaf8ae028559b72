#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "core/rng.hpp"
#include "data/sparse_linear.hpp"

using namespace engine;

namespace {

// Xβ in double, written out without Eigen so it does not share code with the generator.
std::vector<double> predict(const Matrix& x, const std::vector<double>& beta) {
  std::vector<double> y(static_cast<std::size_t>(x.rows()), 0.0);
  for (Index i = 0; i < x.rows(); ++i) {
    for (Index j = 0; j < x.cols(); ++j) {
      y[static_cast<std::size_t>(i)] +=
          static_cast<double>(x(i, j)) * beta[static_cast<std::size_t>(j)];
    }
  }
  return y;
}

}  // namespace

TEST_CASE("sparseLinear has n x p inputs and exactly k non-zero coefficients on its support",
          "[data]") {
  for (auto [n, p, k] : {std::tuple<int, int, int>{50, 100, 5}, {200, 20, 20}, {30, 2000, 1}}) {
    Rng rng(static_cast<std::uint64_t>(n + p + k));
    SparseLinearData s = generateSparseLinear(n, p, k, 0.1, rng);
    INFO("n=" << n << " p=" << p << " k=" << k);
    REQUIRE(s.data.raw.rows() == n);
    REQUIRE(s.data.raw.cols() == p);
    REQUIRE(s.data.x == s.data.raw);
    REQUIRE(s.data.target.size() == static_cast<std::size_t>(n));
    CHECK(s.data.numClasses == 0);
    REQUIRE(s.coefficients.size() == static_cast<std::size_t>(p));
    REQUIRE(s.support.size() == static_cast<std::size_t>(k));
    CHECK(std::is_sorted(s.support.begin(), s.support.end()));
    CHECK(std::set<int>(s.support.begin(), s.support.end()).size() == static_cast<std::size_t>(k));
    int nonZeros = 0;
    for (int j = 0; j < p; ++j) {
      double b = s.coefficients[static_cast<std::size_t>(j)];
      bool inSupport = std::binary_search(s.support.begin(), s.support.end(), j);
      if (b != 0.0) ++nonZeros;
      CHECK((b != 0.0) == inSupport);
      if (inSupport) {  // bounded away from 0, as documented
        CHECK(std::abs(b) >= kSparseMinMagnitude);
        CHECK(std::abs(b) <= kSparseMaxMagnitude);
      }
    }
    CHECK(nonZeros == k);
  }
}

TEST_CASE("sparseLinear coefficients take both signs and spread over 1..3", "[data]") {
  Rng rng(4);
  SparseLinearData s = generateSparseLinear(10, 1000, 1000, 0.0, rng);
  int positive = 0;
  double lo = 10, hi = 0;
  for (double b : s.coefficients) {
    if (b > 0) ++positive;
    lo = std::min(lo, std::abs(b));
    hi = std::max(hi, std::abs(b));
  }
  INFO(positive << " positive of 1000, |beta| in [" << lo << ", " << hi << "]");
  CHECK(positive > 430);  // Binomial(1000, ½): ±4.4 standard deviations
  CHECK(positive < 570);
  CHECK(lo < 1.05);
  CHECK(hi > 2.95);
}

TEST_CASE("sparseLinear without noise is y = X beta exactly (n < p allowed)", "[data]") {
  Rng rng(5);
  SparseLinearData s = generateSparseLinear(40, 100, 7, 0.0, rng);
  std::vector<double> y = predict(s.data.raw, s.coefficients);
  for (std::size_t i = 0; i < y.size(); ++i) {
    INFO("row " << i << ": y " << s.data.target[i] << " vs X beta " << y[i]);
    CHECK(s.data.target[i] == Approx(y[i]).margin(1e-5).epsilon(1e-6));
  }
}

TEST_CASE("sparseLinear: X is standard normal and the noise has std = noise", "[data]") {
  Rng rng(6);
  const double sigma = 0.5;
  SparseLinearData s = generateSparseLinear(4000, 50, 5, sigma, rng);
  Eigen::ArrayXXd x = s.data.raw.cast<double>().array();
  double mean = x.mean();
  double var = (x - mean).square().mean();
  INFO("X mean " << mean << " var " << var);
  CHECK(std::abs(mean) < 0.01);  // 200000 draws
  CHECK(var == Approx(1.0).epsilon(0.01));
  std::vector<double> y = predict(s.data.raw, s.coefficients);
  double se = 0, ssq = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double e = s.data.target[i] - y[i];
    se += e;
    ssq += e * e;
  }
  double n = static_cast<double>(y.size());
  double sd = std::sqrt(ssq / n - (se / n) * (se / n));
  INFO("noise std " << sd);
  CHECK(sd == Approx(sigma).epsilon(0.04));
}

TEST_CASE("sparseLinear is a function of the seed", "[data]") {
  Rng a(9), b(9), c(10);
  SparseLinearData sa = generateSparseLinear(20, 30, 3, 0.1, a);
  SparseLinearData sb = generateSparseLinear(20, 30, 3, 0.1, b);
  SparseLinearData sc = generateSparseLinear(20, 30, 3, 0.1, c);
  CHECK(sa.data.raw == sb.data.raw);
  CHECK(sa.coefficients == sb.coefficients);
  CHECK(sa.data.target == sb.data.target);
  CHECK(sa.data.raw != sc.data.raw);
  CHECK(sa.coefficients != sc.coefficients);
}

TEST_CASE("sparseLinear rejects k > p and k < 1 naming data.nonZeros", "[data]") {
  Rng rng(1);
  CHECK_THROWS_WITH(generateSparseLinear(10, 5, 6, 0.1, rng), Catch::Contains("data.nonZeros"));
  CHECK_THROWS_WITH(generateSparseLinear(10, 5, 0, 0.1, rng), Catch::Contains("data.nonZeros"));
  CHECK_THROWS_WITH(generateSparseLinear(0, 5, 1, 0.1, rng), Catch::Contains("data.samples"));
}
