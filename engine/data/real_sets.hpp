// The real data sets: copies of scikit-learn 1.2's bundled files in data/sets/ (sources and
// licences in data/sets/README.md):
//   diabetes      442 × 10, regression, target column "target" (Efron et al. 2004, raw units)
//   breastCancer  569 × 30, binary, target "malignant" (1 = malignant), UCI WDBC
//   digits        1797 × 64 pixels (0..16), 10 classes, target "label", UCI optdigits
// Native builds embed the files, generated at build time (tools/embed_files.cmake). The WASM
// engine does not, so the page's first download stays small: the page fetches a set's file
// when it is chosen and hands the text to registerRealSetCsv (the JS API's loadDataSet).
#pragma once

#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace engine {

struct RealSetDesc {
  std::string kind;          // data.kind
  std::string file;          // in data/sets/
  std::string targetColumn;  // the column that becomes the target
  int numClasses = 0;        // 0 = regression
};

const std::vector<RealSetDesc>& realSets();
bool isRealSet(const std::string& kind);
const RealSetDesc& realSet(const std::string& kind);  // throws std::invalid_argument

// Makes `text` the CSV of a real set (replacing any earlier one, embedded or registered). The
// text is parsed and checked at once; throws std::invalid_argument when it is not the set's
// table (wrong columns, labels out of range).
void registerRealSetCsv(const std::string& kind, const std::string& text);
// Whether the set's table is available: registered, or embedded in this build.
bool realSetAvailable(const std::string& kind);
// The set's CSV text: registered, else embedded; throws std::invalid_argument naming the fix
// when neither.
const std::string& realSetCsv(const std::string& kind);

// Parsed once and cached: raw = x = the feature columns, target = the target column.
const Dataset& loadRealSet(const std::string& kind);

namespace detail {
// In builds that embed the files (the generated real_sets_embedded.cpp): the bytes of one file
// of data/sets/, or nullptr.
const std::string* embeddedFile(const std::string& file);
}  // namespace detail

}  // namespace engine
