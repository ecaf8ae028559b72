// The "Export as PyTorch" generator's text, without Python or the engine: literals that read
// back bit for bit, a CONFIG that holds exactly what the code reads, the header's exact /
// statistical note, compact data, and the sweep's refusals. The proof that the scripts
// reproduce the engine is export-pytorch-proof.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPyTorch, exportSweep, refusal } from '../../web/src/export/pytorch';
import {
  base64Lines,
  float32ArrayLines,
  float32Literal,
  float64Literal,
  kReadableValues,
} from '../../web/src/export/python-literals';
import { cnnTorchName } from '../../web/src/export/cnn-model-code';
import { torchName } from '../../web/src/export/model-code';
import { defaultLayer, defaultSpec, type ExperimentSpec } from '../../web/src/spec/experiment-spec';
import { specArb } from './spec-arbitraries';
import { syntheticInput } from './export-pytorch-input';

// Python float text as Number() reads it (the literals are a subset of JS number syntax).
function readPython(text: string): number {
  if (text === 'float("nan")') return NaN;
  if (text === 'float("inf")') return Infinity;
  if (text === '-float("inf")') return -Infinity;
  expect(text).toMatch(/^-?(\d+\.\d*|\d+(\.\d*)?e-?\d+)$/);
  return Number(text);
}

function spec(edit: (s: ExperimentSpec) => void = () => {}): ExperimentSpec {
  const s = defaultSpec();
  s.model.hidden = [
    { ...defaultLayer(), units: 5 },
    { ...defaultLayer(), units: 3 },
  ];
  edit(s);
  return s;
}

// CONFIG's keys, and the keys the code reads.
function configKeys(script: string): { written: string[]; read: string[] } {
  const block = /\nCONFIG = dict\(\n([\s\S]*?)\n\)\n/.exec(script)![1]!;
  const written = [...block.matchAll(/^ {4}(\w+)=/gm)].map((m) => m[1]!);
  const read = [...new Set([...script.matchAll(/config\["(\w+)"\]/g)].map((m) => m[1]!))];
  return { written, read };
}

// Lines of code (not embedded data) longer than 100 characters.
function longCodeLines(script: string): string[] {
  return script
    .split('\n')
    .filter((l) => l.length > 100)
    .filter((l) => !/^\s+\[[-\d.e, ]+\],?$/.test(l)) // a data or weight row
    .filter((l) => !/^\s+"[A-Za-z0-9+/=]+"$/.test(l)); // base64
}

describe('Python literals', () => {
  it('every float32 reads back as itself, through float64 as Python and NumPy read it', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const text = float32Literal(v);
        const back = Math.fround(readPython(text));
        expect(Object.is(back, Math.fround(v)), `${v} → ${text}`).toBe(true);
        // At most 9 significant digits, leading and trailing zeros aside.
        const digits = text.replace(/^-/, '').replace(/e.*/, '').replace('.', '');
        expect(digits.replace(/^0+/, '').replace(/0+$/, '').length).toBeLessThanOrEqual(9);
      }),
      { numRuns: 5000 },
    );
    expect(float32Literal(0.1)).toBe('0.1');
    expect(float32Literal(1)).toBe('1.0');
    expect(float32Literal(-0)).toBe('-0.0');
    expect(float32Literal(1e-7)).toBe('1e-7');
  });

  it('every float64 reads back as itself', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Object.is(readPython(float64Literal(v)), v === 0 ? 0 : v) || v === 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("base64 is the standard alphabet with padding, as Python's base64.b64decode reads it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64Lines(bytes).join('')).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64Lines(bytes).every((l) => l.length <= 76)).toBe(true);
      }),
    );
  });

  it('large arrays are embedded as base64 of little-endian float32, exactly', () => {
    const values = Float32Array.from({ length: 3 * 1000 }, (_, i) => Math.sin(i) * 1e3);
    const lines = float32ArrayLines('X', values, 1000, 3);
    expect(values.length).toBeGreaterThan(kReadableValues);
    expect(lines[0]).toMatch(/^X = float32_array\(/);
    expect(lines.at(-1)).toBe(').reshape(1000, 3)');
    const text = lines
      .slice(1, -1)
      .map((l) => l.trim().slice(1, -1))
      .join('');
    const bytes = Buffer.from(text, 'base64');
    const back = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    expect(Array.from(back)).toEqual(Array.from(values));
  });

  it('small arrays are one row per line', () => {
    const lines = float32ArrayLines('X', [1, 2.5, -3, 0.1], 2, 2);
    expect(lines).toEqual([
      'X = np.array(',
      '    [',
      '        [1.0, 2.5],',
      '        [-3.0, 0.1],',
      '    ],',
      '    dtype=np.float32,',
      ')',
    ]);
  });
});

