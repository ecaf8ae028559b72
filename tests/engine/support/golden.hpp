// Golden files (tests/golden/*.json, made by the committed make_*_golden.py scripts from
// PyTorch 1.13 and scikit-learn 1.2): read once per file, turned into matrices, and compared
// with the engine's numbers, the first mismatches printed side by side.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/eigen.hpp"

namespace engine::test {

// tests/golden/<file>, parsed once.
inline const nlohmann::json& golden(const std::string& file) {
  static std::map<std::string, nlohmann::json> cache;
  auto found = cache.find(file);
  if (found == cache.end()) {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/tests/golden/" + file);
    if (!in) throw std::runtime_error("cannot open tests/golden/" + file);
    found = cache.emplace(file, nlohmann::json::parse(in)).first;
  }
  return found->second;
}

// A 2-D JSON list (rows of numbers) as a Matrix.
inline Matrix goldenMatrix(const nlohmann::json& rows) {
  const auto r = static_cast<Index>(rows.size());
  const auto c = r == 0 ? Index(0) : static_cast<Index>(rows[0].size());
  Matrix m(r, c);
  for (Index i = 0; i < r; ++i) {
    for (Index j = 0; j < c; ++j) m(i, j) = static_cast<Scalar>(rows[i][j].get<double>());
  }
  return m;
}

// |got − want| ≤ tol · max(1, |want|) entrywise (float tolerance against float64 references).
inline void requireMatrixClose(const Matrix& got, const Matrix& want, double tol,
                               const std::string& what) {
  INFO(what << ": shape " << got.rows() << "x" << got.cols() << ", expected " << want.rows() << "x"
            << want.cols());
  REQUIRE(got.rows() == want.rows());
  REQUIRE(got.cols() == want.cols());
  std::ostringstream report;
  int bad = 0;
  for (Index i = 0; i < got.size(); ++i) {
    const double g = got.data()[i];
    const double w = want.data()[i];
    if (!(std::abs(g - w) <= tol * std::max(1.0, std::abs(w)))) {
      if (bad < 5) report << "  [" << i << "] ours " << g << "  torch " << w << "\n";
      ++bad;
    }
  }
  INFO(what << ": " << bad << " of " << got.size() << " entries differ\n" << report.str());
  CHECK(bad == 0);
}

}  // namespace engine::test
