// Contender: this engine compiled to WebAssembly (the SIMD build and the baseline build), loaded
// in this Node process exactly as the tests load it. One timed call is trainer.runSteps(N): the
// whole loop runs inside WebAssembly, as in the playground's worker.
// W1's "sigmoid output + BCE" is the engine's binary task: one logit and BCEWithLogits, the same
// function and gradient written in the numerically stable form.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { plainTraining, withDigits } from '../cnn-workloads.mjs';
import { root } from '../workloads.mjs';

const require = createRequire(import.meta.url);

// The engine's spec for a workload: custom data, no held-out split, no standardisation, fixed
// batch order, no regularisation, and no metric evaluation inside the timed loop.
export function engineSpec(w) {
  const optimizer =
    w.optimizer.kind === 'adam'
      ? {
          kind: 'adam',
          lr: w.optimizer.lr,
          beta1: w.optimizer.beta1,
          beta2: w.optimizer.beta2,
          eps: w.optimizer.eps,
          amsgrad: false,
          weightDecay: 0,
        }
      : {
          kind: 'sgd',
          lr: w.optimizer.lr,
          momentum: 0,
          dampening: 0,
          nesterov: false,
          weightDecay: 0,
        };
  return {
    version: 1,
    seed: 7,
    data: {
      kind: 'custom',
      task: 'classification',
      valFraction: 0,
      testFraction: 0,
      standardize: false,
    },
    model: {
      hidden: w.hidden.map((h) => ({
        units: h.units,
        activation: h.activation,
        dropout: 0,
        batchNorm: false,
        penaltyScale: 1,
      })),
      init: 'xavierUniform',
    },
    penalty: { kind: 'none', lambda: 0 },
    optimizer,
    schedule: { kind: 'constant', warmupSteps: 0 },
    training: plainTraining(w.batch),
  };
}

export async function loadEngineModule(variant, wasmDir = `${root}build/wasm`) {
  const base = `${wasmDir}/engine-${variant}-node`;
  if (!existsSync(`${base}.cjs`) || !existsSync(`${base}.wasm`)) {
    throw new Error(
      `${base}.cjs/.wasm not found: build the engine first (bash scripts/build-wasm.sh)`,
    );
  }
  const createEngine = require(`${base}.cjs`);
  // The binary is passed in: under Node the glue would otherwise try fetch() on a file path.
  return createEngine({ wasmBinary: readFileSync(`${base}.wasm`) });
}

// A trainer holding the workload's data and initial weights, before any step. A CNN workload
// trains on the engine's own digits set (the image shape comes with it).
export function makeTrainer(engine, w) {
  const trainer =
    w.kind === 'cnn'
      ? new (withDigits(engine).Trainer)(engine.normalizeSpec(w.spec))
      : new engine.Trainer(engineSpec(w), { x: w.x, y: w.y, rows: w.rows, cols: w.cols });
  for (const p of w.params) trainer.setParameter(p.name, p.values);
  const names = trainer
    .parameters()
    .map((p) => p.name)
    .sort();
  const expected = w.params.map((p) => p.name).sort();
  if (names.join() !== expected.join()) {
    trainer.delete();
    throw new Error(
      `engine parameters ${names.join()} differ from the workload's ${expected.join()}`,
    );
  }
  return trainer;
}

// The rows in the order the engine trains on them (the other contenders are fed this order).
export function engineTrainingOrder(engine, w) {
  const trainer = makeTrainer(engine, w);
  try {
    const d = trainer.data('train');
    return { x: d.x, y: d.y };
  } finally {
    trainer.delete();
  }
}

export async function createEngineWasm(variant, { wasmDir } = {}) {
  const engine = await loadEngineModule(variant, wasmDir);
  const simd = engine.simd();
  if (simd !== (variant === 'simd')) throw new Error(`engine-${variant}: simd() is ${simd}`);
  return {
    id: `engine-wasm-${variant}`,
    label: `engine WASM ${variant === 'simd' ? 'SIMD' : 'no SIMD'}`,
    cnn: true,
    info: `engine ${engine.version()}, WebAssembly${simd ? ' SIMD (-msimd128)' : ' baseline (no SIMD)'}`,
    engine,
    open(w) {
      const trainer = makeTrainer(engine, w);
      const train = (steps) => {
        const s = trainer.runSteps(steps);
        if (s.state !== 'running' || s.stepsRun !== steps) {
          throw new Error(
            `engine-${variant} ${w.id}: ${s.state} after ${s.stepsRun} steps: ${s.message}`,
          );
        }
      };
      return {
        train,
        // Mean data loss over the whole training set (eval mode).
        loss: () => trainer.evaluate('train').loss,
        time(steps) {
          const t0 = performance.now();
          train(steps);
          return (performance.now() - t0) / 1000;
        },
        close: () => trainer.delete(),
      };
    },
    // GEMM ceiling: n×n·n×n float products with the engine's own kernel (Eigen).
    gemm(n, repeats) {
      const t0 = performance.now();
      const checksum = engine.gemmKernel(n, repeats);
      const seconds = (performance.now() - t0) / 1000;
      if (!Number.isFinite(checksum)) throw new Error('gemmKernel returned a non-finite checksum');
      return seconds;
    },
  };
}