describe('exportPyTorch', () => {
  it('names the link and the engine version, and is the same text for the same input', () => {
    const input = syntheticInput(spec());
    const script = exportPyTorch(input);
    expect(script.startsWith('"""')).toBe(true);
    expect(script).toContain(input.link);
    expect(script).toContain('Engine 1.0.0');
    expect(exportPyTorch(input)).toBe(script);
  });

  it("maps the engine's parameter names onto the module", () => {
    expect(torchName('layers.0.weight', 2)).toBe('hidden.0.linear.weight');
    expect(torchName('layers.1.bnScale', 2)).toBe('hidden.1.norm.weight');
    expect(torchName('layers.1.bnShift', 2)).toBe('hidden.1.norm.bias');
    expect(torchName('layers.2.bias', 2)).toBe('output.bias');
    expect(() => torchName('layers.2.bnScale', 2)).toThrow();
  });

  it('for any valid spec: CONFIG holds exactly the keys the code reads, code lines fit 100 columns', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        // Keep the synthetic network small: only the text is checked here.
        s.model.hidden = s.model.hidden
          .slice(0, 3)
          .map((l) => ({ ...l, units: Math.min(l.units, 6) }));
        s.data.dimensions = Math.min(s.data.dimensions, 12);
        s.data.nonZeros = Math.min(s.data.nonZeros, s.data.dimensions);
        s.data.degree = Math.min(s.data.degree, 4);
        // What the exporter refuses, it refuses with its reason.
        const reason = refusal(s);
        if (reason) {
          expect(() => exportPyTorch(syntheticInput(s))).toThrow(reason);
          return;
        }
        const script = exportPyTorch(syntheticInput(s));
        const { written, read } = configKeys(script);
        expect(new Set(written)).toEqual(new Set(read));
        expect(longCodeLines(script)).toEqual([]);
        expect(script).not.toMatch(/\/(work|tmp|home|root)\//);
      }),
      { numRuns: 150 },
    );
  });

  it("says what is statistical: dropout, jitter and mixup draw torch's random numbers", () => {
    const exact = exportPyTorch(syntheticInput(spec()));
    expect(exact).toMatch(/Nothing is drawn by torch/);
    expect(exact).not.toMatch(/nn\.Dropout|torch\.manual_seed/);
    const dropout = exportPyTorch(syntheticInput(spec((s) => (s.model.hidden[1]!.dropout = 0.2))));
    expect(dropout).toMatch(/Statistical only: dropout masks/);
    expect(dropout).toMatch(/nn\.Dropout\(dropout\[1\]\)/);
    const augmented = exportPyTorch(
      syntheticInput(
        spec((s) => {
          s.training.jitter = 0.1;
          s.training.mixupAlpha = 0.2;
        }),
      ),
    );
    expect(augmented).toMatch(/Statistical only: input jitter .*; mixup/s);
  });

  it('writes only the hooks a run uses', () => {
    const plain = exportPyTorch(syntheticInput(spec()));
    for (const hook of [
      'def proximal_step',
      'def learning_rate',
      'clip_grad',
      'apply_max_norm',
      'EarlyStopping',
      'def penalty',
    ])
      expect(plain).not.toContain(hook);
    const all = exportPyTorch(
      syntheticInput(
        spec((s) => {
          s.penalty.kind = 'l1';
          s.penalty.lambda = 0.01;
          s.penalty.l1Mode = 'proximal';
          s.schedule.kind = 'cosine';
          s.training.clipNorm = 1;
          s.training.maxNorm = 2;
          s.training.earlyStopping.enabled = true;
        }),
      ),
    );
    for (const hook of [
      'def proximal_step',
      'def learning_rate',
      'clip_grad_norm_',
      'apply_max_norm',
      'class EarlyStopping',
      'def penalty',
    ])
      expect(all).toContain(hook);
  });

  it("loads a real set from scikit-learn and ports the engine's split; generated sets need the data", () => {
    const diabetes = syntheticInput(spec((s) => (s.data.kind = 'diabetes')));
    delete diabetes.data;
    const script = exportPyTorch(diabetes);
    expect(script).toContain('load_diabetes(scaled=False)');
    expect(script).toContain('class Pcg32');
    // 442 rows: ⌈0.2·442⌉ = 89 test, 89 validation, 264 training rows.
    expect(script).toContain('{"train": 264, "validation": 89, "test": 89}');
    const breast = syntheticInput(spec((s) => (s.data.kind = 'breastCancer')));
    expect(exportPyTorch(breast)).toContain('(1 - table.target)');
    const moons = syntheticInput(spec((s) => (s.data.kind = 'moons')));
    delete moons.data;
    expect(() => exportPyTorch(moons)).toThrow(/needs the run's data/);
  });

  it("exports a run at the engine's size limits (4M data values, 1M parameters), compactly", () => {
    const big = spec((s) => {
      s.data.kind = 'sparseLinear';
      s.data.samples = 20000;
      s.data.dimensions = 200;
      s.model.hidden = [
        { ...defaultLayer(), units: 1024 },
        { ...defaultLayer(), units: 800 },
      ];
    });
    const script = exportPyTorch(syntheticInput(big, 12000));
    expect(script).toContain('TRAIN_RAW = float32_array(  # (12000, 200)');
    expect(script).toContain('"hidden.1.linear.weight": float32_array(  # (800, 1024)');
    // 4 bytes a value in base64, 76 characters a line plus indent and quotes: 5.8 a value.
    expect(script.length).toBeLessThan(6 * (16800 * 201 + 1024 * 201 + 800 * 1025));
  });

  it('refuses parameters that do not fit the spec', () => {
    const input = syntheticInput(spec());
    expect(() => exportPyTorch({ ...input, parameters: input.parameters.slice(2) })).toThrow(
      /weight matrices/,
    );
    expect(() => exportPyTorch({ ...input, steps: -1 })).toThrow(/steps/);
    // Inputs after feature expansion must be what the network takes.
    const expanded = spec((s) => (s.data.features = ['x1', 'x2', 'sinX1']));
    expect(() => exportPyTorch({ ...input, spec: expanded })).toThrow(/3 inputs/);
    const digits = spec((s) => (s.data.kind = 'digits'));
    expect(() => exportPyTorch({ ...input, spec: digits })).toThrow(/64 columns/);
  });

  it("refuses what it cannot reproduce, saying what and why: a network's folds on a real set", () => {
    const folds = spec((s) => {
      s.data.kind = 'digits';
      s.data.folds = 5;
      s.data.fold = 2;
    });
    expect(refusal(folds)).toMatch(/data\.folds .* digits set is not exported/);
    expect(() => exportPyTorch(syntheticInput(folds))).toThrow(
      /exportPyTorch: data\.folds .*Export the run with data\.folds 0/,
    );
    // Generated sets embed the engine's own rows, so their folds export.
    expect(refusal(spec((s) => (s.data.folds = 5)))).toBeNull();
  });

  it("maps a CNN's parameters onto its entries (pooling and flatten have none)", () => {
    const hidden = [
      { ...defaultLayer(), kind: 'conv' as const, batchNorm: true },
      { ...defaultLayer(), kind: 'maxPool' as const },
      { ...defaultLayer(), kind: 'flatten' as const },
      { ...defaultLayer(), kind: 'dense' as const },
    ];
    expect(cnnTorchName('layers.0.weight', hidden)).toBe('hidden.0.conv.weight');
    expect(cnnTorchName('layers.0.bnScale', hidden)).toBe('hidden.0.norm.weight');
    expect(cnnTorchName('layers.1.weight', hidden)).toBe('hidden.3.linear.weight');
    expect(cnnTorchName('layers.2.bias', hidden)).toBe('output.bias');
    expect(() => cnnTorchName('layers.3.weight', hidden)).toThrow();
  });
});

