// The training worker: loads the engine, then hands every message to the worker core
// (worker-core.ts). Messages that arrive while the engine loads wait in order. A trap inside
// the engine (WebAssembly RuntimeError, abort) is reported as fatal: the page then replaces
// this worker.
import { loadEngine } from '../engine/load-engine';
import { ensureDataSet } from './data-files';
import { errorMessage } from './run-loop';
import type { FromWorker, ToWorker } from './protocol';
import { WorkerCore } from './worker-core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let core: WorkerCore | null = null;
let dead = false;
const queue: ToWorker[] = [];

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  scope.postMessage(message, transfer);
}

function dispatch(msg: ToWorker): void {
  if (dead) return;
  if (core) core.handle(msg);
  else queue.push(msg);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  // The browser tests' build (vite --mode test) can make the worker crash as a real crash
  // would: an exception outside every handler. Production builds drop this branch.
  if (import.meta.env.MODE === 'test' && (event.data as { type: string }).type === 'test:crash') {
    setTimeout(() => {
      throw new Error('worker crash requested');
    }, 0);
    return;
  }
  dispatch(event.data);
};

loadEngine()
  .then(({ engine, simd }) => {
    core = new WorkerCore(engine, {
      post,
      schedule: (fn) => setTimeout(fn, 0),
      now: () => performance.now(),
      ensureDataSet,
      fatal: () => {
        dead = true;
      },
    });
    post({ type: 'ready', simd, version: engine.version() });
    for (const msg of queue.splice(0)) dispatch(msg);
  })
  .catch((e: unknown) => {
    dead = true;
    post({
      type: 'error',
      runId: null,
      message: `engine failed to load: ${errorMessage(e)}`,
      recoverable: false,
    });
  });
