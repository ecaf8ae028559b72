#!/usr/bin/env bash
# Builds the engine to WebAssembly (SIMD and baseline; browser and Node glue) and copies the
# browser files to web/src/engine/wasm/ where the app imports them.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's em++ finds its JavaScript tools (acorn, ...) only through NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [[ ! -f build/wasm/CMakeCache.txt ]]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build/wasm -j"$(nproc)"
mkdir -p web/src/engine/wasm
for variant in simd base; do
  cp "build/wasm/engine-$variant-web.mjs" "build/wasm/engine-$variant-web.wasm" web/src/engine/wasm/
done
echo "WASM engine built: build/wasm/ (Node) and web/src/engine/wasm/ (browser)"
