// A pool of training workers, each with its own engine, behind the one-worker interface the
// controller talks to (WorkerPort): compared runs spread over the machine's cores, so four runs
// on four cores train in about the time of one. Each run lives on one worker; messages about a
// run go to its worker, the others to every worker. The pool keeps the runs in lockstep: while
// playing, every worker plays up to the same step target, and the pool moves the target on once
// all have reached it; on a pause, the workers behind are stepped up to the one ahead. A run's
// numbers never depend on the pool: each run is its own Trainer, stepped the same way on any
// worker.
// A study's jobs (jobs.ts) go to every worker, one job at a time each, and come back in the
// order they were asked for, whichever worker finished first.
import { JobCancelled, type JobRequest, type JobResult } from './jobs';
import type { FromWorker, RunFrame, RunId, ToWorker } from './protocol';
import type { WorkerEvents, WorkerPort } from './worker-client';

// How many optimizer steps (per run) one lockstep chunk holds, in frames of the playback speed.
const kChunkFrames = 8;

// The page's pool size: one worker per core the browser reports, at most 4 (the runs a page
// compares), at least 1.
export function poolSize(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores));
}

export type MakeClient = (events: WorkerEvents) => WorkerPort;

// A batch of jobs under way: its results in request order, and a cancel that resolves once
// every worker has stopped the batch's job it was running.
export interface JobBatch<R extends JobResult = JobResult> {
  results: Promise<R[]>;
  cancel(): Promise<void>;
}

// What a study or an export needs of the pool.
export type JobRunner = Pick<WorkerPool, 'runJobs'>;

interface Batch {
  results: (JobResult | undefined)[];
  progress: number[]; // per job, 0..1
  left: number;
  settled: boolean;
  resolve(results: JobResult[]): void;
  reject(e: Error): void;
  onProgress(fraction: number): void;
  stopped: (() => void)[]; // cancel() callers waiting for the in-flight jobs
}

interface QueuedJob {
  batch: Batch;
  index: number;
  request: JobRequest;
}

interface Member {
  client: WorkerPort;
  job: { id: number; queued: QueuedJob } | null; // the job it is running
  runs: Set<RunId>;
  ready: boolean;
  playing: boolean;
  simd: boolean;
  version: string;
}

export class WorkerPool implements WorkerPort {
  private members: Member[] = [];
  private home = new Map<RunId, Member>();
  private steps = new Map<RunId, number>(); // each run's latest step, read off its frames
  private live = new Map<RunId, boolean>(); // still 'running'
  private wantPlaying = false;
  private speed = 10;
  private limit = 0; // a lesson's length: stop there (0 = none)
  private target = 0;
  private announced = false; // the playing state last told to the controller
  private jobQueue: QueuedJob[] = [];
  private nextJobId = 1;

  constructor(
    private readonly events: WorkerEvents,
    private readonly size: number,
    private readonly makeClient: MakeClient,
  ) {}

  // Workers start lazily: the first now, the others when runs need them.
  start(): void {
    this.stop();
    this.addMember();
  }

  stop(): void {
    for (const m of this.members) m.client.stop();
    const batches = new Set([
      ...this.jobQueue.map((q) => q.batch),
      ...this.members.flatMap((m) => (m.job ? [m.job.queued.batch] : [])),
    ]);
    this.members = [];
    this.jobQueue = [];
    for (const b of batches) this.settle(b, new Error('the worker running the study stopped'));
    this.home.clear();
    this.steps.clear();
    this.live.clear();
    this.wantPlaying = false;
    this.announced = false;
  }

  workerCount(): number {
    return this.members.length;
  }

