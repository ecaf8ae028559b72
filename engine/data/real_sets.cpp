#include "data/real_sets.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include "data/csv.hpp"

namespace engine {
namespace {

std::string names() {
  std::string out;
  for (const RealSetDesc& d : realSets()) out += (out.empty() ? "" : ", ") + d.kind;
  return out;
}

Dataset parse(const RealSetDesc& set, const std::string& text) {
  const CsvTable table = parseCsv(text, 1000000);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (table.isCategory(static_cast<int>(c)))
      throw std::invalid_argument(set.kind + ": the column \"" + table.columns[c] +
                                  "\" holds text, not numbers");
  }
  const int t = table.columnIndex(set.targetColumn);
  if (t < 0)
    throw std::invalid_argument(set.kind + ": the table has no column \"" + set.targetColumn +
                                "\"");
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
  const int classes = set.numClasses;
  for (Index i = 0; i < n; ++i) {
    const auto y = static_cast<float>(table.values(i, t));
    if (classes > 0 && (y != std::floor(y) || y < 0 || y >= static_cast<float>(classes))) {
      throw std::invalid_argument(set.kind + ": label out of range at row " +
                                  std::to_string(i + 1));
    }
    d.target[static_cast<std::size_t>(i)] = y;
  }
  d.x = d.raw;
  d.featureNames = d.rawNames;
  d.targetNames = {set.targetColumn};
  d.numClasses = classes;
  return d;
}

// Per kind: the CSV text and the parsed table, once either is asked for.
struct Loaded {
  std::string text;
  std::unique_ptr<Dataset> data;
};
std::map<std::string, Loaded>& loaded() {
  static std::map<std::string, Loaded> table;
  return table;
}

}  // namespace

const std::vector<RealSetDesc>& realSets() {
  static const std::vector<RealSetDesc> sets = {
      {"diabetes", "diabetes.csv", "target", 0},
      {"breastCancer", "breast_cancer.csv", "malignant", 2},
      {"digits", "digits.csv", "label", 10},
  };
  return sets;
}

bool isRealSet(const std::string& kind) {
  for (const RealSetDesc& d : realSets())
    if (d.kind == kind) return true;
  return false;
}

const RealSetDesc& realSet(const std::string& kind) {
  for (const RealSetDesc& d : realSets())
    if (d.kind == kind) return d;
  throw std::invalid_argument("data.kind: \"" + kind.substr(0, 64) + "\" is not a real data set (" +
                              names() + ")");
}

void registerRealSetCsv(const std::string& kind, const std::string& text) {
  const RealSetDesc& set = realSet(kind);
  auto data = std::make_unique<Dataset>(parse(set, text));  // throws before anything changes
  Loaded& entry = loaded()[kind];
  entry.text = text;
  entry.data = std::move(data);
}

bool realSetAvailable(const std::string& kind) {
  return isRealSet(kind) &&
         (loaded().count(kind) || detail::embeddedFile(realSet(kind).file) != nullptr);
}

const std::string& realSetCsv(const std::string& kind) {
  const RealSetDesc& set = realSet(kind);
  auto found = loaded().find(kind);
  if (found != loaded().end()) return found->second.text;
  if (const std::string* embedded = detail::embeddedFile(set.file)) return *embedded;
  throw std::invalid_argument("data.kind: the " + kind + " table is not loaded yet (load " +
                              set.file + " with loadDataSet first)");
}

const Dataset& loadRealSet(const std::string& kind) {
  auto found = loaded().find(realSet(kind).kind);
  if (found == loaded().end() || !found->second.data) {
    registerRealSetCsv(kind, realSetCsv(kind));  // the embedded text, parsed once
    found = loaded().find(kind);
  }
  return *found->second.data;
}

#ifndef ENGINE_EMBEDDED_REAL_SETS
// This build carries no files (the WASM engine): every table comes through registerRealSetCsv.
const std::string* detail::embeddedFile(const std::string&) { return nullptr; }
#endif

}  // namespace engine
