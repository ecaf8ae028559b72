// Loads the engine once, in the worker: the WASM SIMD build where the browser has WASM SIMD,
// the baseline build elsewhere (older Safari). The glue is imported lazily so only one build is
// fetched, and locateFile hands it the .wasm URL Vite emitted, which the glue fetches and
// compiles by streaming (WebAssembly.instantiateStreaming). Both builds use WebAssembly
// exception handling; a browser without it gets a message naming the versions that have it.
import { exceptions as hasExceptions, simd as hasSimd } from 'wasm-feature-detect';
import simdWasmUrl from './wasm/engine-simd-web.wasm?url';
import baseWasmUrl from './wasm/engine-base-web.wasm?url';
import type { CreateEngine, EngineModule } from './engine-api';

interface LoadedEngine {
  engine: EngineModule;
  simd: boolean;
}

export async function loadEngine(): Promise<LoadedEngine> {
  if (!(await hasExceptions()))
    throw new Error(
      'this browser lacks WebAssembly exception handling: Chrome or Edge 95, Firefox 100, Safari 15.2 or newer can run the playground',
    );
  const simd = await hasSimd();
  const glue: { default: CreateEngine } = simd
    ? await import('./wasm/engine-simd-web.mjs')
    : await import('./wasm/engine-base-web.mjs');
  const wasmUrl = simd ? simdWasmUrl : baseWasmUrl;
  const engine = await glue.default({
    locateFile: (path: string, prefix: string) =>
      path.endsWith('.wasm') ? wasmUrl : prefix + path,
  });
  return { engine, simd };
}
