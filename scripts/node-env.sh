# Sourced by the other scripts: makes `node`, `npm` and `npx` a Node.js the web toolchain runs on.
# Vite 7 needs Node 20.19 or later; Debian 12 ships 18.20. When the Node on PATH is older (or
# missing), the npm registry's own Node build (the `node` package) is installed into build/node
# and put first on PATH, for the project's scripts only. Needs Debian's npm (install-deps.sh).
kNodeMinimum=20.19.0
kNodeBundled=22.23.3
kNodePrefix="$PWD/build/node"

node_version_ok() {
  # $1: a node binary. True when its version is at least kNodeMinimum.
  "$1" -e '
    const [a, b, c] = process.versions.node.split(".").map(Number);
    const [x, y, z] = process.argv[1].split(".").map(Number);
    process.exit(a !== x ? (a > x ? 0 : 1) : b !== y ? (b > y ? 0 : 1) : c >= z ? 0 : 1);
  ' "$kNodeMinimum" 2>/dev/null
}

if [[ -x $kNodePrefix/node_modules/.bin/node ]] && node_version_ok "$kNodePrefix/node_modules/.bin/node"; then
  export PATH="$kNodePrefix/node_modules/.bin:$PATH"
elif ! command -v node >/dev/null || ! node_version_ok "$(command -v node)"; then
  found=$(command -v node >/dev/null && node --version || echo "none")
  echo "Node.js on PATH: $found; the web toolchain (Vite 7) needs $kNodeMinimum or later."
  echo "Installing Node.js $kNodeBundled from the npm registry into build/node (used by this project's scripts only)."
  mkdir -p "$kNodePrefix"
  npm install --prefix "$kNodePrefix" --no-save --no-audit --no-fund --loglevel=error "node@$kNodeBundled"
  export PATH="$kNodePrefix/node_modules/.bin:$PATH"
  if ! node_version_ok "$(command -v node)"; then
    echo "error: could not install a Node.js of version $kNodeMinimum or later" >&2
    exit 1
  fi
  echo "Using Node.js $(node --version) from build/node."
fi
