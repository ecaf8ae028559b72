#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian 12 machine (as root), installing what is
# missing first:
#   1. native engine: Catch2 unit tests, gradient checks and PyTorch / scikit-learn goldens (CTest)
#   2. WASM engine in Node: the API against its TypeScript declaration, native/WASM agreement,
#      the PyTorch goldens again, errors as JS Errors, the benchmark smoke run
#   3. web: type check, Vitest unit tests, then the built site in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
source scripts/node-env.sh

echo "== native engine =="
bash scripts/build-native.sh
ctest --test-dir build/native --output-on-failure -j"$(nproc)"

echo "== WASM engine =="
bash scripts/build-wasm.sh
node --test tests/node/

echo "== web =="
npm run --silent typecheck
npx vitest run
npm run --silent build:test
npm run --silent test:browser
