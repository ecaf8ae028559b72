#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "data/csv.hpp"
#include "data/standardize.hpp"

using namespace engine;

TEST_CASE("Standardizer uses the population std (ddof 0), as StandardScaler", "[data]") {
  Matrix x(4, 2);
  x << 1, 10,  //
      2, 10,   //
      3, 10,   //
      4, 10;
  Standardizer s = Standardizer::fit(x);
  CHECK(s.mean(0) == Approx(2.5));
  // Σ(x − 2.5)² = 5 over n = 4 → √1.25, not the sample std √(5/3).
  CHECK(s.scale(0) == Approx(std::sqrt(1.25)));
  // A constant column keeps scale 1 and becomes 0 rather than NaN.
  CHECK(s.mean(1) == 10.0f);
  CHECK(s.scale(1) == 1.0f);
  Matrix z = s.transformed(x);
  CHECK(z(0, 0) == Approx(-1.5 / std::sqrt(1.25)));
  CHECK(z.col(1).isZero());
}

TEST_CASE("Standardizer gives training data mean 0 and std 1 per column", "[data]") {
  Matrix x(5, 3);
  x << 1, -200, 0.001f,  //
      7, 50, 0.002f,     //
      3, 10, 0.004f,     //
      -4, 0, 0.0f,       //
      9, 1000, 0.003f;
  Standardizer s = Standardizer::fit(x);
  Matrix z = s.transformed(x);
  for (Index j = 0; j < 3; ++j) {
    double mean = z.col(j).cast<double>().mean();
    double var = (z.col(j).cast<double>().array() - mean).square().mean();
    INFO("column " << j << ": mean " << mean << " var " << var);
    CHECK(std::abs(mean) < 1e-6);
    CHECK(var == Approx(1.0).epsilon(1e-5));
  }
}

TEST_CASE("Standardizer applies the fitted statistics to other data, not the data's own",
          "[data]") {
  Matrix train(3, 1), other(2, 1);
  train << 0, 2, 4;  // μ = 2, σ = √(8/3)
  other << 2, 10;
  Standardizer s = Standardizer::fit(train);
  Matrix z = s.transformed(other);
  const double sigma = std::sqrt(8.0 / 3.0);
  CHECK(z(0, 0) == Approx(0.0).margin(1e-7));
  CHECK(z(1, 0) == Approx(8.0 / sigma));
  // Its own statistics would have given ±1.
  CHECK(z(1, 0) != Approx(1.0));
  Matrix back = z;
  s.inverseTransform(back);
  CHECK(back(1, 0) == Approx(10.0));
  Matrix wrong(2, 2);
  CHECK_THROWS_WITH(s.transform(wrong), Catch::Contains("1 columns, got 2"));
}

TEST_CASE("Standardizer statistics of the diabetes features equal sklearn StandardScaler",
          "[data]") {
  std::ifstream gf(PROJECT_SOURCE_DIR "/tests/golden/data_golden.json");
  REQUIRE(gf.good());
  nlohmann::json g = nlohmann::json::parse(gf)["diabetesScaler"];
  std::ifstream cf(PROJECT_SOURCE_DIR "/engine/data/sets/diabetes.csv", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(cf)), std::istreambuf_iterator<char>());
  CsvTable t = parseCsv(text);
  // The ten features plus a constant column, as the golden script builds them.
  Matrix x(t.values.rows(), 11);
  x.leftCols(10) = t.values.leftCols(10);
  x.col(10).setConstant(7.25f);
  Standardizer s = Standardizer::fit(x);
  Matrix z = s.transformed(x);
  for (Index j = 0; j < 11; ++j) {
    double mean = g["mean"][static_cast<std::size_t>(j)];
    double scale = g["scale"][static_cast<std::size_t>(j)];
    double first = g["firstRowScaled"][static_cast<std::size_t>(j)];
    INFO(g["columns"][static_cast<std::size_t>(j)].get<std::string>()
         << ": mean " << s.mean(j) << " vs " << mean << ", scale " << s.scale(j) << " vs " << scale
         << ", z " << z(0, j) << " vs " << first);
    CHECK(s.mean(j) == Approx(mean).epsilon(1e-5));
    CHECK(s.scale(j) == Approx(scale).epsilon(1e-5));
    CHECK(z(0, j) == Approx(first).epsilon(1e-4).margin(1e-5));
  }
}

TEST_CASE("Standardizer::identity and an empty Standardizer leave data unchanged", "[data]") {
  Matrix x(2, 2);
  x << 1, 2, 3, 4;
  CHECK(Standardizer::identity(2).transformed(x) == x);
  CHECK(Standardizer{}.transformed(x) == x);
  CHECK_THROWS(Standardizer::fit(Matrix(0, 2)));
}
