#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/rng.hpp"

#include "metrics/metrics_log.hpp"
#include "metrics/weight_stats.hpp"

namespace engine {

TEST_CASE("Weight statistics count exact zeros apart from small weights", "[metrics]") {
  Matrix w(2, 3);
  w << 0, 0.0005f, -2, 3, 0, -0.0001f;
  LayerStats s;
  weightStats(w, s);
  CHECK(s.weightL1 == Approx(5.0006));
  CHECK(s.weightL2 == Approx(std::sqrt(13.0 + 0.0005 * 0.0005 + 0.0001 * 0.0001)));
  CHECK(s.zeroFraction == Approx(2.0 / 6.0));
  CHECK(s.smallFraction == Approx(4.0 / 6.0));
}

TEST_CASE("The weight histogram is symmetric around 0 and counts every weight", "[metrics]") {
  Matrix a(1, 4);
  a << -1, -0.5f, 0.25f, 1;
  Matrix b(2, 1);
  b << 0, 0.9f;
  const Histogram h = weightHistogram({&a, &b}, 4);
  // Non-zero |w|: 0.25, 0.5, 0.9, 1, 1; the ⌈4.5⌉ = 5th smallest is 1, so m = 1.
  CHECK(h.edges == std::vector<double>{-1, -0.5, 0, 0.5, 1});
  // 0 is counted apart; 0.25 in [0, 0.5), 0.9 and 1 in [0.5, 1].
  CHECK(h.counts == std::vector<double>{1, 1, 1, 2});
  CHECK(h.zeros == 1);
  CHECK(h.below == 0);
  CHECK(h.above == 0);
  CHECK(h.nonFinite == 0);
  CHECK(h.total == 6);
  const Matrix zeros = Matrix::Zero(2, 2);
  const Histogram flat = weightHistogram({&zeros}, 2);
  CHECK(flat.edges == std::vector<double>{-1, 0, 1});
  CHECK(flat.counts == std::vector<double>{0, 0});
  CHECK(flat.zeros == 4);
  CHECK(flat.total == 4);
  const Histogram none = weightHistogram({}, 3);
  CHECK(none.edges.front() == -1.0);
  CHECK(none.edges.back() == 1.0);
  CHECK(none.counts == std::vector<double>{0, 0, 0});
  CHECK(none.total == 0);
}

TEST_CASE("The weight histogram counts exact zeros apart from small non-zero weights",
          "[metrics]") {
  // What proximal L1 leaves: exact zeros. What subgradient L1 leaves: tiny weights around 0.
  Matrix proximal(1, 6);
  proximal << 0, -0.0f, 0, 0, 1, -1;
  Matrix subgradient(1, 6);
  subgradient << 1e-4f, -1e-4f, 2e-4f, -2e-4f, 1, -1;
  const Histogram p = weightHistogram({&proximal}, 2);
  const Histogram s = weightHistogram({&subgradient}, 2);
  // Both have max |w| = 1 within the cap, so both span [−1, 1].
  CHECK(p.edges == std::vector<double>{-1, 0, 1});
  CHECK(s.edges == std::vector<double>{-1, 0, 1});
  CHECK(p.zeros == 4);  // −0 is a zero too
  CHECK(p.counts == std::vector<double>{1, 1});
  CHECK(s.zeros == 0);
  CHECK(s.counts == std::vector<double>{3, 3});
  CHECK(p.total == 6);
  CHECK(s.total == 6);
}

TEST_CASE("Exploded weights land in below and above, and the bins still spread the rest",
          "[metrics]") {
  // 18 ordinary weights, two exploded ones (10% of the 20 non-zero), an exact zero, NaN, inf.
  Matrix w(1, 23);
  w << -2, -1.5f, -1, -0.5f, 0.25f, 0.5f, 1, 1.5f, 2,  //
      -2, -1.5f, -1, -0.5f, 0.25f, 0.5f, 1, 1.5f, 2,   //
      1e27f, -1e27f, 0, std::numeric_limits<float>::quiet_NaN(),
      std::numeric_limits<float>::infinity();
  const Histogram h = weightHistogram({&w}, 4);
  // Sorted non-zero finite |w|: 0.25 ×2, 0.5 ×4, 1 ×4, 1.5 ×4, 2 ×4, 1e27 ×2. The ⌈0.9·20⌉ =
  // 18th smallest is 2; the largest |w| within 10 · 2 = 20 is 2: m = 2.
  CHECK(h.edges == std::vector<double>{-2, -1, 0, 1, 2});
  // [−2, −1): −2, −1.5; [−1, 0): −1, −0.5; [0, 1): 0.25, 0.5; [1, 2]: 1, 1.5, 2 (twice each).
  CHECK(h.counts == std::vector<double>{4, 4, 4, 6});
  CHECK(h.above == 1);
  CHECK(h.below == 1);
  CHECK(h.zeros == 1);
  CHECK(h.nonFinite == 2);
  CHECK(h.total == 23);
}

TEST_CASE("One 1e27 weight among N(0, 1) weights does not squash the histogram", "[metrics]") {
  Rng rng(42);
  Matrix w(1, 1000);
  double largest = 0.0;  // the largest ordinary |w|, found directly
  for (Index i = 0; i < 999; ++i) {
    w(0, i) = static_cast<Scalar>(rng.normal());
    largest = std::max(largest, std::abs(static_cast<double>(w(0, i))));
  }
  w(0, 999) = 1e27f;
  const int bins = 10;
  const Histogram h = weightHistogram({&w}, bins);
  CHECK(h.above == 1);
  CHECK(h.below == 0);
  CHECK(h.zeros == 0);
  CHECK(h.edges.front() == -largest);
  CHECK(h.edges.back() == largest);
  double inBins = 0;
  for (double c : h.counts) inBins += c;
  CHECK(inBins == 999);
  // A bell: the two middle bins (width 2·max/10 ≈ 0.6 around 0) each hold about a fifth of the
  // weights, no bin holds more than 30%, and the outer bins hold few.
  CHECK(h.counts[4] > 150);
  CHECK(h.counts[5] > 150);
  for (double c : h.counts) CHECK(c < 300);
  CHECK(h.counts.front() < 20);
  CHECK(h.counts.back() < 20);
}

TEST_CASE("A healthy network's histogram spans its largest weight, nothing set apart",
          "[metrics]") {
  // A long but ordinary tail: 0.9 is within 10 times the 90th percentile (0.1).
  Matrix w(1, 10);
  w << 0.1f, -0.1f, 0.1f, -0.1f, 0.1f, -0.1f, 0.1f, -0.1f, 0.1f, 0.9f;
  const Histogram h = weightHistogram({&w}, 2);
  CHECK(h.edges.front() == Approx(-0.9));
  CHECK(h.edges.back() == Approx(0.9));
  CHECK(h.counts == std::vector<double>{4, 6});
  CHECK(h.above == 0);
  CHECK(h.below == 0);
  // Only NaN and inf: no finite weight, m = 1, nothing in a bin.
  Matrix bad(1, 3);
  bad << std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
      -std::numeric_limits<float>::infinity();
  const Histogram b = weightHistogram({&bad}, 2);
  CHECK(b.edges == std::vector<double>{-1, 0, 1});
  CHECK(b.counts == std::vector<double>{0, 0});
  CHECK(b.nonFinite == 3);
  CHECK(b.total == 3);
}

TEST_CASE("The metrics log hands rows over once, column by column", "[metrics]") {
  MetricsLog log(2);
  MetricsRow row;
  std::vector<LayerStats> layers(2);
  layers[1].gradNorm = 3;
  row.step = 1;
  log.append(row, layers);
  row.step = 2;
  log.append(row, layers);
  const MetricsColumns c = log.takeRows();
  CHECK(c.rows == 2);
  CHECK(c["step"] == std::vector<double>{1, 2});
  CHECK(c["gradNorm"] == std::vector<double>{0, 3, 0, 3});
  CHECK(log.takeRows().rows == 0);
}

}  // namespace engine
