#include "linear/geometry.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace engine::linear {

namespace {

constexpr double kPi = 3.14159265358979323846;

double softThreshold(double v, double t) { return v > t ? v - t : v < -t ? v + t : 0.0; }

double sign(double v) { return v > 0.0 ? 1.0 : v < 0.0 ? -1.0 : 0.0; }

Eigen::Matrix2d hessianOf(const Quadratic2d& q) {
  Eigen::Matrix2d h;
  h << q.a, q.b, q.b, q.d;
  return h;
}

// H⁻¹v for a symmetric positive definite 2 × 2 H (Cramer's rule).
Eigen::Vector2d solve2(const Eigen::Matrix2d& h, const Eigen::Vector2d& v) {
  const double det = h(0, 0) * h(1, 1) - h(0, 1) * h(1, 0);
  return {(h(1, 1) * v(0) - h(0, 1) * v(1)) / det, (h(0, 0) * v(1) - h(1, 0) * v(0)) / det};
}

double objective(const Quadratic2d& q, const Penalty2d& r, double lambda,
                 const Eigen::Vector2d& w) {
  return quadraticLoss(q, w) + (lambda > 0.0 ? lambda * penaltyValue(r, w) : 0.0);
}

// argmin ½wᵀ(H + shift·I)w − gᵀw + mu‖w‖₁ (g = Hc): the elastic-net family (l1: mu = λ,
// shift = 0; l2: mu = 0, shift = λ; elastic net: mu = λρ, shift = λ(1 − ρ)). Tries every support
// and sign pattern in closed form and keeps the one whose KKT conditions hold (within rounding);
// among several (ties at a kink, up to rounding) the lowest objective.
Eigen::Vector2d enetOptimum(const Quadratic2d& q, const Penalty2d& r, double lambda, double mu,
                            double shift) {
  const Eigen::Matrix2d h = hessianOf(q);
  const Eigen::Matrix2d hs = h + shift * Eigen::Matrix2d::Identity();
  const Eigen::Vector2d g = h * q.center;
  const double slack = 1e-13 * (g.cwiseAbs().maxCoeff() + mu);
  std::vector<Eigen::Vector2d> all, valid;
  auto consider = [&](const Eigen::Vector2d& w, bool kkt) {
    all.push_back(w);
    if (kkt) valid.push_back(w);
  };
  // w = 0: |g_j| ≤ mu for both.
  consider(Eigen::Vector2d::Zero(), std::abs(g(0)) <= mu + slack && std::abs(g(1)) <= mu + slack);
  // One weight alone; the other's gradient must stay within ±mu.
  for (int j = 0; j < 2; ++j) {
    const int k = 1 - j;
    const double wj = softThreshold(g(j), mu) / hs(j, j);
    if (wj == 0.0) continue;
    Eigen::Vector2d w = Eigen::Vector2d::Zero();
    w(j) = wj;
    consider(w, std::abs(hs(k, j) * wj - g(k)) <= mu + slack);
  }
  // Both non-zero with signs s.
  for (double s0 : {1.0, -1.0}) {
    for (double s1 : {1.0, -1.0}) {
      const Eigen::Vector2d w = solve2(hs, g - mu * Eigen::Vector2d(s0, s1));
      consider(w, sign(w(0)) == s0 && sign(w(1)) == s1);
    }
  }
  const std::vector<Eigen::Vector2d>& pool = valid.empty() ? all : valid;
  Eigen::Vector2d best = pool.front();
  for (const Eigen::Vector2d& w : pool)
    if (objective(q, r, lambda, w) < objective(q, r, lambda, best)) best = w;
  if (!valid.empty()) return best;
  // Rounding left no pattern exactly consistent: finish by coordinate descent (exact
  // one-dimensional steps) from the best candidate.
  for (int sweep = 0; sweep < 100000; ++sweep) {
    const Eigen::Vector2d before = best;
    for (int j = 0; j < 2; ++j) {
      const int k = 1 - j;
      best(j) = softThreshold(g(j) - hs(j, k) * best(k), mu) / hs(j, j);
    }
    if (best == before) break;
  }
  return best;
}

// argmin over t of ½h t² − m t + λ|t|^p (h > 0, λ > 0, p ≠ 1), exactly: the minimiser has the
// sign of m; on that side φ'(t) = h t − |m| + λp t^(p−1) is increasing (p > 1) or convex with
// its minimum at t₀ = (λp(1 − p)/h)^(1/(2 − p)) (p < 1), so its root on the increasing branch
// is found by bisection down to adjacent doubles; for p < 1 that root competes with t = 0.
double scalarLp(double h, double m, double lambda, double p) {
  if (m == 0.0) return 0.0;
  const double am = std::abs(m);
  auto dphi = [&](double t) { return h * t - am + lambda * p * std::pow(t, p - 1.0); };
  double lo = 0.0, hi = am / h;
  if (p < 1.0) {
    const double t0 = std::pow(lambda * p * (1.0 - p) / h, 1.0 / (2.0 - p));
    if (!(t0 < hi) || dphi(t0) >= 0.0) return 0.0;
    lo = t0;
  }
  // dphi(lo) < 0 < dphi(hi), dphi increasing on [lo, hi].
  for (int i = 0; i < 2200; ++i) {
    const double mid = lo + 0.5 * (hi - lo);
    if (!(mid > lo && mid < hi)) break;
    (dphi(mid) < 0.0 ? lo : hi) = mid;
  }
  const double t = std::abs(dphi(lo)) <= std::abs(dphi(hi)) ? lo : hi;
  if (p < 1.0 && !(0.5 * h * t * t - am * t + lambda * std::pow(t, p) < 0.0)) return 0.0;
  return m > 0.0 ? t : -t;
}

// Newton's method with backtracking on f(u) = ½(Su − c)ᵀH(Su − c) + λΣu_j^p over u > 0
// (S = diag(s), one quadrant), from u. Returns false when it leaves no interior point.
bool quadrantNewton(const Quadratic2d& q, double lambda, double p, const Eigen::Vector2d& s,
                    Eigen::Vector2d u, Eigen::Vector2d& out) {
  const Eigen::Matrix2d h = hessianOf(q);
  const Eigen::Matrix2d shs = s.asDiagonal() * h * s.asDiagonal();
  auto f = [&](const Eigen::Vector2d& v) {
    const Eigen::Vector2d e = s.cwiseProduct(v) - q.center;
    return 0.5 * e.dot(h * e) + lambda * (std::pow(v(0), p) + std::pow(v(1), p));
  };
  // The gradient and its scale (for the relative stopping test) at v.
  auto gradient = [&](const Eigen::Vector2d& v, double* scale) {
    const Eigen::Vector2d smooth = s.cwiseProduct(h * (s.cwiseProduct(v) - q.center));
    Eigen::Vector2d pen;
    for (int j = 0; j < 2; ++j) pen(j) = lambda * p * std::pow(v(j), p - 1.0);
    if (scale) *scale = smooth.cwiseAbs().maxCoeff() + pen.cwiseAbs().maxCoeff();
    return Eigen::Vector2d(smooth + pen);
  };
  for (int it = 0; it < 500; ++it) {
    double scale = 0.0;
    const Eigen::Vector2d g = gradient(u, &scale);
    const double gnorm = g.cwiseAbs().maxCoeff();
    if (gnorm <= 1e-15 * scale) break;
    Eigen::Matrix2d hess = shs;
    for (int j = 0; j < 2; ++j) hess(j, j) += lambda * p * (p - 1.0) * std::pow(u(j), p - 2.0);
    const double det = hess(0, 0) * hess(1, 1) - hess(0, 1) * hess(1, 0);
    const bool newton = hess(0, 0) > 0.0 && det > 0.0;
    Eigen::Vector2d dir;
    if (newton) dir = -solve2(hess, g);
    if (!newton || !(dir.dot(g) < 0.0)) {
      dir = -g / (std::abs(hess(0, 0)) + std::abs(hess(1, 1)) + std::abs(hess(0, 1)));
    }
    double tmax = 1.0;
    for (int j = 0; j < 2; ++j)
      if (dir(j) < 0.0) tmax = std::min(tmax, 0.999 * u(j) / -dir(j));
    const double f0 = f(u);
    const double slope = g.dot(dir);
    double t = tmax;
    Eigen::Vector2d next = u + t * dir;
    while (!(f(next) <= f0 + 1e-4 * t * slope) && t > 1e-30) {
      t *= 0.5;
      next = u + t * dir;
    }
    if (t <= 1e-30 || next == u) {
      // Near the minimum f's rounding hides the decrease (the quadratic phase): take the
      // Newton step while it shrinks the gradient.
      next = u + tmax * dir;
      if (!(newton && gradient(next, nullptr).cwiseAbs().maxCoeff() < gnorm)) break;
    }
    u = next;
  }
  if (!(u(0) > 0.0 && u(1) > 0.0) || !u.allFinite()) return false;
  out = s.cwiseProduct(u);
  return true;
}

// The global minimum of L + λΣ|w_j|^p (p ∉ {1, 2}, λ > 0) over the candidates described in the
// header.
Eigen::Vector2d lpOptimum(const Quadratic2d& q, const Penalty2d& r, double lambda) {
  const Eigen::Matrix2d h = hessianOf(q);
  const Eigen::Vector2d g = h * q.center;
  const double p = r.p;
  std::vector<Eigen::Vector2d> candidates = {Eigen::Vector2d::Zero()};
  for (int j = 0; j < 2; ++j) {
    Eigen::Vector2d w = Eigen::Vector2d::Zero();
    w(j) = scalarLp(h(j, j), g(j), lambda, p);
    if (w(j) != 0.0) candidates.push_back(w);
  }
  // w* lies where L(w) ≤ L(0): (w − c)ᵀH(w − c) ≤ cᵀHc, inside the box c ± √(cᵀHc·(H⁻¹)_jj).
  const double level = q.center.dot(g);
  if (level > 0.0) {
    const Eigen::Matrix2d hinv = h.inverse();
    const Eigen::Vector2d half(std::sqrt(level * hinv(0, 0)), std::sqrt(level * hinv(1, 1)));
    constexpr int kGrid = 48;
    for (double s0 : {1.0, -1.0}) {
      for (double s1 : {1.0, -1.0}) {
        const Eigen::Vector2d s(s0, s1);
        // The box in u = s∘w > 0 coordinates.
        Eigen::Vector2d lo, hi;
        bool empty = false;
        for (int j = 0; j < 2; ++j) {
          const double a = s(j) * (q.center(j) - half(j)), b = s(j) * (q.center(j) + half(j));
          lo(j) = std::max(0.0, std::min(a, b));
          hi(j) = std::max(a, b);
          if (!(hi(j) > lo(j))) empty = true;
        }
        if (empty) continue;
        Eigen::MatrixXd values(kGrid, kGrid);
        auto point = [&](int i0, int i1) {
          return Eigen::Vector2d(lo(0) + (hi(0) - lo(0)) * (i0 + 0.5) / kGrid,
                                 lo(1) + (hi(1) - lo(1)) * (i1 + 0.5) / kGrid);
        };
        for (int i0 = 0; i0 < kGrid; ++i0)
          for (int i1 = 0; i1 < kGrid; ++i1)
            values(i0, i1) = objective(q, r, lambda, s.cwiseProduct(point(i0, i1)));
        // Grid points no neighbour beats start Newton; the best few of them.
        std::vector<std::pair<double, Eigen::Vector2d>> starts;
        for (int i0 = 0; i0 < kGrid; ++i0) {
          for (int i1 = 0; i1 < kGrid; ++i1) {
            bool local = true;
            for (int d0 = -1; d0 <= 1 && local; ++d0)
              for (int d1 = -1; d1 <= 1 && local; ++d1) {
                const int j0 = i0 + d0, j1 = i1 + d1;
                if ((d0 || d1) && j0 >= 0 && j0 < kGrid && j1 >= 0 && j1 < kGrid &&
                    values(j0, j1) < values(i0, i1))
                  local = false;
              }
            if (local) starts.emplace_back(values(i0, i1), point(i0, i1));
          }
        }
        std::sort(starts.begin(), starts.end(),
                  [](const auto& x, const auto& y) { return x.first < y.first; });
        if (starts.size() > 4) starts.resize(4);
        for (const auto& start : starts) {
          Eigen::Vector2d w;
          if (quadrantNewton(q, lambda, p, s, start.second, w)) candidates.push_back(w);
        }
      }
    }
  }
  Eigen::Vector2d best = candidates.front();
  double bestValue = objective(q, r, lambda, best);
  for (const Eigen::Vector2d& w : candidates) {
    const double v = objective(q, r, lambda, w);
    if (v < bestValue) {
      best = w;
      bestValue = v;
    }
  }
  return best;
}

}  // namespace

