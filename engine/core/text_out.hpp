// A string builder with the << of std::ostringstream for the engine's messages and JSON: text,
// integers, and doubles as %g (what a default ostream prints). The engine does not use
// iostreams: <sstream> pulls the whole locale machinery (money, time and codecvt facets, about
// 130 KB) into the WebAssembly download. scripts/check-format.sh keeps iostreams out.
#pragma once

#include <cstdio>
#include <string>
#include <type_traits>

namespace engine {

class TextOut {
 public:
  TextOut& operator<<(const std::string& s) {
    text_ += s;
    return *this;
  }
  TextOut& operator<<(const char* s) {
    text_ += s;
    return *this;
  }
  TextOut& operator<<(char c) {
    text_ += c;
    return *this;
  }
  template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  TextOut& operator<<(T v) {
    text_ += std::to_string(v);
    return *this;
  }
  TextOut& operator<<(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    text_ += buffer;
    return *this;
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace engine
