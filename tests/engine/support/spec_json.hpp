// Reads an experiment spec written as JSON (the same camelCase object the JS API takes) into
// ExperimentSpec through the schema table, so golden files can hold one spec that both the
// native tests and the WASM tests use. Unknown keys fail the test.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "engine/support/golden.hpp"
#include "spec/spec_schema.hpp"

namespace engine::test {

inline void applyJsonFields(const nlohmann::json& obj, const std::string& prefix,
                            const std::vector<FieldDesc>& fields, void* owner,
                            ExperimentSpec* spec) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (path == "model.hidden" && spec) {
      spec->model.hidden.clear();
      for (const auto& layer : it.value()) {
        LayerSpec l;
        applyJsonFields(layer, "", layerFields(), &l, nullptr);
        spec->model.hidden.push_back(l);
      }
      continue;
    }
    const FieldDesc* field = nullptr;
    for (const FieldDesc& f : fields)
      if (f.path == path) field = &f;
    if (!field) {
      INFO("spec key " << path);
      REQUIRE(it.value().is_object());
      applyJsonFields(it.value(), path, fields, owner, spec);
      continue;
    }
    switch (field->type) {
      case FieldType::Boolean: field->setNumber(owner, it.value().get<bool>() ? 1.0 : 0.0); break;
      case FieldType::Number:
      case FieldType::Integer: field->setNumber(owner, it.value().get<double>()); break;
      case FieldType::Enum: field->setString(owner, it.value().get<std::string>()); break;
      case FieldType::StringList:
        field->setList(owner, it.value().get<std::vector<std::string>>());
        break;
    }
  }
}

inline ExperimentSpec specFromJson(const nlohmann::json& obj) {
  ExperimentSpec spec;
  applyJsonFields(obj, "", specFields(), &spec, &spec);
  return spec;
}

}  // namespace engine::test
