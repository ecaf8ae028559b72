// The effect each lesson of the gallery (web/src/lessons/catalog-data.mjs) promises, checked
// with numbers. Plain ES module without dependencies: the Node tests call it on runs trained
// with the WASM engine (tests/lessons/run-lesson.mjs), a browser test on the metrics the page
// recorded. Both hand over the same structure:
//   result = { runs: [{ status, metrics, layers }] }   (runs in the lesson's order)
//   status: the engine's RunStatus
//   metrics[column][row]: step, epoch, lr, batchLoss, trainLoss, trainPenalty, valLoss,
//     testLoss, lossGap, trainAccuracy, valAccuracy, testAccuracy, gradNormTotal,
//     gradNormClipped
//   layers[column][layer][row]: weightL1, weightL2, gradNorm, updateRatio, zeroFraction,
//     smallFraction
// Rows traced just before a divergence hold NaN in the evaluated columns; the helpers skip
// non-finite values.
// A lesson that opens on a "Choosing λ" view also hands over its study (run-lesson.mjs,
// runStudy; the page's AppState.study):
//   result.study = { path: { alphas, nonZeros, featureNames, coefs }, cv: { mean, se, best,
//     oneSe } | null }
// A lesson that opens the geometry view (stage 'geometry') also hands over what the view shows
// for its settings, per penalty drawn:
//   result.geometry = { l1: { w: [w1, w2], zeroFraction }, l2: { ... } }
//   w: the optimum w*(λ) at the lesson's c (an exact zero is 0); zeroFraction: the share of the
//   view's grid of positions of c for which w* has an exact zero.
//
// kMeasures[id](result) returns the numbers a lesson's claim is about; kEffects[id](result)
// asserts the claim on them, with thresholds that leave a margin to the measured values (the
// comments give the lesson seed's numbers).
import assert from 'node:assert/strict';

