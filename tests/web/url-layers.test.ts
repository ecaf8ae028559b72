// The layer list of a link (url-layers.ts): every layer kind and field round-trips exactly, the
// links written before CNNs decode as they always did, only what differs from the defaults is
// written, and hostile text never throws and always yields layers the schema allows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLayer, schema, type LayerSpec } from '../../web/src/spec/experiment-spec';
import { decodeLayers, encodeLayers } from '../../web/src/spec/url-layers';
import { coerceField, type SpecWarning } from '../../web/src/spec/validate';
import { anyLayerArb, cnnLayersArb } from './spec-arbitraries';

const layer = (fields: Partial<LayerSpec>): LayerSpec => ({ ...defaultLayer(), ...fields });

function decode(text: string) {
  const warnings: SpecWarning[] = [];
  return { layers: decodeLayers(text, 'h', warnings), warnings };
}

describe('the layer list of a link', () => {
  it('round-trips every layer kind and field exactly, without a warning', () => {
    const lists = fc.oneof(
      fc.array(anyLayerArb, { maxLength: schema.limits.maxHiddenLayers }),
      cnnLayersArb,
    );
    fc.assert(
      fc.property(lists, (hidden) => {
        const { layers, warnings } = decode(encodeLayers(hidden));
        expect(warnings).toEqual([]);
        expect(layers).toEqual(hidden);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes the links written before CNNs as before', () => {
    expect(decode('8:relu,8:relu:d0.2:s2:bn')).toEqual({
      layers: [
        layer({ units: 8, activation: 'relu' }),
        layer({ units: 8, activation: 'relu', dropout: 0.2, penaltyScale: 2, batchNorm: true }),
      ],
      warnings: [],
    });
    expect(decode('16:nobn,3:sigmoid:s0').layers).toEqual([
      layer({ units: 16 }),
      layer({ units: 3, activation: 'sigmoid', penaltyScale: 0 }),
    ]);
    expect(decode('').layers).toEqual([]);
    // Dense layers are written as they always were.
    expect(
      encodeLayers([layer({ units: 16, activation: 'relu', dropout: 0.2, batchNorm: true })]),
    ).toBe('16:relu:d0.2:bn');
  });

  it('writes a CNN briefly: the kind and its size, then only what differs from the defaults', () => {
    const cnn = [
      layer({ kind: 'conv', channels: 16, padding: 1, activation: 'relu' }),
      layer({ kind: 'maxPool', size: 2 }),
      layer({ kind: 'conv', channels: 32, kernel: 5, stride: 2, dropBlock: 0.2, blockSize: 1 }),
      layer({ kind: 'avgPool', size: 3 }),
      layer({ kind: 'globalAvgPool' }),
      layer({ kind: 'flatten' }),
      layer({ units: 10 }),
    ];
    expect(encodeLayers(cnn)).toBe('c16:relu:p1,max2,c32:k5:t2:db0.2:bs1,avg3,gap,flat,10');
    expect(decode('c:k1,max,avg').layers).toEqual([
      layer({ kind: 'conv', kernel: 1 }),
      layer({ kind: 'maxPool' }),
      layer({ kind: 'avgPool' }),
    ]);
  });

  it('checks every value as a field and names what is allowed for unknown parts', () => {
    const { layers, warnings } = decode('c99:k9:t0:p1.5:zz:d2,max7,gap3,foo4,flat:u0');
    expect(layers.map((l) => l.kind)).toEqual([
      'conv',
      'maxPool',
      'globalAvgPool',
      'dense',
      'flatten',
    ]);
    expect(layers[0]).toMatchObject({
      channels: 64,
      kernel: 7,
      stride: 1,
      padding: 2,
      dropout: 0.95,
    });
    expect(layers[1]!.size).toBe(4);
    expect(layers[4]!.units).toBe(1);
    const byKey = (k: string) => warnings.filter((w) => w.key === k);
    expect(byKey('h[0] channels')[0]).toMatchObject({ code: 'clamped', allowed: '[1, 64]' });
    expect(byKey('h[0] padding')[0]).toMatchObject({ code: 'rounded' });
    expect(byKey('h[0]')[0]).toMatchObject({ code: 'invalid', value: 'zz' });
    expect(byKey('h[0]')[0]!.allowed).toContain('k<kernel>');
    expect(byKey('h[2] kind')[0]).toMatchObject({ code: 'invalid', value: 'gap3' });
    expect(byKey('h[3] kind')[0]!.allowed).toContain('c<n>');
  });

  it('never throws on hostile text, and every decoded value is one the schema allows', () => {
    const part = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('c', 'max', 'avg', 'gap', 'flat', 'k', 'db', 'bs', 'ch', 'u', '__proto__'),
      fc
        .tuple(fc.constantFrom('c', 'k', 't', 'p', 'w', 'd', 'db', 's', 'u', ''), fc.double())
        .map(([p, v]) => `${p}${v}`),
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .array(
          fc.array(part, { maxLength: 6 }).map((ps) => ps.join(':')),
          { maxLength: 12 },
        )
        .map((ls) => ls.join(',')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const { layers } = decode(t);
        expect(layers.length).toBeLessThanOrEqual(schema.limits.maxHiddenLayers);
        for (const l of layers) {
          expect(Object.keys(l).sort()).toEqual(schema.layerFields.map((f) => f.path).sort());
          for (const f of schema.layerFields) {
            const v = (l as unknown as Record<string, unknown>)[f.path];
            expect(coerceField(f, v).warning).toBeUndefined();
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
