// Jobs: independent pieces of a study (one cross-validation fold of a network at one grid
// point, one fold of an exact solver's path, the two-weight geometry picture) that the pool
// hands to whichever worker is free.
// A job's result depends only on its request, never on the worker that ran it, so a study
// gives the same numbers on one worker or eight. Long jobs train in slices of a few
// milliseconds and give the worker back between them, so a cancel (or the runs' playback)
// is answered at once.
import type {
  CustomData,
  DataView2D,
  DeepPartial,
  EngineModule,
  ExperimentSpec,
  NetworkInfo,
  ParamTensor,
  Trainer,
} from '../engine/engine-api';
import {
  geometryPicture,
  geometryZeros,
  type GeometryJob,
  type GeometryResult,
  type GeometryZerosJob,
  type GeometryZerosResult,
} from './jobs/geometry';
import { runLinearJob, type LinearJob, type LinearJobResult } from './jobs/linear';
import { sklearnInput, type SkLearnInputJob, type SkLearnInputResult } from './jobs/sklearn-input';

export type {
  CombineCvResult,
  LinearCvFoldResult,
  LinearPathResult,
  LinearPenaltyResult,
} from './jobs/linear';

export type { SkLearnInputJob, SkLearnInputResult } from './jobs/sklearn-input';

// Network: train `spec` to its end (epoch limit or early stop), then score the validation
// split (the held-out fold when spec.data.folds > 1).
export interface NetworkFoldJob {
  kind: 'networkFold';
  spec: ExperimentSpec;
  data: CustomData | null;
}

// Export: what "Export as PyTorch" needs of a run (export/types.ts), from a fresh Trainer, so
// the parameters are the initial ones whatever the run has trained since.
export interface ExportInputJob {
  kind: 'exportInput';
  spec: ExperimentSpec;
  data: CustomData | null;
}

export type JobRequest =
  NetworkFoldJob | ExportInputJob | GeometryJob | GeometryZerosJob | LinearJob | SkLearnInputJob;

export interface NetworkFoldResult {
  kind: 'networkFold';
  loss: number; // validation loss (NaN when the run diverged)
  accuracy: number; // 0 for regression
  steps: number;
  state: string; // the run's end state: finished, earlyStopped, diverged
}

export interface ExportInputResult {
  kind: 'exportInput';
  spec: ExperimentSpec; // normalized: every field filled in
  engineVersion: string;
  network: NetworkInfo;
  parameters: ParamTensor[];
  data: { train: DataView2D; validation: DataView2D; test: DataView2D };
}

export type JobResult =
  | NetworkFoldResult
  | ExportInputResult
  | GeometryResult
  | GeometryZerosResult
  | LinearJobResult
  | SkLearnInputResult;

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

// What a job needs of its worker: a pause that lets messages in, and whether it was cancelled.
export interface JobHost {
  yieldToWorker(): Promise<void>;
  cancelled(): boolean;
  progress(fraction: number): void;
}

// Milliseconds of training between two looks at the worker's messages.
const kSliceMs = 25;

async function networkFold(
  engine: EngineModule,
  job: NetworkFoldJob,
  host: JobHost,
): Promise<NetworkFoldResult> {
  if (!(job.spec.training.maxEpochs > 0))
    throw new Error('training.maxEpochs: a cross-validation fold needs an epoch limit');
  const trainer = job.data ? new engine.Trainer(job.spec, job.data) : new engine.Trainer(job.spec);
  try {
    let steps = 1;
    const epochs = Math.max(1, job.spec.training.maxEpochs);
    for (;;) {
      const t0 = performance.now();
      const status = trainer.runSteps(steps);
      if (status.state !== 'running') break;
      host.progress(Math.min(1, status.epoch / epochs));
      // Grow or shrink the slice so that one takes about kSliceMs.
      const ms = performance.now() - t0;
      steps = Math.max(1, Math.min(10000, Math.round((steps * kSliceMs) / Math.max(ms, 0.1))));
      await host.yieldToWorker();
      if (host.cancelled()) throw new JobCancelled();
    }
    const status = trainer.status();
    const diverged = status.state === 'diverged';
    const score = diverged ? null : trainer.evaluate('validation');
    return {
      kind: 'networkFold',
      loss: score ? score.loss : NaN,
      accuracy: score ? score.accuracy : 0,
      steps: status.step,
      state: status.state,
    };
  } finally {
    trainer.delete();
  }
}

// What an export takes from a trainer built from `spec` before its first step: the normalized
// spec, the network, its initial weights and the splits.
export function trainerExportInput(
  engine: EngineModule,
  spec: DeepPartial<ExperimentSpec>,
  trainer: Trainer,
): Omit<ExportInputResult, 'kind'> {
  return {
    spec: engine.normalizeSpec(spec),
    engineVersion: engine.version(),
    network: trainer.network(),
    parameters: trainer.parameters(),
    data: {
      train: trainer.data('train'),
      validation: trainer.data('validation'),
      test: trainer.data('test'),
    },
  };
}

function exportInput(engine: EngineModule, job: ExportInputJob): ExportInputResult {
  const trainer = job.data ? new engine.Trainer(job.spec, job.data) : new engine.Trainer(job.spec);
  try {
    return { kind: 'exportInput', ...trainerExportInput(engine, job.spec, trainer) };
  } finally {
    trainer.delete();
  }
}

export async function runJob(
  engine: EngineModule,
  job: JobRequest,
  host: JobHost,
): Promise<JobResult> {
  switch (job.kind) {
    case 'networkFold':
      return networkFold(engine, job, host);
    case 'exportInput':
      return exportInput(engine, job);
    case 'sklearnInput':
      return sklearnInput(engine, job);
    case 'geometry':
      return geometryPicture(engine, job);
    case 'geometryZeros':
      return geometryZeros(engine, job, host);
    case 'linearPath':
    case 'linearCvFold':
    case 'combineCv':
    case 'linearPenalty':
      return runLinearJob(engine, job);
  }
}
