// The CNN benchmark workloads: small convolutional networks on the 8×8 digits, identical for every
// contender that has convolutions (the engine as WASM, TensorFlow.js). The engine builds the
// data set itself (data.kind 'digits', every row in the training split, no shuffling, pixels
// standardised per channel as it does for every CNN); the other contenders get the same rows in
// the engine's training order, standardised here with the engine's formula, and the engine's
// own initial weights (PyTorch layout: conv [out][in][kh][kw], dense [out][in] with the
// flattened input in C·H·W order).
//   C1 small:          conv 8 k3 relu → max pool 2 → flatten 72 → 10, batch 32, Adam
//   C2 worked example: conv 16 k3 p1 relu → max pool 2 → conv 32 k3 p1 relu → flatten 512 → 10,
//                      batch 16, AdamW (README's worked example: lr 3e-3, weight decay 0.1)
import { readFileSync } from 'node:fs';

import { root } from './workloads.mjs';

const conv = (channels, padding) => ({
  kind: 'conv',
  channels,
  kernel: 3,
  stride: 1,
  padding,
  activation: 'relu',
  dropout: 0,
  dropBlock: 0,
  batchNorm: false,
});

const definitions = [
  {
    id: 'C1',
    title: 'small CNN: 1×8×8 → conv 8 k3 relu → max pool 2 → 10 softmax, CE, batch 32, Adam',
    hidden: [conv(8, 0), { kind: 'maxPool', size: 2 }, { kind: 'flatten' }],
    batch: 32,
    init: 'heUniform',
    optimizer: { kind: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  },
  {
    id: 'C2',
    title:
      "the README's worked example: conv 16 k3 p1 relu → max pool 2 → conv 32 k3 p1 relu → 10 softmax, CE, batch 16, AdamW",
    hidden: [conv(16, 1), { kind: 'maxPool', size: 2 }, conv(32, 1), { kind: 'flatten' }],
    batch: 16,
    init: 'heUniform',
    optimizer: {
      kind: 'adamw',
      lr: 0.003,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.1,
    },
  },
];

export const cnnWorkloadIds = definitions.map((d) => d.id);
export const isCnnWorkload = (id) => cnnWorkloadIds.includes(id);

// The engine's training settings in every benchmark run (dense and CNN workloads): batches
// in order, nothing that changes the step (no clipping, noise, augmentation or early
// stopping), metrics recorded as seldom as possible.
export function plainTraining(batchSize) {
  return {
    batchSize,
    shuffle: false,
    clipNorm: 0,
    clipValue: 0,
    maxNorm: 0,
    jitter: 0,
    mixupAlpha: 0,
    augmentShift: 0,
    augmentRotation: 0,
    augmentFlip: false,
    earlyStopping: { enabled: false },
    recordEvery: 100000,
    recordEpochs: false,
    maxEpochs: 0,
  };
}

// The engine's spec of a CNN workload.
export function cnnEngineSpec(d) {
  const o = d.optimizer;
  return {
    version: 1,
    seed: 7,
    data: {
      kind: 'digits',
      task: 'classification',
      valFraction: 0,
      testFraction: 0,
      trainFraction: 1,
      standardize: true,
    },
    model: { hidden: d.hidden, init: d.init },
    penalty: { kind: 'none', lambda: 0 },
    optimizer: {
      kind: o.kind,
      lr: o.lr,
      beta1: o.beta1,
      beta2: o.beta2,
      eps: o.eps,
      amsgrad: false,
      weightDecay: o.weightDecay,
      decayScope: 'all',
    },
    schedule: { kind: 'constant', warmupSteps: 0 },
    training: plainTraining(d.batch),
  };
}

// The engine's per-channel standardisation (engine/data/standardize.cpp fitChannels, then
// transform): mean and biased variance in double over every training pixel of the channel, σ = 1
// for a constant channel, then (x − μ) / σ in float32.
export function standardizeChannels(x, rows, channels, plane) {
  const out = new Float32Array(x.length);
  const n = rows * plane;
  const cols = channels * plane;
  for (let c = 0; c < channels; c++) {
    let mu = 0;
    for (let i = 0; i < rows; i++)
      for (let j = c * plane; j < (c + 1) * plane; j++) mu += x[i * cols + j];
    mu /= n;
    let v = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = c * plane; j < (c + 1) * plane; j++) {
        const d = x[i * cols + j] - mu;
        v += d * d;
      }
    }
    v /= n;
    const eps = 2 ** -52;
    const bound = n * eps * v + (n * mu * eps) ** 2;
    const mean = Math.fround(mu);
    const sigma = v <= bound ? 1 : Math.fround(Math.sqrt(v));
    for (let i = 0; i < rows; i++) {
      for (let j = c * plane; j < (c + 1) * plane; j++) {
        out[i * cols + j] = Math.fround(Math.fround(x[i * cols + j] - mean) / sigma);
      }
    }
  }
  return out;
}

