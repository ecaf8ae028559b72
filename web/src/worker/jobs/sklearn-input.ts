// "Export to scikit-learn": what the script needs of the engine (export/types.ts
// SkLearnExportInput), as a job. The options are first checked by the engine itself, which
// solves the path (and fold 0 of the CV) once: its message for, e.g., logistic regression on a
// regression target or a grid too long (a path takes milliseconds to a tenth of a second). Generated
// and uploaded sets also need the rows the solvers fit: a Trainer with data.standardize off
// gives them raw (targets in their own units, exactly as the solvers read them); with
// cross-validation, one Trainer per fold (data.folds = k, data.fold = f) gives fold f's rows as
// its validation split, the folds linearCvFold uses with the spec's seed.
import type {
  CustomData,
  DataView2D,
  EngineModule,
  ExperimentSpec,
  LinearCvOptions,
  LinearPathOptions,
} from '../../engine/engine-api';
import type { SkLearnExportInput } from '../../export/types';
import { isRealSet } from '../../export/data-code';

export interface SkLearnInputJob {
  kind: 'sklearnInput';
  spec: ExperimentSpec;
  data: CustomData | null;
  options: LinearPathOptions;
  cv: { folds: number; score?: LinearCvOptions['score'] } | null;
}

export type SkLearnInputResult = { kind: 'sklearnInput' } & Omit<SkLearnExportInput, 'link'>;

function joined(parts: DataView2D[]): DataView2D {
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const x = new Float32Array(parts.reduce((n, p) => n + p.x.length, 0));
  const y = new Float32Array(parts.reduce((n, p) => n + p.y.length, 0));
  let xi = 0;
  let yi = 0;
  for (const p of parts) {
    x.set(p.x, xi);
    y.set(p.y, yi);
    xi += p.x.length;
    yi += p.y.length;
  }
  return { rows, cols: parts[0]!.cols, x, y, yCols: parts[0]!.yCols };
}

export function sklearnInput(engine: EngineModule, job: SkLearnInputJob): SkLearnInputResult {
  const { spec, data, options, cv } = job;
  const path = data ? engine.linearPath(spec, options, data) : engine.linearPath(spec, options);
  if (cv) {
    const fold = { ...options, folds: cv.folds, ...(cv.score ? { score: cv.score } : {}) };
    if (data) engine.linearCvFold(spec, fold, 0, data);
    else engine.linearCvFold(spec, fold, 0);
  }
  const trainer = (s: ExperimentSpec) =>
    data ? new engine.Trainer(s, data) : new engine.Trainer(s);
  const raw = (s: ExperimentSpec): ExperimentSpec => ({
    ...s,
    data: { ...s.data, standardize: false },
  });
  const first = trainer(raw(spec));
  let task: 'regression' | 'binary';
  let rows: SkLearnInputResult['data'];
  try {
    const t = first.network().task;
    if (t === 'multiclass') throw new Error('the linear models take two classes at most');
    task = t;
    if (!isRealSet(spec.data.kind)) {
      const test = first.data('test');
      if (!cv) {
        rows = {
          fit: joined([first.data('train'), first.data('validation')]),
          foldSizes: null,
          test,
        };
      } else {
        const folds: DataView2D[] = [];
        for (let f = 0; f < cv.folds; f++) {
          const s = raw(spec);
          const t2 = trainer({ ...s, data: { ...s.data, folds: cv.folds, fold: f } });
          try {
            folds.push(t2.data('validation'));
          } finally {
            t2.delete();
          }
        }
        rows = { fit: joined(folds), foldSizes: folds.map((v) => v.rows), test };
      }
    }
  } finally {
    first.delete();
  }
  return {
    kind: 'sklearnInput',
    spec: engine.normalizeSpec(spec),
    engineVersion: engine.version(),
    featureNames: path.featureNames,
    task,
    options,
    cv,
    ...(rows ? { data: rows } : {}),
  };
}
