// TensorFlow.js on a CNN workload (bench/cnn-workloads.mjs), its fastest training path as for the
// dense workloads: pre-built batch tensors, then per step
//   tf.tidy(() => optimizer.minimize(lossFn, false, variables))
// with no cost read back. Layers: tf.fused.conv2d (bias and relu fused) on NHWC data with HWIO
// kernels, tf.maxPool, a reshape, tf.fused.matMul with the bias; tf.losses.softmaxCrossEntropy
// (mean over the batch); tf.train.adam(lr, β1, β2, ε). AdamW (which TF.js does not ship) is
// tf.variableGrads, then w ← w(1 − γλ) on every variable, then optimizer.applyGradients: the
// gradient at the undecayed weights, as torch.optim.AdamW and the engine.
// The engine's weights are converted once at setup: conv [out][in][kh][kw] → [kh][kw][in][out];
// the dense layer after a flatten reads its input in C·H·W order, TF.js flattens NHWC maps in
// H·W·C order, so its rows are permuted (no transpose at run time).
import { oneHotTargets, trainingHandle } from './tfjs-training.mjs';

// TF.js 4.22's wasm backend has no Conv2DBackpropFilter kernel (the filter gradient every conv
// layer needs to train): training a CNN there fails with "Kernel 'Conv2DBackpropFilter' not
// registered for backend 'wasm'". The backend does ship Conv3DBackpropFilterV2 (C++ in its
// wasm binary); a 2-D convolution is a 3-D one of depth 1, so the missing kernel is registered
// as that kernel on the same memory with a depth axis of 1 added to the shapes (no copy). Every
// other kernel of the step is the backend's own.
export function registerWasmConv2dFilterGradient(tf) {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const conv3dFilter = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3dFilter)
    throw new Error('tfjs wasm: neither Conv2DBackpropFilter nor Conv3DBackpropFilterV2');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc({ inputs, backend, attrs }) {
      const { x, dy } = inputs;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
      if (dataFormat && dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter: NHWC only');
      if (typeof pad !== 'string' || dimRoundingMode != null) {
        throw new Error(`Conv2DBackpropFilter: pad 'same' or 'valid' only, got ${pad}`);
      }
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      const [kh, kw, cin, cout] = filterShape;
      const dw = conv3dFilter.kernelFunc({
        inputs: {
          x: { ...x, shape: [x.shape[0], 1, ...x.shape.slice(1)] },
          dy: { ...dy, shape: [dy.shape[0], 1, ...dy.shape.slice(1)] },
        },
        backend,
        attrs: { strides: [1, sh, sw], pad, filterShape: [1, kh, kw, cin, cout] },
      });
      return { dataId: dw.dataId, shape: [kh, kw, cin, cout], dtype: dw.dtype };
    },
  });
}