  send(msg: ToWorker): void {
    switch (msg.type) {
      case 'start':
      case 'configure': {
        const member = this.home.get(msg.runId) ?? this.assign(msg.runId);
        member.client.send(msg);
        return;
      }
      case 'view':
        this.home.get(msg.runId)?.client.send(msg);
        return;
      case 'dispose': {
        const member = this.home.get(msg.runId);
        member?.client.send(msg);
        member?.runs.delete(msg.runId);
        this.home.delete(msg.runId);
        this.steps.delete(msg.runId);
        this.live.delete(msg.runId);
        return;
      }
      case 'play':
        this.speed = msg.stepsPerFrame;
        this.limit = msg.untilStep ?? 0;
        this.wantPlaying = true;
        this.target = this.maxStep();
        this.nextChunk();
        return;
      case 'pause':
        this.wantPlaying = false;
        this.broadcast(msg);
        return;
      case 'speed':
        this.speed = msg.stepsPerFrame;
        this.broadcast(msg);
        return;
      case 'step':
        // A step pauses, as it does in one worker.
        this.wantPlaying = false;
        this.broadcast(msg);
        return;
      case 'parseCsv':
        this.members[0]?.client.send(msg);
        return;
      default:
        // reset, ack: every worker (the browser tests' hooks too).
        this.broadcast(msg);
        return;
    }
  }

  // Runs jobs on every worker of the pool (started as needed); onProgress gets the fraction
  // of the whole batch done.
  runJobs<K extends JobRequest['kind']>(
    requests: Extract<JobRequest, { kind: K }>[],
    onProgress: (fraction: number) => void = () => {},
  ): JobBatch<Extract<JobResult, { kind: K }>> {
    let batch!: Batch;
    const results = new Promise<Extract<JobResult, { kind: K }>[]>((resolve, reject) => {
      batch = {
        results: requests.map(() => undefined),
        progress: requests.map(() => 0),
        left: requests.length,
        settled: false,
        resolve: resolve as (results: JobResult[]) => void,
        reject,
        onProgress,
        stopped: [],
      };
    });
    if (!requests.length) batch.resolve([]);
    while (this.members.length < this.size) this.addMember();
    this.jobQueue.push(...requests.map((request, index) => ({ batch, index, request })));
    this.dispatchJobs();
    return { results, cancel: () => this.stopBatch(batch, new JobCancelled()) };
  }

  // Drops a batch's queued jobs, cancels its running ones, and fails it with `reason`.
  private stopBatch(batch: Batch, reason: Error): Promise<void> {
    this.jobQueue = this.jobQueue.filter((q) => q.batch !== batch);
    const running = this.members.filter((m) => m.job?.queued.batch === batch);
    for (const m of running) m.client.send({ type: 'cancelJob', jobId: m.job!.id });
    this.settle(batch, reason);
    if (!running.length) return Promise.resolve();
    return new Promise((resolve) => batch.stopped.push(resolve));
  }

  private settle(batch: Batch, error: Error | null): void {
    if (batch.settled) return;
    batch.settled = true;
    if (error) batch.reject(error);
    else batch.resolve(batch.results as JobResult[]);
  }

  private dispatchJobs(): void {
    for (const m of this.members) {
      if (m.job) continue;
      const queued = this.jobQueue.shift();
      if (!queued) return;
      const id = this.nextJobId++;
      m.job = { id, queued };
      m.client.send({ type: 'job', jobId: id, job: queued.request });
    }
  }

  private onJobMessage(
    member: Member,
    msg: Extract<FromWorker, { type: 'jobProgress' | 'jobDone' | 'jobFailed' }>,
  ): void {
    const job = member.job;
    if (!job || job.id !== msg.jobId) return;
    const { batch, index } = job.queued;
    if (msg.type === 'jobProgress') {
      if (batch.settled) return;
      batch.progress[index] = msg.fraction;
      batch.onProgress(batch.progress.reduce((a, b) => a + b, 0) / batch.progress.length);
      return;
    }
    member.job = null;
    if (msg.type === 'jobDone' && !batch.settled) {
      batch.results[index] = msg.result;
      batch.progress[index] = 1;
      batch.onProgress(batch.progress.reduce((a, b) => a + b, 0) / batch.progress.length);
      if (--batch.left === 0) this.settle(batch, null);
    } else if (msg.type === 'jobFailed' && !batch.settled) {
      // One failed job fails the study: the others are stopped.
      void this.stopBatch(batch, new Error(msg.message));
    }
    if (batch.settled && !this.members.some((m) => m.job?.queued.batch === batch))
      for (const resolve of batch.stopped.splice(0)) resolve();
    this.dispatchJobs();
  }