void checkQuadratic(const Quadratic2d& q) {
  if (!q.center.allFinite()) throw std::invalid_argument("center: must hold two finite numbers");
  if (!(std::isfinite(q.a) && std::isfinite(q.b) && std::isfinite(q.d)))
    throw std::invalid_argument("hessian: must hold three finite numbers [a, b, d]");
  if (!(q.a > 0.0 && q.a * q.d - q.b * q.b > 0.0)) {
    throw std::invalid_argument(
        "hessian: H = [[a, b], [b, d]] must be positive definite (a > 0 and a·d − b² > 0)");
  }
}

void checkPenalty(const Penalty2d& r) {
  if (r.kind == Penalty2dKind::ElasticNet && !(r.l1Ratio >= 0.0 && r.l1Ratio <= 1.0))
    throw std::invalid_argument("l1Ratio: must be in [0, 1], got " + std::to_string(r.l1Ratio));
  if (r.kind == Penalty2dKind::Lp && !(r.p >= 0.1 && r.p <= 4.0))
    throw std::invalid_argument("p: must be in [0.1, 4], got " + std::to_string(r.p));
}

double quadraticLoss(const Quadratic2d& q, const Eigen::Vector2d& w) {
  const Eigen::Vector2d e = w - q.center;
  return 0.5 * (q.a * e(0) * e(0) + 2.0 * q.b * e(0) * e(1) + q.d * e(1) * e(1));
}

