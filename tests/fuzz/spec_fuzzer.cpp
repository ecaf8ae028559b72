// libFuzzer target: the spec reader on arbitrary bytes, read as JSON text (the form a spec has
// when it reaches the engine through an embedding page or a file). The reader must either
// return a spec that validate() accepts or throw std::invalid_argument: no crash, no hang, no
// other exception, no unbounded allocation (the run's -rss_limit_mb and -timeout enforce it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "spec/json_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const engine::ExperimentSpec spec = engine::readSpecJson(text);
    if (!engine::validate(spec).empty()) std::abort();  // accepted, so it must be valid
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
