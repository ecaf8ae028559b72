// Loads the Node build of the WASM engine (build/wasm, made by scripts/build-wasm.sh).
// The binary is passed in: under Node 20 the em++ 3.1.6 glue would try fetch() on a file path.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = fileURLToPath(new URL('../../', import.meta.url));

export async function loadEngine(variant = 'simd') {
  const base = `${root}build/wasm/engine-${variant}-node`;
  const createEngine = require(`${base}.cjs`);
  return createEngine({ wasmBinary: readFileSync(`${base}.wasm`) });
}

export function readJson(relativePath) {
  return JSON.parse(readFileSync(`${root}${relativePath}`, 'utf8'));
}

// |a − b| ≤ rel · max(1, |b|), element by element, with the first mismatches in the message.
export function assertClose(assert, actual, expected, rel, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const bad = [];
  for (let i = 0; i < expected.length; i++) {
    const tol = rel * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tol))
      bad.push(`[${i}] got ${actual[i]} want ${expected[i]}`);
  }
  assert.ok(bad.length === 0, `${what}: ${bad.length} differ\n  ${bad.slice(0, 5).join('\n  ')}`);
}
