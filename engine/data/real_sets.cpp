#include "data/real_sets.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

namespace {

const detail::EmbeddedCsv& entry(const std::string& kind) {
  for (int i = 0; i < detail::kEmbeddedCsvCount; ++i) {
    if (kind == detail::kEmbeddedCsvs[i].kind) return detail::kEmbeddedCsvs[i];
  }
  throw std::invalid_argument("data.kind: \"" + kind +
                              "\" is not a real data set (diabetes, breastCancer, digits)");
}

std::string join(const detail::EmbeddedCsv& e) {
  std::string text;
  text.reserve(static_cast<std::size_t>(e.size));
  for (int i = 0; i < e.chunkCount; ++i) text += e.chunks[i];
  if (static_cast<long>(text.size()) != e.size) {
    throw std::logic_error(std::string("embedded ") + e.file + " has " +
                           std::to_string(text.size()) + " bytes, expected " +
                           std::to_string(e.size));
  }
  return text;
}

Dataset build(const std::string& kind, const char* targetColumn, int numClasses) {
  const CsvTable table = parseCsv(embeddedCsv(kind), 1000000);
  const int t = table.columnIndex(targetColumn);
  if (t < 0) throw std::logic_error("embedded " + kind + " has no column " + targetColumn);
  Dataset d;
  const Index n = table.values.rows();
  const Index p = table.values.cols() - 1;
  d.raw.resize(n, p);
  d.target.resize(static_cast<std::size_t>(n));
  for (Index c = 0, j = 0; c < table.values.cols(); ++c) {
    if (c == t) continue;
    d.raw.col(j) = table.values.col(c);
    d.rawNames.push_back(table.columns[static_cast<std::size_t>(c)]);
    ++j;
  }
  for (Index i = 0; i < n; ++i) {
    const auto y = static_cast<float>(table.values(i, t));
    if (numClasses > 0 && (y != std::floor(y) || y < 0 || y >= static_cast<float>(numClasses))) {
      throw std::logic_error("embedded " + kind + ": label out of range at row " +
                             std::to_string(i));
    }
    d.target[static_cast<std::size_t>(i)] = y;
  }
  d.x = d.raw;
  d.featureNames = d.rawNames;
  d.numClasses = numClasses;
  return d;
}

}  // namespace

bool isRealSet(const std::string& kind) {
  return kind == "diabetes" || kind == "breastCancer" || kind == "digits";
}

const std::string& embeddedCsv(const std::string& kind) {
  // Joined once per set, on first use (function-local statics are initialised thread-safely).
  if (kind == "diabetes") {
    static const std::string text = join(entry("diabetes"));
    return text;
  }
  if (kind == "breastCancer") {
    static const std::string text = join(entry("breastCancer"));
    return text;
  }
  if (kind == "digits") {
    static const std::string text = join(entry("digits"));
    return text;
  }
  entry(kind);  // throws the message naming the allowed sets
  throw std::invalid_argument("data.kind: unknown real data set \"" + kind + "\"");
}

const Dataset& loadRealSet(const std::string& kind) {
  if (kind == "diabetes") {
    static const Dataset d = build("diabetes", "target", 0);
    return d;
  }
  if (kind == "breastCancer") {
    static const Dataset d = build("breastCancer", "malignant", 2);
    return d;
  }
  if (kind == "digits") {
    static const Dataset d = build("digits", "label", 10);
    return d;
  }
  throw std::invalid_argument("data.kind: \"" + kind +
                              "\" is not a real data set (diabetes, breastCancer, digits)");
}

}  // namespace engine
