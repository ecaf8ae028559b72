// What a CNN's pictures read from a run (Trainer::firstConvFilters, featureMaps, augmentedBatch,
// confusionMatrix), checked against the convolution, the dropout masks, the shifts and the
// accuracy computed here by hand, and checked not to disturb the run.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "train/trainer.hpp"

namespace engine {
namespace {

constexpr int kChannels = 2;

// digits → Conv(2, 3×3, linear) → Flatten → output.
ExperimentSpec tinyCnn(double dropout = 0.0, double dropBlock = 0.0) {
  ExperimentSpec spec;
  spec.seed = 4;
  spec.data.kind = "digits";
  spec.data.testFraction = 0.2;
  spec.training.batchSize = 32;
  LayerSpec conv;
  conv.kind = "conv";
  conv.channels = kChannels;
  conv.kernel = 3;
  conv.activation = "linear";
  conv.dropout = dropout;
  conv.dropBlock = dropBlock;
  conv.blockSize = 3;
  LayerSpec flatten;
  flatten.kind = "flatten";
  spec.model.hidden = {conv, flatten};
  return spec;
}

// Known filters: w[c][0][ky][kx] = (c + 1)·0.1·(ky − kx) + 0.05·ky, bias 0.1·c.
void setFilters(Trainer& t, std::vector<float>& w, std::vector<float>& b) {
  w.clear();
  for (int c = 0; c < kChannels; ++c)
    for (int ky = 0; ky < 3; ++ky)
      for (int kx = 0; kx < 3; ++kx) w.push_back((c + 1) * 0.1f * (ky - kx) + 0.05f * ky);
  b = {0.0f, 0.1f};
  t.setParameter("layers.0.weight", w.data(), static_cast<long>(w.size()));
  t.setParameter("layers.0.bias", b.data(), static_cast<long>(b.size()));
}

// The 2×6×6 valid convolution of an 8×8 image, written out.
std::vector<double> convolve(const std::vector<float>& in, const std::vector<float>& w,
                             const std::vector<float>& b) {
  std::vector<double> out;
  for (int c = 0; c < kChannels; ++c)
    for (int y = 0; y < 6; ++y)
      for (int x = 0; x < 6; ++x) {
        double s = b[static_cast<std::size_t>(c)];
        for (int ky = 0; ky < 3; ++ky)
          for (int kx = 0; kx < 3; ++kx)
            s += static_cast<double>(w[static_cast<std::size_t>(c * 9 + ky * 3 + kx)]) *
                 in[static_cast<std::size_t>((y + ky) * 8 + x + kx)];
        out.push_back(s);
      }
  return out;
}

}  // namespace

TEST_CASE("The first conv layer's filters are its weight in torch's layout", "[train][cnn]") {
  Trainer t(tinyCnn());
  std::vector<float> w, b;
  setFilters(t, w, b);
  const ConvFilters f = t.firstConvFilters();
  CHECK(f.hidden == 0);
  CHECK(f.outChannels == 2);
  CHECK(f.inChannels == 1);
  CHECK(f.kernel == 3);
  CHECK(f.values == w);

  ExperimentSpec mlp;
  mlp.data.kind = "digits";
  Trainer plain(mlp);
  CHECK(plain.firstConvFilters().hidden == -1);
  // An MLP on images: the input image, no feature maps.
  const FeatureMaps maps = plain.featureMaps(Split::Test, 0, false, 1);
  CHECK(maps.inputShape == (Shape{1, 8, 8}));
  CHECK(maps.input.size() == 64);
  CHECK(maps.maps.empty());
  ExperimentSpec plane;  // the 2D points are no images
  Trainer points(plane);
  CHECK_THROWS_WITH(points.featureMaps(Split::Test, 0, false, 1),
                    Catch::Contains("only for image data sets"));
  CHECK_THROWS_WITH(points.augmentedBatch(4, 1), Catch::Contains("only for image data sets"));
}

TEST_CASE("Feature maps in eval mode are the convolution of the scaled input", "[train][cnn]") {
  Trainer t(tinyCnn());
  std::vector<float> w, b;
  setFilters(t, w, b);
  const FeatureMaps f = t.featureMaps(Split::Test, 3, false, 1);
  CHECK(f.inputShape == (Shape{1, 8, 8}));
  REQUIRE(f.input.size() == 64);
  const Matrix& x = t.splitData().test.x;
  for (int j = 0; j < 64; ++j) CHECK(f.input[static_cast<std::size_t>(j)] == x(3, j));
  REQUIRE(f.maps.size() == 1);  // the flatten entry outputs a vector
  const FeatureMap& m = f.maps[0];
  CHECK(m.hidden == 0);
  CHECK(m.kind == "conv");
  CHECK(m.shape == (Shape{2, 6, 6}));
  CHECK(m.droppedChannels.empty());
  CHECK(m.blockMask.empty());
  const std::vector<double> want = convolve(f.input, w, b);
  REQUIRE(m.values.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) CHECK(m.values[i] == Approx(want[i]).margin(1e-5));
  CHECK_THROWS_WITH(t.featureMaps(Split::Test, 100000, false, 1),
                    Catch::Contains("featureMaps(row): must be in [0, "));
}

TEST_CASE("A training-mode picture shows the channels Dropout2d dropped", "[train][cnn]") {
  Trainer t(tinyCnn(0.5));
  std::vector<float> w, b;
  setFilters(t, w, b);
  const std::vector<float> eval = t.featureMaps(Split::Train, 0, false, 1).maps[0].values;
  int dropped = 0, kept = 0;
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const FeatureMap m = t.featureMaps(Split::Train, 0, true, seed).maps[0];
    REQUIRE(m.droppedChannels.size() == kChannels);
    CHECK(t.featureMaps(Split::Train, 0, true, seed).maps[0].values == m.values);  // same seed
    for (int c = 0; c < kChannels; ++c) {
      const bool gone = m.droppedChannels[static_cast<std::size_t>(c)] == 1.0f;
      (gone ? dropped : kept)++;
      for (int i = 0; i < 36; ++i) {
        const std::size_t at = static_cast<std::size_t>(c * 36 + i);
        // torch's Dropout2d: a dropped channel is 0, a kept one scaled by 1/(1 − p) = 2.
        CHECK(m.values[at] == Approx(gone ? 0.0 : 2.0 * eval[at]).margin(1e-5));
      }
    }
  }
  // 24 channel draws at p = 0.5: both outcomes occur (probability of not: 2·2⁻²⁴).
  CHECK(dropped > 0);
  CHECK(kept > 0);
}

