// scikit-learn golden solutions (tests/golden/linear_models.json, made by make_linear_golden.py):
// each penalty, built by makePenalty with the λ that maps sklearn's objective onto ours
// (1/n‖y − Xw − b‖² + R(w)), must reach sklearn's coefficients through its solver hooks alone:
// coordinate descent on proxScalar (double), and proximal gradient on Penalty::prox (float).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "penalty/make_penalty.hpp"

using engine::Index;
using engine::Matrix;
using engine::Penalty;
using nlohmann::json;

namespace {

struct Problem {
  std::string name;
  int n = 0, p = 0;
  std::vector<double> X;  // row-major n × p
  std::vector<double> y;
  bool fitIntercept = false;
  engine::PenaltySpec spec;
  std::vector<double> coef;
  double intercept = 0.0;
  std::vector<int> zeros;
  double x(int i, int j) const { return X[static_cast<size_t>(i) * p + j]; }
};

std::vector<Problem> loadProblems() {
  std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/tests/golden/linear_models.json");
  REQUIRE(in.good());
  const json doc = json::parse(in);
  std::vector<Problem> out;
  for (const json& c : doc.at("cases")) {
    Problem pr;
    pr.name = c.at("name").get<std::string>();
    pr.n = c.at("n").get<int>();
    pr.p = c.at("p").get<int>();
    for (const json& row : c.at("X"))
      for (const json& v : row) pr.X.push_back(v.get<double>());
    pr.y = c.at("y").get<std::vector<double>>();
    pr.fitIntercept = c.at("fitIntercept").get<bool>();
    pr.spec.kind = c.at("ours").at("kind").get<std::string>();
    pr.spec.lambda = c.at("ours").at("lambda").get<double>();
    if (c.at("ours").contains("l1Ratio"))
      pr.spec.l1Ratio = c.at("ours").at("l1Ratio").get<double>();
    pr.coef = c.at("coef").get<std::vector<double>>();
    pr.intercept = c.at("intercept").get<double>();
    pr.zeros = c.at("zeros").get<std::vector<int>>();
    REQUIRE(pr.X.size() == static_cast<size_t>(pr.n) * pr.p);
    out.push_back(std::move(pr));
  }
  REQUIRE(out.size() >= 6);
  return out;
}

// Cyclic coordinate descent on F(w, b) = 1/n‖y − Xw − b‖² + R(w). In coordinate j,
// F = (a/2)(w_j − u)² + r(w_j) + const with a = 2‖x_j‖²/n and u = x_jᵀ(ρ + x_j w_j)/‖x_j‖²
// (ρ the residual), whose minimiser is proxScalar(u, 1/a): the solver hook.
void coordinateDescent(const Problem& pr, const Penalty& R, std::vector<double>& w, double& b) {
  w.assign(pr.p, 0.0);
  b = 0.0;
  std::vector<double> res(pr.y);  // ρ = y − Xw − b
  std::vector<double> sq(pr.p, 0.0);
  for (int j = 0; j < pr.p; ++j)
    for (int i = 0; i < pr.n; ++i) sq[j] += pr.x(i, j) * pr.x(i, j);
  for (int sweep = 0; sweep < 200000; ++sweep) {
    double maxDelta = 0.0;
    if (pr.fitIntercept) {  // unpenalised: the exact minimiser is the mean residual
      double mean = 0.0;
      for (int i = 0; i < pr.n; ++i) mean += res[i];
      mean /= pr.n;
      for (int i = 0; i < pr.n; ++i) res[i] -= mean;
      b += mean;
      maxDelta = std::max(maxDelta, std::abs(mean));
    }
    for (int j = 0; j < pr.p; ++j) {
      double dot = 0.0;
      for (int i = 0; i < pr.n; ++i) dot += pr.x(i, j) * res[i];
      const double u = w[j] + dot / sq[j];
      const double a = 2.0 * sq[j] / pr.n;
      const double wj = R.proxScalar(u, 1.0 / a);
      const double delta = wj - w[j];
      if (delta != 0.0) {
        for (int i = 0; i < pr.n; ++i) res[i] -= pr.x(i, j) * delta;
        w[j] = wj;
      }
      maxDelta = std::max(maxDelta, std::abs(delta));
    }
    if (maxDelta < 1e-14) break;
  }
}

std::string sideBySide(const std::vector<double>& ours, const std::vector<double>& ref) {
  std::ostringstream s;
  for (size_t j = 0; j < ours.size() && j < 10; ++j)
    s << "  [" << j << "] ours " << ours[j] << "  sklearn " << ref[j] << "\n";
  return s.str();
}

}  // namespace

