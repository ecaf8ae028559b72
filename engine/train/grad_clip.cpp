#include "train/grad_clip.hpp"

#include <cmath>

namespace engine {

double clipGradNorm(const std::vector<Param*>& params, double maxNorm) {
  // Accumulated in double so a large model's sum of squares keeps float's precision.
  double sumSquares = 0.0;
  for (const Param* p : params) sumSquares += p->grad.cast<double>().squaredNorm();
  const double totalNorm = std::sqrt(sumSquares);
  const double clipCoef = maxNorm / (totalNorm + 1e-6);
  // torch multiplies by min(c, 1) unconditionally; skipping c ≥ 1 is the same. The negated test
  // keeps torch's NaN propagation when the norm is NaN.
  if (!(clipCoef >= 1.0)) {
    const Scalar c = static_cast<Scalar>(clipCoef);
    for (Param* p : params) p->grad *= c;
  }
  return totalNorm;
}

void clipGradValue(const std::vector<Param*>& params, double clipValue) {
  const Scalar c = static_cast<Scalar>(clipValue);
  // Comparisons with NaN are false, so a NaN gradient stays NaN, as torch.clamp leaves it.
  auto clamp = [c](Scalar x) { return x < -c ? -c : (x > c ? c : x); };
  for (Param* p : params) p->grad = p->grad.unaryExpr(clamp);
}

}  // namespace engine
