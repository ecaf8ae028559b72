// The worked example of the docs (docs/cnn.md): the digits CNN trained on 10% of its training
// split overfits; DropBlock, weight decay and augmentation together raise its test accuracy.
// The numbers the docs quote are the ones this test prints.
#include <catch2/catch.hpp>

#include <cstdio>

#include "train/trainer.hpp"

namespace engine {
namespace {

ExperimentSpec digitsCnn(std::uint32_t seed, bool regularized) {
  ExperimentSpec spec;
  spec.seed = seed;
  spec.data.kind = "digits";
  spec.data.valFraction = 0.0;
  spec.data.testFraction = 0.3;
  spec.data.trainFraction = 0.1;
  LayerSpec conv1;
  conv1.kind = "conv";
  conv1.channels = 16;
  conv1.kernel = 3;
  conv1.padding = 1;
  conv1.activation = "relu";
  LayerSpec pool;
  pool.kind = "maxPool";
  pool.size = 2;
  LayerSpec conv2 = conv1;
  conv2.channels = 32;
  LayerSpec flatten;
  flatten.kind = "flatten";
  spec.model.hidden = {conv1, pool, conv2, flatten};
  spec.model.init = "heUniform";
  spec.optimizer.kind = "adamw";
  spec.optimizer.lr = 0.003;
  spec.optimizer.weightDecay = 0.0;
  spec.training.batchSize = 16;
  spec.training.recordEvery = 100000;
  if (regularized) {
    spec.model.hidden[0].dropBlock = 0.2;  // on the 16×8×8 maps
    spec.model.hidden[0].blockSize = 3;
    spec.model.hidden[2].dropBlock = 0.3;  // on the 32×4×4 maps
    spec.model.hidden[2].blockSize = 3;
    spec.model.dropBlockRampSteps = 300;
    spec.optimizer.weightDecay = 0.1;
    spec.training.augmentShift = 1;
    spec.training.augmentRotation = 10.0;
  }
  return spec;
}

struct Outcome {
  double trainAccuracy, testAccuracy;
};

Outcome train(std::uint32_t seed, bool regularized, long steps) {
  Trainer t(digitsCnn(seed, regularized));
  t.runSteps(steps);
  return {t.evaluate(Split::Train).accuracy, t.evaluate(Split::Test).accuracy};
}

}  // namespace

TEST_CASE("On 10% of the digits, DropBlock + weight decay + augmentation beat the plain CNN",
          "[train][cnn][example]") {
  const long steps = 1000;
  double plainSum = 0.0, regularizedSum = 0.0;
  for (std::uint32_t seed : {1u, 2u, 3u}) {
    const Outcome plain = train(seed, false, steps);
    const Outcome regularized = train(seed, true, steps);
    std::printf("seed %u: plain train %.3f test %.3f | regularized train %.3f test %.3f\n", seed,
                plain.trainAccuracy, plain.testAccuracy, regularized.trainAccuracy,
                regularized.testAccuracy);
    CHECK(plain.trainAccuracy == 1.0);  // the plain CNN fits its 10% exactly: it overfits
    CHECK(regularized.testAccuracy > plain.testAccuracy);
    plainSum += plain.testAccuracy;
    regularizedSum += regularized.testAccuracy;
  }
  std::printf("mean test accuracy: plain %.3f, regularized %.3f\n", plainSum / 3,
              regularizedSum / 3);
  CHECK(regularizedSum / 3 > plainSum / 3 + 0.01);
}

}  // namespace engine