TEST_CASE("A training-mode picture shows the blocks DropBlock dropped, on its schedule",
          "[train][cnn]") {
  ExperimentSpec spec = tinyCnn(0.0, 0.4);
  spec.model.dropBlockRampSteps = 10;
  Trainer t(spec);
  std::vector<float> w, b;
  setFilters(t, w, b);
  // Step 0 of the linear schedule: keep_prob = 1, nothing dropped.
  CHECK(t.featureMaps(Split::Train, 0, true, 1).maps[0].blockMask.empty());
  t.runSteps(10);
  const std::vector<float> eval = t.featureMaps(Split::Train, 0, false, 1).maps[0].values;
  bool anyDropped = false;
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    const FeatureMap m = t.featureMaps(Split::Train, 0, true, seed).maps[0];
    REQUIRE(m.blockMask.size() == 72);
    const double keptSum = std::accumulate(m.blockMask.begin(), m.blockMask.end(), 0.0);
    if (keptSum == 72.0) continue;
    anyDropped = true;
    // torchvision's normalisation: x · M · numel(M) / (eps + Σ M).
    const double scale = 72.0 / (1e-6 + keptSum);
    for (std::size_t i = 0; i < 72; ++i)
      CHECK(m.values[i] == Approx(eval[i] * m.blockMask[i] * scale).margin(1e-4));
  }
  CHECK(anyDropped);
}

