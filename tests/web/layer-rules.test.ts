// The page's repair of the engine's layer rules (layer-rules.ts, through repairSpec): each rule's
// repair on a spec that breaks it (values worked out by hand from the rule's declaration), the
// engine refusing the spec before and accepting it after, and, over random CNNs on every kind of
// data set, the page and the engine agreeing on which specs break a rule.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../web/src/engine/engine-api';
import {
  defaultLayer,
  defaultSpec,
  type ExperimentSpec,
  type LayerSpec,
} from '../../web/src/spec/experiment-spec';
import { repairWarnings } from '../../web/src/spec/repair';
import { repairSpec } from '../../web/src/spec/rules';
import type { SpecWarning } from '../../web/src/spec/validate';
import { cnnLayersArb } from './spec-arbitraries';
import { engineAvailable, loadNodeEngine } from './support/node-engine';

const layer = (fields: Partial<LayerSpec>): LayerSpec => ({ ...defaultLayer(), ...fields });

function spec(kind: ExperimentSpec['data']['kind'], hidden: LayerSpec[], batchSize = 32) {
  const s = defaultSpec();
  s.data.kind = kind;
  s.model.hidden = hidden;
  s.training.batchSize = batchSize;
  return s;
}

describe('layer rules', () => {
  it('imageInput: removes image layers without an image (a 2-D set, or after flatten)', () => {
    const moons = spec('moons', [
      layer({ kind: 'conv' }),
      layer({ units: 4 }),
      layer({ kind: 'globalAvgPool' }),
    ]);
    const warnings: SpecWarning[] = [];
    const repaired = repairWarnings(moons, warnings);
    expect(repaired.model.hidden).toEqual([layer({ units: 4 })]);
    expect(warnings).toEqual([
      { code: 'layerRemoved', key: 'imageInput', value: 'model.hidden[0]', allowed: 'conv' },
      {
        code: 'layerRemoved',
        key: 'imageInput',
        value: 'model.hidden[2]',
        allowed: 'globalAvgPool',
      },
    ]);
    const digits = spec('digits', [layer({ kind: 'flatten' }), layer({ kind: 'maxPool' })]);
    expect(repairSpec(digits).spec.model.hidden).toEqual([layer({ kind: 'flatten' })]);
  });

  it('kernelFits / poolFits: clamp the window to the shape it meets, layer after layer', () => {
    // digits 8×8 → conv k3 stride 2: ⌊(8 − 3)/2⌋ + 1 = 3, a 3×3 output.
    const s = spec('digits', [
      layer({ kind: 'conv', kernel: 3, stride: 2 }), // 8×8 → 3×3
      layer({ kind: 'conv', kernel: 7, padding: 1 }), // at most 3 + 2 = 5 → 5: 1×1
      layer({ kind: 'maxPool', size: 4 }), // on 1×1: at most 1
      layer({ kind: 'flatten' }),
    ]);
    const { spec: out, repairs } = repairSpec(s);
    expect(out.model.hidden.map((l) => [l.kernel, l.size])).toEqual([
      [3, 2],
      [5, 2],
      [3, 1],
      [3, 2],
    ]);
    expect(repairs.map((r) => [r.id, r.path, r.from, r.to])).toEqual([
      ['kernelFits', 'model.hidden[1].kernel', 7, 5],
      ['poolFits', 'model.hidden[2].size', 4, 1],
    ]);
  });

  it('blockFits: DropBlock blocks are odd and fit the conv output; off without DropBlock', () => {
    const s = spec('digits', [
      layer({ kind: 'conv', kernel: 5, dropBlock: 0.2, blockSize: 6 }), // output 4×4: 6 → 3
      layer({ kind: 'conv', kernel: 1, dropBlock: 0.2, blockSize: 2 }), // output 4×4: 2 → 1
      layer({ kind: 'conv', kernel: 1, dropBlock: 0, blockSize: 6 }), // no DropBlock: kept
    ]);
    const { spec: out, repairs } = repairSpec(s);
    expect(out.model.hidden.map((l) => l.blockSize)).toEqual([3, 1, 6]);
    expect(repairs.map((r) => r.id)).toEqual(['blockFits', 'blockFits']);
  });

  it('batchActivations: a CNN batch fits the memory budget', () => {
    // shapes 1×12×12 → conv 64 (k7, padding 3, 12×12) → conv 64 (k7, padding 3):
    // 144 + 9216 + 9216 + im2col 1·49·144 + 64·49·144 = 18576 + 7056 + 451584 = 477216 values
    // per sample: at most ⌊4000000 / 477216⌋ = 8.
    const conv = layer({ kind: 'conv', channels: 64, kernel: 7, padding: 3 });
    const { spec: out, repairs } = repairSpec(spec('shapes', [conv, conv], 512));
    expect(out.training.batchSize).toBe(8);
    expect(repairs.map((r) => [r.id, r.path, r.from, r.to])).toEqual([
      ['batchActivations', 'training.batchSize', 512, 8],
    ]);
    // Full batch (0) first becomes 32 (cross-field rule imageBatch), then the budget applies.
    expect(repairSpec(spec('shapes', [conv, conv], 0)).spec.training.batchSize).toBe(8);
  });
});

describe.skipIf(!engineAvailable)('layer rules and the engine', () => {
  let engine: EngineModule;
  beforeAll(async () => {
    engine = await loadNodeEngine();
  });

  const accepts = (s: ExperimentSpec) => {
    try {
      engine.normalizeSpec(s);
      return true;
    } catch {
      return false;
    }
  };

  it('agree: the engine refuses exactly the specs the page repairs, and takes the repairs', () => {
    const kinds = fc.constantFrom(
      'digits',
      'shapes',
      'moons',
      'diabetes',
      'sparseLinear',
    ) as fc.Arbitrary<ExperimentSpec['data']['kind']>;
    const batch = fc.constantFrom(0, 16, 64, 4096);
    fc.assert(
      fc.property(kinds, cnnLayersArb, batch, (kind, hidden, batchSize) => {
        const s = spec(kind, hidden, batchSize);
        const { spec: out, repairs } = repairSpec(s);
        expect(accepts(s)).toBe(repairs.length === 0);
        expect(accepts(out)).toBe(true);
        expect(repairSpec(out).repairs).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
