#include "spec/field_desc.hpp"
#include "core/text_out.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace engine {

std::string jsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  // Integers as integers ("10", not "1e+01"); others in the fewest digits that read back to
  // the same double ("0.1", not "0.10000000000000001").
  if (std::floor(v) == v && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char text[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, v);
    if (std::strtod(text, nullptr) == v) break;
  }
  return text;
}

std::string describeRange(const FieldDesc& f) {
  TextOut os;
  switch (f.type) {
    case FieldType::Boolean: return "must be true or false";
    case FieldType::Enum:
    case FieldType::StringList: {
      os << "must be one of: ";
      for (std::size_t i = 0; i < f.options.size(); ++i) os << (i ? ", " : "") << f.options[i];
      return os.str();
    }
    case FieldType::Integer: os << "must be an integer in "; break;
    case FieldType::Number: os << "must be a number in "; break;
  }
  os << (f.minExclusive ? "(" : "[") << jsonNumber(f.min) << ", " << jsonNumber(f.max)
     << (f.maxExclusive ? ")" : "]");
  return os.str();
}

std::string checkNumber(const FieldDesc& f, double v) {
  bool ok = std::isfinite(v);
  if (ok && f.type == FieldType::Integer) ok = std::floor(v) == v;
  if (ok && f.type == FieldType::Boolean) ok = v == 0.0 || v == 1.0;
  if (ok && f.type != FieldType::Boolean) {
    ok = (f.minExclusive ? v > f.min : v >= f.min) && (f.maxExclusive ? v < f.max : v <= f.max);
  }
  if (ok) return "";
  return f.path + ": " + describeRange(f) + ", got " + jsonNumber(v);
}

}  // namespace engine
