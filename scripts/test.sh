#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian 12 machine (as root), installing what is
# missing first:
#   0. formatting (clang-format, Prettier)
#   1. native engine: Catch2 unit tests, gradient checks and PyTorch / scikit-learn goldens
#      (CTest), in Release and again in Debug under AddressSanitizer + UndefinedBehaviorSanitizer
#      with Eigen's asserts on; a bounded libFuzzer run of the spec reader and the CSV parser
#   2. WASM engine in Node: the API against its TypeScript declaration, native/WASM agreement,
#      the PyTorch goldens again, errors as JS Errors, the benchmark smoke run
#   3. web: type check, Vitest unit tests, then the built site in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
source scripts/node-env.sh

# Each phase prints the seconds spent so far, so the budget (about 30 minutes on 2 cores) is
# visible in every log.
phase() { echo "== $1 == (${SECONDS} s)"; }

phase "formatting"
bash scripts/check-format.sh

phase "native engine"
bash scripts/build-native.sh
ctest --test-dir build/native --output-on-failure -j"$(nproc)"

phase "native engine under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DENGINE_SANITIZE=ON >/dev/null
cmake --build build/asan -j"$(nproc)" --target engine_tests engine_gradchecks
ctest --test-dir build/asan --output-on-failure -j"$(nproc)"

phase "fuzzing the parsers"
bash scripts/fuzz.sh

phase "WASM engine"
bash scripts/build-wasm.sh
build/native/reference_run tests/golden/reference_scenario.json build/native/reference_run.json
node --test tests/node/*.test.mjs

phase "web"
npm run --silent typecheck
npx vitest run
npm run --silent build:test
npm run --silent test:browser
phase "all passed"
