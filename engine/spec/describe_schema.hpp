// The engine's facts as one JSON document, for the web app (web/src/spec/spec-schema.json) and
// tests: every spec field (type, range, default, effect of a change, when it matters), the layer
// fields, the cross-field rules, the data kinds and their families, the metric columns and the
// size limits. The engine's describe() returns it; scripts/update-schema.sh ships it.
#pragma once

#include <string>

namespace engine {

std::string describeJson();

}  // namespace engine
