// The benchmark's machinery, shared by the command line (bench/run.mjs) and the smoke test:
// contenders, the smoke check (one step each, losses compared), the timed run (warm-up, then
// interleaved repetitions), and the tables.
import { createConvnetjs } from './contenders/convnetjs.mjs';
import { createEngineNative } from './contenders/engine-native.mjs';
import {
  createEngineWasm,
  engineTrainingOrder,
  loadEngineModule,
} from './contenders/engine-wasm.mjs';
import { createTfjs } from './contenders/tfjs.mjs';
import { isCnnWorkload, makeCnnWorkload } from './cnn-workloads.mjs';
import { makeWorkload, withOrder } from './workloads.mjs';

export const contenderIds = [
  'engine-wasm-simd',
  'engine-wasm-base',
  'engine-native',
  'tfjs-wasm',
  'tfjs-cpu',
  'convnetjs',
];

// Loss agreement of the smoke check (float32 engines and TF.js, float64 ConvNetJS), relative.
export const smokeTolerance = 1e-5;

// The CNN workloads run on the contenders wired for them (`cnn: true`: the WASM engines and
// TF.js). The native program reads custom tables only, which carry no image shape; ConvNetJS
// would need its own weight layout and optimizer loop for its conv layer (not written).
export const supports = (c, p) => !p.cnn || c.cnn === true;

// The engine build the bars are about: what the playground ships to SIMD browsers.
export const primaryId = 'engine-wasm-simd';

export async function createContenders({ only = contenderIds, wasmDir, nativeBinary } = {}) {
  const list = [];
  for (const id of only) {
    if (id === 'engine-wasm-simd') list.push(await createEngineWasm('simd', { wasmDir }));
    else if (id === 'engine-wasm-base') list.push(await createEngineWasm('base', { wasmDir }));
    else if (id === 'engine-native') list.push(await createEngineNative({ binary: nativeBinary }));
    else if (id === 'tfjs-wasm') list.push(await createTfjs('wasm'));
    else if (id === 'tfjs-cpu') list.push(await createTfjs('cpu'));
    else if (id === 'convnetjs') list.push(await createConvnetjs());
    else throw new Error(`unknown contender ${id}; one of ${contenderIds.join(', ')}`);
  }
  return list;
}

// The workload as each contender gets it. The engines (WASM and native, same seed) receive the
// rows as generated and train them in the order of their training split; everyone else receives
// the rows already in that order, read back from the engine. Batch s is then the same rows for
// all. The smoke check's loss agreement is what proves it.
export async function prepareWorkloads(ids, { wasmDir } = {}) {
  const engine = await loadEngineModule('simd', wasmDir);
  return ids.map((id) => {
    if (isCnnWorkload(id)) {
      // The engine makes the data and the weights; everyone gets them in its training order.
      const w = makeCnnWorkload(id, engine);
      return { id, cnn: true, asGenerated: w, inTrainingOrder: w };
    }
    const asGenerated = makeWorkload(id);
    const order = engineTrainingOrder(engine, asGenerated);
    return { id, asGenerated, inTrainingOrder: withOrder(asGenerated, order.x, order.y) };
  });
}

const isEngine = (c) => c.id.startsWith('engine-');
const workloadFor = (c, prepared) =>
  isEngine(c) ? prepared.asGenerated : prepared.inTrainingOrder;

// Loss on the whole training set before and after one optimizer step, per contender.
export function smokeRun(contenders, prepared) {
  const rows = [];
  for (const p of prepared) {
    for (const c of contenders.filter((q) => supports(q, p))) {
      const h = c.open(workloadFor(c, p));
      try {
        let initialLoss, lossAfterStep, lossAfter3Steps;
        if (h.smoke) {
          ({ initialLoss, lossAfterStep } = h.smoke());
        } else {
          initialLoss = h.loss();
          h.train(1);
          lossAfterStep = h.loss();
          // CNNs: two more steps (the optimizer's state and a second batch then count too).
          if (p.cnn) {
            h.train(2);
            lossAfter3Steps = h.loss();
          }
        }
        const row = { workload: p.id, contender: c.id, initialLoss, lossAfterStep };
        if (lossAfter3Steps !== undefined) row.lossAfter3Steps = lossAfter3Steps;
        rows.push(row);
      } finally {
        h.close();
      }
    }
  }
  return rows;
}

