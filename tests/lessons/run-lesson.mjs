// Runs a lesson of the gallery with the WASM engine in Node and collects its metrics in the
// structure the lesson effects (tests/lessons/effects.mjs) check:
//   { runs: [{ status, metrics: { <scalar column>: number[] },
//              layers: { <per-layer column>: number[layer][row] } }],
//     study: the path / cross-validation of a lesson on those views (runStudy), else null }
// The lessons themselves live in web/src/lessons/catalog-data.mjs, a plain ES module that both
// the page (through catalog.ts, which gives it its types) and Node import unchanged: Node
// cannot import TypeScript, and a JSON file could not carry the comments that explain why each
// lesson's settings show its effect.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { kLessonData as kLessons } from '../../web/src/lessons/catalog-data.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const kSchemas = new WeakMap(); // engine → its describe(), read once

function schemaOf(engine) {
  if (!kSchemas.has(engine)) kSchemas.set(engine, engine.describe());
  return kSchemas.get(engine);
}

// Hands the engine the CSV of a real data set (diabetes, breastCancer, digits) the first time a
// spec asks for it; the WASM engine carries none.
export function ensureDataSet(engine, spec) {
  const kind = spec.data?.kind;
  if (!kind) return;
  const entry = schemaOf(engine).dataKinds.find((d) => d.kind === kind);
  if (!entry?.file || engine.dataSetLoaded(kind)) return;
  engine.loadDataSet(kind, readFileSync(`${root}engine/data/sets/${entry.file}`, 'utf8'));
}

// Appends one takeMetrics() batch to the collected columns.
function appendBatch(run, batch, schema) {
  for (const { name, perLayer } of schema.metrics) {
    const column = batch[name];
    if (!perLayer) {
      const into = (run.metrics[name] ??= []);
      for (let r = 0; r < batch.rows; r++) into.push(column[r]);
      continue;
    }
    const into = (run.layers[name] ??= []);
    for (let l = 0; l < batch.layers; l++) into[l] ??= [];
    for (let r = 0; r < batch.rows; r++)
      for (let l = 0; l < batch.layers; l++) into[l].push(column[r * batch.layers + l]);
  }
}

// Trains one spec for `steps` optimizer steps (fewer when the run stops: diverged, early
// stopped, finished) in chunks of `chunk` steps. Besides the structure the effects read, the
// run keeps its final weights (`parameters`: name → values, PyTorch layout) and the network's
// input names (`featureNames`) for checks that only Node makes.
export function runSpec(engine, spec, steps, chunk = 100) {
  ensureDataSet(engine, spec);
  const schema = schemaOf(engine);
  const trainer = new engine.Trainer(spec);
  const run = { status: trainer.status(), metrics: {}, layers: {} };
  try {
    for (let done = 0; done < steps;) {
      const n = Math.min(chunk, steps - done);
      run.status = trainer.runSteps(n);
      appendBatch(run, trainer.takeMetrics(), schema);
      done += n;
      if (run.status.state !== 'running') break;
    }
    if (run.metrics.step === undefined) appendBatch(run, trainer.takeMetrics(), schema);
    run.parameters = Object.fromEntries(
      trainer
        .parameters()
        .map((p) => [p.name, { rows: p.rows, cols: p.cols, values: [...p.values] }]),
    );
    run.featureNames = trainer.network().featureNames;
  } finally {
    trainer.delete();
  }
  return run;
}

// The study of a lesson that opens on a "Choosing λ" view (stage 'path' or 'cv'), computed as
// the page's study computes it (web/src/state/study.ts): the exact solver's path with 100 grid
// points on the selected (first) run's data, and for 'cv' its k-fold cross-validation reduced
// by the engine. Such a lesson names its model (the page resolves 'auto' from the run).
//   { path: { alphas, nonZeros, featureNames, coefs }, cv: { mean, se, best, oneSe } | null }
export function runStudy(engine, lesson, spec = lesson.runs[0].spec) {
  if (lesson.stage !== 'path' && lesson.stage !== 'cv') return null;
  const model = lesson.study?.path?.model;
  if (!model || model === 'auto') throw new Error(`lesson ${lesson.id}: name the path's model`);
  ensureDataSet(engine, spec);
  const options = { model, nAlphas: 100 };
  if (model === 'elasticNet' || model === 'logistic')
    options.l1Ratio = lesson.study.path.l1Ratio ?? 0.5;
  const p = engine.linearPath(spec, options);
  const path = {
    alphas: [...p.alphas],
    nonZeros: [...p.nonZeros],
    featureNames: [...p.featureNames],
    coefs: [...p.coefs],
  };
  if (lesson.stage !== 'cv') return { path, cv: null };
  const folds = lesson.study?.cv?.folds ?? 5;
  const score = model === 'logistic' ? 'logLoss' : 'mse';
  const cvOptions = { ...options, folds, score };
  const summary = engine.combineCv(
    Array.from({ length: folds }, (_, f) => engine.linearCvFold(spec, cvOptions, f)),
  );
  return {
    path,
    cv: { mean: [...summary.mean], se: [...summary.se], best: summary.best, oneSe: summary.oneSe },
  };
}

// Runs every run of a lesson, one after the other (the page runs them in lockstep; each run is
// deterministic on its own, so the order does not change the numbers), and its study.
export function runLesson(engine, lesson, { steps = lesson.steps, seed } = {}) {
  const specs = lesson.runs.map((r) => (seed === undefined ? r.spec : { ...r.spec, seed }));
  return {
    runs: specs.map((spec) => runSpec(engine, spec, steps)),
    study: runStudy(engine, lesson, specs[0]),
  };
}
