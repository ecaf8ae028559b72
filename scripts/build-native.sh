#!/usr/bin/env bash
# Builds the native engine, its Catch2 tests and the benchmark driver.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release
cmake --build build/native -j"$(nproc)"
