// The three benchmark workloads, identical for every contender: the same data (float32), the
// same initial weights (float32, PyTorch layout [out][in]), the same batch order and the same
// optimizer settings. Everything here is deterministic: a seeded generator (splitmix32), no
// Math.random.
//   W1 playground-size: 2 → 8 tanh → 8 tanh → 1 (sigmoid + binary cross-entropy), batch 10, SGD
//   W2 digits-size:     64 → 128 relu → 128 relu → 10 (softmax + cross-entropy), batch 32, Adam
//   W3 wide:            64 → 512 relu → 512 relu → 10 (softmax + cross-entropy), batch 128, Adam
// Initial weights follow torch.nn.Linear's default: W, b ~ U(−1/√fan_in, 1/√fan_in).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));

// splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix): small, fast and the same on
// every JavaScript engine.
export function makeRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const uniform = () => next() / 4294967296;
  // Box–Muller; the second variate is dropped (simplicity over speed: runs once, at setup).
  const normal = () => {
    const u1 = 1 - uniform();
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  return { next, uniform, normal };
}

// W1's data: the playground's "circle" set. Class 1 inside radius 2, class 0 on a ring between
// radius 3 and 5, Gaussian noise 0.25 on both coordinates; 500 points = 50 batches of 10.
export function circleData(rows, seed) {
  const rng = makeRandom(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const inside = i % 2 === 0;
    const r = inside ? 2 * Math.sqrt(rng.uniform()) : 3 + 2 * rng.uniform();
    const angle = 2 * Math.PI * rng.uniform();
    x[2 * i] = r * Math.cos(angle) + 0.25 * rng.normal();
    x[2 * i + 1] = r * Math.sin(angle) + 0.25 * rng.normal();
    y[i] = inside ? 1 : 0;
  }
  return { x, y, rows, cols: 2 };
}

// W2/W3's data: the 8×8 digits shipped with the engine (engine/data/sets/digits.csv), pixels
// scaled from 0..16 to [0, 1]. The first `rows` images (1792 = 56 × 32 = 14 × 128, so every
// batch of either workload is full).
export function digitsData(rows) {
  const lines = readFileSync(`${root}engine/data/sets/digits.csv`, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cols = header.length - 1;
  if (header[cols] !== 'label' || cols !== 64) throw new Error('digits.csv: unexpected header');
  if (lines.length - 1 < rows)
    throw new Error(`digits.csv: ${lines.length - 1} rows, need ${rows}`);
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const values = lines[i + 1].split(',').map(Number);
    for (let j = 0; j < cols; j++) x[i * cols + j] = values[j] / 16;
    y[i] = values[cols];
  }
  return { x, y, rows, cols };
}

// torch.nn.Linear's reset_parameters: kaiming_uniform_(a=√5) gives U(−1/√fan_in, 1/√fan_in) for
// the weight; the bias uses the same bound.
export function linearInit(sizes, seed) {
  const rng = makeRandom(seed);
  const params = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const fanIn = sizes[k];
    const fanOut = sizes[k + 1];
    const bound = 1 / Math.sqrt(fanIn);
    const w = new Float32Array(fanOut * fanIn);
    for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * bound;
    const b = new Float32Array(fanOut);
    for (let i = 0; i < b.length; i++) b[i] = (2 * rng.uniform() - 1) * bound;
    params.push({ name: `layers.${k}.weight`, rows: fanOut, cols: fanIn, values: w });
    params.push({ name: `layers.${k}.bias`, rows: fanOut, cols: 1, values: b });
  }
  return params;
}

// Matrix-multiply flops of one training step, the convention of every GFLOP/s figure here:
// forward 2·B·in·out per layer; backward 2·B·in·out for the weight gradient and 2·B·in·out for
// the input gradient, except at the first layer (nobody needs the gradient of the data).
// Bias adds, activations, the loss and the optimizer update are not counted.
export function flopsPerStep(sizes, batch) {
  let flops = 0;
  for (let k = 0; k + 1 < sizes.length; k++) {
    const mac = batch * sizes[k] * sizes[k + 1];
    flops += 2 * mac * (k === 0 ? 2 : 3);
  }
  return flops;
}

const definitions = [
  {
    id: 'W1',
    title: 'playground-size: 2 → 8 tanh → 8 tanh → 1 sigmoid, BCE, batch 10, SGD',
    hidden: [
      { units: 8, activation: 'tanh' },
      { units: 8, activation: 'tanh' },
    ],
    outputs: 1,
    task: 'binary',
    batch: 10,
    optimizer: { kind: 'sgd', lr: 0.1 },
    data: () => circleData(500, 101),
    initSeed: 1001,
  },
  {
    id: 'W2',
    title: 'digits-size: 64 → 128 relu → 128 relu → 10 softmax, CE, batch 32, Adam',
    hidden: [
      { units: 128, activation: 'relu' },
      { units: 128, activation: 'relu' },
    ],
    outputs: 10,
    task: 'multiclass',
    batch: 32,
    optimizer: { kind: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    data: () => digitsData(1792),
    initSeed: 1002,
  },
  {
    id: 'W3',
    title: 'wide: 64 → 512 relu → 512 relu → 10 softmax, CE, batch 128, Adam',
    hidden: [
      { units: 512, activation: 'relu' },
      { units: 512, activation: 'relu' },
    ],
    outputs: 10,
    task: 'multiclass',
    batch: 128,
    optimizer: { kind: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    data: () => digitsData(1792),
    initSeed: 1003,
  },
];

export const workloadIds = definitions.map((d) => d.id);

// A workload with its data and initial weights materialised. `x`/`y` are in the order the
// contenders train on: batch s (0-based) is rows [s·B, (s+1)·B) mod rows.
export function makeWorkload(id) {
  const d = definitions.find((w) => w.id === id);
  if (!d) throw new Error(`unknown workload ${id}; one of ${workloadIds.join(', ')}`);
  const data = d.data();
  if (data.rows % d.batch !== 0) throw new Error(`${id}: rows must be a multiple of the batch`);
  const sizes = [data.cols, ...d.hidden.map((h) => h.units), d.outputs];
  return {
    id: d.id,
    title: d.title,
    hidden: d.hidden,
    outputs: d.outputs,
    task: d.task,
    batch: d.batch,
    optimizer: d.optimizer,
    sizes,
    ...data,
    params: linearInit(sizes, d.initSeed),
    flopsPerStep: flopsPerStep(sizes, d.batch),
    stepsPerEpoch: data.rows / d.batch,
  };
}

// The same workload with its rows in another order (the engine's training order).
export function withOrder(workload, x, y) {
  if (x.length !== workload.x.length || y.length !== workload.y.length) {
    throw new Error(`${workload.id}: reordered data has the wrong size`);
  }
  return { ...workload, x: Float32Array.from(x), y: Float32Array.from(y) };
}
