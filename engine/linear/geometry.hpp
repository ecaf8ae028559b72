// The two-weight picture of "why L1 gives zeros": a quadratic loss of w = (w₁, w₂),
//   L(w) = ½(w − c)ᵀH(w − c),   H = [[a, b], [b, d]] positive definite (a > 0, ad − b² > 0),
// c its unpenalised minimum, and a penalty R at strength λ ≥ 0, with the engine's conventions
// (engine/penalty at λ = 1):
//   l1          R(w) = |w₁| + |w₂|
//   l2          R(w) = ½(w₁² + w₂²)                       (with the one-half, as L2Penalty)
//   elasticNet  R(w) = ρ(|w₁| + |w₂|) + (1 − ρ)/2·(w₁² + w₂²),   ρ = l1Ratio ∈ [0, 1]
//   lp          R(w) = |w₁|^p + |w₂|^p,   p ∈ [0.1, 4]   (non-convex for p < 1; p = 1 is l1)
// penalizedOptimum gives w*(λ) = argmin L(w) + λR(w), computed exactly in float64:
//   - l1, l2, elastic net (strictly convex): the KKT conditions are solved on each of the nine
//     supports and sign patterns in closed form (w = 0; one weight, the other exactly 0:
//     w_j = S((Hc)_j, λρ)/(H_jj + λ(1−ρ)); both non-zero with signs s: (H + λ(1−ρ)I)w =
//     Hc − λρs); the pattern whose KKT conditions hold is the minimiser. Zeros are exact 0.
//     With H = I this is the soft threshold S(c_j, λ) for l1 and c/(1 + λ) for l2; with a
//     diagonal H, w_j = S(c_j, λ/H_jj) for l1 (exactly 0 when H_jj|c_j| ≤ λ).
//   - lp: the global minimum over the candidates w = 0; one weight alone (the exact global
//     minimum of the one-dimensional problem ½h t² − m t + λ|t|^p, by bisection to adjacent
//     doubles on the monotone branch of its derivative); both weights non-zero (Newton's method
//     with backtracking inside each quadrant, started from the best points of a grid over the
//     region where w* must lie: (w − c)ᵀH(w − c) ≤ cᵀHc). For p < 1 the objective is
//     non-convex; the grid makes the global minimum, not only a local one, the answer (tested
//     against a brute-force search). The gradient at the non-zero weights is ≤ 1e-12 of the size
//     of its terms.
// The constrained view: w*(λ) also solves min L(w) subject to R(w) ≤ t with t = R(w*(λ))
// (Lagrange duality for the convex penalties; for lp a picture of the same tangency).
// penaltyValue(r, w*) gives t, ballOutline the curve R(w) = t as a closed polyline: for l1, l2 and
// elastic net the point on each ray at angle 2πk/n (k = 0..n−1, n a multiple of 4, so the axis
// points, the l1 corners, are included exactly); for lp the superellipse t^(1/p)·(sgn cos θ |cos
// θ|^(2/p), sgn sin θ |sin θ|^(2/p)), which puts points into the cusps of a non-convex ball. The
// last point repeats the first. Reference: Tibshirani (1996), Fig. 2; Hastie, Tibshirani &
// Friedman, ESL §3.4.3 Fig. 3.11–3.12; Frank & Friedman (1993) for the bridge (lp) penalties.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace engine::linear {

enum class Penalty2dKind { L1, L2, ElasticNet, Lp };

struct Quadratic2d {
  Eigen::Vector2d center = Eigen::Vector2d::Zero();  // c
  double a = 1.0, b = 0.0, d = 1.0;                  // H = [[a, b], [b, d]]
};

struct Penalty2d {
  Penalty2dKind kind = Penalty2dKind::L1;
  double l1Ratio = 0.5;  // elasticNet
  double p = 0.5;        // lp
};

// std::invalid_argument naming the argument ("hessian", "center", "l1Ratio", "p").
void checkQuadratic(const Quadratic2d& q);
void checkPenalty(const Penalty2d& r);

double quadraticLoss(const Quadratic2d& q, const Eigen::Vector2d& w);
double penaltyValue(const Penalty2d& r, const Eigen::Vector2d& w);

// argmin L(w) + λR(w), λ ≥ 0 (λ = 0 gives c).
Eigen::Vector2d penalizedOptimum(const Quadratic2d& q, const Penalty2d& r, double lambda);

// The closed curve R(w) = t (t ≥ 0): points + 1 points (x, y) interleaved, the last equal to the
// first; points a multiple of 4, at least 8.
std::vector<double> ballOutline(const Penalty2d& r, double t, int points);

// L on a resolution × resolution grid over [xMin, xMax] × [yMin, yMax], row by row from yMin
// (the decision-boundary grid's order: x = xMin + (xMax − xMin)·col/(resolution − 1)).
std::vector<double> lossGrid(const Quadratic2d& q, int resolution, double xMin, double xMax,
                             double yMin, double yMax);

}  // namespace engine::linear