double penaltyValue(const Penalty2d& r, const Eigen::Vector2d& w) {
  const double l1 = std::abs(w(0)) + std::abs(w(1));
  const double l2 = 0.5 * w.squaredNorm();
  switch (r.kind) {
    case Penalty2dKind::L1: return l1;
    case Penalty2dKind::L2: return l2;
    case Penalty2dKind::ElasticNet: return r.l1Ratio * l1 + (1.0 - r.l1Ratio) * l2;
    case Penalty2dKind::Lp: return std::pow(std::abs(w(0)), r.p) + std::pow(std::abs(w(1)), r.p);
  }
  return 0.0;
}

Eigen::Vector2d penalizedOptimum(const Quadratic2d& q, const Penalty2d& r, double lambda) {
  checkQuadratic(q);
  checkPenalty(r);
  if (!(lambda >= 0.0 && std::isfinite(lambda)))
    throw std::invalid_argument("lambda: must be a finite number >= 0, got " +
                                std::to_string(lambda));
  if (lambda == 0.0) return q.center;
  switch (r.kind) {
    case Penalty2dKind::L1: return enetOptimum(q, r, lambda, lambda, 0.0);
    case Penalty2dKind::L2: return enetOptimum(q, r, lambda, 0.0, lambda);
    case Penalty2dKind::ElasticNet:
      return enetOptimum(q, r, lambda, lambda * r.l1Ratio, lambda * (1.0 - r.l1Ratio));
    case Penalty2dKind::Lp:
      if (r.p == 1.0) return enetOptimum(q, r, lambda, lambda, 0.0);
      if (r.p == 2.0) return enetOptimum(q, r, lambda, 0.0, 2.0 * lambda);
      return lpOptimum(q, r, lambda);
  }
  return q.center;
}

