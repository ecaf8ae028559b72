// Contender: ConvNetJS 0.3 (npm `convnetjs`), the classic in-browser network library. It works
// one sample at a time in float64 (its Vol holds Float64Array; float32 is not an option), so the
// float32 data and weights are widened exactly; a batch accumulates per-sample gradients and the
// update divides them by the batch size (the batch mean, as the others).
// W1 (SGD) uses ConvNetJS's own convnetjs.Trainer (method 'sgd', momentum 0, no decay).
// ConvNetJS has no Adam (0.3 offers sgd/adagrad/windowgrad/adadelta) and no sigmoid-BCE loss, so:
//   - W2/W3 run the same per-sample forward/backward through the library's Net, and apply
//     torch.optim.Adam's update to net.getParamsAndGrads() every batch (the loop of its Trainer,
//     with Adam's rule in place of SGD's);
//   - W1 ends in a small loss layer with ConvNetJS's layer interface: BCE with logits on one
//     output unit (a fc layer of 1 neuron, as the others).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// BCE with logits for one output: loss = max(z, 0) − z·y + log(1 + e^−|z|), dloss/dz = σ(z) − y.
class LogisticLossLayer {
  constructor(inputs) {
    this.num_inputs = inputs;
    this.out_depth = inputs;
    this.out_sx = 1;
    this.out_sy = 1;
    this.layer_type = 'logistic';
  }
  forward(V) {
    this.in_act = V;
    this.out_act = V;
    return V;
  }
  backward(y) {
    const x = this.in_act;
    const z = x.w[0];
    x.dw = new Float64Array(1);
    x.dw[0] = 1 / (1 + Math.exp(-z)) - y;
    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }
  getParamsAndGrads() {
    return [];
  }
}

export async function createConvnetjs() {
  const convnetjs = require('convnetjs');
  const version = require('convnetjs/package.json').version;
  return {
    id: 'convnetjs',
    label: 'ConvNetJS',
    info: `ConvNetJS ${version} (float64, one sample at a time)`,
    open(w) {
      return openConvnet(convnetjs, w);
    },
  };
}

function openConvnet(convnetjs, w) {
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: w.cols }];
  for (const h of w.hidden)
    defs.push({ type: 'fc', num_neurons: h.units, activation: h.activation });
  if (w.task === 'binary') defs.push({ type: 'regression', num_neurons: 1 });
  else defs.push({ type: 'softmax', num_classes: w.outputs });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  if (w.task === 'binary') {
    const last = net.layers.length - 1;
    net.layers[last] = new LogisticLossLayer(net.layers[last].num_inputs);
  }
  const fc = net.layers.filter((l) => l.layer_type === 'fc');
  if (fc.length !== w.sizes.length - 1) throw new Error('convnetjs: unexpected layer count');
  fc.forEach((layer, k) => {
    const wp = w.params.find((p) => p.name === `layers.${k}.weight`);
    const bp = w.params.find((p) => p.name === `layers.${k}.bias`);
    if (layer.filters.length !== wp.rows || layer.num_inputs !== wp.cols) {
      throw new Error(`convnetjs: layer ${k} is ${layer.filters.length}×${layer.num_inputs}`);
    }
    for (let o = 0; o < wp.rows; o++)
      layer.filters[o].w.set(wp.values.subarray(o * wp.cols, (o + 1) * wp.cols));
    layer.biases.w.set(bp.values);
  });

  // Pre-built input volumes and labels (the data is ready before the clock starts).
  const inputs = [];
  for (let i = 0; i < w.rows; i++) {
    const v = new convnetjs.Vol(1, 1, w.cols, 0.0);
    v.w.set(w.x.subarray(i * w.cols, (i + 1) * w.cols));
    inputs.push(v);
  }
  const labels = Array.from(w.y);

  const o = w.optimizer;
  let cursor = 0; // next sample
  let trainSample;
  if (o.kind === 'sgd') {
    const trainer = new convnetjs.Trainer(net, {
      method: 'sgd',
      learning_rate: o.lr,
      momentum: 0.0,
      batch_size: w.batch,
      l1_decay: 0,
      l2_decay: 0,
    });
    trainSample = (i) => trainer.train(inputs[i], labels[i]);
  } else {
    trainSample = adamTrainer(net, w.batch, o);
  }
  const train = (steps) => {
    const samples = steps * w.batch;
    for (let s = 0; s < samples; s++) {
      trainSample(cursor);
      cursor = (cursor + 1) % w.rows;
    }
  };
  return {
    train,
    loss() {
      let total = 0;
      for (let i = 0; i < w.rows; i++) {
        net.forward(inputs[i], false);
        total += net.backward(labels[i]);
      }
      // backward accumulated gradients: clear them (only called between whole batches).
      for (const pg of net.getParamsAndGrads()) pg.grads.fill(0);
      return total / w.rows;
    },
    time(steps) {
      const t0 = performance.now();
      train(steps);
      return (performance.now() - t0) / 1000;
    },
    close() {},
  };

  function adamTrainer(network, batch, opt) {
    // torch.optim.Adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − lr·m̂/(√v̂ + ε).
    const pglist = network.getParamsAndGrads();
    const m = pglist.map((pg) => new Float64Array(pg.params.length));
    const v = pglist.map((pg) => new Float64Array(pg.params.length));
    let k = 0; // samples seen
    let t = 0; // optimizer steps
    return (i) => {
      network.forward(inputs[i], true);
      network.backward(labels[i]);
      k++;
      if (k % batch !== 0) return;
      t++;
      const c1 = 1 - Math.pow(opt.beta1, t);
      const c2 = 1 - Math.pow(opt.beta2, t);
      for (let j = 0; j < pglist.length; j++) {
        const p = pglist[j].params;
        const g = pglist[j].grads;
        const mj = m[j];
        const vj = v[j];
        for (let q = 0; q < p.length; q++) {
          const gq = g[q] / batch;
          mj[q] = opt.beta1 * mj[q] + (1 - opt.beta1) * gq;
          vj[q] = opt.beta2 * vj[q] + (1 - opt.beta2) * gq * gq;
          p[q] -= (opt.lr * (mj[q] / c1)) / (Math.sqrt(vj[q] / c2) + opt.eps);
          g[q] = 0;
        }
      }
    };
  }
}
