// A PyTorchExportInput made without the engine: the shapes the engine would give a spec
// (inputs after feature expansion, outputs per task, parameters per layer) filled with
// deterministic pseudo-random values. For tests of the generator's text; the proof against the
// engine is export-pytorch-proof.test.ts.
import type { ExperimentSpec, NetworkInfo } from '../../web/src/engine/engine-api';
import type { ExportParam, ExportSplit, PyTorchExportInput } from '../../web/src/export/types';

const kRealSets: Record<string, { inputs: number; task: NetworkInfo['task']; outputs: number }> = {
  diabetes: { inputs: 10, task: 'regression', outputs: 1 },
  breastCancer: { inputs: 30, task: 'binary', outputs: 1 },
  digits: { inputs: 64, task: 'multiclass', outputs: 10 },
};

function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

export function shapeOf(spec: ExperimentSpec): {
  rawCols: number;
  inputs: number;
  outputs: number;
  task: NetworkInfo['task'];
} {
  const d = spec.data;
  const real = kRealSets[d.kind];
  if (real) return { rawCols: real.inputs, ...real };
  switch (d.kind) {
    case 'regression1d':
      return { rawCols: 1, inputs: d.degree, outputs: 1, task: 'regression' };
    case 'sparseLinear':
      return { rawCols: d.dimensions, inputs: d.dimensions, outputs: 1, task: 'regression' };
    case 'shapes': // 12×12 images of six classes, flattened (engine/data/image_shapes.hpp)
      return { rawCols: 144, inputs: 144, outputs: 6, task: 'multiclass' };
    case 'custom':
      return d.task === 'regression'
        ? { rawCols: 3, inputs: 3, outputs: 2, task: 'regression' }
        : { rawCols: 3, inputs: 3, outputs: 3, task: 'multiclass' };
    default:
      return { rawCols: 2, inputs: d.features.length, outputs: 1, task: 'binary' };
  }
}

export function syntheticInput(spec: ExperimentSpec, rows = 6, steps = 100): PyTorchExportInput {
  const shape = shapeOf(spec);
  const r = noise(spec.seed + 1);
  const parameters: ExportParam[] = [];
  let width = shape.inputs;
  const layers = [...spec.model.hidden.map((l) => ({ units: l.units, bn: l.batchNorm })), null];
  layers.forEach((l, k) => {
    const units = l ? l.units : shape.outputs;
    const param = (name: string, rowsOf: number, cols: number) =>
      parameters.push({
        name: `layers.${k}.${name}`,
        rows: rowsOf,
        cols,
        values: Float32Array.from({ length: rowsOf * cols }, r),
      });
    param('weight', units, width);
    if (l?.bn) {
      param('bnScale', 1, units);
      param('bnShift', 1, units);
    } else {
      param('bias', units, 1);
    }
    width = units;
  });
  const yCols = shape.task === 'regression' ? shape.outputs : 1;
  const split = (n: number): ExportSplit => ({
    rows: n,
    cols: shape.rawCols,
    yCols,
    x: Float32Array.from({ length: n * shape.rawCols }, r),
    y: Float32Array.from({ length: n * yCols }, (_, i) =>
      shape.task === 'regression' ? r() : i % Math.max(2, shape.outputs),
    ),
  });
  const val = spec.data.valFraction > 0 ? Math.max(1, Math.ceil(rows * spec.data.valFraction)) : 0;
  const test =
    spec.data.testFraction > 0 ? Math.max(1, Math.ceil(rows * spec.data.testFraction)) : 0;
  return {
    spec,
    link: 'https://example.org/playground/#v=2&seed=' + spec.seed,
    engineVersion: '1.0.0',
    network: {
      inputs: shape.inputs,
      outputs: shape.outputs,
      task: shape.task,
      featureNames: Array.from({ length: shape.inputs }, (_, i) => `x${i + 1}`),
      targetNames: shape.task === 'regression' ? ['y1', 'y2'].slice(0, shape.outputs) : [],
    },
    parameters,
    data: { train: split(rows), validation: split(val), test: split(test) },
    steps,
  };
}
