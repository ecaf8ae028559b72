#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine (run as root): Debian's
# toolchain packages, a Node.js the web toolchain supports (scripts/node-env.sh), then exactly
# the npm packages of package-lock.json (`npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."

# python3-torch and python3-sklearn: the "Export as PyTorch" proof runs the exported scripts
# (tests/web/export-pytorch-proof.test.ts); with CI set, that test fails without them.
packages=(cmake g++ make emscripten libeigen3-dev catch2 nlohmann-json3-dev chromium
  clang-14 libfuzzer-14-dev libclang-rt-14-dev clang-format nodejs npm python3-torch
  python3-sklearn)
missing=()
for p in "${packages[@]}"; do
  # node and npm may come from elsewhere than Debian; only install them when absent.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -q
  # With recommends: Chromium takes its fonts and software-rendering libraries from them.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

source scripts/node-env.sh

# The lock lists every platform's optional packages (rollup's native builds), so `npm ci`
# installs exactly what it names and never rewrites it.
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
