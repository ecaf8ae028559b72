// libFuzzer target: the CSV parser (uploads and pasted tables) on arbitrary bytes. It either
// returns a table of finite numbers whose shape matches its header, or throws
// std::invalid_argument with a message: no crash, hang, other exception or unbounded
// allocation (enforced by the run's -rss_limit_mb and -timeout).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "data/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const engine::CsvTable table = engine::parseCsv(text, 1000);
    if (static_cast<std::size_t>(table.values.cols()) != table.columns.size()) std::abort();
    if (table.values.rows() > 1000) std::abort();
    for (engine::Index i = 0; i < table.values.size(); ++i)
      if (!std::isfinite(table.values.data()[i])) std::abort();
  } catch (const std::invalid_argument& e) {
    if (std::string(e.what()).empty()) std::abort();
  }
  return 0;
}