let digitsLoaded = new WeakSet();

// The engine module with the digits set loaded (the WASM engine ships no data files).
export function withDigits(engine) {
  if (!digitsLoaded.has(engine)) {
    engine.loadDataSet('digits', readFileSync(`${root}engine/data/sets/digits.csv`, 'utf8'));
    digitsLoaded.add(engine);
  }
  return engine;
}

// A CNN workload materialised with `engine` (a loaded WASM engine module): the spec, the rows in
// the engine's training order (network inputs, NCHW), the labels and the initial weights.
export function makeCnnWorkload(id, engine) {
  const d = definitions.find((w) => w.id === id);
  if (!d) throw new Error(`unknown CNN workload ${id}; one of ${cnnWorkloadIds.join(', ')}`);
  const spec = cnnEngineSpec(d);
  const trainer = new (withDigits(engine).Trainer)(engine.normalizeSpec(spec));
  try {
    const net = trainer.network();
    const shape = net.inputShape;
    const data = trainer.data('train');
    const x = standardizeChannels(data.x, data.rows, shape.channels, shape.height * shape.width);
    const params = trainer.parameters().map((p) => ({
      name: p.name,
      rows: p.rows,
      cols: p.cols,
      values: Float32Array.from(p.values),
    }));
    return {
      id: d.id,
      title: d.title,
      kind: 'cnn',
      spec,
      hidden: d.hidden,
      inputShape: shape,
      outputs: net.outputs,
      batch: d.batch,
      optimizer: d.optimizer,
      rows: data.rows,
      cols: data.cols,
      x,
      y: Float32Array.from(data.y),
      params,
      flopsPerStep: cnnFlopsPerStep(net.layers, d.hidden, d.batch),
      // As the engine's batcher (DataLoader, drop_last=False): the last batch may be smaller.
      stepsPerEpoch: Math.ceil(data.rows / d.batch),
    };
  } finally {
    trainer.delete();
  }
}

// Multiply-add flops of one step for conv and dense layers (the convention of bench/workloads.mjs
// flopsPerStep: forward 2·MACs, backward 2·MACs for the weight gradient plus 2·MACs for the input
// gradient except at the first layer). A conv layer's MACs: B · out · OH · OW · in · kh · kw.
export function cnnFlopsPerStep(layers, hidden, batch) {
  const size = (s) => s.channels * s.height * s.width;
  let flops = 0;
  let first = true;
  for (const l of layers) {
    let mac = 0;
    if (l.kind === 'conv') {
      const k = hidden[l.hidden].kernel;
      mac = batch * size(l.output) * l.input.channels * k * k;
    } else if (l.kind === 'dense' || l.kind === 'output') {
      mac = batch * size(l.input) * size(l.output);
    } else continue;
    flops += 2 * mac * (first ? 2 : 3);
    first = false;
  }
  return flops;
}
