// A spec written as JSON in a golden file (the same camelCase object the JS API takes), read
// by the engine's own spec reader, so the native tests and the WASM tests use one spec.
#pragma once

#include <nlohmann/json.hpp>

#include "spec/json_input.hpp"

namespace engine::test {

inline ExperimentSpec specFromJson(const nlohmann::json& obj) { return readSpec(JsonInput(obj)); }

}  // namespace engine::test
