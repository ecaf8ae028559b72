import { kViewKeys } from '../../web/src/spec/view-options';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultLayer,
  defaultSpec,
  schema,
  setPath,
  getPath,
  type SpecPath,
} from '../../web/src/spec/experiment-spec';
import { repairSpec } from '../../web/src/spec/rules';
import {
  FIELDS,
  decode,
  defaultExperiment,
  encode,
  kMaxInputLength,
  kMaxRuns,
  type SharedExperiment,
} from '../../web/src/spec/url-codec';
import { validateSpec } from '../../web/src/spec/validate';
import v1Defaults from './fixtures/url-v1-defaults.json';
import v2Defaults from './fixtures/url-v2-defaults.json';
import { experimentArb, specArb, validValue } from './spec-arbitraries';

function withRuns(...runs: ReturnType<typeof defaultSpec>[]): SharedExperiment {
  return { ...defaultExperiment(), runs };
}

describe('URL codec table', () => {
  it('gives every schema field exactly one short key, and no key twice', () => {
    const paths = FIELDS.map((f) => f.path as string);
    const expected = schema.fields.map((f) => f.path).filter((p) => p !== 'version');
    expect([...paths].sort()).toEqual([...expected].sort());
    const keys = FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('h');
    expect(keys).not.toContain('v');
    // The view's keys (language, lesson, the "Choosing λ" settings, ...) are not field keys.
    expect(keys.filter((k) => kViewKeys.has(k))).toEqual([]);
  });

  it('keeps the defaults links rely on (change one: bump the format and add a migration)', () => {
    const now = Object.fromEntries(schema.fields.map((f) => [f.path, f.default]));
    const layer = Object.fromEntries(schema.layerFields.map((f) => [f.path, f.default]));
    expect(now).toEqual(v2Defaults.fields);
    expect(layer).toEqual(v2Defaults.layer);
    expect(schema.defaultHidden).toBe(v2Defaults.defaultHidden);
    // v2 only added fields: every v1 default still holds.
    for (const [path, value] of Object.entries(v1Defaults.fields)) expect(now[path]).toEqual(value);
    for (const [key, value] of Object.entries(v1Defaults.layer)) expect(layer[key]).toEqual(value);
  });

  it('migrates v1 links: weight decay keeps skipping biases unless the penalty covered them', () => {
    const run = (link: string, i = 0) => decode(link).experiment.runs[i]!.optimizer.decayScope;
    expect(run('v=1&opt=adamw&wd=0.1')).toBe('weights');
    expect(run('v=1&opt=adamw&wd=0.1&pb=1')).toBe('all');
    expect(run('v=1&opt=adamw')).toBe('all'); // no decay: nothing to keep
    expect(run('v=1&wd=0.1&runs=2&r2.pb=1', 1)).toBe('all');
    expect(run('v=1&wd=0.1&runs=2&r2.lr=0.5', 1)).toBe('weights');
    expect(run('v=2&opt=adamw&wd=0.1')).toBe('all');
    expect(decode('v=1&wd=0.1').warnings).toEqual([]);
  });
});

describe('encode', () => {
  it('writes only the version for the default experiment', () => {
    expect(encode(defaultExperiment())).toBe('v=2');
  });

  it('is short and readable: option names, plain numbers, layers as units:activation', () => {
    let spec = setPath(defaultSpec(), 'optimizer.lr', 0.01);
    spec = setPath(spec, 'data.kind', 'spiral');
    spec = setPath(spec, 'penalty.kind', 'l1');
    spec.model.hidden = [
      { ...defaultLayer(), units: 16, activation: 'relu', dropout: 0.2, batchNorm: true },
    ];
    expect(encode(withRuns(spec))).toBe('v=2&lr=0.01&pen=l1&ds=spiral&h=16:relu:d0.2:bn');
  });
});

