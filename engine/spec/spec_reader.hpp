// Reads an experiment spec from untrusted input (a JS object, JSON text) through the schema:
// every key is looked up in the field table, unknown keys and wrong types are errors naming the
// key path, values out of range are errors naming the range, and then the cross-field rules
// run (validate()). Keys not given keep `base`'s values. Bounded work on hostile input: at
// most kMaxKeysPerObject keys per object, kMaxStringLength characters per string, 32 list items.
#pragma once

#include "spec/experiment_spec.hpp"
#include "spec/input_value.hpp"

namespace engine {

constexpr int kMaxKeysPerObject = 256;
constexpr std::size_t kMaxStringLength = 256;

// Throws std::invalid_argument("invalid experiment spec: <error>; <error>") listing every error.
ExperimentSpec readSpec(const InputValue& input, const ExperimentSpec& base = ExperimentSpec{});

}  // namespace engine
