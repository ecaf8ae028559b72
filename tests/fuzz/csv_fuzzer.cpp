// libFuzzer target: the CSV parser (uploads and pasted tables) on arbitrary bytes. It either
// returns a table of finite numbers whose shape matches its header, or throws
// std::invalid_argument with a message: no crash, hang, other exception or unbounded
// allocation (enforced by the run's -rss_limit_mb and -timeout). In a table, a column of text
// labels has 1 to 1000 distinct, sorted categories of at most 200 bytes, each used by some row,
// and its values are the integers 0..K−1; a numeric column has no categories.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const engine::CsvTable table = engine::parseCsv(text, 1000);
    const engine::Matrix& v = table.values;
    if (static_cast<std::size_t>(v.cols()) != table.columns.size()) std::abort();
    if (table.categories.size() != table.columns.size()) std::abort();
    if (v.rows() < 1 || v.rows() > 1000) std::abort();
    for (engine::Index i = 0; i < v.size(); ++i)
      if (!std::isfinite(v.data()[i])) std::abort();
    for (engine::Index c = 0; c < v.cols(); ++c) {
      const std::vector<std::string>& cats = table.categories[static_cast<std::size_t>(c)];
      if (cats.empty()) continue;  // numeric
      if (cats.size() > engine::kCsvMaxCategories) std::abort();
      for (std::size_t k = 0; k < cats.size(); ++k) {
        if (cats[k].empty() || cats[k].size() > engine::kCsvMaxLabelBytes) std::abort();
        if (k > 0 && !(cats[k - 1] < cats[k])) std::abort();  // sorted, distinct
      }
      std::vector<bool> used(cats.size(), false);
      for (engine::Index r = 0; r < v.rows(); ++r) {
        const double x = static_cast<double>(v(r, c));
        if (x != std::floor(x) || x < 0 || x >= static_cast<double>(cats.size())) std::abort();
        used[static_cast<std::size_t>(x)] = true;
      }
      for (bool u : used)
        if (!u) std::abort();
    }
  } catch (const std::invalid_argument& e) {
    if (std::string(e.what()).empty()) std::abort();
  }
  return 0;
}