// |a − b| ≤ tol · max(1, |b|) against the primary engine, for both losses of every contender.
export function smokeDisagreements(rows, tolerance) {
  const bad = [];
  for (const r of rows) {
    const ref = rows.find((q) => q.workload === r.workload && q.contender === primaryId);
    if (!ref) throw new Error(`smoke: no ${primaryId} row for ${r.workload}`);
    for (const key of ['initialLoss', 'lossAfterStep', 'lossAfter3Steps']) {
      if (r[key] === undefined && ref[key] === undefined) continue;
      const diff = Math.abs(r[key] - ref[key]);
      if (!(diff <= tolerance * Math.max(1, Math.abs(ref[key])))) {
        bad.push(`${r.workload} ${r.contender} ${key}: ${r[key]} vs ${ref[key]} (${primaryId})`);
      }
    }
  }
  return bad;
}

// Runs `run(chunk)` with doubling chunks until `seconds` have passed; steps per second of the
// last chunk.
function warmUp(run, seconds) {
  let chunk = 1;
  let rate = 0;
  const start = performance.now();
  do {
    const dt = run(chunk);
    rate = chunk / Math.max(dt, 1e-9);
    chunk *= 2;
  } while ((performance.now() - start) / 1000 < seconds);
  return rate;
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// The timed run. For every workload: each contender warms up (and its block length in steps
// is set from its warm-up rate so that a block lasts about `blockSeconds`), then `reps`
// repetitions, each timing one block of every contender in turn (the starting contender
// rotates), so a slow phase of a noisy machine hits all of them alike.
export function timedRun(
  contenders,
  prepared,
  { reps, blockSeconds, warmupSeconds, minSteps = 3, log = () => {} },
) {
  const results = [];
  for (const p of prepared) {
    const w = p.asGenerated;
    const handles = contenders
      .filter((c) => supports(c, p))
      .map((c) => ({ c, h: c.open(workloadFor(c, p)) }));
    for (const entry of handles) {
      const rate = entry.h.calibrate
        ? entry.h.calibrate(warmupSeconds)
        : warmUp((n) => entry.h.time(n), warmupSeconds);
      entry.steps = Math.max(minSteps, Math.round(rate * blockSeconds));
      entry.rates = [];
      log(
        `${w.id} ${entry.c.id}: warm-up ${rate.toFixed(1)} steps/s, blocks of ${entry.steps} steps`,
      );
    }
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < handles.length; i++) {
        const entry = handles[(i + r) % handles.length];
        const seconds = entry.h.time(entry.steps);
        entry.rates.push(entry.steps / seconds);
      }
      log(`${w.id} repetition ${r + 1}/${reps} done`);
    }
    for (const { c, h, rates, steps } of handles) {
      h.close();
      results.push({
        workload: w.id,
        title: w.title,
        contender: c.id,
        label: c.label,
        batch: w.batch,
        flopsPerStep: w.flopsPerStep,
        stepsPerBlock: steps,
        stepsPerSecond: rates,
      });
    }
  }
  return results;
}

// The GEMM ceiling, n×n·n×n with the engine's own kernel, interleaved like the workloads.
export function gemmRun(
  contenders,
  { n = 512, reps, blockSeconds, warmupSeconds, log = () => {} },
) {
  const entries = contenders
    .filter((c) => c.gemm)
    .map((c) => {
      const rate = c.gemmCalibrate
        ? c.gemmCalibrate(n, warmupSeconds)
        : warmUp((k) => c.gemm(n, k), warmupSeconds);
      const repeats = Math.min(1000, Math.max(2, Math.round(rate * blockSeconds)));
      log(`GEMM ${n} ${c.id}: ${repeats} products per block`);
      return { c, repeats, gflops: [] };
    });
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[(i + r) % entries.length];
      const seconds = e.c.gemm(n, e.repeats);
      e.gflops.push((2 * n ** 3 * e.repeats) / seconds / 1e9);
    }
  }
  return entries.map((e) => ({
    contender: e.c.id,
    label: e.c.label,
    n,
    repeats: e.repeats,
    gflops: e.gflops,
  }));
}

// Median over repetitions of the per-repetition ratio a/b (the pairing cancels slow phases).
export function pairedRatio(results, workload, a, b) {
  const ra = results.find((r) => r.workload === workload && r.contender === a);
  const rb = results.find((r) => r.workload === workload && r.contender === b);
  if (!ra || !rb) return null;
  return median(ra.stepsPerSecond.map((v, i) => v / rb.stepsPerSecond[i]));
}