describe('exportSweep', () => {
  const input = syntheticInput(
    spec((s) => {
      s.penalty.kind = 'l2';
      s.penalty.lambda = 0.01;
    }),
  );

  it('writes the grid and a loop over every combination', () => {
    const script = exportSweep(input, [
      { path: 'optimizer.lr', values: [0.01, 0.1] },
      { path: 'hidden.dropout', values: [0, 0.5] },
    ]);
    expect(script).toContain(
      'GRID = {\n    "lr": [0.01, 0.1],\n    "dropout": [[0.0, 0.0], [0.5, 0.5]],\n}',
    );
    expect(script).toContain('itertools.product(*GRID.values())');
    expect(script).toMatch(/Optuna/);
    expect(script).toMatch(/Ray Tune/);
    const { written, read } = configKeys(script);
    expect(new Set(written)).toEqual(new Set(read));
    // Code lines fit 100 columns (the tuner example is a comment).
    expect(longCodeLines(script).filter((l) => !l.startsWith('#'))).toEqual([]);
  });

  it('refuses what would need a new network, what does not matter, and rule breakers', () => {
    expect(() => exportSweep(input, [{ path: 'seed', values: [1, 2] }])).toThrow(
      /data or the network/,
    );
    expect(() => exportSweep(input, [{ path: 'data.samples', values: [100] }])).toThrow(
      /data or the network/,
    );
    expect(() => exportSweep(input, [{ path: 'optimizer.beta1', values: [0.8] }])).toThrow(
      /no effect/,
    );
    expect(() => exportSweep(input, [{ path: 'optimizer.lr', values: [-1] }])).toThrow(
      /not allowed/,
    );
    expect(() => exportSweep(input, [{ path: 'hidden.dropout', values: [0.99] }])).toThrow(
      /not allowed/,
    );
    expect(() =>
      exportSweep({ ...input, spec: spec((s) => (s.optimizer.momentum = 0.9)) }, [
        { path: 'optimizer.nesterov', values: [true] },
        { path: 'optimizer.momentum', values: [0, 0.5] },
      ]),
    ).toThrow(/breaks a rule/);
    const lr = { path: 'optimizer.lr' as const, values: [0.1] };
    expect(() => exportSweep(input, [lr, lr])).toThrow(/twice/);
    expect(() => exportSweep(input, [lr, lr, lr])).toThrow(/one or two/);
  });
});
