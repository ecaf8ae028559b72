// Types of the Emscripten ES-module glue that `npm run build:wasm` writes next to this file.
declare module '*/engine-simd-web.mjs' {
  import type { CreateEngine } from './engine-api';
  const createEngine: CreateEngine;
  export default createEngine;
}
declare module '*/engine-base-web.mjs' {
  import type { CreateEngine } from './engine-api';
  const createEngine: CreateEngine;
  export default createEngine;
}