// The bars, each with its measured value (null when a contender was not run).
export function evaluateBars(results, gemm) {
  const bars = [];
  const ratio = (w, b) => pairedRatio(results, w, primaryId, b);
  bars.push({
    bar: 'W1: engine WASM SIMD ≥ 50× TF.js wasm',
    target: 50,
    value: ratio('W1', 'tfjs-wasm'),
    unit: '×',
  });
  bars.push({
    bar: 'W1: engine WASM SIMD ≥ 3× ConvNetJS',
    target: 3,
    value: ratio('W1', 'convnetjs'),
    unit: '×',
  });
  bars.push({
    bar: 'W2: engine WASM SIMD ≥ 5× TF.js wasm',
    target: 5,
    value: ratio('W2', 'tfjs-wasm'),
    unit: '×',
  });
  bars.push({
    bar: 'W3: engine WASM SIMD ≥ 4× TF.js wasm',
    target: 4,
    value: ratio('W3', 'tfjs-wasm'),
    unit: '×',
  });
  const w3 = results.find((r) => r.workload === 'W3' && r.contender === primaryId);
  const ceiling = gemm.find((g) => g.contender === primaryId);
  bars.push({
    bar: 'W3: engine WASM SIMD ≥ ½ of the WASM SIMD GEMM ceiling',
    target: 0.5,
    value:
      w3 && ceiling
        ? (median(w3.stepsPerSecond) * w3.flopsPerStep) / 1e9 / median(ceiling.gflops)
        : null,
    unit: 'of ceiling',
  });
  for (const id of ['C1', 'C2']) {
    bars.push({
      bar: `${id}: engine WASM SIMD ≥ 3× TF.js wasm`,
      target: 3,
      value: ratio(id, 'tfjs-wasm'),
      unit: '×',
    });
  }
  bars.push({
    bar: 'W2: WASM SIMD ≥ 1.8× WASM without SIMD',
    target: 1.8,
    value: ratio('W2', 'engine-wasm-base'),
    unit: '×',
  });
  bars.push({
    bar: 'W3: WASM SIMD ≥ 1.8× WASM without SIMD',
    target: 1.8,
    value: ratio('W3', 'engine-wasm-base'),
    unit: '×',
  });
  for (const b of bars) b.met = b.value == null ? null : b.value >= b.target;
  return bars;
}

const fmt = (v, digits = 3) => {
  if (v == null || !Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 3 });
};

// Markdown tables of a run.
export function formatTables({ results, gemm, bars }) {
  const lines = [];
  lines.push(
    '| workload | contender | steps/s (median) | min – max | samples/s | GFLOP/s | engine WASM SIMD is |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const m = median(r.stepsPerSecond);
    const lo = Math.min(...r.stepsPerSecond);
    const hi = Math.max(...r.stepsPerSecond);
    const rel =
      r.contender === primaryId
        ? '1×'
        : `${fmt(pairedRatio(results, r.workload, primaryId, r.contender))}×`;
    lines.push(
      `| ${r.workload} | ${r.label} | ${fmt(m)} | ${fmt(lo)} – ${fmt(hi)} | ${fmt(m * r.batch)} | ` +
        `${fmt((m * r.flopsPerStep) / 1e9)} | ${rel} |`,
    );
  }
  lines.push('');
  lines.push(
    `| GEMM ceiling (${gemm[0]?.n ?? 512}³, the engine's kernel) | GFLOP/s (median) | min – max |`,
  );
  lines.push('| --- | ---: | ---: |');
  for (const g of gemm) {
    lines.push(
      `| ${g.label} | ${fmt(median(g.gflops))} | ${fmt(Math.min(...g.gflops))} – ${fmt(Math.max(...g.gflops))} |`,
    );
  }
  lines.push('');
  lines.push('| bar | measured | met |');
  lines.push('| --- | ---: | :---: |');
  for (const b of bars) {
    const value =
      b.value == null ? '–' : b.unit === '×' ? `${fmt(b.value)}×` : `${fmt(b.value)} ${b.unit}`;
    lines.push(`| ${b.bar} | ${value} | ${b.met == null ? '–' : b.met ? 'yes' : 'no'} |`);
  }
  return lines.join('\n');
}
