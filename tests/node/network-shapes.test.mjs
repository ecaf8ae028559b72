// The page's shapes at each step (web/src/spec/network-shapes.mjs, computed from the engine's
// declaration of the layer kinds, as the layer editor shows them) equal the shapes of the
// network the engine builds (trainer.network()) for CNNs with padding, stride, both poolings,
// global pooling, flatten and dense layers after, on both image sets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { hiddenShapes, inputShape } from '../../web/src/spec/network-shapes.mjs';
import { loadEngine, root } from './load-engine.mjs';

const engine = await loadEngine('simd');
engine.loadDataSet('digits', readFileSync(`${root}engine/data/sets/digits.csv`, 'utf8'));
const schema = engine.describe();

const conv = (channels, kernel, more = {}) => ({ kind: 'conv', channels, kernel, ...more });
const networks = [
  // digits 1×8×8: padding keeps the side, max pool halves it, flatten.
  [
    'digits',
    [conv(4, 3, { padding: 1 }), { kind: 'maxPool', size: 2 }, conv(6, 3), { kind: 'flatten' }],
  ],
  // stride 2 with padding, average pool of 3 (floor), global pooling, dense after.
  [
    'digits',
    [
      conv(3, 3, { stride: 2, padding: 1 }),
      { kind: 'avgPool', size: 3 },
      { kind: 'globalAvgPool' },
      { kind: 'dense', units: 5 },
    ],
  ],
  // shapes 1×12×12: kernel 5 stride 3 (floor), max pool 2, flatten, two dense layers.
  [
    'shapes',
    [
      conv(2, 5, { stride: 3 }),
      { kind: 'maxPool', size: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 7 },
      { kind: 'dense', units: 3 },
    ],
  ],
  // padding larger than needed, kernel 7, pool 4, dense straight on the image.
  [
    'shapes',
    [
      conv(2, 7, { padding: 3, stride: 2 }),
      { kind: 'avgPool', size: 4 },
      { kind: 'dense', units: 4 },
    ],
  ],
  // a dense network on an image set, and the README's small CNN.
  ['digits', [{ kind: 'dense', units: 9 }]],
  [
    'shapes',
    [
      conv(16, 3, { padding: 1 }),
      { kind: 'maxPool', size: 2 },
      conv(32, 3, { padding: 1 }),
      { kind: 'flatten' },
    ],
  ],
];

test('the shapes at each step equal the built network’s', () => {
  for (const [kind, hidden] of networks) {
    const spec = engine.normalizeSpec({
      data: { kind, samples: 200 },
      model: { hidden },
      training: { batchSize: 8 },
    });
    const trainer = new engine.Trainer(spec);
    try {
      const net = trainer.network();
      const input = inputShape(schema.dataKinds, kind, net.inputs);
      assert.deepEqual(input.shape, net.inputShape, `${kind}: input`);
      assert.equal(input.image, net.imageInput);
      const flows = hiddenShapes(schema.layerKinds, input, spec.model.hidden);
      assert.equal(flows.length, hidden.length);
      flows.forEach((f, i) => {
        const built = net.layers[i];
        const what = `${kind} ${JSON.stringify(hidden)} entry ${i}`;
        assert.deepEqual(f.shape, built.output, what);
        assert.equal(f.image, built.imageOutput, what);
        assert.deepEqual((i === 0 ? input : flows[i - 1]).shape, built.input, what);
      });
    } finally {
      trainer.delete();
    }
  }
});

test('a layer the rules refuse passes its input on, as in the engine’s table', () => {
  // On moons (a vector of 2) a conv layer has no image: the flow is unchanged.
  const input = inputShape(schema.dataKinds, 'moons', 2);
  assert.deepEqual(input, { shape: { channels: 2, height: 1, width: 1 }, image: false });
  const [c, d] = hiddenShapes(schema.layerKinds, input, [
    { ...engine.normalizeSpec({}).model.hidden[0], kind: 'conv' },
    { ...engine.normalizeSpec({}).model.hidden[0], kind: 'dense', units: 3 },
  ]);
  assert.deepEqual(c, input);
  assert.deepEqual(d.shape, { channels: 3, height: 1, width: 1 });
});
