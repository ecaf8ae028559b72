// What the dense and the CNN TF.js contenders (tfjs.mjs, tfjs-cnn.mjs) share: one-hot class
// targets, and the handle a workload returns (train over the pre-built batches in turn, the
// full-set loss, timed steps, close).

// Rows [from, from + count) of the class labels w.y as one-hot float targets.
export function oneHotTargets(tf, w, from, count) {
  return tf.tidy(() =>
    tf
      .oneHot(tf.tensor1d(Int32Array.from(w.y.subarray(from, from + count)), 'int32'), w.outputs)
      .toFloat(),
  );
}

// step(x, y): one optimizer step on a batch, run inside tf.tidy. xs / ys: the batches, used
// in turn; allX / allY: the whole training set for loss().
export function trainingHandle(tf, run) {
  const { ensureBackend, step, lossOf, xs, ys, allX, allY, variables, optimizer } = run;
  let cursor = 0;
  const train = (steps) => {
    ensureBackend();
    for (let i = 0; i < steps; i++) {
      const x = xs[cursor];
      const y = ys[cursor];
      tf.tidy(() => step(x, y));
      cursor = (cursor + 1) % xs.length;
    }
  };
  return {
    train,
    loss() {
      ensureBackend();
      return tf.tidy(() => lossOf(allX, allY).dataSync()[0]);
    },
    time(steps) {
      ensureBackend();
      const t0 = performance.now();
      train(steps);
      // The wasm and cpu backends run kernels synchronously; reading one value makes sure.
      variables[0].dataSync();
      return (performance.now() - t0) / 1000;
    },
    close() {
      ensureBackend();
      optimizer.dispose();
      tf.dispose([...variables, ...xs, ...ys, allX, allY]);
    },
  };
}
