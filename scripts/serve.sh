#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds the engine and the site, and serves the
# playground at http://localhost:${PORT:-8080}/ (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
source scripts/node-env.sh
bash scripts/build-wasm.sh
npm run --silent build
echo "Serving the playground at http://localhost:${PORT:-8080}/"
exec npx vite preview web --host 0.0.0.0 --port "${PORT:-8080}" --strictPort
