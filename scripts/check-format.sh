#!/usr/bin/env bash
# Fails when a tracked source file is not formatted: C++ by clang-format (.clang-format),
# TypeScript and JavaScript by Prettier (.prettierrc). `npm run format` and
# `clang-format -i <file>` fix them.
# Also one source rule: no iostreams in the engine (engine/core/text_out.hpp says why).
set -euo pipefail
cd "$(dirname "$0")/.."
if git ls-files 'engine/*.cpp' 'engine/*.hpp' | xargs grep -lE '#include <(sstream|iostream|fstream)>'; then
  echo "the engine files above include iostreams: use core/text_out.hpp (the WASM download grows by ~130 KB)"
  exit 1
fi
git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format --dry-run -Werror
npx prettier --check --log-level warn web tests/web tests/browser tests/node bench
echo "formatting: ok"
