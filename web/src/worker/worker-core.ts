// Everything a training worker does once its engine has loaded, apart from the browser's
// worker plumbing (training.worker.ts), so tests can run it on the engine's Node build: runs go
// to the run loop in the order the page sent them (a message that needs a data file waits for
// it, and so does every message behind it); jobs start at once and run beside the runs, each
// in slices, and a cancel reaches a job between two slices.
import type { EngineModule, ExperimentSpec } from '../engine/engine-api';
import { JobCancelled, runJob } from './jobs';
import type { FromWorker, ToWorker } from './protocol';
import { errorMessage, isFatal, RunLoop } from './run-loop';

export interface CoreHost {
  post(message: FromWorker, transfer: ArrayBuffer[]): void;
  schedule(fn: () => void): void; // setTimeout 0
  now(): number;
  ensureDataSet(engine: EngineModule, spec: ExperimentSpec): Promise<void>;
  fatal(): void; // the engine trapped: this worker must be replaced
}

export class WorkerCore {
  private readonly loop: RunLoop;
  private chain: Promise<void> = Promise.resolve();
  private readonly cancelled = new Set<number>();
  private dead = false;

  constructor(
    private readonly engine: EngineModule,
    private readonly host: CoreHost,
  ) {
    this.loop = new RunLoop(engine, {
      post: (m, transfer) => this.host.post(m, transfer),
      schedule: (fn) =>
        host.schedule(() => {
          if (this.dead) return;
          try {
            fn();
          } catch (e) {
            this.fail(e, null);
          }
        }),
      now: () => host.now(),
    });
  }

  handle(msg: ToWorker): void {
    if (this.dead) return;
    if (msg.type === 'job') {
      void this.job(msg.jobId, msg.job);
      return;
    }
    if (msg.type === 'cancelJob') {
      this.cancelled.add(msg.jobId);
      return;
    }
    const run = msg;
    this.chain = this.chain.then(async () => {
      const msg = run;
      if (msg.type === 'start' || msg.type === 'configure') {
        try {
          await this.host.ensureDataSet(this.engine, msg.spec);
        } catch (e) {
          this.post({
            type: 'error',
            runId: msg.runId,
            message: errorMessage(e),
            recoverable: true,
          });
          return;
        }
      }
      if (this.dead) return;
      try {
        this.loop.handle(msg);
      } catch (e) {
        this.fail(e, 'runId' in msg ? msg.runId : null);
      }
    });
  }

  private post(message: FromWorker): void {
    this.host.post(message, []);
  }

  private fail(e: unknown, runId: number | null): void {
    const fatal = isFatal(e);
    this.post({ type: 'error', runId, message: errorMessage(e), recoverable: !fatal });
    if (fatal) {
      this.dead = true;
      this.host.fatal();
    }
    // Whatever failed mid-tick must not leave the page showing a run that no longer advances.
    else this.loop.handle({ type: 'pause' });
  }

  private async job(jobId: number, job: Extract<ToWorker, { type: 'job' }>['job']) {
    let lastProgress = -1;
    try {
      // Jobs on an experiment's data need its file; the geometry has no data.
      if ('spec' in job) await this.host.ensureDataSet(this.engine, job.spec);
      const result = await runJob(this.engine, job, {
        yieldToWorker: () => new Promise((resolve) => this.host.schedule(() => resolve())),
        cancelled: () => this.cancelled.has(jobId) || this.dead,
        progress: (fraction) => {
          // A message per percent at most.
          const pct = Math.floor(fraction * 100);
          if (pct === lastProgress) return;
          lastProgress = pct;
          this.post({ type: 'jobProgress', jobId, fraction });
        },
      });
      if (!this.dead) this.post({ type: 'jobDone', jobId, result });
    } catch (e) {
      if (this.dead) return;
      const cancelled = e instanceof JobCancelled;
      this.post({ type: 'jobFailed', jobId, message: errorMessage(e), cancelled });
      if (!cancelled && isFatal(e)) {
        this.dead = true;
        this.host.fatal();
      }
    } finally {
      this.cancelled.delete(jobId);
    }
  }
}
