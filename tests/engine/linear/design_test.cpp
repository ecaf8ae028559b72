// The float64 design: StandardScaler semantics (population std, constant columns keep scale 1),
// row selection and the shared input checks.
#include <catch2/catch.hpp>

#include <cmath>

#include "linear/design.hpp"
#include "linear_golden.hpp"

using namespace engine::linear;

TEST_CASE("standardizeColumns is StandardScaler: mean 0, population std 1, constants to 0",
          "[linear]") {
  Eigen::MatrixXd x(4, 3);
  x << 1, 5, 2,  //
      2, 5, 4,   //
      3, 5, 6,   //
      4, 5, 8;
  Eigen::RowVectorXd mean, scale;
  standardizeColumns(x, mean, scale);
  CHECK(mean(0) == 2.5);
  CHECK(scale(0) == Approx(std::sqrt(1.25)).epsilon(1e-15));  // ddof 0
  CHECK(scale(1) == 1.0);                                     // constant column
  CHECK(x.col(1).isZero(0.0));
  CHECK(x(0, 0) == Approx(-1.5 / std::sqrt(1.25)).epsilon(1e-15));
  CHECK(x.col(2).isApprox(x.col(0), 1e-15));
}

TEST_CASE("designFrom keeps the float32 data in double and standardises each column", "[linear]") {
  const engine::Dataset& raw = engine::loadRealSet("diabetes");
  const Design& d = engine::test::diabetesDesign();
  REQUIRE(d.x.rows() == 442);
  REQUIRE(d.x.cols() == 10);
  CHECK(d.y(0) == 151.0);
  for (Eigen::Index j = 0; j < d.x.cols(); ++j) {
    CHECK(std::abs(d.x.col(j).mean()) < 1e-14);
    CHECK(d.x.col(j).squaredNorm() / 442.0 == Approx(1.0).epsilon(1e-13));
    // (x − μ)/σ of the float32 values, computed in double.
    CHECK(d.x(5, j) ==
          Approx((static_cast<double>(raw.x(5, j)) - d.mean(j)) / d.scale(j)).epsilon(1e-15));
  }
  const Design plain = designFrom(raw, false);
  CHECK(plain.x(0, 2) == static_cast<double>(raw.x(0, 2)));
  CHECK((plain.scale.array() == 1.0).all());
}

TEST_CASE("selectRows and checkDesign", "[linear]") {
  Eigen::MatrixXd x(3, 2);
  x << 1, 2, 3, 4, 5, 6;
  const Eigen::VectorXd y = (Eigen::VectorXd(3) << 7, 8, 9).finished();
  const Eigen::MatrixXd s = selectRows(x, {2, 0});
  CHECK(s(0, 0) == 5);
  CHECK(s(1, 1) == 2);
  CHECK(selectRows(y, {1})(0) == 8);
  using Catch::Matchers::Contains;
  REQUIRE_THROWS_WITH(checkDesign(x, y.head(2), "f"), Contains("f: y has 2 entries but x has 3"));
  x(1, 1) = std::nan("");
  REQUIRE_THROWS_WITH(checkDesign(x, y, "f"), Contains("NaN"));
  REQUIRE_THROWS_WITH(checkDesign(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0), "f"),
                      Contains("empty"));
}