TEST_CASE("Coordinate descent on proxScalar reaches sklearn's Ridge, Lasso and ElasticNet",
          "[penalty][golden]") {
  for (const Problem& pr : loadProblems()) {
    const auto R = engine::makePenalty(pr.spec);
    REQUIRE(R);
    std::vector<double> w;
    double b = 0.0;
    coordinateDescent(pr, *R, w, b);
    double maxErr = 0.0;
    for (int j = 0; j < pr.p; ++j) maxErr = std::max(maxErr, std::abs(w[j] - pr.coef[j]));
    INFO(pr.name << " (" << pr.spec.kind << ", λ = " << pr.spec.lambda << "): max |Δw| = " << maxErr
                 << "\n"
                 << sideBySide(w, pr.coef));
    CHECK(maxErr < 1e-6);
    if (pr.fitIntercept) CHECK(b == Approx(pr.intercept).margin(1e-6));
    // The sparsity pattern, exactly: zero where sklearn has zero, non-zero elsewhere.
    std::vector<int> zeros;
    for (int j = 0; j < pr.p; ++j)
      if (w[j] == 0.0) zeros.push_back(j);
    CHECK(zeros == pr.zeros);
  }
}

TEST_CASE("Proximal gradient on Penalty::prox (float) reaches sklearn's solutions",
          "[penalty][golden]") {
  // ISTA, the trainer's proximal path: w ← prox_{t·R}(w − t∇f(w)), f = 1/n‖y − Xw‖², t = 1/L.
  for (const Problem& pr : loadProblems()) {
    if (pr.fitIntercept) continue;
    const auto R = engine::makePenalty(pr.spec);
    Matrix X(pr.n, pr.p), y(pr.n, 1);
    for (int i = 0; i < pr.n; ++i) {
      y(i, 0) = static_cast<float>(pr.y[i]);
      for (int j = 0; j < pr.p; ++j) X(i, j) = static_cast<float>(pr.x(i, j));
    }
    // L = 2σ_max(X)²/n, by power iteration in double.
    const Eigen::MatrixXd Xd = X.cast<double>();
    Eigen::VectorXd v = Eigen::VectorXd::Ones(pr.p);
    for (int k = 0; k < 500; ++k) v = (Xd.transpose() * (Xd * v)).normalized();
    const double L = 2.0 * (Xd * v).squaredNorm() / pr.n;
    const double t = 1.0 / L;

    Matrix w = Matrix::Zero(pr.p, 1), grad(pr.p, 1);
    for (int k = 0; k < 20000; ++k) {
      grad.noalias() = (2.0f / pr.n) * (X.transpose() * (X * w - y));
      w -= static_cast<float>(t) * grad;
      R->prox(w, t);
    }
    std::vector<double> ours(pr.p);
    double maxErr = 0.0;
    for (int j = 0; j < pr.p; ++j) {
      ours[j] = w(j, 0);
      maxErr = std::max(maxErr, std::abs(ours[j] - pr.coef[j]));
    }
    INFO(pr.name << ": max |Δw| = " << maxErr << "\n" << sideBySide(ours, pr.coef));
    CHECK(maxErr < 1e-4);
    for (int j : pr.zeros) CHECK(w(j, 0) == 0.0f);
  }
}
