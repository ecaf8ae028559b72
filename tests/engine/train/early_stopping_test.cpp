#include <catch2/catch.hpp>

#include "train/early_stopping.hpp"

namespace engine {

TEST_CASE("Early stopping waits `patience` epochs after the last improvement", "[early-stopping]") {
  EarlyStopping es(3, 0.0);
  CHECK_FALSE(es.observe(1.0, 1));
  CHECK(es.isNewBest());
  CHECK_FALSE(es.observe(0.8, 2));
  CHECK_FALSE(es.observe(0.9, 3));
  CHECK_FALSE(es.isNewBest());
  CHECK_FALSE(es.observe(0.85, 4));
  CHECK(es.observe(0.81, 5));  // third epoch without beating 0.8
  CHECK(es.bestLoss() == 0.8);
  CHECK(es.bestEpoch() == 2);
}

TEST_CASE("An improvement smaller than minDelta does not count", "[early-stopping]") {
  EarlyStopping es(2, 0.1);
  es.observe(1.0, 1);
  CHECK_FALSE(es.observe(0.95, 2));
  CHECK_FALSE(es.isNewBest());
  CHECK(es.observe(0.93, 3));
  EarlyStopping again(2, 0.1);
  again.observe(1.0, 1);
  again.observe(0.85, 2);
  CHECK(again.isNewBest());
  CHECK(again.wait() == 0);
}

}  // namespace engine