describe('round trip', () => {
  it('reads back every field at its bounds and in between, with no warning', () => {
    for (const f of FIELDS) {
      const schemaField = schema.fields.find((s) => s.path === f.path)!;
      fc.assert(
        fc.property(
          validValue(schemaField).filter(
            (v) =>
              v !== 'custom' && repairSpec(setPath(defaultSpec(), f.path, v)).repairs.length === 0,
          ),
          (value) => {
            const spec = setPath(defaultSpec(), f.path, value);
            const { experiment, warnings } = decode(encode(withRuns(spec)));
            expect(warnings).toEqual([]);
            expect(getPath(experiment.runs[0]!, f.path as SpecPath)).toEqual(value);
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it('reads back random whole experiments (up to 4 runs, every view option)', () => {
    fc.assert(
      fc.property(experimentArb, (experiment) => {
        const { experiment: back, warnings } = decode(encode(experiment));
        expect(warnings).toEqual([]);
        expect(back).toEqual(experiment);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back custom 2D points (rounded to 0.01) and the custom data kind', () => {
    const spec = setPath(defaultSpec(), 'data.kind', 'custom');
    const points = { x: [0.5, -1.25, 3.07, 2.99, -327.67, 327.67], y: [0, 1, 1] };
    const { experiment, warnings } = decode(encode({ ...withRuns(spec), points }));
    expect(warnings).toEqual([]);
    expect(experiment.points).toEqual(points);
    expect(experiment.runs[0]!.data.kind).toBe('custom');
  });

  it('keeps a compare run that is an unchanged duplicate', () => {
    const { experiment } = decode(encode(withRuns(defaultSpec(), defaultSpec())));
    expect(experiment.runs).toHaveLength(2);
  });

  it('opens a lesson with its speed and x axis, and writes only what differs from them', () => {
    const { experiment, warnings } = decode('#v=2&lesson=earlyStopping');
    expect(warnings).toEqual([]);
    expect(experiment.view.speed).toBe(5);
    expect(experiment.view.xAxis).toBe('epoch');
    expect(encode(experiment)).toBe('v=2&lesson=earlyStopping');
    experiment.view.speed = 10;
    const again = decode(encode(experiment)).experiment;
    expect(again.view.speed).toBe(10);
    expect(again.view.xAxis).toBe('epoch');
  });
});

describe('old and future links', () => {
  it('opens a hand-written v1 link as documented', () => {
    const { experiment, warnings } = decode(
      '#v=1&seed=7&ds=xor&h=4:relu,3&pen=elasticNet&lam=0.01&mix=0.3&opt=adam&lr=0.005&runs=2&r2.pen=l2&r2.h=2',
    );
    expect(warnings).toEqual([]);
    const [a, b] = experiment.runs;
    expect(a!.seed).toBe(7);
    expect(a!.data.kind).toBe('xor');
    expect(a!.model.hidden.map((l) => [l.units, l.activation])).toEqual([
      [4, 'relu'],
      [3, 'tanh'],
    ]);
    expect(a!.penalty).toMatchObject({ kind: 'elasticNet', lambda: 0.01, l1Ratio: 0.3 });
    expect(a!.optimizer).toMatchObject({ kind: 'adam', lr: 0.005 });
    expect(b!.penalty).toMatchObject({ kind: 'l2', lambda: 0.01 });
    expect(b!.optimizer.lr).toBe(0.005);
    expect(b!.model.hidden.map((l) => l.units)).toEqual([2]);
  });

  it('reads a link without a version as v1', () => {
    const { experiment, warnings } = decode('lr=0.5');
    expect(warnings).toEqual([]);
    expect(experiment.runs[0]!.optimizer.lr).toBe(0.5);
  });

  it('opens a link from a newer format with a warning, keeping what it knows', () => {
    const { experiment, warnings } = decode('v=7&lr=0.2&newThing=3');
    expect(experiment.runs[0]!.optimizer.lr).toBe(0.2);
    expect(warnings.map((w) => w.code)).toEqual(['unknownKey', 'newerVersion']);
  });

  it('reads a whole URL, a hash or a query alike', () => {
    for (const s of ['https://x.test/a/#v=1&lr=0.2', '#v=1&lr=0.2', 'v=1&lr=0.2', '?v=1&lr=0.2']) {
      expect(decode(s).experiment.runs[0]!.optimizer.lr).toBe(0.2);
    }
  });
});

describe('hostile links', () => {
  it('clamps huge and tiny numbers to the schema range, with a warning', () => {
    const { experiment, warnings } = decode('n=1e308&noise=-5&bs=99999999999');
    const s = experiment.runs[0]!;
    expect(s.data.samples).toBe(20000);
    expect(s.data.noise).toBe(0);
    expect(s.training.batchSize).toBe(20000);
    expect(warnings.map((w) => w.code)).toEqual(['clamped', 'clamped', 'clamped']);
  });

  it('rejects NaN, Infinity, hex and empty numbers, keeping the default', () => {
    for (const bad of ['NaN', 'Infinity', '-Infinity', '0x10', '', '1e99999', '1,5', ' ']) {
      const { experiment, warnings } = decode(`lr=${encodeURIComponent(bad)}`);
      expect(experiment.runs[0]!.optimizer.lr).toBe(defaultSpec().optimizer.lr);
      expect(warnings[0]?.code).toBe('invalid');
    }
  });

  it('rejects a value on an open bound instead of clamping to it (lr > 0)', () => {
    const { experiment, warnings } = decode('lr=0&b1=1');
    expect(experiment.runs[0]!.optimizer.lr).toBe(defaultSpec().optimizer.lr);
    expect(experiment.runs[0]!.optimizer.beta1).toBe(defaultSpec().optimizer.beta1);
    expect(warnings.map((w) => w.code)).toEqual(['invalid', 'invalid']);
  });

  it('keeps at most the engine maximum of layers, quickly, from a million', () => {
    const started = Date.now();
    const { experiment, warnings } = decode(`h=${'8,'.repeat(1_000_000)}8`);
    expect(experiment.runs[0]!.model.hidden).toHaveLength(schema.limits.maxHiddenLayers);
    expect(warnings.some((w) => w.code === 'tooLong')).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('ignores __proto__, constructor and prototype keys without polluting objects', () => {
    const { experiment, warnings } = decode(
      '__proto__=1&__proto__.polluted=1&constructor.prototype.polluted=1&r2.__proto__=x&runs=2',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(experiment.runs[0])).toBe(Object.prototype);
    expect(experiment.runs).toHaveLength(2);
    expect(warnings.every((w) => w.code === 'unknownKey')).toBe(true);
  });

  it('never returns markup from the link except as short plain text in a warning', () => {
    const script = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const { experiment, warnings } = decode(
      `ds=${encodeURIComponent(script)}&lang=${encodeURIComponent(script)}&${encodeURIComponent(script)}=1`,
    );
    expect(JSON.stringify(experiment)).not.toContain('<');
    expect(warnings).toHaveLength(3);
    for (const w of warnings) expect((w.value ?? w.key).length).toBeLessThanOrEqual(41);
  });

  it('cuts absurdly long input before parsing it', () => {
    const { warnings } = decode(`lr=0.1&x=${'a'.repeat(kMaxInputLength * 4)}`);
    expect(warnings[0]).toMatchObject({ code: 'tooLong' });
  });

  it('clamps the number of compare runs to 4', () => {
    const { experiment, warnings } = decode('runs=99');
    expect(experiment.runs).toHaveLength(kMaxRuns);
    expect(warnings[0]).toMatchObject({ code: 'clamped', key: 'runs' });
  });

  it('falls back from custom data without points, with a warning', () => {
    const { experiment, warnings } = decode('ds=custom&pts=%%%');
    expect(experiment.runs[0]!.data.kind).toBe(defaultSpec().data.kind);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('survives every truncation of a valid link', () => {
    const spec = setPath(setPath(defaultSpec(), 'optimizer.lr', 0.0123), 'penalty.kind', 'lp');
    spec.model.hidden = [
      {
        ...defaultLayer(),
        units: 5,
        activation: 'sigmoid',
        dropout: 0.5,
        penaltyScale: 2,
        batchNorm: true,
      },
    ];
    const link = encode({ ...withRuns(spec, defaultSpec()), points: null });
    for (let i = 0; i <= link.length; i++) {
      const { experiment } = decode(link.slice(0, i));
      for (const run of experiment.runs) expect(validateSpec(run).warnings).toEqual([]);
    }
  });

  it('returns a valid spec, and never throws, for thousands of random and hostile strings', () => {
    const keys = [
      ...FIELDS.map((f) => f.key),
      'h',
      'v',
      'runs',
      'pts',
      'r2.lr',
      'r3.h',
      'hide',
      '__proto__',
    ];
    const hostileValue = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        'NaN',
        '1e400',
        '-1e400',
        '<script>',
        '%',
        '%E0%A4%A',
        '1'.repeat(500),
        '8,'.repeat(50),
      ),
      fc.double().map(String),
      fc.integer().map(String),
    );
    const pair = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string()), hostileValue);
    const link = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.array(pair, { maxLength: 40 }).map((ps) => ps.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(link, (s) => {
        const { experiment, warnings } = decode(s);
        expect(experiment.runs.length).toBeGreaterThanOrEqual(1);
        expect(experiment.runs.length).toBeLessThanOrEqual(kMaxRuns);
        for (const run of experiment.runs) expect(validateSpec(run).warnings).toEqual([]);
        for (const w of warnings) expect((w.value ?? '').length).toBeLessThanOrEqual(41);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes non-strings to the default experiment', () => {
    for (const x of [undefined, null, 42, {}, []]) {
      expect(decode(x).experiment).toEqual(defaultExperiment());
    }
  });
});

describe('specArb', () => {
  it('only makes specs the validator accepts unchanged', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const r = validateSpec(spec);
        expect(r.warnings).toEqual([]);
        expect(r.value).toEqual(spec);
      }),
      { numRuns: 200 },
    );
  });
});
