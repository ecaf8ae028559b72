// Prints the engine's spec schema (engine::describeJson) so the web app can ship it:
//   the same JSON the WASM engine's describe() returns; tests check the two agree.
#include <iostream>

#include "spec/describe_schema.hpp"

int main() {
  std::cout << engine::describeJson() << "\n";
  return 0;
}
