// The page's end of the protocol: starts the training worker, sends typed messages, and hands
// frames to the page once per animation frame (several frames that arrived in between are
// applied together), acknowledging them so the worker may compute the next ones. A worker that
// throws outside its handlers, fails to load, or stops answering is reported as dead; the
// caller restarts it (terminate, new worker, send the runs again).
import type { FromWorker, RunFrame, ToWorker } from './protocol';

export interface WorkerEvents {
  message(msg: Exclude<FromWorker, { type: 'frame' }>): void;
  frames(frames: RunFrame[][], playing: boolean): void;
  died(reason: string): void;
}

// What the controller needs of a worker: a fake one stands in for it in unit tests.
export interface WorkerPort {
  start(): void;
  stop(): void;
  send(msg: ToWorker, transfer?: Transferable[]): void;
}

export class WorkerClient implements WorkerPort {
  private worker: Worker | null = null;
  private pending: { seq: number; runs: RunFrame[]; playing: boolean }[] = [];
  private rafId = 0;
  private generation = 0;

  constructor(private readonly events: WorkerEvents) {}

  start(): void {
    this.stop();
    const generation = ++this.generation;
    const worker = new Worker(new URL('./training.worker.ts', import.meta.url), {
      type: 'module',
      name: 'training',
    });
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (generation !== this.generation) return;
      const msg = event.data;
      if (msg.type === 'frame') {
        this.pending.push({ seq: msg.seq, runs: msg.runs, playing: msg.playing });
        this.schedule();
      } else {
        // Messages keep their order: frames that arrived before this one are applied first.
        this.flush();
        this.events.message(msg);
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (generation !== this.generation) return;
      this.events.died(event.message || 'the training worker stopped');
    };
    worker.onmessageerror = () => {
      if (generation === this.generation)
        this.events.died('a message from the worker was unreadable');
    };
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending = [];
    if (this.rafId) cancelAnimationFrame(this.rafId);
    this.rafId = 0;
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(msg, transfer);
  }

  private schedule(): void {
    if (this.rafId) return;
    this.rafId = requestAnimationFrame(() => {
      this.rafId = 0;
      this.flush();
    });
  }

  private flush(): void {
    if (this.rafId) cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    const last = batch[batch.length - 1]!;
    this.events.frames(
      batch.map((b) => b.runs),
      last.playing,
    );
    this.send({ type: 'ack', seq: last.seq });
  }
}
