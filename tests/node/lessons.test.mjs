// The lesson gallery (web/src/lessons/catalog-data.mjs) against the WASM engine: the catalog is
// well formed, and every lesson, trained for its steps, shows the effect it promises
// (tests/lessons/effects.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { kEffects } from '../lessons/effects.mjs';
import { lessonGeometry } from '../lessons/geometry.mjs';
import { kLessons, runLesson } from '../lessons/run-lesson.mjs';
import { loadEngine, root } from './load-engine.mjs';

const engine = await loadEngine('simd');
const schema = engine.describe();

// String literals of a union type in catalog.ts (`export type <name> = | 'a' | 'b';`).
function declaredUnion(name) {
  const source = readFileSync(`${root}web/src/lessons/catalog.ts`, 'utf8');
  const body = source.match(new RegExp(`export type ${name} =([^;]*);`))[1];
  return [...body.matchAll(/'(\w+)'/g)].map((m) => m[1]);
}
const kTopics = declaredUnion('LessonTopic');
const kSpeeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]; // web/src/spec/view-options.ts

// Every value of `given` (a partial spec) is in `full` unchanged.
function assertKeeps(full, given, at, path = '') {
  if (given !== null && typeof given === 'object') {
    assert.equal(typeof full, 'object', `${at}: ${path}`);
    if (Array.isArray(given)) assert.equal(full.length, given.length, `${at}: ${path}`);
    for (const [key, value] of Object.entries(given))
      assertKeeps(full[key], value, at, path ? `${path}.${key}` : key);
    return;
  }
  assert.equal(full, given, `${at}: ${path} changed`);
}

const filled = (text) => typeof text === 'string' && text.trim().length > 0;
const bilingual = (b) => b && filled(b.en) && filled(b.zh);

