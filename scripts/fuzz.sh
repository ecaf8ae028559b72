#!/usr/bin/env bash
# Builds the libFuzzer targets (clang 14) of the two parsers that take untrusted input, the spec
# reader and the CSV parser, and runs each for a bounded time from its committed seed corpus
# (tests/fuzz/corpus). New inputs libFuzzer finds go to build/fuzz/, never into the tree; a
# crash, a hang (-timeout) or an allocation past -rss_limit_mb fails the run and leaves the
# input in build/fuzz/ to replay: build/fuzz/<target> <input>.
#   FUZZ_SECONDS (default 30) per target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENGINE_FUZZ=ON \
  -DENGINE_NATIVE_ARCH=OFF -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target spec_fuzzer csv_fuzzer
for target in spec csv; do
  work=build/fuzz/corpus-$target
  mkdir -p "$work"
  echo "fuzzing the $target parser for ${seconds} s"
  build/fuzz/${target}_fuzzer "$work" "tests/fuzz/corpus/$target" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix=build/fuzz/ -print_final_stats=1 2>&1 | tail -n 4
done
