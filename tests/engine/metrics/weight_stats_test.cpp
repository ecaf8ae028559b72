#include <catch2/catch.hpp>

#include "metrics/metrics_log.hpp"
#include "metrics/weight_stats.hpp"

namespace engine {

TEST_CASE("Weight statistics count exact zeros apart from small weights", "[metrics]") {
  Matrix w(2, 3);
  w << 0, 0.0005f, -2, 3, 0, -0.0001f;
  LayerStats s;
  weightStats(w, s);
  CHECK(s.weightL1 == Approx(5.0006));
  CHECK(s.weightL2 == Approx(std::sqrt(13.0 + 0.0005 * 0.0005 + 0.0001 * 0.0001)));
  CHECK(s.zeroFraction == Approx(2.0 / 6.0));
  CHECK(s.smallFraction == Approx(4.0 / 6.0));
}

TEST_CASE("The weight histogram is symmetric around 0 and counts every weight", "[metrics]") {
  Matrix a(1, 4);
  a << -1, -0.5f, 0.25f, 1;
  Matrix b(2, 1);
  b << 0, 0.9f;
  const Histogram h = weightHistogram({&a, &b}, 4);
  CHECK(h.edges == std::vector<double>{-1, -0.5, 0, 0.5, 1});
  CHECK(h.counts == std::vector<double>{1, 1, 2, 2});
  const Matrix zeros = Matrix::Zero(2, 2);
  const Histogram flat = weightHistogram({&zeros}, 2);
  CHECK(flat.edges.front() == -1.0);
  CHECK(flat.counts == std::vector<double>{0, 4});
}

TEST_CASE("The metrics log hands rows over once, column by column", "[metrics]") {
  MetricsLog log(2);
  MetricsRow row;
  std::vector<LayerStats> layers(2);
  layers[1].gradNorm = 3;
  row.step = 1;
  log.append(row, layers);
  row.step = 2;
  log.append(row, layers);
  const MetricsColumns c = log.takeRows();
  CHECK(c.rows == 2);
  CHECK(c["step"] == std::vector<double>{1, 2});
  CHECK(c["gradNorm"] == std::vector<double>{0, 3, 0, 3});
  CHECK(log.takeRows().rows == 0);
}

}  // namespace engine
