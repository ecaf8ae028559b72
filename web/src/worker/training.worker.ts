// The training worker: loads the engine, then hands every message to the run loop. Messages
// that arrive while the engine loads wait in order. A trap inside the engine (WebAssembly
// RuntimeError, abort) is reported as fatal: the page then replaces this worker.
import type { EngineModule } from '../engine/engine-api';
import { loadEngine } from '../engine/load-engine';
import { ensureDataSet } from './data-files';
import { errorMessage, isFatal, RunLoop } from './run-loop';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let loop: RunLoop | null = null;
let engineModule: EngineModule | null = null;
let dead = false;
const queue: ToWorker[] = [];
// Messages run one after another; one that needs a data file waits for it, and so does every
// message behind it, so the order the page sent them in is kept.
let chain: Promise<void> = Promise.resolve();

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  scope.postMessage(message, transfer);
}

function fail(e: unknown, runId: number | null): void {
  const fatal = isFatal(e);
  if (fatal) dead = true;
  post({ type: 'error', runId, message: errorMessage(e), recoverable: !fatal });
  // Whatever failed mid-tick must not leave the page showing a run that no longer advances.
  if (!fatal) loop?.handle({ type: 'pause' });
}

function handle(msg: ToWorker): void {
  if (dead || !loop) return;
  try {
    loop.handle(msg);
  } catch (e) {
    fail(e, 'runId' in msg ? msg.runId : null);
  }
}

function dispatch(msg: ToWorker): void {
  if (dead) return;
  if (!loop || !engineModule) {
    queue.push(msg);
    return;
  }
  const engine = engineModule;
  chain = chain.then(async () => {
    if (msg.type === 'start' || msg.type === 'configure') {
      try {
        await ensureDataSet(engine, msg.spec);
      } catch (e) {
        post({ type: 'error', runId: msg.runId, message: errorMessage(e), recoverable: true });
        return;
      }
    }
    handle(msg);
  });
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
    engineModule = engine;
    loop = new RunLoop(engine, {
      post,
      schedule: (fn) =>
        setTimeout(() => {
          if (dead) return;
          try {
            fn();
          } catch (e) {
            fail(e, null);
          }
        }, 0),
      now: () => performance.now(),
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
