// The image data kinds as the trainer gets them: digits and shapes as images, the share of the
// training split kept (data.trainFraction) and per-channel scaling for CNNs.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "data/data_kinds.hpp"
#include "data/make_data.hpp"

using namespace engine;

namespace {

std::map<int, int> classCounts(const Dataset& d) {
  std::map<int, int> counts;
  for (float t : d.target) ++counts[static_cast<int>(t)];
  return counts;
}

}  // namespace

TEST_CASE("Digits are 1×8×8 images and shapes 1×12×12, other kinds are not images", "[cnn][data]") {
  CHECK(dataImageShape("digits") == (Shape{1, 8, 8}));
  CHECK(dataImageShape("shapes") == (Shape{1, 12, 12}));
  CHECK(dataImageShape("circle").channels == 0);
  CHECK(dataImageShape("breastCancer").channels == 0);
  CHECK(dataImageShape("no such kind").channels == 0);
  DataSpec spec;
  spec.kind = "shapes";
  spec.samples = 120;
  const SplitData d = makeData(spec, 3);
  CHECK(d.train.features() == 144);
  CHECK(d.train.numClasses == 6);
}

TEST_CASE("trainFraction keeps ⌈f·n_c⌉ training rows of each class, in the split's order",
          "[cnn][data]") {
  DataSpec spec;
  spec.kind = "digits";
  spec.valFraction = 0.1;
  spec.testFraction = 0.2;
  const SplitData whole = makeData(spec, 5);
  spec.trainFraction = 0.1;
  const SplitData part = makeData(spec, 5);
  // Validation and test are untouched.
  CHECK(part.validationRows == whole.validationRows);
  CHECK(part.testRows == whole.testRows);
  const std::map<int, int> all = classCounts(whole.train);
  const std::map<int, int> kept = classCounts(part.train);
  REQUIRE(all.size() == 10);
  REQUIRE(kept.size() == 10);
  for (const auto& [c, n] : all) {
    INFO("class " << c << " of " << n);
    CHECK(kept.at(c) == static_cast<int>(std::ceil(0.1 * n)));
  }
  // The rows kept are, per class, the first of the whole split, in its order.
  std::map<int, int> seen;
  std::size_t next = 0;
  for (std::size_t i = 0; i < whole.trainRows.size() && next < part.trainRows.size(); ++i) {
    const int c = static_cast<int>(whole.train.target[i]);
    if (seen[c]++ < kept.at(c)) {
      CHECK(part.trainRows[next] == whole.trainRows[i]);
      ++next;
    }
  }
  CHECK(next == part.trainRows.size());

  spec.trainFraction = 0.0001;  // at least one row per class
  for (const auto& [c, n] : classCounts(makeData(spec, 5).train)) CHECK(n == 1);
}

TEST_CASE("A CNN's images are scaled per channel: one mean and one std over all pixels",
          "[cnn][data]") {
  DataSpec spec;
  spec.kind = "digits";
  spec.testFraction = 0.2;
  const SplitData perFeature = makeData(spec, 2, false);
  const SplitData perChannel = makeData(spec, 2, true);
  REQUIRE(perChannel.train.raw == perFeature.train.raw);
  // Independent: the population mean and std of every raw training pixel.
  const Matrix& raw = perChannel.train.raw;
  double sum = 0.0, sq = 0.0;
  const double n = static_cast<double>(raw.size());
  for (Index i = 0; i < raw.rows(); ++i)
    for (Index j = 0; j < raw.cols(); ++j) sum += raw(i, j);
  const double mean = sum / n;
  for (Index i = 0; i < raw.rows(); ++i)
    for (Index j = 0; j < raw.cols(); ++j) sq += (raw(i, j) - mean) * (raw(i, j) - mean);
  const double sd = std::sqrt(sq / n);
  for (Index i = 0; i < 5; ++i) {
    for (Index j = 0; j < raw.cols(); ++j) {
      CHECK(perChannel.train.x(i, j) == Approx((raw(i, j) - mean) / sd).margin(1e-5));
      // Test rows reuse the training statistics.
      CHECK(perChannel.test.x(i, j) ==
            Approx((perChannel.test.raw(i, j) - mean) / sd).margin(1e-5));
    }
  }
  // Per feature, a corner pixel that is always 0 would stay 0 and the others differ.
  CHECK(perFeature.train.x(0, 0) != Approx(perChannel.train.x(0, 0)));
}
