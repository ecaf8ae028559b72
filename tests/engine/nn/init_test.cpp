#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/init.hpp"

using namespace engine;

namespace {

// W is out × in = 300 × 800, so fan_in = 800 and fan_out = 300 differ (a swapped fan fails).
constexpr Index kOut = 300;
constexpr Index kIn = 800;
constexpr double kN = static_cast<double>(kOut * kIn);  // 240 000 draws

struct Moments {
  double mean = 0, sd = 0, maxAbs = 0, withinOneSd = 0;
};

Moments moments(const Matrix& w) {
  Moments m;
  for (Index i = 0; i < w.size(); ++i) m.mean += w.data()[i];
  m.mean /= kN;
  for (Index i = 0; i < w.size(); ++i) {
    const double d = w.data()[i] - m.mean;
    m.sd += d * d;
    m.maxAbs = std::max(m.maxAbs, std::abs(static_cast<double>(w.data()[i])));
  }
  m.sd = std::sqrt(m.sd / (kN - 1));
  for (Index i = 0; i < w.size(); ++i) m.withinOneSd += std::abs(w.data()[i]) <= m.sd;
  m.withinOneSd /= kN;
  return m;
}

// U(−a, a): sd a/√3. The sd estimate's relative sd is √((κ − 1)/(4n)) ≈ 9e-4 (κ = 1.8), the
// mean's sd a/√(3n); tolerances are >10 of those.
void checkUniform(const Matrix& w, double a) {
  const Moments m = moments(w);
  INFO("bound " << a << ", max |w| " << m.maxAbs << ", sd " << m.sd << ", mean " << m.mean);
  CHECK(m.maxAbs <= a * (1 + 1e-6));
  CHECK(m.maxAbs >= a * 0.999);
  CHECK(std::abs(m.sd / (a / std::sqrt(3.0)) - 1) < 0.01);
  CHECK(std::abs(m.mean) < 10 * a / std::sqrt(3 * kN));
}

// N(0, s²): relative sd of the sd estimate 1/√(2n) ≈ 1.4e-3; P(|w| ≤ s) = 0.6827 for a normal
// (0.577 for a uniform), sd of the fraction ≈ 9.5e-4.
void checkNormal(const Matrix& w, double s) {
  const Moments m = moments(w);
  INFO("sd " << m.sd << " (want " << s << "), mean " << m.mean << ", within 1 sd "
             << m.withinOneSd);
  CHECK(std::abs(m.sd / s - 1) < 0.015);
  CHECK(std::abs(m.mean) < 10 * s / std::sqrt(kN));
  CHECK(std::abs(m.withinOneSd - 0.6827) < 0.01);
}

}  // namespace

TEST_CASE(
    "xavierUniform draws U(−a, a), a = gain·√(6/(fan_in + fan_out)), as "
    "torch.nn.init.xavier_uniform_",
    "[nn][init]") {
  Matrix w(kOut, kIn);
  Rng rng(1);
  xavierUniform(w, rng);
  checkUniform(w, std::sqrt(6.0 / (kIn + kOut)));
  xavierUniform(w, rng, 2.0);
  checkUniform(w, 2.0 * std::sqrt(6.0 / (kIn + kOut)));
}

TEST_CASE(
    "xavierNormal draws N(0, s²), s = gain·√(2/(fan_in + fan_out)), as "
    "torch.nn.init.xavier_normal_",
    "[nn][init]") {
  Matrix w(kOut, kIn);
  Rng rng(2);
  xavierNormal(w, rng);
  checkNormal(w, std::sqrt(2.0 / (kIn + kOut)));
}

TEST_CASE("heUniform draws U(−a, a), a = √(6/fan_in), as kaiming_uniform_(nonlinearity='relu')",
          "[nn][init]") {
  Matrix w(kOut, kIn);
  Rng rng(3);
  heUniform(w, rng);
  checkUniform(w, std::sqrt(6.0 / kIn));
}

TEST_CASE("heNormal draws N(0, s²), s = √(2/fan_in), as kaiming_normal_(nonlinearity='relu')",
          "[nn][init]") {
  Matrix w(kOut, kIn);
  Rng rng(4);
  heNormal(w, rng);
  checkNormal(w, std::sqrt(2.0 / kIn));
}

TEST_CASE("initialize dispatches on the spec's init names and is reproducible from the seed",
          "[nn][init]") {
  CHECK(parseInit("xavierUniform") == InitKind::XavierUniform);
  CHECK(parseInit("xavierNormal") == InitKind::XavierNormal);
  CHECK(parseInit("heUniform") == InitKind::HeUniform);
  CHECK(parseInit("heNormal") == InitKind::HeNormal);
  CHECK_THROWS_WITH(parseInit("orthogonal"), Catch::Contains("model.init"));

  Matrix a(4, 6), b(4, 6);
  Rng r1(8), r2(8);
  initialize(a, InitKind::HeNormal, r1);
  heNormal(b, r2);
  CHECK(a == b);
  Rng r3(8), r4(8);
  initialize(a, InitKind::XavierUniform, r3);
  xavierUniform(b, r4);
  CHECK(a == b);
}
