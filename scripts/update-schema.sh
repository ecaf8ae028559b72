#!/usr/bin/env bash
# Regenerates web/src/spec/spec-schema.json from the engine's schema table (after a change to
# engine/spec/). tests/node checks that the WASM engine's describe() equals the shipped file.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build/native --target describe_spec -j"$(nproc)"
build/native/describe_spec |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(s),null,2)+"\n"))' \
  > web/src/spec/spec-schema.json
echo "web/src/spec/spec-schema.json updated"
