#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "core/rng.hpp"
#include "data/split.hpp"

using namespace engine;

namespace {

std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("split sizes round the held-out shares up, as train_test_split", "[data]") {
  for (auto [n, fv, ft, ev, et] : {std::tuple<int, double, double, int, int>{200, 0.2, 0.2, 40, 40},
                                   {101, 0.15, 0.1, 16, 11},  // ⌈15.15⌉, ⌈10.1⌉
                                   {10, 0.0, 0.0, 0, 0},
                                   {7, 0.5, 0.0, 4, 0},
                                   {442, 0.2, 0.2, 89, 89}}) {
    Rng rng(1);
    SplitIndices s = splitIndices(n, fv, ft, rng);
    INFO("n=" << n << " val " << fv << " test " << ft);
    CHECK(s.validation.size() == static_cast<std::size_t>(ev));
    CHECK(s.test.size() == static_cast<std::size_t>(et));
    CHECK(s.train.size() == static_cast<std::size_t>(n - ev - et));
  }
}

TEST_CASE("split parts are disjoint and together hold every row once", "[data]") {
  Rng rng(2);
  SplitIndices s = splitIndices(97, 0.3, 0.25, rng);
  std::vector<int> all;
  all.insert(all.end(), s.train.begin(), s.train.end());
  all.insert(all.end(), s.validation.begin(), s.validation.end());
  all.insert(all.end(), s.test.begin(), s.test.end());
  std::vector<int> expected(97);
  std::iota(expected.begin(), expected.end(), 0);
  CHECK(sorted(all) == expected);
  // Shuffled, not the rows in order.
  CHECK(s.test !=
        std::vector<int>(expected.begin(), expected.begin() + static_cast<long>(s.test.size())));
}

TEST_CASE(
    "split: same seed same parts, another seed other parts, and the test set does not "
    "depend on the validation share",
    "[data]") {
  Rng a(3), b(3), c(4), d(3);
  SplitIndices sa = splitIndices(100, 0.2, 0.2, a);
  SplitIndices sb = splitIndices(100, 0.2, 0.2, b);
  SplitIndices sc = splitIndices(100, 0.2, 0.2, c);
  SplitIndices sd = splitIndices(100, 0.1, 0.2, d);
  CHECK(sa.train == sb.train);
  CHECK(sa.test == sb.test);
  CHECK(sorted(sa.test) != sorted(sc.test));
  CHECK(sd.test == sa.test);
}

TEST_CASE("split refuses shares outside 0 <= f < 1 and splits that leave no training row",
          "[data]") {
  Rng rng(5);
  CHECK_THROWS_WITH(splitIndices(10, -0.1, 0.2, rng), Catch::Contains("data.valFraction"));
  CHECK_THROWS_WITH(splitIndices(10, 0.2, 1.0, rng), Catch::Contains("data.testFraction"));
  CHECK_THROWS_WITH(splitIndices(2, 0.5, 0.5, rng), Catch::Contains("no training rows"));
}

TEST_CASE("takeRows copies x, raw and target of the chosen rows in order", "[data]") {
  Dataset d;
  d.x.resize(4, 2);
  d.x << 0, 1, 10, 11, 20, 21, 30, 31;
  d.raw = d.x * 2;
  d.target = {0, 1, 2, 3};
  d.numClasses = 4;
  d.featureNames = {"a", "b"};
  Dataset t = takeRows(d, {3, 1});
  REQUIRE(t.x.rows() == 2);
  CHECK(t.x(0, 0) == 30);
  CHECK(t.x(1, 1) == 11);
  CHECK(t.raw(0, 1) == 62);
  CHECK(t.target == std::vector<float>{3, 1});
  CHECK(t.numClasses == 4);
  CHECK(t.featureNames == d.featureNames);
  Dataset e = takeRows(d, {});
  CHECK(e.x.rows() == 0);
  CHECK(e.x.cols() == 2);
}