TEST_CASE("The pictures do not change the run", "[train][cnn]") {
  ExperimentSpec spec = tinyCnn(0.3, 0.2);
  spec.training.augmentShift = 1;
  spec.training.jitter = 0.1;
  Trainer quiet(spec), watched(spec);
  quiet.runSteps(6);
  watched.runSteps(3);
  watched.featureMaps(Split::Train, 2, true, 9);
  watched.augmentedBatch(16, 9);
  int classes = 0;
  watched.confusionMatrix(Split::Test, classes);
  watched.runSteps(3);
  const MetricsColumns a = quiet.takeMetrics(), c = watched.takeMetrics();
  REQUIRE(a.rows == c.rows);
  CHECK(a["batchLoss"] == c["batchLoss"]);
  for (Param* p : quiet.parameters()) {
    for (Param* q : watched.parameters())
      if (q->name == p->name) CHECK(p->value == q->value);
  }
}

TEST_CASE("Augmented batches: the training images, shifted as drawn, then scaled", "[train][cnn]") {
  ExperimentSpec spec = tinyCnn();
  Trainer plain(spec);
  const AugmentedBatch none = plain.augmentedBatch(8, 5);
  REQUIRE(none.rows.size() == 8);
  const Dataset& train = plain.splitData().train;
  for (std::size_t i = 0; i < 8; ++i) {
    const int r = none.rows[i];
    CHECK(none.labels[i] == train.target[static_cast<std::size_t>(r)]);
    for (int j = 0; j < 64; ++j) {
      CHECK(none.images[i * 64 + static_cast<std::size_t>(j)] ==
            Approx(train.raw(r, j)).margin(1e-4));
      CHECK(none.inputs[i * 64 + static_cast<std::size_t>(j)] ==
            Approx(train.x(r, j)).margin(1e-5));
    }
  }

  spec.training.augmentShift = 2;
  Trainer shifted(spec);
  const AugmentedBatch s = shifted.augmentedBatch(8, 5);
  CHECK(s.rows == none.rows);  // the same seed picks the same rows
  bool moved = false;
  for (std::size_t i = 0; i < 8; ++i) {
    const ImageTransform& tr = s.transforms[i];
    CHECK(std::abs(tr.dx) <= 2);
    CHECK(std::abs(tr.dy) <= 2);
    moved = moved || tr.dx != 0 || tr.dy != 0;
    const int r = s.rows[i];
    for (int y = 0; y < 8; ++y)
      for (int x = 0; x < 8; ++x) {
        const int sy = y - tr.dy, sx = x - tr.dx;  // content moves right by dx, down by dy
        const double want =
            (sy < 0 || sy >= 8 || sx < 0 || sx >= 8) ? 0.0 : train.raw(r, sy * 8 + sx);
        CHECK(s.images[i * 64 + static_cast<std::size_t>(y * 8 + x)] == Approx(want).margin(1e-4));
      }
  }
  CHECK(moved);
  CHECK_THROWS_WITH(shifted.augmentedBatch(0, 1), Catch::Contains("augmentedBatch(count)"));
}

TEST_CASE("The confusion matrix counts the split's rows and its diagonal is the accuracy",
          "[train][cnn]") {
  Trainer t(tinyCnn());
  t.runSteps(30);
  int classes = 0;
  const std::vector<long> counts = t.confusionMatrix(Split::Test, classes);
  REQUIRE(classes == 10);
  REQUIRE(counts.size() == 100);
  const Dataset& test = t.splitData().test;
  // Row sums are the true class counts.
  for (int c = 0; c < 10; ++c) {
    long row = 0;
    for (int p = 0; p < 10; ++p) row += counts[static_cast<std::size_t>(c * 10 + p)];
    long truth = 0;
    for (float y : test.target) truth += static_cast<int>(y) == c;
    CHECK(row == truth);
  }
  long diagonal = 0;
  for (int c = 0; c < 10; ++c) diagonal += counts[static_cast<std::size_t>(c * 11)];
  CHECK(static_cast<double>(diagonal) / static_cast<double>(test.rows()) ==
        Approx(t.evaluate(Split::Test).accuracy).margin(1e-12));

  ExperimentSpec regression;
  regression.data.kind = "diabetes";
  Trainer r(regression);
  CHECK_THROWS_WITH(r.confusionMatrix(Split::Test, classes), Catch::Contains("classification"));
}

}  // namespace engine
