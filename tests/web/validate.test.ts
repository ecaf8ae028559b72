import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSpec, field, schema } from '../../web/src/spec/experiment-spec';
import { coerceField, describeAllowed, safeText, validateSpec } from '../../web/src/spec/validate';
import { specArb } from './spec-arbitraries';

describe('validateSpec', () => {
  it('accepts the default spec unchanged and with no warning', () => {
    expect(validateSpec(defaultSpec())).toEqual({ value: defaultSpec(), warnings: [] });
  });

  it('fills what a partial spec lacks with the defaults', () => {
    const { value, warnings } = validateSpec({
      optimizer: { lr: 0.5 },
      model: { hidden: [{ units: 3 }] },
    });
    expect(warnings).toEqual([]);
    expect(value.optimizer.lr).toBe(0.5);
    expect(value.optimizer.kind).toBe(defaultSpec().optimizer.kind);
    expect(value.model.hidden).toEqual([{ ...defaultSpec().model.hidden[0], units: 3 }]);
  });

  it('clamps to closed bounds, rejects open bounds, rounds integers', () => {
    const { value, warnings } = validateSpec({
      data: { samples: 10.6, noise: 99 },
      optimizer: { lr: -1, beta2: 1 },
      penalty: { p: 0.3 },
    });
    expect(value.data.samples).toBe(11);
    expect(value.data.noise).toBe(field('data.noise').max);
    expect(value.optimizer.lr).toBe(defaultSpec().optimizer.lr);
    expect(value.optimizer.beta2).toBe(defaultSpec().optimizer.beta2);
    expect(value.penalty.p).toBe(0.3);
    expect(warnings.map((w) => [w.key, w.code])).toEqual([
      ['data.samples', 'rounded'],
      ['data.noise', 'clamped'],
      ['optimizer.lr', 'invalid'],
      ['optimizer.beta2', 'invalid'],
    ]);
  });

  it('rejects wrong types and unknown options, keeping defaults', () => {
    const { value, warnings } = validateSpec({
      seed: 'abc',
      data: { kind: 'mnist', standardize: 'yes', features: ['x1', 'x3', 'x1'] },
      optimizer: { kind: { evil: true } },
    });
    expect(value.seed).toBe(defaultSpec().seed);
    expect(value.data.kind).toBe(defaultSpec().data.kind);
    expect(value.data.standardize).toBe(defaultSpec().data.standardize);
    expect(value.data.features).toEqual(['x1']);
    expect(value.optimizer.kind).toBe(defaultSpec().optimizer.kind);
    expect(warnings).toHaveLength(5);
  });

  it('keeps at most the engine maximum of layers and names unknown keys', () => {
    const hidden = Array.from({ length: 1000 }, () => ({ units: 2, bogus: 1 }));
    const { value, warnings } = validateSpec({ model: { hidden }, extra: 1, data: { nope: 2 } });
    expect(value.model.hidden).toHaveLength(schema.limits.maxHiddenLayers);
    expect(warnings[0]).toMatchObject({ code: 'layersDropped', value: '1000' });
    expect(warnings.filter((w) => w.code === 'unknownKey').map((w) => w.key)).toEqual([
      'extra',
      'data.nope',
    ]);
  });

  it('is not fooled by __proto__ in parsed JSON', () => {
    const input = JSON.parse(
      '{"__proto__": {"polluted": 1}, "optimizer": {"__proto__": {"lr": 5}}}',
    );
    const { value } = validateSpec(input);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(value.optimizer.lr).toBe(defaultSpec().optimizer.lr);
  });

  it('turns any JSON value into a valid spec without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const { value } = validateSpec(input);
        expect(validateSpec(value).warnings).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves every valid spec as it is', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(validateSpec(spec).value).toEqual(spec);
      }),
      { numRuns: 200 },
    );
  });
});

describe('coerceField', () => {
  it('reads numbers strictly: no hex, no blanks, no trailing text', () => {
    const lr = field('optimizer.lr');
    for (const bad of ['0x1', '', ' ', '1e', '1.2.3', '5px', 'Infinity', '1_000']) {
      expect(coerceField(lr, bad).value).toBeUndefined();
    }
    expect(coerceField(lr, '1e-3').value).toBe(0.001);
    expect(coerceField(lr, '.5').value).toBe(0.5);
  });

  it('describes ranges with open and closed brackets as the schema says', () => {
    expect(describeAllowed(field('optimizer.lr'))).toBe('(0, 10]');
    expect(describeAllowed(field('optimizer.beta1'))).toBe('[0, 1)');
    expect(describeAllowed(field('optimizer.kind'))).toMatch(/^one of: sgd, /);
  });
});

describe('safeText', () => {
  it('cuts long text and removes control characters', () => {
    expect(safeText('a'.repeat(100))).toHaveLength(41);
    expect(safeText('a\u0000b\u2028c\nd')).toBe('abcd');
    expect(safeText({})).toBe('object');
  });
});
