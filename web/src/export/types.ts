// What "Export as PyTorch" needs from a run. Everything here comes from the engine's JS API in
// the worker (engine-api.d.ts), right after the run's Trainer is built or reset():
//   spec         engine.normalizeSpec(the run's spec): every field filled in
//   engineVersion engine.version()
//   network      trainer.network()
//   parameters   trainer.parameters() BEFORE the first step (or after trainer.reset()): the
//                initial weights, so step 0 of the script is step 0 of the engine
//   data         trainer.data('train' | 'validation' | 'test'): raw inputs as generated (before
//                feature expansion and standardisation) and targets in their own units. The
//                script redoes the expansion and the standardisation exactly as the engine
//                does (float32 arithmetic, statistics of the training split), so the engine's
//                model inputs need not be exposed. Not needed for the real sets (diabetes,
//                breastCancer, digits): the script loads them from scikit-learn and redoes the
//                engine's seeded split with a port of its generator.
import type {
  DataView2D,
  ExperimentSpec,
  LinearCvOptions,
  LinearPathOptions,
  NetworkInfo,
  ParamTensor,
} from '../engine/engine-api';
import type { FieldValue, SpecPath } from '../spec/experiment-spec';

export type ExportParam = Pick<ParamTensor, 'name' | 'rows' | 'cols'> & {
  values: Float32Array | readonly number[];
};

export type ExportSplit = Pick<DataView2D, 'rows' | 'cols' | 'yCols'> & {
  x: Float32Array | readonly number[];
  y: Float32Array | readonly number[];
};

export interface PyTorchExportInput {
  spec: ExperimentSpec;
  // The page's address that reproduces the run (named in the file's header).
  link: string;
  engineVersion: string;
  network: Pick<NetworkInfo, 'inputs' | 'outputs' | 'task' | 'featureNames' | 'targetNames'>;
  parameters: readonly ExportParam[];
  // Required unless spec.data.kind is a real set (diabetes, breastCancer, digits).
  data?: { train: ExportSplit; validation: ExportSplit; test: ExportSplit };
  // Optimizer steps the script trains for (the run's current step, or a round number); it
  // stops earlier where the engine would (early stopping, training.maxEpochs, divergence).
  steps: number;
}

// One axis of a grid sweep: a hyper-parameter (any field the engine applies without a rebuild:
// its schema effect is 'live' or 'newState') and the values to try. 'hidden.dropout' and
// 'hidden.penaltyScale' set that layer field on every hidden layer at once.
export type SweepPath = SpecPath | 'hidden.dropout' | 'hidden.penaltyScale';
export interface SweepAxis {
  path: SweepPath;
  values: readonly FieldValue[];
}

// What "Export to scikit-learn" needs from a study of the exact linear solvers (the path and
// cross-validation views), gathered in the worker (worker/jobs/sklearn-input.ts):
//   spec          engine.normalizeSpec(the run's spec)
//   featureNames  the design's columns, as linearPath(...).featureNames
//   task          'regression' or 'binary' (trainer.network().task; the solvers refuse more classes)
//   data          generated and uploaded sets only: the rows the solvers fit (training and
//                 validation splits together) and the test rows, raw (before feature expansion
//                 and standardisation, targets in their own units) from Trainers with
//                 data.standardize off; with cross-validation the fit rows come grouped by the
//                 engine's fold (fold 0's rows, then fold 1's, ...), from Trainers with
//                 data.folds = k and data.fold = f (the same folds as linearCvFold's).
//                 Real sets need none: the script loads them from scikit-learn and redoes the
//                 engine's split and folds with a port of its generator.
export interface SkLearnExportInput {
  spec: ExperimentSpec;
  link: string;
  engineVersion: string;
  featureNames: readonly string[];
  task: 'regression' | 'binary';
  options: LinearPathOptions;
  // Cross-validation as the page ran it (linearCvFold with these folds and score), or none.
  cv: { folds: number; score?: LinearCvOptions['score'] } | null;
  data?: { fit: ExportSplit; foldSizes: readonly number[] | null; test: ExportSplit };
}

// What "Export to scikit-learn" exports of a run (Controller.sklearnScript): the solver's options
// (as linearPath takes them) and, for the cross-validation view, its folds and score (as
// linearCvFold takes them).
export interface SkLearnRequest {
  options: LinearPathOptions;
  cv?: { folds: number; score?: LinearCvOptions['score'] } | null;
}
