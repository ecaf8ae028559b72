// Contender: this engine compiled natively for this CPU (build/native/engine_bench, from
// bench/native/bench_main.cpp). It cannot run inside Node, so each timed block is one run of the
// program: it reads the workload file written here (engine spec, data in the same order,
// initial weights), warms up, times runSteps(N) with a steady clock and prints JSON. Process
// start, file parsing and warm-up are outside the timed block.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

import { root } from '../workloads.mjs';
import { engineSpec } from './engine-wasm.mjs';

export const defaultNativeBinary = `${root}build/native/engine_bench`;

function run(binary, args) {
  const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`engine_bench ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.status}`}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

export async function createEngineNative({
  binary = defaultNativeBinary,
  workDir = `${root}build/bench`,
} = {}) {
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: build it first (bash scripts/build-native.sh)`);
  }
  mkdirSync(workDir, { recursive: true });
  return {
    id: 'engine-native',
    label: 'engine native',
    info: 'engine built natively (-O3 -march=native), runSteps(N) timed inside the process',
    binary,
    open(w) {
      const file = `${workDir}/${w.id}.json`;
      writeFileSync(
        file,
        JSON.stringify({
          spec: engineSpec(w),
          rows: w.rows,
          cols: w.cols,
          x: Array.from(w.x),
          y: Array.from(w.y),
          params: w.params.map((p) => ({ name: p.name, values: Array.from(p.values) })),
        }),
      );
      return {
        smoke() {
          const r = run(binary, ['--workload', file, '--smoke']);
          return { initialLoss: r.initialLoss, lossAfterStep: r.lossAfterStep };
        },
        // Warm-up happens inside each run; `warmupSeconds` is its length.
        time(steps, { warmupSeconds = 0.2 } = {}) {
          const r = run(binary, [
            '--workload',
            file,
            '--warmup-seconds',
            String(warmupSeconds),
            '--steps',
            String(steps),
          ]);
          return r.seconds;
        },
        calibrate(seconds) {
          const r = run(binary, [
            '--workload',
            file,
            '--warmup-seconds',
            String(seconds),
            '--seconds',
            String(seconds),
          ]);
          return r.steps / r.seconds;
        },
        close() {},
      };
    },
    gemm(n, repeats, { warmupSeconds = 0.2 } = {}) {
      const r = run(binary, [
        '--gemm',
        String(n),
        '--warmup-seconds',
        String(warmupSeconds),
        '--repeats',
        String(repeats),
      ]);
      return r.seconds;
    },
    gemmCalibrate(n, seconds) {
      const r = run(binary, [
        '--gemm',
        String(n),
        '--warmup-seconds',
        String(seconds),
        '--seconds',
        String(seconds),
      ]);
      return r.repeats / r.seconds;
    },
  };
}
