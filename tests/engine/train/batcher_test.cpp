#include <catch2/catch.hpp>

#include <algorithm>

#include "train/batcher.hpp"

namespace engine {

TEST_CASE("Every epoch visits each sample once, the last batch may be short", "[batcher]") {
  Batcher b(23, 5, true, Rng(1));
  CHECK(b.stepsPerEpoch() == 5);
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::vector<int> seen;
    std::vector<std::size_t> sizes;
    for (int s = 0; s < 5; ++s) {
      const auto& batch = b.next();
      sizes.push_back(batch.size());
      seen.insert(seen.end(), batch.begin(), batch.end());
      CHECK(b.epochEnded() == (s == 4));
    }
    CHECK(sizes == std::vector<std::size_t>{5, 5, 5, 5, 3});
    std::sort(seen.begin(), seen.end());
    for (int i = 0; i < 23; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
  }
}

TEST_CASE("Shuffling draws a new order each epoch, a fixed order is 0..n-1", "[batcher]") {
  Batcher shuffled(10, 10, true, Rng(2));
  const std::vector<int> first = shuffled.next();
  const std::vector<int> second = shuffled.next();
  CHECK(first != second);
  Batcher fixed(10, 4, false, Rng(2));
  CHECK(fixed.next() == std::vector<int>{0, 1, 2, 3});
  CHECK(fixed.next() == std::vector<int>{4, 5, 6, 7});
  CHECK(fixed.next() == std::vector<int>{8, 9});
  CHECK(fixed.next() == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("Batch size 0 or above n means one full batch", "[batcher]") {
  Batcher full(7, 0, true, Rng(3));
  CHECK(full.next().size() == 7);
  CHECK(full.epochEnded());
  Batcher big(7, 100, true, Rng(3));
  CHECK(big.stepsPerEpoch() == 1);
  CHECK_THROWS_WITH(Batcher(0, 5, true, Rng(3)), Catch::Contains("empty"));
}

}  // namespace engine