std::vector<double> ballOutline(const Penalty2d& r, double t, int points) {
  checkPenalty(r);
  if (points < 8 || points % 4 != 0)
    throw std::invalid_argument("outlinePoints: must be a multiple of 4, at least 8, got " +
                                std::to_string(points));
  if (!(t >= 0.0 && std::isfinite(t)))
    throw std::invalid_argument("radius: must be a finite number >= 0");
  std::vector<double> out;
  out.reserve(2 * static_cast<std::size_t>(points) + 2);
  const int quarter = points / 4;
  for (int k = 0; k < points; ++k) {
    // Exact axis points: cos and sin of multiples of π/2 are set, not computed.
    const double theta = 2.0 * kPi * k / points;
    double cs = std::cos(theta), sn = std::sin(theta);
    if (k % quarter == 0) {
      const int axis = k / quarter;
      cs = axis == 0 ? 1.0 : axis == 2 ? -1.0 : 0.0;
      sn = axis == 1 ? 1.0 : axis == 3 ? -1.0 : 0.0;
    }
    double x, y;
    if (r.kind == Penalty2dKind::Lp) {
      const double scale = std::pow(t, 1.0 / r.p);
      x = scale * sign(cs) * std::pow(std::abs(cs), 2.0 / r.p);
      y = scale * sign(sn) * std::pow(std::abs(sn), 2.0 / r.p);
    } else {
      // R(ρu) along the unit ray u: ρ·rho1·(|u₁| + |u₂|) + (1 − rho1)/2·ρ² = t.
      const double rho1 = r.kind == Penalty2dKind::L1   ? 1.0
                          : r.kind == Penalty2dKind::L2 ? 0.0
                                                        : r.l1Ratio;
      const double A = 0.5 * (1.0 - rho1), B = rho1 * (std::abs(cs) + std::abs(sn));
      const double radius = t == 0.0 ? 0.0 : 2.0 * t / (B + std::sqrt(B * B + 4.0 * A * t));
      x = radius * cs;
      y = radius * sn;
    }
    out.push_back(x);
    out.push_back(y);
  }
  out.push_back(out[0]);
  out.push_back(out[1]);
  return out;
}

std::vector<double> lossGrid(const Quadratic2d& q, int resolution, double xMin, double xMax,
                             double yMin, double yMax) {
  checkQuadratic(q);
  if (resolution < 2 || resolution > 512)
    throw std::invalid_argument("resolution: must be an integer in [2, 512], got " +
                                std::to_string(resolution));
  if (!(xMax > xMin) || !(yMax > yMin) || !std::isfinite(xMin + xMax + yMin + yMax))
    throw std::invalid_argument("bounds: need finite xMin < xMax and yMin < yMax");
  std::vector<double> out(static_cast<std::size_t>(resolution) * resolution);
  for (int row = 0; row < resolution; ++row) {
    const double y = yMin + (yMax - yMin) * row / (resolution - 1);
    for (int col = 0; col < resolution; ++col) {
      const double x = xMin + (xMax - xMin) * col / (resolution - 1);
      out[static_cast<std::size_t>(row) * resolution + col] =
          quadraticLoss(q, Eigen::Vector2d(x, y));
    }
  }
  return out;
}

}  // namespace engine::linear
