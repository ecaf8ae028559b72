// Shared by the engine/linear tests: the real sets as the golden script standardises them
// (float32 CSV values, StandardScaler in double), tests/golden/linear_path.json, and entrywise
// comparisons in double that print the worst entries.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "data/real_sets.hpp"
#include "engine/support/golden.hpp"
#include "linear/design.hpp"

namespace engine::test {

inline const linear::Design& diabetesDesign() {
  static const linear::Design d = linear::designFrom(loadRealSet("diabetes"), true);
  return d;
}

inline const linear::Design& breastCancerDesign() {
  static const linear::Design d = linear::designFrom(loadRealSet("breastCancer"), true);
  return d;
}

inline const nlohmann::json& linearGolden() { return golden("linear_path.json"); }

inline Eigen::VectorXd jsonVector(const nlohmann::json& v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  for (Eigen::Index i = 0; i < out.size(); ++i)
    out(i) = v[static_cast<std::size_t>(i)].get<double>();
  return out;
}

// A JSON list of rows as a double matrix.
inline Eigen::MatrixXd jsonMatrix(const nlohmann::json& rows) {
  const auto r = static_cast<Eigen::Index>(rows.size());
  const auto c = r == 0 ? Eigen::Index(0) : static_cast<Eigen::Index>(rows[0].size());
  Eigen::MatrixXd m(r, c);
  for (Eigen::Index i = 0; i < r; ++i) {
    for (Eigen::Index j = 0; j < c; ++j) {
      m(i, j) = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>();
    }
  }
  return m;
}

// The json entry whose "name" is name, in a list.
inline const nlohmann::json& byName(const nlohmann::json& list, const std::string& name) {
  for (const auto& c : list) {
    if (c.at("name").get<std::string>() == name) return c;
  }
  FAIL("no golden case named " << name);
  throw std::logic_error("unreachable");
}

// Entrywise: where want ≠ 0, |got − want| ≤ rtol·|want| + atol; where want = 0, got = 0 exactly.
// Entries (row, col) in `loose` (not well determined by the reference) only need
// |got − want| ≤ looseAtol. Returns the largest relative error over the non-zero entries.
inline double requireCoefficients(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want,
                                  double rtol, double atol, const std::string& what,
                                  const std::set<std::pair<int, int>>& loose = {},
                                  double looseAtol = 0.0) {
  INFO(what << ": shape " << got.rows() << "x" << got.cols() << ", expected " << want.rows() << "x"
            << want.cols());
  REQUIRE(got.rows() == want.rows());
  REQUIRE(got.cols() == want.cols());
  std::ostringstream report;
  int bad = 0;
  double worst = 0.0;
  for (Eigen::Index j = 0; j < got.cols(); ++j) {
    for (Eigen::Index i = 0; i < got.rows(); ++i) {
      const double g = got(i, j), w = want(i, j);
      bool ok;
      if (loose.count({static_cast<int>(i), static_cast<int>(j)})) {
        ok = std::abs(g - w) <= looseAtol;
      } else if (w == 0.0) {
        ok = g == 0.0;
      } else {
        ok = std::abs(g - w) <= rtol * std::abs(w) + atol;
        worst = std::max(worst, std::abs(g - w) / std::abs(w));
      }
      if (!ok) {
        if (bad < 8)
          report << "  (" << i << "," << j << ") ours " << g << "  sklearn " << w << "\n";
        ++bad;
      }
    }
  }
  INFO(what << ": " << bad << " of " << got.size() << " entries differ (largest relative error "
            << worst << ")\n"
            << report.str());
  CHECK(bad == 0);
  return worst;
}

inline double requireCoefficients(const Eigen::VectorXd& got, const Eigen::VectorXd& want,
                                  double rtol, double atol, const std::string& what) {
  return requireCoefficients(Eigen::MatrixXd(got), Eigen::MatrixXd(want), rtol, atol, what);
}

}  // namespace engine::test
