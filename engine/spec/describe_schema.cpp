#include "spec/describe_schema.hpp"
#include "core/text_out.hpp"

#include "data/data_kinds.hpp"
#include "data/real_sets.hpp"
#include "metrics/metric_columns.hpp"
#include "spec/cross_field_rules.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string jsonStrings(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + jsonString(list[i]);
  return out + "]";
}

const char* typeName(FieldType t) {
  switch (t) {
    case FieldType::Number: return "number";
    case FieldType::Integer: return "integer";
    case FieldType::Boolean: return "boolean";
    case FieldType::Enum: return "enum";
    case FieldType::StringList: return "stringList";
  }
  return "number";
}

const char* effectName(FieldEffect e) {
  switch (e) {
    case FieldEffect::Live: return "live";
    case FieldEffect::NewState: return "newState";
    case FieldEffect::Rebuild: return "rebuild";
  }
  return "live";
}

const char* opName(Condition::Op op) {
  switch (op) {
    case Condition::Op::OneOf: return "oneOf";
    case Condition::Op::NoneOf: return "noneOf";
    case Condition::Op::IsTrue: return "isTrue";
    case Condition::Op::Positive: return "positive";
    case Condition::Op::NotPositive: return "notPositive";
    case Condition::Op::AnyLayerOneOf: return "anyLayerOneOf";
    case Condition::Op::AnyLayerIsTrue: return "anyLayerIsTrue";
  }
  return "oneOf";
}

std::string conditions(const std::vector<Condition>& list) {
  TextOut os;
  os << "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Condition& c = list[i];
    os << (i ? "," : "") << "{\"op\":\"" << opName(c.op) << "\",\"path\":" << jsonString(c.path);
    if (!c.values.empty()) os << ",\"values\":" << jsonStrings(c.values);
    os << "}";
  }
  os << "]";
  return os.str();
}

void appendFields(TextOut& os, const std::vector<FieldDesc>& fields, const void* defaults) {
  os << "[";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FieldDesc& f = fields[i];
    if (i) os << ",";
    os << "{\"path\":" << jsonString(f.path) << ",\"type\":\"" << typeName(f.type) << "\"";
    if (f.type == FieldType::Number || f.type == FieldType::Integer) {
      os << ",\"min\":" << jsonNumber(f.min) << ",\"max\":" << jsonNumber(f.max)
         << ",\"minExclusive\":" << (f.minExclusive ? "true" : "false")
         << ",\"maxExclusive\":" << (f.maxExclusive ? "true" : "false")
         << ",\"default\":" << jsonNumber(f.getNumber(defaults));
    } else if (f.type == FieldType::Boolean) {
      os << ",\"default\":" << (f.getNumber(defaults) != 0.0 ? "true" : "false");
    } else {
      os << ",\"options\":" << jsonStrings(f.options);
      if (f.type == FieldType::Enum) {
        os << ",\"default\":" << jsonString(f.getString(defaults));
      } else {
        os << ",\"minItems\":" << jsonNumber(f.min)
           << ",\"default\":" << jsonStrings(f.getList(defaults));
      }
    }
    os << ",\"effect\":\"" << effectName(f.effect) << "\"";
    if (!f.relevantWhen.empty()) os << ",\"relevantWhen\":" << conditions(f.relevantWhen);
    os << ",\"doc\":" << jsonString(f.doc) << "}";
  }
  os << "]";
}

const char* combineName(CrossFieldRule::Combine c) {
  return c == CrossFieldRule::Combine::Sum ? "sum" : "product";
}

const char* relationName(CrossFieldRule::Relation r) {
  switch (r) {
    case CrossFieldRule::Relation::AtMost: return "atMost";
    case CrossFieldRule::Relation::Above: return "above";
    case CrossFieldRule::Relation::Equals: return "equals";
  }
  return "atMost";
}

void appendRules(TextOut& os) {
  os << "[";
  const auto& rules = crossFieldRules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const CrossFieldRule& r = rules[i];
    os << (i ? "," : "") << "{\"id\":" << jsonString(r.id) << ",\"when\":" << conditions(r.when)
       << ",\"terms\":" << jsonStrings(r.terms) << ",\"combine\":\"" << combineName(r.combine)
       << "\",\"relation\":\"" << relationName(r.relation) << "\"";
    if (r.boundPath.empty())
      os << ",\"bound\":" << jsonNumber(r.bound);
    else
      os << ",\"boundPath\":" << jsonString(r.boundPath);
    if (!r.boundPath.empty() && r.boundOffset != 0.0)
      os << ",\"boundOffset\":" << jsonNumber(r.boundOffset);
    os << ",\"fix\":{\"path\":" << jsonString(r.fixPath) << ",\"kind\":\""
       << (r.fix == CrossFieldRule::Fix::Clamp ? "clamp" : "set") << "\"";
    if (r.fix == CrossFieldRule::Fix::Set) os << ",\"value\":" << jsonNumber(r.fixValue);
    os << "},\"message\":" << jsonString(r.message) << "}";
  }
  os << "]";
}

}  // namespace

std::string describeJson() {
  ExperimentSpec spec;
  LayerSpec layer;
  TextOut os;
  os << "{\"version\":1,\"fields\":";
  appendFields(os, specFields(), &spec);
  os << ",\"layerFields\":";
  appendFields(os, layerFields(), &layer);
  os << ",\"defaultHidden\":" << spec.model.hidden.size();
  os << ",\"rules\":";
  appendRules(os);
  os << ",\"dataKinds\":[";
  for (std::size_t i = 0; i < dataKinds().size(); ++i) {
    const DataKindDesc& d = dataKinds()[i];
    os << (i ? "," : "") << "{\"kind\":" << jsonString(d.kind) << ",\"family\":\""
       << dataFamilyName(d.family) << "\"";
    if (d.family == DataFamily::Real) os << ",\"file\":" << jsonString(realSet(d.kind).file);
    os << "}";
  }
  os << "],\"metrics\":[";
  const auto& metrics = metricColumns();
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    os << (i ? "," : "") << "{\"name\":" << jsonString(metrics[i].name)
       << ",\"perLayer\":" << (metrics[i].perLayer ? "true" : "false")
       << ",\"doc\":" << jsonString(metrics[i].doc) << "}";
  }
  os << "],\"limits\":{\"maxHiddenLayers\":" << SpecLimits::kMaxHiddenLayers
     << ",\"maxSamples\":" << SpecLimits::kMaxSamples
     << ",\"maxParameters\":" << SpecLimits::kMaxParameters
     << ",\"maxDataValues\":" << SpecLimits::kMaxDataValues << "}}";
  return os.str();
}

}  // namespace engine
