// Gradient clipping against torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (PyTorch 1.13,
// float32; tests/golden/optimizers.json) and on hand-computed values.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "engine/support/golden.hpp"
#include "train/grad_clip.hpp"

namespace engine {
namespace {

using nlohmann::json;

const json& golden() { return test::golden("optimizers.json"); }

Matrix toMatrix(const json& rows) { return test::goldenMatrix(rows); }

Param withGrad(const std::string& name, const Matrix& g) {
  return Param{name, ParamRole::Weight, 0, Matrix::Zero(g.rows(), g.cols()), g};
}

// Mismatches beyond rtol · |torch| (clipping only scales, so relative error stays small even
// for tiny entries), first ones printed side by side.
void requireClose(const Matrix& ours, const Matrix& ref, double rtol, const std::string& what) {
  std::ostringstream report;
  int bad = 0;
  for (Index i = 0; i < ref.size(); ++i) {
    const double a = ours.data()[i], b = ref.data()[i];
    if (!(std::abs(a - b) <= rtol * std::abs(b))) {
      if (bad < 4) report << "  [" << i << "] ours " << a << "  torch " << b << "\n";
      ++bad;
    }
  }
  INFO(what << ": " << bad << " entries differ\n" << report.str());
  CHECK(bad == 0);
}

}  // namespace

TEST_CASE(
    "clipGradNorm matches torch.nn.utils.clip_grad_norm_: global norm, 1e-6 guard, "
    "returned norm before clipping",
    "[train][golden]") {
  int clipped = 0, untouched = 0;
  for (const json& c : golden().at("clipGradNorm")) {
    Param w = withGrad("weight", toMatrix(c.at("before").at("weight")));
    Param b = withGrad("bias", toMatrix(c.at("before").at("bias")));
    const double norm = clipGradNorm({&w, &b}, c.at("maxNorm").get<double>());
    const double torchNorm = c.at("totalNorm").get<double>();
    INFO("maxNorm " << c.at("maxNorm") << ": ours " << norm << "  torch " << torchNorm);
    CHECK(norm == Approx(torchNorm).epsilon(1e-6));
    requireClose(w.grad, toMatrix(c.at("after").at("weight")), 1e-6, "weight grad");
    requireClose(b.grad, toMatrix(c.at("after").at("bias")), 1e-6, "bias grad");
    (c.at("clipped").get<bool>() ? clipped : untouched) += 1;
  }
  CHECK(clipped > 0);
  CHECK(untouched > 0);
}

TEST_CASE("clipGradValue matches torch.nn.utils.clip_grad_value_ exactly", "[train][golden]") {
  for (const json& c : golden().at("clipGradValue")) {
    Param w = withGrad("weight", toMatrix(c.at("before").at("weight")));
    Param b = withGrad("bias", toMatrix(c.at("before").at("bias")));
    clipGradValue({&w, &b}, c.at("clipValue").get<double>());
    requireClose(w.grad, toMatrix(c.at("after").at("weight")), 0.0, "weight grad");
    requireClose(b.grad, toMatrix(c.at("after").at("bias")), 0.0, "bias grad");
  }
}

TEST_CASE("clipGradNorm scales all gradients together by maxNorm/(‖g‖ + 1e-6)", "[train]") {
  // ‖(3, 4, 12)‖ = 13 over two tensors: one global norm, not one per tensor; maxNorm 10 gives
  // a coefficient just under 1, so any threshold other than 1 shows.
  Matrix g1(1, 2);
  g1 << 3, 4;
  Param a = withGrad("a", g1);
  Param b = withGrad("b", Matrix::Constant(1, 1, 12.0f));
  const double norm = clipGradNorm({&a, &b}, 10.0);
  CHECK(norm == Approx(13.0));
  const double c = 10.0 / (13.0 + 1e-6);
  CHECK(a.grad(0, 0) == Approx(3.0 * c));
  CHECK(a.grad(0, 1) == Approx(4.0 * c));
  CHECK(b.grad(0, 0) == Approx(12.0 * c));
}

TEST_CASE("clipGradNorm's 1e-6 guard matters for tiny norms, as torch's", "[train]") {
  // ‖(3e-6, 4e-6)‖ = 5e-6; with maxNorm 1e-6 the coefficient is 1e-6/6e-6 = 1/6, not 1/5.
  Matrix g(1, 2);
  g << 3e-6f, 4e-6f;
  Param a = withGrad("a", g);
  CHECK(clipGradNorm({&a}, 1e-6) == Approx(5e-6));
  CHECK(a.grad(0, 0) == Approx(0.5e-6));
  CHECK(a.grad(0, 1) == Approx(4e-6 / 6.0));
}

TEST_CASE("clipGradNorm leaves gradients under maxNorm bit-identical and returns their norm",
          "[train]") {
  Matrix g(2, 2);
  g << 0.1f, -0.2f, 0.3f, 0.05f;
  Param a = withGrad("a", g);
  const double norm = clipGradNorm({&a}, 10.0);
  CHECK(norm == Approx(std::sqrt(0.01 + 0.04 + 0.09 + 0.0025)));
  CHECK(a.grad == g);
  CHECK(clipGradNorm({}, 1.0) == 0.0);
}

TEST_CASE("clipGradValue clamps each entry to ±clipValue and keeps NaN, as torch.clamp",
          "[train]") {
  Matrix g(1, 4);
  g << -3.0f, 0.2f, 5.0f, std::numeric_limits<Scalar>::quiet_NaN();
  Param a = withGrad("a", g);
  clipGradValue({&a}, 1.0);
  CHECK(a.grad(0, 0) == -1.0f);
  CHECK(a.grad(0, 1) == 0.2f);
  CHECK(a.grad(0, 2) == 1.0f);
  CHECK(std::isnan(a.grad(0, 3)));
}

}  // namespace engine
