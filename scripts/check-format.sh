#!/usr/bin/env bash
# Fails when a tracked source file is not formatted: C++ by clang-format (.clang-format),
# TypeScript and JavaScript by Prettier (.prettierrc). `npm run format` and
# `clang-format -i <file>` fix them.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format --dry-run -Werror
npx prettier --check --log-level warn web tests/web tests/browser tests/node bench
echo "formatting: ok"
