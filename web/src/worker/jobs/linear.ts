// The exact solvers' jobs ("Choosing λ"): a regularization path, one cross-validation fold of
// it, the reduction of the folds, and the network's penalty at a path's α. Each is one engine
// call (engine/linear, engine-api.d.ts); the numbers are the engine's, and a job's result
// depends only on its request, so a study gives the same numbers on any number of workers.
import type {
  CustomData,
  EngineModule,
  ExperimentSpec,
  LinearCvOptions,
  LinearPathOptions,
} from '../../engine/engine-api';

export interface LinearPathJob {
  kind: 'linearPath';
  spec: ExperimentSpec;
  data: CustomData | null;
  options: LinearPathOptions;
}

export interface LinearCvFoldJob {
  kind: 'linearCvFold';
  spec: ExperimentSpec;
  data: CustomData | null;
  options: LinearCvOptions;
  fold: number;
}

// The CV reduction (mean, standard error, minimum, one-standard-error choice) of every fold's
// errors over one grid; the engine's combineCv.
export interface CombineCvJob {
  kind: 'combineCv';
  folds: { fold: number; errors: number[] }[];
}

// "Apply" of a path's α: the network's penalty kind, λ and l1 ratio with the same minimiser.
export interface LinearPenaltyJob {
  kind: 'linearPenalty';
  spec: ExperimentSpec;
  data: CustomData | null;
  options: LinearPathOptions;
  alpha: number;
}

export interface LinearPathResult {
  kind: 'linearPath';
  alphas: number[];
  coefs: number[]; // alphas.length × featureNames.length, row-major
  intercepts: number[];
  nonZeros: number[];
  featureNames: string[];
  testError: number[];
  converged: boolean;
  fitRows: number;
  testRows: number;
}

export interface LinearCvFoldResult {
  kind: 'linearCvFold';
  fold: number;
  alphas: number[];
  errors: number[];
}

export interface CombineCvResult {
  kind: 'combineCv';
  mean: number[];
  se: number[];
  best: number;
  oneSe: number;
}

export interface LinearPenaltyResult {
  kind: 'linearPenalty';
  penalty: {
    kind: 'l1' | 'l2' | 'elasticNet';
    lambda: number;
    l1Ratio: number;
    targetScale: number;
  };
}

export type LinearJob = LinearPathJob | LinearCvFoldJob | CombineCvJob | LinearPenaltyJob;
export type LinearJobResult =
  LinearPathResult | LinearCvFoldResult | CombineCvResult | LinearPenaltyResult;

const list = (a: ArrayLike<number>) => Array.from(a);

export function runLinearJob(engine: EngineModule, job: LinearJob): LinearJobResult {
  switch (job.kind) {
    case 'linearPath': {
      const p = job.data
        ? engine.linearPath(job.spec, job.options, job.data)
        : engine.linearPath(job.spec, job.options);
      return {
        kind: 'linearPath',
        alphas: list(p.alphas),
        coefs: list(p.coefs),
        intercepts: list(p.intercepts),
        nonZeros: list(p.nonZeros),
        featureNames: p.featureNames,
        testError: list(p.testError),
        converged: p.converged,
        fitRows: p.fitRows,
        testRows: p.testRows,
      };
    }
    case 'linearCvFold': {
      const f = job.data
        ? engine.linearCvFold(job.spec, job.options, job.fold, job.data)
        : engine.linearCvFold(job.spec, job.options, job.fold);
      return { kind: 'linearCvFold', fold: f.fold, alphas: list(f.alphas), errors: list(f.errors) };
    }
    case 'combineCv': {
      const c = engine.combineCv(job.folds);
      return {
        kind: 'combineCv',
        mean: list(c.mean),
        se: list(c.se),
        best: c.best,
        oneSe: c.oneSe,
      };
    }
    case 'linearPenalty': {
      const penalty = job.data
        ? engine.linearPenalty(job.spec, job.options, job.alpha, job.data)
        : engine.linearPenalty(job.spec, job.options, job.alpha);
      return { kind: 'linearPenalty', penalty };
    }
  }
}
