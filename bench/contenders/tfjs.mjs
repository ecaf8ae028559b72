// Contender: TensorFlow.js 4.x on its WebAssembly backend (XNNPACK; the SIMD binary, checked by
// recording which .wasm file the backend reads) and on its plain-JavaScript cpu backend.
// Its fastest training path: pre-built batch tensors, then per step
//   tf.tidy(() => optimizer.minimize(lossFn, false, variables))
// with no cost read back. Weights are variables in TensorFlow's [in][out] layout (the shared
// [out][in] weights are transposed once at setup), each layer tf.fused.matMul with its bias,
// then the activation; losses tf.losses.sigmoidCrossEntropy / softmaxCrossEntropy (mean over the
// batch), optimizers tf.train.sgd / tf.train.adam(lr, β1, β2, ε).
// '@tensorflow/tfjs' is loaded for the gradient functions (tfjs-core alone registers none), in
// production mode (tf.enableProdMode()).
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { openTfCnn, registerWasmConv2dFilterGradient } from './tfjs-cnn.mjs';
import { oneHotTargets, trainingHandle } from './tfjs-training.mjs';

const require = createRequire(import.meta.url);

let tfPromise = null;
let wasmBinaryRead = null;

// Loads tfjs once; the wasm backend reads its binary from the package's dist folder.
async function loadTf() {
  if (tfPromise) return tfPromise;
  tfPromise = (async () => {
    const tf = require('@tensorflow/tfjs');
    const wasmBackend = require('@tensorflow/tfjs-backend-wasm');
    const distDir = require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/\\]+$/, '');
    wasmBackend.setWasmPaths(distDir);
    // Production mode: tfjs skips its debug checks (its documented setting for speed).
    tf.enableProdMode();
    registerWasmConv2dFilterGradient(tf);
    return { tf, wasmBackend };
  })();
  return tfPromise;
}

// Switches tfjs to `backend`; for 'wasm', records which binary the backend reads from disk.
async function useBackend(tf, backend) {
  if (backend !== 'wasm') {
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to start`);
    return;
  }
  const originalSync = fs.readFileSync;
  const originalAsync = fs.readFile;
  const seen = [];
  fs.readFileSync = function (file, ...rest) {
    if (String(file).endsWith('.wasm')) seen.push(String(file));
    return originalSync.call(this, file, ...rest);
  };
  fs.readFile = function (file, ...rest) {
    if (String(file).endsWith('.wasm')) seen.push(String(file));
    return originalAsync.call(this, file, ...rest);
  };
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');
    await tf.ready();
  } finally {
    fs.readFileSync = originalSync;
    fs.readFile = originalAsync;
  }
  if (seen.length) wasmBinaryRead = seen[seen.length - 1].replace(/^.*[/\\]/, '');
}

export async function createTfjs(backend) {
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`tfjs backend ${backend}?`);
  const { tf } = await loadTf();
  await useBackend(tf, backend);
  let info = `TensorFlow.js ${tf.version_core}, ${backend} backend`;
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    if (!wasmBinaryRead) throw new Error('tfjs wasm: could not tell which binary was loaded');
    info += `, binary ${wasmBinaryRead} (SIMD ${simd ? 'yes' : 'no'}, threads ${threads ? 'yes' : 'no'})`;
  }
  return {
    id: `tfjs-${backend}`,
    label: `TF.js ${backend}`,
    cnn: true,
    info,
    wasmBinary: backend === 'wasm' ? wasmBinaryRead : null,
    open(w) {
      return openTf(tf, backend, w);
    },
  };
}

function openTf(tf, backend, w) {
  // Another open workload (the other tfjs backend) may have switched the global backend.
  const ensureBackend = () => {
    if (tf.getBackend() !== backend) tf.setBackend(backend);
  };
  ensureBackend();
  if (w.kind === 'cnn') return openTfCnn(tf, w, ensureBackend);
  const layers = w.sizes.length - 1;
  const weights = [];
  const biases = [];
  for (let k = 0; k < layers; k++) {
    const wp = w.params.find((p) => p.name === `layers.${k}.weight`);
    const bp = w.params.find((p) => p.name === `layers.${k}.bias`);
    const transposed = new Float32Array(wp.values.length);
    for (let o = 0; o < wp.rows; o++) {
      for (let i = 0; i < wp.cols; i++) transposed[i * wp.rows + o] = wp.values[o * wp.cols + i];
    }
    // tf.variable shares the initial tensor's data, so the initial tensor can go right away.
    const w0 = tf.tensor2d(transposed, [wp.cols, wp.rows], 'float32');
    const b0 = tf.tensor1d(bp.values, 'float32');
    weights.push(tf.variable(w0, true));
    biases.push(tf.variable(b0, true));
    tf.dispose([w0, b0]);
  }
  const variables = [];
  for (let k = 0; k < layers; k++) variables.push(weights[k], biases[k]);
  const activation = (name, h) => (name === 'relu' ? tf.relu(h) : tf.tanh(h));

  const logits = (x) => {
    let h = x;
    for (let k = 0; k < layers; k++) {
      h = tf.fused.matMul({ a: h, b: weights[k], bias: biases[k] });
      if (k < layers - 1) h = activation(w.hidden[k].activation, h);
    }
    return h;
  };
  const lossOf = (x, target) =>
    w.task === 'binary'
      ? tf.losses.sigmoidCrossEntropy(target, logits(x))
      : tf.losses.softmaxCrossEntropy(target, logits(x));

  const targets = (from, count) => {
    if (w.task === 'binary')
      return tf.tensor2d(w.y.subarray(from, from + count), [count, 1], 'float32');
    return oneHotTargets(tf, w, from, count);
  };
  const xs = [];
  const ys = [];
  for (let s = 0; s < w.stepsPerEpoch; s++) {
    const from = s * w.batch;
    xs.push(
      tf.tensor2d(
        w.x.subarray(from * w.cols, (from + w.batch) * w.cols),
        [w.batch, w.cols],
        'float32',
      ),
    );
    ys.push(targets(from, w.batch));
  }
  const allX = tf.tensor2d(w.x, [w.rows, w.cols], 'float32');
  const allY = targets(0, w.rows);

  const o = w.optimizer;
  const optimizer =
    o.kind === 'adam' ? tf.train.adam(o.lr, o.beta1, o.beta2, o.eps) : tf.train.sgd(o.lr);
  return trainingHandle(tf, {
    ensureBackend,
    step: (x, y) => optimizer.minimize(() => lossOf(x, y), false, variables),
    lossOf,
    xs,
    ys,
    allX,
    allY,
    variables,
    optimizer,
  });
}
