// The random streams of a run, one per purpose, all derived from the spec's seed: turning on
// dropout never changes the batch order or the initial weights, and so on. The data has its
// own two streams (data/make_data.hpp).
#pragma once

#include <cstdint>

namespace engine {

constexpr std::uint64_t kInitStream = 0x1417;
constexpr std::uint64_t kShuffleStream = 0x5eed;
constexpr std::uint64_t kDropoutStream = 0xd209;
constexpr std::uint64_t kAugmentStream = 0xa06e;
// The pictures of a CNN (Trainer::featureMaps): their dropout masks, drawn from a seed the
// caller gives, never from the run's own dropout stream.
constexpr std::uint64_t kViewStream = 0x7157;

}  // namespace engine
