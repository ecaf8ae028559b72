// The engine's Node build (build/wasm, made by scripts/build-wasm.sh), for tests that drive real
// training. ENGINE_WASM_DIR points elsewhere when the build lives in another directory.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CreateEngine, DataKind, EngineModule } from '../../../web/src/engine/engine-api';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = process.env['ENGINE_WASM_DIR'] ?? `${root}build/wasm`;
const base = `${dir}/engine-simd-node`;

export const engineAvailable = existsSync(`${base}.cjs`) && existsSync(`${base}.wasm`);

// Locally the tests that need the engine are skipped until it is built; in CI a missing build
// is an error, not a skip.
if (!engineAvailable && process.env['CI']) {
  throw new Error(
    `the engine's Node build is missing (${base}.cjs): build the WASM engine first (scripts/build-wasm.sh)`,
  );
}

export async function loadNodeEngine(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const create = require(`${base}.cjs`) as CreateEngine;
  return create({ wasmBinary: readFileSync(`${base}.wasm`) });
}

// Hands the engine a real data set's CSV (diabetes, breastCancer, digits) the first time a spec
// needs it, as the page's worker does (web/src/worker/data-files.ts) with a download.
export function ensureDataSet(
  engine: EngineModule,
  spec: { data: { kind: DataKind } },
): Promise<void> {
  const file = engine.describe().dataKinds.find((d) => d.kind === spec.data.kind)?.file;
  if (file && !engine.dataSetLoaded(spec.data.kind))
    engine.loadDataSet(spec.data.kind, readFileSync(`${root}engine/data/sets/${file}`, 'utf8'));
  return Promise.resolve();
}