export function openTfCnn(tf, w, ensureBackend) {
  const param = (name) => {
    const p = w.params.find((q) => q.name === name);
    if (!p) throw new Error(`${w.id}: no parameter ${name}`);
    return p;
  };
  const variables = [];
  const variable = (values, shape) => {
    const t = tf.tensor(values, shape, 'float32');
    const v = tf.variable(t, true);
    t.dispose();
    variables.push(v);
    return v;
  };

  // Build the layers, tracking the NHWC shape of the activations.
  let shape = { ...w.inputShape };
  let flattenedFrom = null; // the map shape a dense layer's input was flattened from
  let trainable = 0;
  const layers = [];
  const dense = (units, activation) => {
    const wp = param(`layers.${trainable}.weight`);
    const bp = param(`layers.${trainable}.bias`);
    const inputs = wp.cols;
    const values = new Float32Array(wp.values.length);
    const s = flattenedFrom;
    for (let o = 0; o < units; o++) {
      for (let i = 0; i < inputs; i++) {
        // Engine input i = c·HW + h·W + x; TF.js input (h·W + x)·C + c.
        let row = i;
        if (s) {
          const plane = s.height * s.width;
          const c = Math.floor(i / plane);
          row = (i % plane) * s.channels + c;
        }
        values[row * units + o] = wp.values[o * inputs + i];
      }
    }
    const weight = variable(values, [inputs, units]);
    const bias = variable(bp.values, [units]);
    trainable += 1;
    flattenedFrom = null;
    layers.push((h) => tf.fused.matMul({ a: h, b: weight, bias, activation }));
  };
  for (const h of w.hidden) {
    if (h.kind === 'conv') {
      if (h.batchNorm || h.dropout || h.dropBlock) throw new Error(`${w.id}: plain conv only`);
      const wp = param(`layers.${trainable}.weight`);
      const bp = param(`layers.${trainable}.bias`);
      const k = h.kernel;
      const cin = shape.channels;
      const cout = h.channels;
      const hwio = new Float32Array(wp.values.length);
      for (let o = 0; o < cout; o++)
        for (let c = 0; c < cin; c++)
          for (let u = 0; u < k; u++)
            for (let v = 0; v < k; v++)
              hwio[((u * k + v) * cin + c) * cout + o] = wp.values[((o * cin + c) * k + u) * k + v];
      const filter = variable(hwio, [k, k, cin, cout]);
      const bias = variable(bp.values, [cout]);
      trainable += 1;
      const stride = h.stride;
      // 'valid' / 'same' (what the gradient kernel above accepts): padding 0, or (k − 1)/2 at
      // stride 1, which is what the workloads use.
      let pad = 'valid';
      if (h.padding !== 0) {
        if (stride !== 1 || 2 * h.padding !== k - 1) {
          throw new Error(`${w.id}: padding ${h.padding} is neither 'valid' nor 'same'`);
        }
        pad = 'same';
      }
      layers.push((x) =>
        tf.fused.conv2d({ x, filter, strides: stride, pad, bias, activation: h.activation }),
      );
      const side = (n) => Math.floor((n + 2 * h.padding - k) / stride) + 1;
      shape = { channels: cout, height: side(shape.height), width: side(shape.width) };
    } else if (h.kind === 'maxPool') {
      const s = h.size;
      layers.push((x) => tf.maxPool(x, s, s, 'valid'));
      shape = {
        channels: shape.channels,
        height: Math.floor(shape.height / s),
        width: Math.floor(shape.width / s),
      };
    } else if (h.kind === 'flatten') {
      const n = shape.channels * shape.height * shape.width;
      layers.push((x) => tf.reshape(x, [-1, n]));
      flattenedFrom = { ...shape };
      shape = { channels: n, height: 1, width: 1 };
    } else {
      throw new Error(`${w.id}: layer kind ${h.kind} is not in the TF.js CNN contender`);
    }
  }
  dense(w.outputs, 'linear');
  if (variables.length !== w.params.length) {
    throw new Error(`${w.id}: ${variables.length} TF.js variables for ${w.params.length} params`);
  }

  const logits = (x) => layers.reduce((h, layer) => layer(h), x);
  const lossOf = (x, target) => tf.losses.softmaxCrossEntropy(target, logits(x));

  // Rows are NCHW in the workload; TF.js wants NHWC.
  const { channels: C, height: H, width: W } = w.inputShape;
  const nhwc = (from, count) => {
    const out = new Float32Array(count * C * H * W);
    for (let n = 0; n < count; n++)
      for (let c = 0; c < C; c++)
        for (let p = 0; p < H * W; p++)
          out[(n * H * W + p) * C + c] = w.x[(from + n) * C * H * W + c * H * W + p];
    return tf.tensor4d(out, [count, H, W, C], 'float32');
  };
  const targets = (from, count) => oneHotTargets(tf, w, from, count);
  const xs = [];
  const ys = [];
  for (let s = 0; s < w.stepsPerEpoch; s++) {
    const from = s * w.batch;
    const count = Math.min(w.batch, w.rows - from);
    xs.push(nhwc(from, count));
    ys.push(targets(from, count));
  }
  const allX = nhwc(0, w.rows);
  const allY = targets(0, w.rows);

  const o = w.optimizer;
  const optimizer = tf.train.adam(o.lr, o.beta1, o.beta2, o.eps);
  const decay = o.kind === 'adamw' && o.weightDecay > 0 ? 1 - o.lr * o.weightDecay : 1;
  const step = (x, y) => {
    if (decay === 1) {
      optimizer.minimize(() => lossOf(x, y), false, variables);
    } else {
      // torch.optim.AdamW: the gradient at the current weights, then the decay, then Adam.
      const { grads } = tf.variableGrads(() => lossOf(x, y), variables);
      for (const v of variables) v.assign(tf.mul(v, decay));
      optimizer.applyGradients(grads);
    }
  };
  return trainingHandle(tf, {
    ensureBackend,
    step,
    lossOf,
    xs,
    ys,
    allX,
    allY,
    variables,
    optimizer,
  });
}
