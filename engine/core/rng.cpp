#include "core/rng.hpp"

#include <cmath>

namespace engine {

Rng::Rng(std::uint64_t seed, std::uint64_t stream) : state_(0), inc_((stream << 1u) | 1u) {
  // PCG's reference seeding sequence.
  nextU32();
  state_ += seed;
  nextU32();
}

std::uint32_t Rng::nextU32() {
  std::uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  auto rot = static_cast<std::uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

std::uint32_t Rng::below(std::uint32_t bound) {
  std::uint64_t m = static_cast<std::uint64_t>(nextU32()) * bound;
  auto low = static_cast<std::uint32_t>(m);
  if (low < bound) {
    std::uint32_t threshold = (0u - bound) % bound;
    while (low < threshold) {
      m = static_cast<std::uint64_t>(nextU32()) * bound;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32u);
}

double Rng::uniform() {
  std::uint64_t hi = nextU32() >> 5u;  // 27 bits
  std::uint64_t lo = nextU32() >> 6u;  // 26 bits
  return static_cast<double>((hi << 26u) | lo) * (1.0 / 9007199254740992.0);
}

double Rng::normal() {
  if (hasSpare_) {
    hasSpare_ = false;
    return spare_;
  }
  // 1 - u lies in (0, 1], so the log is finite.
  double u1 = 1.0 - uniform();
  double u2 = uniform();
  double r = std::sqrt(-2.0 * std::log(u1));
  double theta = 2.0 * 3.14159265358979323846 * u2;
  spare_ = r * std::sin(theta);
  hasSpare_ = true;
  return r * std::cos(theta);
}

double Rng::gamma(double shape) {
  if (shape < 1.0) {
    // Boost a < 1 to a + 1 and scale by U^(1/a) (Marsaglia & Tsang, section 6).
    double u = 1.0 - uniform();
    return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
  }
  double d = shape - 1.0 / 3.0;
  double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    double u = 1.0 - uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

double Rng::beta(double a, double b) {
  double x = gamma(a);
  double y = gamma(b);
  return x / (x + y);
}

void Rng::permutation(std::vector<int>& out, int n) {
  out.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out[static_cast<std::size_t>(i)] = i;
  for (int i = n - 1; i > 0; --i) {
    auto j = static_cast<int>(below(static_cast<std::uint32_t>(i + 1)));
    std::swap(out[static_cast<std::size_t>(i)], out[static_cast<std::size_t>(j)]);
  }
}

Rng Rng::split() {
  std::uint64_t seed = (static_cast<std::uint64_t>(nextU32()) << 32u) | nextU32();
  std::uint64_t stream = (static_cast<std::uint64_t>(nextU32()) << 32u) | nextU32();
  return Rng(seed, stream);
}

}  // namespace engine