  private broadcast(msg: ToWorker): void {
    for (const m of this.members) m.client.send(msg);
  }

  private addMember(): Member {
    const member: Member = {
      client: null as unknown as WorkerPort,
      job: null,
      runs: new Set(),
      ready: false,
      playing: false,
      simd: false,
      version: '',
    };
    member.client = this.makeClient({
      message: (msg) => this.onMessage(member, msg),
      frames: (frames, playing) => this.onFrames(frames, playing),
      // A worker the pool already let go of (a restart after another one died) is not news.
      died: (reason) => {
        if (this.members.includes(member)) this.events.died(reason);
      },
    });
    member.client.start();
    member.client.send({ type: 'speed', stepsPerFrame: this.speed });
    this.members.push(member);
    return member;
  }

  // A run goes to the worker with the fewest runs, a new worker while the pool has room.
  private assign(runId: RunId): Member {
    let member = this.members.find((m) => m.runs.size === 0);
    if (!member && this.members.length < this.size) member = this.addMember();
    member ??= this.members.reduce((a, b) => (b.runs.size < a.runs.size ? b : a));
    member.runs.add(runId);
    this.home.set(runId, member);
    return member;
  }

  private maxStep(): number {
    let max = 0;
    for (const [id, step] of this.steps) if (this.home.has(id)) max = Math.max(max, step);
    return max;
  }

  private anyLive(): boolean {
    for (const [id, live] of this.live) if (live && this.home.has(id)) return true;
    return false;
  }

  // Plays every worker up to the next step target.
  private nextChunk(): void {
    const chunk = Math.max(1, this.speed) * kChunkFrames;
    let next = this.target + chunk;
    if (this.limit > 0) next = Math.min(next, this.limit);
    if (
      !this.anyLive() ||
      next <= this.target ||
      (this.limit > 0 && this.maxStep() >= this.limit)
    ) {
      this.wantPlaying = false;
      this.announce(false);
      return;
    }
    this.target = next;
    for (const m of this.members)
      if (m.runs.size > 0) {
        m.playing = true;
        m.client.send({ type: 'play', stepsPerFrame: this.speed, untilStep: this.target });
      }
    this.announce(true);
  }

  private announce(playing: boolean): void {
    if (this.announced === playing) return;
    this.announced = playing;
    this.events.message({ type: 'playback', playing });
  }

  private onFrames(frames: RunFrame[][], playing: boolean): void {
    for (const runs of frames)
      for (const f of runs) {
        this.steps.set(f.runId, f.status.step);
        this.live.set(f.runId, f.status.state === 'running');
      }
    this.events.frames(frames, playing);
  }

  private onMessage(member: Member, msg: Exclude<FromWorker, { type: 'frame' }>): void {
    switch (msg.type) {
      case 'ready': {
        member.ready = true;
        member.simd = msg.simd;
        member.version = msg.version;
        // The page hears "ready" once, from the first worker.
        if (this.members[0] === member) this.events.message(msg);
        return;
      }
      case 'playback': {
        member.playing = msg.playing;
        if (msg.playing || this.members.some((m) => m.playing)) return;
        // Every worker has stopped: at the target (go on), on a pause (line them up), or
        // because no run can go on.
        if (this.wantPlaying) this.nextChunk();
        else {
          this.lineUp();
          this.announce(false);
        }
        return;
      }
      case 'jobProgress':
      case 'jobDone':
      case 'jobFailed':
        this.onJobMessage(member, msg);
        return;
      case 'started':
        this.steps.set(msg.runId, 0);
        this.live.set(msg.runId, true);
        this.events.message(msg);
        return;
      default:
        this.events.message(msg);
    }
  }

  // After a pause the workers stopped where they were: step those behind up to the one ahead.
  private lineUp(): void {
    const max = this.maxStep();
    for (const m of this.members) {
      let behind = 0;
      for (const id of m.runs)
        if (this.live.get(id)) behind = Math.max(behind, max - (this.steps.get(id) ?? max));
      // A step message runs at most 1000 steps.
      for (let left = behind; left > 0; left -= 1000)
        m.client.send({ type: 'step', unit: 'batch', count: Math.min(1000, left) });
    }
  }
}