const finite = (values) => values.filter(Number.isFinite);
const lastOf = (values) => finite(values).at(-1) ?? NaN;
const firstOf = (values) => finite(values)[0] ?? NaN;
const minOf = (values) => Math.min(...finite(values));
const maxOf = (values) => Math.max(...finite(values));
const meanOf = (values) => {
  const v = finite(values);
  return v.reduce((s, x) => s + x, 0) / v.length;
};
// Mean of the last n finite values: where a single record would be noise (a run that jumps).
const tailMean = (values, n) => meanOf(finite(values).slice(-n));
const median = (values) => {
  const v = finite(values).sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
// √(Σ over layers of ‖W_l‖²) at a row: the norm of all the network's weights together.
const totalWeightNorm = (run, row) =>
  Math.hypot(...run.layers.weightL2.map((perRow) => perRow.at(row)));
// The first recorded step at which column ≤ threshold, Infinity when never.
const stepReaching = (run, column, threshold) => {
  const i = run.metrics[column].findIndex((x) => x <= threshold);
  return i < 0 ? Infinity : run.metrics.step[i];
};
const round = (x) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : x);
const show = (numbers) =>
  Object.entries(numbers)
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? `[${v.map(round).join(', ')}]` : round(v)}`)
    .join(', ');

// The α the lassoPath lesson's network is trained at: its L1 λ = 0.1 on a target the network
// standardises (σ = 77.0 on all 442 diabetes rows) is α = λσ/2 (networkPenalty).
const kLassoPathAlpha = (0.1 * 77.0) / 2;

// The grid index whose value is nearest `value` on a log scale.
const nearestIndex = (grid, value) =>
  grid.reduce(
    (best, a, i) =>
      Math.abs(Math.log(a / value)) < Math.abs(Math.log(grid[best] / value)) ? i : best,
    0,
  );

function studyOf(result, id) {
  assert.ok(result.study?.path, `${id}: no study in the result`);
  return result.study;
}

function runsOf(result, count, id) {
  assert.equal(result.runs.length, count, `${id}: expected ${count} runs`);
  return result.runs;
}

export const kMeasures = {
  overfittingCures(result) {
    const runs = runsOf(result, 4, 'overfittingCures');
    const rise = runs.map((r) => lastOf(r.metrics.valLoss) / minOf(r.metrics.valLoss));
    return {
      riseNoCure: rise[0],
      riseL2: rise[1],
      riseDropout: rise[2],
      riseEarlyStopping: rise[3],
      earlyStoppingState: runs[3].status.state,
      trainLossNoCure: lastOf(runs[0].metrics.trainLoss),
    };
  },
  l1VsL2(result) {
    const [l1, l2] = runsOf(result, 2, 'l1VsL2');
    return {
      zeroL1: lastOf(l1.layers.zeroFraction[0]),
      zeroL2Max: maxOf(l2.layers.zeroFraction[0]),
      valAccuracyL1: lastOf(l1.metrics.valAccuracy),
    };
  },
  l1Geometry(result) {
    const [l1, l2] = runsOf(result, 2, 'l1Geometry');
    const g = result.geometry;
    assert.ok(g?.l1 && g?.l2, 'l1Geometry: the geometry of L1 and L2 is missing');
    return {
      zeroRunL1: lastOf(l1.layers.zeroFraction[0]),
      zeroRunL2Max: maxOf(l2.layers.zeroFraction[0]),
      l1W: g.l1.w,
      l2W: g.l2.w,
      l1ZeroShare: g.l1.zeroFraction,
      l2ZeroShare: g.l2.zeroFraction,
    };
  },
  lpSparsity(result) {
    const [l1, l1Strong, lp] = runsOf(result, 3, 'lpSparsity');
    return {
      zeroL1: lastOf(l1.layers.zeroFraction[0]),
      zeroL1Strong: lastOf(l1Strong.layers.zeroFraction[0]),
      zeroLp: lastOf(lp.layers.zeroFraction[0]),
      trainL1: lastOf(l1.metrics.trainLoss),
      trainL1Strong: lastOf(l1Strong.metrics.trainLoss),
      trainLp: lastOf(lp.metrics.trainLoss),
    };
  },
  elasticNetGrouping(result) {
    const [l1, net] = runsOf(result, 2, 'elasticNetGrouping');
    return {
      zeroL1: lastOf(l1.layers.zeroFraction[0]),
      zeroElasticNet: lastOf(net.layers.zeroFraction[0]),
    };
  },
  adamwVsL2(result) {
    const [l2, adamw] = runsOf(result, 2, 'adamwVsL2');
    return {
      startNormL2: totalWeightNorm(l2, 0),
      startNormAdamW: totalWeightNorm(adamw, 0),
      normL2: totalWeightNorm(l2, -1),
      normAdamW: totalWeightNorm(adamw, -1),
    };
  },
  dropoutEnsemble(result) {
    const [dropout, plain] = runsOf(result, 2, 'dropoutEnsemble');
    const ratio = (r) => tailMean(r.metrics.batchLoss, 20) / tailMean(r.metrics.trainLoss, 20);
    return { ratioDropout: ratio(dropout), ratioNoDropout: ratio(plain) };
  },
  batchNormDepth(result) {
    const [plain, bn] = runsOf(result, 2, 'batchNormDepth');
    return {
      step: lastOf(bn.metrics.step),
      lossPlain: lastOf(plain.metrics.trainLoss),
      lossBatchNorm: lastOf(bn.metrics.trainLoss),
    };
  },
  earlyStopping(result) {
    const [stopped, full] = runsOf(result, 2, 'earlyStopping');
    const m = stopped.metrics;
    const best = minOf(m.valLoss);
    const atBestStep = m.step.flatMap((s, i) =>
      s === stopped.status.bestStep ? [m.valLoss[i]] : [],
    );
    return {
      state: stopped.status.state,
      stoppedAt: stopped.status.step,
      bestStep: stopped.status.bestStep,
      minValLoss: best,
      lastValLoss: lastOf(m.valLoss),
      valLossAtBestStep: atBestStep,
      lastValLossWithout: lastOf(full.metrics.valLoss),
      stepsWithout: full.status.step,
    };
  },
  augmentation(result) {
    const runs = runsOf(result, 3, 'augmentation');
    const [none, jitter, mixup] = runs.map((r) => tailMean(r.metrics.valLoss, 10));
    return { valNone: none, valJitter: jitter, valMixup: mixup };
  },
  gradientClipping(result) {
    const [free, clipped] = runsOf(result, 2, 'gradientClipping');
    return {
      stateWithout: free.status.state,
      divergedAtStep: free.status.divergedAtStep,
      maxGradNormWithout: maxOf(free.metrics.gradNormTotal),
      stateClipped: clipped.status.state,
      firstLossClipped: firstOf(clipped.metrics.trainLoss),
      lastLossClipped: lastOf(clipped.metrics.trainLoss),
      maxGradNormClippedBefore: maxOf(clipped.metrics.gradNormTotal),
      maxGradNormClippedAfter: maxOf(clipped.metrics.gradNormClipped),
    };
  },
  vanishingGradients(result) {
    const runs = runsOf(result, 2, 'vanishingGradients');
    const ratio = (r) => {
      const g = r.layers.gradNorm;
      const first = g[0];
      const last = g[g.length - 1];
      return median(first.map((x, i) => (last[i] > 0 ? x / last[i] : NaN)));
    };
    return { firstOverLastSigmoid: ratio(runs[0]), firstOverLastRelu: ratio(runs[1]) };
  },
  optimizerRace(result) {
    const runs = runsOf(result, 4, 'optimizerRace');
    const [sgd, momentum, adam, rmsprop] = runs.map((r) => stepReaching(r, 'trainLoss', 0.1));
    const slowest = Math.max(momentum, adam, rmsprop);
    const m = runs[0].metrics;
    const sgdThen = Number.isFinite(slowest) ? m.trainLoss[m.step.indexOf(slowest)] : NaN;
    return {
      stepSgd: sgd,
      stepMomentum: momentum,
      stepAdam: adam,
      stepRmsprop: rmsprop,
      sgdLossThen: sgdThen,
      sgdLossEnd: lastOf(m.trainLoss),
    };
  },
  lrSchedules(result) {
    const runs = runsOf(result, 3, 'lrSchedules');
    const [constant, step, cosine] = runs.map((r) => tailMean(r.metrics.trainLoss, 10));
    return {
      lossConstant: constant,
      lossStep: step,
      lossCosine: cosine,
      lastLr: runs.map((r) => lastOf(r.metrics.lr)),
    };
  },
  lassoPath(result) {
    const [net] = runsOf(result, 1, 'lassoPath');
    const { alphas, nonZeros, featureNames, coefs } = studyOf(result, 'lassoPath').path;
    const p = featureNames.length;
    // Features in the order they first become non-zero as α weakens.
    const entered = [];
    alphas.forEach((_, i) =>
      featureNames.forEach((name, j) => {
        if (coefs[i * p + j] !== 0 && !entered.includes(name)) entered.push(name);
      }),
    );
    const drops = nonZeros.flatMap((n, i) => (i > 0 && n < nonZeros[i - 1] ? [i] : []));
    // The grid point nearest the run's α (the network's λ = 2α: kLassoPathAlpha).
    const at = nearestIndex(alphas, kLassoPathAlpha);
    return {
      p,
      nonZerosFirst: nonZeros[0],
      nonZerosLast: nonZeros.at(-1),
      drops: drops.length,
      maxBeforeDrop: drops.length ? Math.max(...nonZeros.slice(0, drops[0])) : NaN,
      firstTwo: entered.slice(0, 2),
      pathZeroShareAtAlpha: 1 - nonZeros[at] / p,
      networkZeroShare: lastOf(net.layers.zeroFraction[0]),
    };
  },
  cvLambda(result) {
    runsOf(result, 1, 'cvLambda');
    const { path, cv } = studyOf(result, 'cvLambda');
    assert.ok(cv, 'cvLambda: no cross-validation in the result');
    return {
      gridPoints: path.alphas.length,
      best: cv.best,
      oneSe: cv.oneSe,
      alphaBest: path.alphas[cv.best],
      alphaOneSe: path.alphas[cv.oneSe],
      featuresBest: path.nonZeros[cv.best],
      featuresOneSe: path.nonZeros[cv.oneSe],
      errorBest: cv.mean[cv.best],
      seBest: cv.se[cv.best],
      errorOneSe: cv.mean[cv.oneSe],
      errorStrongest: cv.mean[0],
    };
  },
  dropBlockCnn(result) {
    const runs = runsOf(result, 3, 'dropBlockCnn');
    const [plain, dropout, dropBlock] = runs;
    const val = runs.map((r) => tailMean(r.metrics.valLoss, 3));
    const test = runs.map((r) => lastOf(r.metrics.testAccuracy));
    return {
      valPlain: val[0],
      valDropout2d: val[1],
      valDropBlock: val[2],
      testPlain: test[0],
      testDropout2d: test[1],
      testDropBlock: test[2],
      trainLossPlain: lastOf(plain.metrics.trainLoss),
      trainLossDropBlock: lastOf(dropBlock.metrics.trainLoss),
      steps: [plain, dropout, dropBlock].map((r) => lastOf(r.metrics.step)),
    };
  },
  imageAugmentation(result) {
    const [none, shifted] = runsOf(result, 2, 'imageAugmentation');
    return {
      trainAccNone: lastOf(none.metrics.trainAccuracy),
      trainAccShifted: lastOf(shifted.metrics.trainAccuracy),
      testAccNone: lastOf(none.metrics.testAccuracy),
      testAccShifted: lastOf(shifted.metrics.testAccuracy),
      valNone: tailMean(none.metrics.valLoss, 3),
      valShifted: tailMean(shifted.metrics.valLoss, 3),
    };
  },
  batchNormCnn(result) {
    const [plain, bn] = runsOf(result, 2, 'batchNormCnn');
    const at = (run, step) => run.metrics.trainLoss[run.metrics.step.indexOf(step)];
    return {
      step: lastOf(bn.metrics.step),
      lossPlainAt100: at(plain, 100),
      lossBatchNormAt100: at(bn, 100),
      lossPlain: lastOf(plain.metrics.trainLoss),
      lossBatchNorm: lastOf(bn.metrics.trainLoss),
      testPlain: lastOf(plain.metrics.testAccuracy),
      testBatchNorm: lastOf(bn.metrics.testAccuracy),
    };
  },
};

export const kEffects = {
  // Without a cure the validation loss ends ≥ 1.5× its minimum (measured 4.05×); with each
  // cure it ends within 20% of its own minimum (L2 1.01, dropout 1.09); early stopping stops
  // and restores the best weights (1.00).
  overfittingCures(result) {
    const n = kMeasures.overfittingCures(result);
    const what = `overfittingCures: ${show(n)}`;
    assert.ok(n.riseNoCure >= 1.5, `no cure: final / minimum validation loss < 1.5; ${what}`);
    assert.ok(n.riseL2 <= 1.2, `L2: final validation loss > 1.2 × its minimum; ${what}`);
    assert.ok(n.riseDropout <= 1.2, `dropout: final validation loss > 1.2 × its minimum; ${what}`);
    assert.equal(n.earlyStoppingState, 'earlyStopped', `early stopping did not stop; ${what}`);
    assert.ok(n.riseEarlyStopping <= 1.0 + 1e-9, `early stopping: not restored; ${what}`);
  },
  // L1 (proximal): ≥ 50% of layer 1's weights exactly 0 (measured 75%); L2: none, at any row.
  l1VsL2(result) {
    const n = kMeasures.l1VsL2(result);
    const what = `l1VsL2: ${show(n)}`;
    assert.ok(n.zeroL1 >= 0.5, `L1: fewer than half of layer 1's weights are exactly 0; ${what}`);
    assert.equal(n.zeroL2Max, 0, `L2 made an exact zero; ${what}`);
    assert.ok(n.valAccuracyL1 >= 0.9, `L1 lost the circle; ${what}`);
  },
  // The geometry: at the lesson's c, L1's optimum has an exact zero and L2's none; L1 gives an
  // exact zero for ≥ 40% of the positions of c on the view's grid (measured 61%), L2 for none.
  // The runs: L1 sets one of the two weights to exactly 0, L2 never makes one.
  l1Geometry(result) {
    const n = kMeasures.l1Geometry(result);
    const what = `l1Geometry: ${show(n)}`;
    assert.ok(n.l1W.includes(0), `L1's optimum has no exact zero at the lesson's c; ${what}`);
    assert.ok(!n.l2W.includes(0), `L2's optimum has an exact zero; ${what}`);
    assert.ok(n.l1ZeroShare >= 0.4, `L1 gives a zero for under 40% of the c's; ${what}`);
    assert.equal(n.l2ZeroShare, 0, `L2 gives an exact zero somewhere; ${what}`);
    assert.equal(n.zeroRunL1, 0.5, `the L1 run did not zero exactly one weight; ${what}`);
    assert.equal(n.zeroRunL2Max, 0, `the L2 run made an exact zero; ${what}`);
  },
  // Lp (p = 0.5) ends with ≥ 0.1 more exact zeros than L1 at the same λ (0.9 vs 0.7) and at
  // least 0.8 (the truth: 0.9) while its training loss is at most 1.25× L1's (0.81×); L1 at
  // λ = 0.3 is not sparser than Lp and fits ≥ 2× worse (8.4×).
  lpSparsity(result) {
    const n = kMeasures.lpSparsity(result);
    const what = `lpSparsity: ${show(n)}`;
    assert.ok(n.zeroLp >= n.zeroL1 + 0.1, `Lp is not clearly sparser than L1; ${what}`);
    assert.ok(n.zeroLp >= 0.8, `Lp kept more than the 5 true inputs plus 5; ${what}`);
    assert.ok(n.trainLp <= 1.25 * n.trainL1, `Lp fits worse than L1 by > 25%; ${what}`);
    assert.ok(n.zeroL1Strong <= n.zeroLp, `L1 at λ = 0.3 is sparser than Lp; ${what}`);
    assert.ok(n.trainL1Strong >= 2 * n.trainLp, `L1 at λ = 0.3 fits as well as Lp; ${what}`);
  },
  // The linear model has four weights (x1, x2, sin x1, sin x2). L1 ends with one of them
  // exactly 0 (sin x1's; the Node test checks which), elastic net with none.
  elasticNetGrouping(result) {
    const n = kMeasures.elasticNetGrouping(result);
    const what = `elasticNetGrouping: ${show(n)}`;
    assert.ok(n.zeroL1 >= 0.25, `L1 zeroed none of the four weights; ${what}`);
    assert.equal(n.zeroElasticNet, 0, `elastic net zeroed a weight; ${what}`);
  },
  // Same initial weights; with the same λ the total weight norm of AdamW ends ≥ 4× that of
  // Adam + L2 (measured 28.9 vs 2.44: 11.8×).
  adamwVsL2(result) {
    const n = kMeasures.adamwVsL2(result);
    const what = `adamwVsL2: ${show(n)}`;
    assert.ok(
      Math.abs(n.startNormL2 - n.startNormAdamW) <= 1e-6 * n.startNormL2,
      `the runs do not start from the same weights; ${what}`,
    );
    assert.ok(n.normAdamW >= 4 * n.normL2, `AdamW's weights are not ≥ 4× Adam + L2's; ${what}`);
  },
  // Over the last 20 records the train-mode batch loss averages ≥ 1.5× the eval-mode training
  // loss with dropout (2.81×), within 20% of it without (the only difference: one step).
  dropoutEnsemble(result) {
    const n = kMeasures.dropoutEnsemble(result);
    const what = `dropoutEnsemble: ${show(n)}`;
    assert.ok(n.ratioDropout >= 1.5, `dropout: batch loss < 1.5 × training loss; ${what}`);
    assert.ok(
      n.ratioNoDropout >= 0.8 && n.ratioNoDropout <= 1.2,
      `no dropout: batch and training loss differ by > 20%; ${what}`,
    );
  },
  // At the last step the batch-norm network's training loss is ≤ 0.6× the plain one's, which
  // is still ≥ 0.6 (chance: ln 2 ≈ 0.693).
  batchNormDepth(result) {
    const n = kMeasures.batchNormDepth(result);
    const what = `batchNormDepth: ${show(n)}`;
    assert.ok(n.lossPlain >= 0.6, `the plain deep sigmoid net learned after all; ${what}`);
    assert.ok(n.lossBatchNorm <= 0.6 * n.lossPlain, `batch norm is not clearly ahead; ${what}`);
  },
  // The run stops early; its last record (the restored weights) has exactly the lowest
  // recorded validation loss, which is the loss recorded at status.bestStep; the run without
  // early stopping ends ≥ 1.5× higher.
  earlyStopping(result) {
    const n = kMeasures.earlyStopping(result);
    const what = `earlyStopping: ${show(n)}`;
    assert.equal(n.state, 'earlyStopped', `the run did not stop early; ${what}`);
    assert.ok(n.stoppedAt < n.stepsWithout, `it stopped no earlier than the other; ${what}`);
    assert.ok(n.bestStep >= 0 && n.bestStep < n.stoppedAt, `bad bestStep; ${what}`);
    const tol = 1e-9 * n.minValLoss;
    assert.ok(Math.abs(n.lastValLoss - n.minValLoss) <= tol, `weights not restored; ${what}`);
    assert.ok(
      n.valLossAtBestStep.some((v) => Math.abs(v - n.minValLoss) <= tol),
      `the record at bestStep is not the minimum; ${what}`,
    );
    assert.ok(n.lastValLossWithout >= 1.5 * n.lastValLoss, `no overfitting to stop; ${what}`);
  },
  // Mean validation loss over the last 10 records: each augmentation ≤ 0.6× none (jitter
  // 0.32×, mixup 0.23×).
  augmentation(result) {
    const n = kMeasures.augmentation(result);
    const what = `augmentation: ${show(n)}`;
    assert.ok(n.valJitter <= 0.6 * n.valNone, `jitter does not help enough; ${what}`);
    assert.ok(n.valMixup <= 0.6 * n.valNone, `mixup does not help enough; ${what}`);
  },
  // Without clipping: diverged within 100 steps, after gradient norms ≥ 1e3. With clipping at
  // 1: still running, the training loss at most half its start, gradient norms above 1 before
  // clipping and at most 1 after.
  gradientClipping(result) {
    const n = kMeasures.gradientClipping(result);
    const what = `gradientClipping: ${show(n)}`;
    assert.equal(n.stateWithout, 'diverged', `the unclipped run did not diverge; ${what}`);
    assert.ok(n.divergedAtStep > 0 && n.divergedAtStep <= 100, `diverged too late; ${what}`);
    assert.ok(n.maxGradNormWithout >= 1e3, `no exploding gradient; ${what}`);
    assert.equal(n.stateClipped, 'running', `the clipped run stopped; ${what}`);
    assert.ok(n.lastLossClipped <= 0.5 * n.firstLossClipped, `clipped run did not train; ${what}`);
    assert.ok(n.maxGradNormClippedBefore > 1, `clipping never acted; ${what}`);
    assert.ok(n.maxGradNormClippedAfter <= 1 + 1e-4, `a clipped norm exceeds 1; ${what}`);
  },
  // Median over the records of ‖∇W_first‖ / ‖∇W_last‖: < 1e-3 with sigmoid (measured 1.4e-5),
  // > 0.1 with ReLU and He init (1.98).
  vanishingGradients(result) {
    const n = kMeasures.vanishingGradients(result);
    const what = `vanishingGradients: ${show(n)}`;
    assert.ok(n.firstOverLastSigmoid < 1e-3, `sigmoid: gradients do not vanish; ${what}`);
    assert.ok(n.firstOverLastRelu > 0.1, `ReLU/He: first layer's gradient vanishes; ${what}`);
  },
  // Momentum, Adam and RMSProp reach a training loss of 0.1 within the lesson; when the last
  // of them gets there, plain SGD (same η as momentum) is still at ≥ 0.3.
  optimizerRace(result) {
    const n = kMeasures.optimizerRace(result);
    const what = `optimizerRace: ${show(n)}`;
    for (const k of ['stepMomentum', 'stepAdam', 'stepRmsprop'])
      assert.ok(Number.isFinite(n[k]), `${k}: never reached 0.1; ${what}`);
    assert.ok(n.sgdLossThen >= 0.3, `plain SGD is not far behind; ${what}`);
  },
  // Mean training loss over the last 10 records: constant ≥ 1.2× step decay and ≥ 1.2×
  // cosine (1.7× and 1.75×).
  lrSchedules(result) {
    const n = kMeasures.lrSchedules(result);
    const what = `lrSchedules: ${show(n)}`;
    assert.ok(n.lossConstant >= 1.2 * n.lossStep, `step decay does not end lower; ${what}`);
    assert.ok(n.lossConstant >= 1.2 * n.lossCosine, `cosine decay does not end lower; ${what}`);
  },
  // The lasso path on all 442 diabetes rows (scikit-learn's lasso_path on the same
  // standardised data: 0 non-zeros at α_max, bmi then s5 first, all 10 at the weak end, and
  // 10 → 9 → 10 near it). The network (no hidden layer, proximal L1 at λ = 0.1, α ≈ 3.85)
  // ends with the share of exact zeros the path has there: scikit-learn's Lasso(alpha=3.85)
  // zeroes age, s1, s2 and s4 (0.4).
  lassoPath(result) {
    const n = kMeasures.lassoPath(result);
    const what = `lassoPath: ${show(n)}`;
    assert.equal(n.p, 10, what);
    assert.equal(n.nonZerosFirst, 0, `a coefficient is non-zero at α_max; ${what}`);
    assert.equal(n.nonZerosLast, n.p, `the weakest penalty does not keep every feature; ${what}`);
    assert.deepEqual(n.firstTwo, ['bmi', 's5'], `bmi and s5 do not enter first; ${what}`);
    assert.ok(n.drops >= 1, `the count of non-zeros never drops; ${what}`);
    assert.equal(n.maxBeforeDrop, n.p, `the drop is not from all ${n.p} features; ${what}`);
    assert.ok(
      Math.abs(n.networkZeroShare - n.pathZeroShareAtAlpha) < 1e-9,
      `the network's exact zeros differ from the path's at α = ${kLassoPathAlpha}; ${what}`,
    );
    assert.ok(n.networkZeroShare >= 0.3, `the network has fewer than 3 exact zeros; ${what}`);
  },
  // 10-fold CV of the lasso path (100 α) on the diabetes training rows: the 1 SE choice is a
  // stronger penalty than the minimum, keeps at least 2 fewer features, and its mean error is
  // within one standard error of the minimum's; the strongest penalty (every weight 0) is far
  // worse than both (≥ 1.5×).
  cvLambda(result) {
    const n = kMeasures.cvLambda(result);
    const what = `cvLambda: ${show(n)}`;
    assert.equal(n.gridPoints, 100, what);
    assert.ok(n.alphaOneSe > n.alphaBest, `1 SE is not the stronger penalty; ${what}`);
    assert.ok(n.featuresOneSe <= n.featuresBest - 2, `1 SE does not drop 2 features; ${what}`);
    assert.ok(n.errorOneSe <= n.errorBest + n.seBest, `1 SE is beyond one SE; ${what}`);
    assert.ok(n.errorStrongest >= 1.5 * n.errorOneSe, `no penalty to choose; ${what}`);
  },
  // The CNN lessons. The thresholds leave a margin to the lesson seed's numbers; the comments
  // in catalog-data.mjs give them for seeds 1–4.
  // Mean validation loss of the last three records (steps 350–400): DropBlock ≤ 0.85× the
  // plain CNN's (measured 0.75×) and ≤ 0.8× Dropout2d's (0.66×); test accuracy ≥ Dropout2d's
  // + 0.05 (+0.12) and above the plain one's (0.76 against 0.72). The plain CNN memorises
  // (training loss ≤ 0.05: 0.018), DropBlock does not (≥ 0.1: 0.22).
  dropBlockCnn(result) {
    const n = kMeasures.dropBlockCnn(result);
    const what = `dropBlockCnn: ${show(n)}`;
    assert.ok(n.trainLossPlain <= 0.05, `the plain CNN does not memorise; ${what}`);
    assert.ok(n.trainLossDropBlock >= 0.1, `DropBlock does not keep it from memorising; ${what}`);
    assert.ok(n.valDropBlock <= 0.85 * n.valPlain, `DropBlock is not below plain; ${what}`);
    assert.ok(n.valDropBlock <= 0.8 * n.valDropout2d, `DropBlock is not below Dropout2d; ${what}`);
    assert.ok(n.testDropBlock >= n.testDropout2d + 0.05, `no test gain over Dropout2d; ${what}`);
    assert.ok(n.testDropBlock > n.testPlain, `no test gain over plain; ${what}`);
  },
  // Both runs fit the 108 training images (training accuracy ≥ 0.99: 1 and 1); the shifted
  // run's test accuracy is ≥ 1 point higher (0.942 against 0.914) and its validation loss
  // (mean of the last three records) ≤ 0.85× (0.58×).
  imageAugmentation(result) {
    const n = kMeasures.imageAugmentation(result);
    const what = `imageAugmentation: ${show(n)}`;
    assert.ok(n.trainAccNone >= 0.99, `the plain run does not fit its images; ${what}`);
    assert.ok(n.trainAccShifted >= 0.99, `the shifted run does not fit its images; ${what}`);
    assert.ok(n.testAccShifted >= n.testAccNone + 0.01, `shifts do not raise test acc; ${what}`);
    assert.ok(n.valShifted <= 0.85 * n.valNone, `shifts do not lower the val loss; ${what}`);
  },
  // Training loss with BatchNorm2d ≤ 0.5× the plain CNN's at step 100 (measured 0.22×) and at
  // step 150 (0.29×), where the plain one is still ≥ 0.15 (0.22); test accuracy higher (0.90
  // against 0.84).
  batchNormCnn(result) {
    const n = kMeasures.batchNormCnn(result);
    const what = `batchNormCnn: ${show(n)}`;
    assert.ok(n.lossPlain >= 0.15, `the plain CNN is not behind; ${what}`);
    assert.ok(n.lossBatchNormAt100 <= 0.5 * n.lossPlainAt100, `no faster at step 100; ${what}`);
    assert.ok(n.lossBatchNorm <= 0.5 * n.lossPlain, `no faster at the end; ${what}`);
    assert.ok(n.testBatchNorm > n.testPlain, `batch norm does not test better; ${what}`);
  },
};
