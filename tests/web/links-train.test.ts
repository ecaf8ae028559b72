// Every link the decoder accepts yields runs the engine accepts and trains: random links made
// of real keys with values in and out of range, conflicting on purpose (the validation and test
// shares, Nesterov without momentum, a cosine floor above the learning rate, early stopping
// without a validation split, sparse sizes, k folds and the validation fold), are decoded as
// the page does, and each run is handed to the real engine (its Node build), which must accept
// it and take a step. Links also carry random CNN layer lists (windows that may not fit, image
// layers after flatten, big batches) on the image sets and on sets without images.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../web/src/engine/engine-api';
import { kPresentation } from '../../web/src/spec/presentation';
import { decode } from '../../web/src/spec/url-codec';
import { encodeLayers } from '../../web/src/spec/url-layers';
import { cnnLayersArb } from './spec-arbitraries';
import { engineAvailable, ensureDataSet, loadNodeEngine } from './support/node-engine';

// Values a link might carry for any key: in range, at the edges, out of range, wrong type.
const value = fc.oneof(
  fc.constantFrom('0', '1', '0.5', '0.8', '0.3', '1e-9', '-1', '10', '1e308', 'NaN', 'x', ''),
  fc.double({ min: -5, max: 5, noNaN: true }).map(String),
  fc.integer({ min: -10, max: 3000 }).map(String),
  fc.constantFrom('sgd', 'adam', 'cosine', 'l1', 'lp', 'sparseLinear', 'spiral', 'regression1d'),
);
// Keys that make cross-field conflicts likely, plus any other key of the table.
const key = fc.oneof(
  fc.constantFrom(
    'val',
    'test',
    'nest',
    'mom',
    'damp',
    'sch',
    'emin',
    'lr',
    'es',
    'ds',
    'nz',
    'dim',
    'n',
    'cvk',
    'cvf',
  ),
  fc.constantFrom(...kPresentation.map((p) => p.key)),
);
// A CNN on an image set or on another set, with a batch size that may break its budget.
const cnnPairs = fc
  .tuple(
    cnnLayersArb,
    fc.constantFrom('digits', 'shapes', 'moons', 'regression1d', 'sparseLinear'),
    fc.constantFrom('0', '8', '4096'),
  )
  .map(([hidden, ds, bs]) => [
    ['h', encodeLayers(hidden)] as [string, string],
    ['ds', ds] as [string, string],
    ['bs', bs] as [string, string],
  ]);
const link = fc
  .oneof(
    fc.array(fc.tuple(key, value), { maxLength: 12 }),
    fc
      .tuple(cnnPairs, fc.array(fc.tuple(key, value), { maxLength: 4 }))
      .map(([cnn, more]) => [...cnn, ...more]),
  )
  .chain((pairs) =>
    fc.constantFrom(
      `v=2&${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`,
      `v=2&runs=2&${pairs.map(([k, v], i) => `${i % 2 ? 'r2.' : ''}${k}=${encodeURIComponent(v)}`).join('&')}`,
    ),
  );

describe.skipIf(!engineAvailable)('links and the engine', () => {
  let engine: EngineModule;
  const made: { delete(): void }[] = [];
  beforeAll(async () => {
    engine = await loadNodeEngine();
  });
  afterAll(() => made.forEach((t) => t.delete()));

  it('every run of every decoded link is one the engine accepts and trains', () => {
    fc.assert(
      fc.property(link, (text) => {
        const { experiment } = decode(text);
        for (const spec of experiment.runs) {
          // Keep the property fast: the smallest data and network the link allows.
          const small = {
            ...spec,
            data: { ...spec.data, samples: Math.min(spec.data.samples, 60) },
            model: {
              ...spec.model,
              hidden: spec.model.hidden
                .slice(0, 2)
                .map((l) => ({ ...l, units: Math.min(l.units, 8) })),
            },
          };
          if (small.data.kind === 'sparseLinear')
            small.data.dimensions = Math.min(small.data.dimensions, 50);
          if (small.data.nonZeros > small.data.dimensions)
            small.data.nonZeros = small.data.dimensions;
          expect(() => engine.normalizeSpec(spec)).not.toThrow();
          void ensureDataSet(engine, small);
          const trainer = new engine.Trainer(small);
          made.push(trainer);
          const status = trainer.runSteps(1);
          expect(['running', 'diverged', 'finished']).toContain(status.state);
        }
      }),
      { numRuns: 300 },
    );
  });
});