test('every lesson has an effect and every effect a lesson; ids are unique link keys', () => {
  const ids = kLessons.map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids}`);
  for (const id of ids) assert.match(id, /^[a-z][A-Za-z0-9]*$/, `${id}: not short camelCase`);
  assert.deepEqual([...ids].sort(), Object.keys(kEffects).sort());
  assert.ok(ids.length >= 13);
});

test('every lesson is well formed: texts in both languages, 1–4 runs, steps, speed, axis', () => {
  for (const lesson of kLessons) {
    const at = `lesson ${lesson.id}`;
    assert.ok(kTopics.includes(lesson.topic), `${at}: topic ${lesson.topic}`);
    for (const key of ['title', 'task', 'look']) assert.ok(bilingual(lesson[key]), `${at}: ${key}`);
    assert.ok(
      lesson.runs.length >= 1 && lesson.runs.length <= 4,
      `${at}: ${lesson.runs.length} runs`,
    );
    for (const run of lesson.runs) assert.ok(bilingual(run.label), `${at}: a run label`);
    const labels = lesson.runs.map((r) => r.label.en);
    assert.equal(new Set(labels).size, labels.length, `${at}: run labels repeat`);
    assert.ok(Number.isInteger(lesson.steps), `${at}: steps`);
    assert.ok(lesson.steps >= 100 && lesson.steps <= 2000, `${at}: ${lesson.steps} steps`);
    if (lesson.speed !== undefined) assert.ok(kSpeeds.includes(lesson.speed), `${at}: speed`);
    if (lesson.xAxis !== undefined) assert.ok(['step', 'epoch'].includes(lesson.xAxis), at);
  }
});

test('every run spec passes normalizeSpec (ranges and cross-field rules), layers in full', () => {
  const layerFields = schema.layerFields.map((f) => f.path).sort();
  for (const lesson of kLessons) {
    for (const run of lesson.runs) {
      const at = `lesson ${lesson.id}, run "${run.label.en}"`;
      let normalized;
      assert.doesNotThrow(() => (normalized = engine.normalizeSpec(run.spec)), at);
      // Nothing the engine would repair: the normalized spec keeps every value given.
      assertKeeps(normalized, run.spec, at);
      for (const layer of run.spec.model?.hidden ?? [])
        assert.deepEqual(Object.keys(layer).sort(), layerFields, `${at}: a partial hidden layer`);
    }
  }
});

test('the runs of a lesson share the seed (same model ⇒ same initial weights)', () => {
  for (const lesson of kLessons) {
    const seeds = new Set(lesson.runs.map((r) => r.spec.seed));
    assert.equal(seeds.size, 1, `lesson ${lesson.id}: seeds ${[...seeds]}`);
    assert.ok(Number.isInteger([...seeds][0]), `lesson ${lesson.id}: seed not set`);
  }
});

// Final weight of the input named `feature` in a linear model (one output).
function linearWeight(run, feature) {
  const j = run.featureNames.indexOf(feature);
  assert.ok(j >= 0, `no input ${feature}`);
  return run.parameters['layers.0.weight'].values[j];
}

// Checks beyond the effect that need the final weights, which the page does not expose to the
// effects.
const kWeightChecks = {
  // The inputs the circle needs, x1² and x2², keep the two strongest columns of layer 1 under
  // L1; every other input's column is below a tenth of theirs (it fades in the drawing).
  l1VsL2(result) {
    const run = result.runs[0];
    const w = run.parameters['layers.0.weight'];
    const norms = run.featureNames.map((name, j) => {
      let s = 0;
      for (let i = 0; i < w.rows; i++) s += w.values[i * w.cols + j] ** 2;
      return [name, Math.sqrt(s)];
    });
    const kept = Object.fromEntries(norms);
    const weakest = Math.min(kept.x1Squared, kept.x2Squared);
    for (const [name, norm] of norms)
      if (name !== 'x1Squared' && name !== 'x2Squared')
        assert.ok(norm < 0.1 * weakest, `L1: input ${name} kept ${norm} (x1², x2²: ${weakest})`);
  },
  // Lp keeps exactly 5 of the 50 inputs: the 5 with the largest weights under L1 (the true
  // support, whose coefficients are 1 to 3 in size against noise 0.5).
  lpSparsity(result) {
    const [l1, , lp] = result.runs;
    const w = l1.parameters['layers.0.weight'].values;
    const largest = [...w.keys()].sort((a, b) => Math.abs(w[b]) - Math.abs(w[a])).slice(0, 5);
    const kept = lp.parameters['layers.0.weight'].values.flatMap((v, j) => (v !== 0 ? [j] : []));
    assert.deepEqual(
      kept,
      largest.sort((a, b) => a - b),
      'Lp kept other inputs',
    );
  },
  // L1's exact zero is sin x1's weight, x1's stays; elastic net keeps sin x1 with x1's sign
  // and gives the near-copies x2 and sin x2 weights within 10% of each other (1.3%; L1's
  // differ by 12% with this seed, by a factor of 3 with others).
  elasticNetGrouping(result) {
    const [l1, net] = result.runs;
    const w = (run) => Object.fromEntries(run.featureNames.map((f) => [f, linearWeight(run, f)]));
    const a = w(l1);
    const b = w(net);
    const what = `L1 ${JSON.stringify(a)}, elastic net ${JSON.stringify(b)}`;
    assert.equal(a.sinX1, 0, `L1 did not drop sin x1: ${what}`);
    assert.notEqual(a.x1, 0, what);
    assert.ok(Math.sign(b.sinX1) === Math.sign(b.x1) && b.sinX1 !== 0, `elastic net: ${what}`);
    assert.ok(Math.abs(b.x2 - b.sinX2) <= 0.1 * Math.abs(b.x2), `no grouping: ${what}`);
  },
};

for (const lesson of kLessons) {
  test(`lesson ${lesson.id}: ${lesson.title.en}`, () => {
    const result = runLesson(engine, lesson);
    if (lesson.stage === 'geometry') result.geometry = lessonGeometry(engine, lesson);
    kEffects[lesson.id](result);
    kWeightChecks[lesson.id]?.(result);
  });
}
