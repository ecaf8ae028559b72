#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine (run as root):
# Debian's toolchain packages, then the npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make emscripten libeigen3-dev catch2 nlohmann-json3-dev chromium nodejs npm)
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

# `npm install`, not `npm ci`: the registry this project is built from serves only the Linux
# builds of rollup's optional per-platform packages, so the lock cannot list the others and
# `npm ci` refuses it. With the lock present, `npm install` keeps every locked version.
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund
fi
