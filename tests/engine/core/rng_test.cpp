#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace engine {

TEST_CASE("PCG32 matches the reference sequence of pcg32_srandom(42, 54)", "[rng]") {
  // First outputs of the PCG reference demo (pcg32-demo.c, seed 42, stream 54).
  Rng rng(42, 54);
  const std::uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330,
                                    0x83d2f293, 0xbfa4784b, 0xcbed606e};
  for (std::uint32_t e : expected) CHECK(rng.nextU32() == e);
}

TEST_CASE("Uniform, normal, gamma and beta draws have the right moments", "[rng]") {
  Rng rng(1);
  const int n = 200000;
  double su = 0, sn = 0, sn2 = 0, sb = 0, sg = 0;
  double umin = 1, umax = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    umin = std::min(umin, u);
    umax = std::max(umax, u);
    su += u;
    const double z = rng.normal();
    sn += z;
    sn2 += z * z;
    sb += rng.beta(2.0, 5.0);
    sg += rng.gamma(0.5);
  }
  CHECK(umin >= 0.0);
  CHECK(umax < 1.0);
  CHECK(su / n == Approx(0.5).margin(0.005));
  CHECK(sn / n == Approx(0.0).margin(0.01));
  CHECK(sn2 / n == Approx(1.0).margin(0.01));
  CHECK(sb / n == Approx(2.0 / 7.0).margin(0.005));
  CHECK(sg / n == Approx(0.5).margin(0.01));
}

TEST_CASE("below(n) stays in range and permutation is a permutation", "[rng]") {
  Rng rng(3);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) {
    const auto k = rng.below(7);
    REQUIRE(k < 7);
    ++counts[k];
  }
  for (int c : counts) CHECK(c == Approx(10000).margin(500));
  std::vector<int> p;
  rng.permutation(p, 50);
  std::vector<int> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 50; ++i) CHECK(sorted[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("The same seed gives the same stream, and split streams differ", "[rng]") {
  Rng a(123), b(123);
  for (int i = 0; i < 100; ++i) REQUIRE(a.nextU32() == b.nextU32());
  Rng c(123);
  Rng d = c.split();
  Rng e(123);
  CHECK(d.nextU32() != e.nextU32());
}

}  // namespace engine
