// Python source for the data: the three splits exactly as the engine made them, expanded and
// standardised the way engine/data/make_data.cpp does (float32 arithmetic, statistics of the
// training split only), as (inputs, targets) tensors in the units the loss takes.
//   Generated and custom sets: the engine's splits are embedded (raw inputs, targets in their
//   own units), from trainer.data(split).
//   Real sets: loaded from scikit-learn (the engine's CSV files are scikit-learn's copies) and
//   split with a port of the engine's seeded permutation.
import type { ExperimentSpec } from '../engine/engine-api';
import { schema } from '../spec/experiment-spec';
import {
  float32ArrayLines,
  float64Literal,
  intArrayLines,
  oneLine,
  wrapText,
} from './python-literals';
import type { ExportSplit, PyTorchExportInput } from './types';
import { augments } from './augment-code';
import { imageShapeOf, isConvolutional } from './cnn-model-code';

export type Task = 'binary' | 'multiclass' | 'regression';
export const kSplitNames = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof kSplitNames)[number];

export interface DataPlan {
  code: string;
  rows: Record<SplitName, number>;
  fromScikitLearn: boolean;
  describe: string; // one line for the header: what the data is
}

export interface RealSet {
  loader: string;
  rows: number;
  cols: number;
  what: string;
  body: string[];
}

// The engine's real sets (engine/data/real_sets.cpp) and how scikit-learn 1.2 serves the same
// table: same rows, same order, same values (diabetes unscaled).
export const kRealSets: Record<string, RealSet> = {
  diabetes: {
    loader: 'load_diabetes',
    rows: 442,
    cols: 10,
    what: 'diabetes (442 patients × 10 raw, unscaled measurements; target: disease progression)',
    body: [
      '    # scaled=False: the raw table (sex coded 1 / 2), as the engine ships it, not the',
      '    # centred, unit-norm columns scikit-learn returns by default.',
      '    table = load_diabetes(scaled=False)',
      '    return table.data.astype(np.float32), table.target.astype(np.float32)',
    ],
  },
  breastCancer: {
    loader: 'load_breast_cancer',
    rows: 569,
    cols: 30,
    what: 'breast cancer Wisconsin (569 × 30 features; 1 = malignant)',
    body: [
      '    table = load_breast_cancer()',
      "    # scikit-learn codes malignant as 0; the engine's label is 1 for malignant.",
      '    return table.data.astype(np.float32), (1 - table.target).astype(np.int64)',
    ],
  },
  digits: {
    loader: 'load_digits',
    rows: 1797,
    cols: 64,
    what: 'digits (1797 images of 8 × 8 pixels, intensities 0..16; 10 classes)',
    body: [
      '    table = load_digits()',
      '    return table.data.astype(np.float32), table.target.astype(np.int64)',
    ],
  },
};

export function isRealSet(kind: string): boolean {
  return kind in kRealSets;
}

// data.trainFraction (make_data.cpp, trainSubset): per class, the first ⌈f·n_c⌉ rows of the
// training split in its order (at least one); without classes the first ⌈f·n⌉ rows.
const kTrainSubsetCode = [
  'def train_subset(train, labels, fraction):',
  '    """The engine\'s data.trainFraction: per class, the first ⌈fraction·n_c⌉ rows of the',
  "    training split (at least one), kept in the split's order; without classes (labels None)",
  '    the first ⌈fraction·n⌉ rows."""',
  '',
  '    def share(n):',
  '        return max(1, math.ceil(fraction * n - 1e-9))',
  '',
  '    if labels is None:',
  '        return train[: share(len(train))]',
  '    classes = [int(labels[row]) for row in train]',
  '    left = {c: share(classes.count(c)) for c in set(classes)}',
  '    kept = []',
  '    for row, c in zip(train, classes):',
  '        if left[c] > 0:',
  '            left[c] -= 1',
  '            kept.append(row)',
  '    return kept',
];

// ⌈f·n⌉ as engine/data/split.cpp computes it.
export function ceilShare(f: number, n: number): number {
  return Math.ceil(f * n - 1e-9);
}

const kFeatureCode: Record<string, string> = {
  x1: 'x1',
  x2: 'x2',
  x1Squared: 'x1 * x1',
  x2Squared: 'x2 * x2',
  x1x2: 'x1 * x2',
  sinX1: 'sin32(x1)',
  sinX2: 'sin32(x2)',
};
const kFeatureText: Record<string, string> = {
  x1: 'x1',
  x2: 'x2',
  x1Squared: 'x1²',
  x2Squared: 'x2²',
  x1x2: 'x1·x2',
  sinX1: 'sin x1',
  sinX2: 'sin x2',
};

// A docstring indented in a function body, wrapped at 100 columns.
function docLines(text: string): string[] {
  const lines = wrapText(`"""${text}"""`, '    ', 100);
  return lines;
}

export function family(kind: string): string {
  return schema.dataKinds.find((d) => d.kind === kind)?.family ?? 'custom';
}

// What the engine does between the raw columns and the network's inputs.
export function expansionCode(spec: ExperimentSpec): string[] {
  const kind = spec.data.kind;
  if (family(kind) === 'plane') {
    const f = spec.data.features;
    if (f.length === 2 && f[0] === 'x1' && f[1] === 'x2') return [];
    const usesSin = f.some((n) => n.startsWith('sin'));
    return [
      ...(usesSin
        ? [
            'def sin32(v):',
            '    """sin of float32 values, rounded to float32 (the engine\'s sinf)."""',
            '    return np.sin(v.astype(np.float64)).astype(np.float32)',
            '',
            '',
          ]
        : []),
      'def expand_features(raw):',
      ...docLines(
        `The network's inputs from the raw points: ${f.map((n) => kFeatureText[n]).join(', ')} (float32, as the engine).`,
      ),
      '    x1, x2 = raw[:, 0], raw[:, 1]',
      `    return np.stack([${f.map((n) => kFeatureCode[n]).join(', ')}], axis=1)`,
    ];
  }
  if (kind === 'regression1d') {
    const d = spec.data.degree;
    if (d === 1) return [];
    return [
      'def expand_features(raw):',
      `    """x, x², …, x^${d}: powers by repeated multiplication in float64, then float32, as the engine."""`,
      `    v = np.repeat(raw[:, :1].astype(np.float64), ${d}, axis=1)`,
      '    return np.cumprod(v, axis=1).astype(np.float32)',
    ];
  }
  return [];
}

const kStandardizeCode = [
  'def fit_standardizer(x):',
  '    """Column means and population standard deviations (ddof = 0) of the training rows,',
  "    as sklearn's StandardScaler: computed in float64, kept in float32; a constant column",
  '    (variance within rounding of 0) keeps σ = 1."""',
  '    x64 = x.astype(np.float64)',
  '    mean = x64.mean(axis=0)',
  '    var = ((x64 - mean) ** 2).mean(axis=0)',
  '    n, eps = len(x), np.finfo(np.float64).eps',
  '    constant = var <= n * eps * var + (n * mean * eps) ** 2',
  '    scale = np.where(constant, 1.0, np.sqrt(var))',
  '    return mean.astype(np.float32), scale.astype(np.float32)',
];

// A CNN's images are scaled per channel (make_data.cpp, Standardizer::fitChannels): one mean
// and σ over every pixel of a channel, as torchvision's Normalize with the training set's
// statistics.
const kChannelStandardizeCode = [
  'def fit_standardizer(x):',
  '    """Per channel of the training images: the mean and population standard deviation (ddof',
  '    = 0) over every pixel of the channel in every row, computed in float64, kept in float32',
  '    and repeated for each pixel; a constant channel keeps σ = 1."""',
  '    planes = x.astype(np.float64).reshape(len(x), IMAGE_SHAPE[0], -1)',
  '    mean = planes.mean(axis=(0, 2))',
  '    var = ((planes - mean[None, :, None]) ** 2).mean(axis=(0, 2))',
  '    n, eps = planes.shape[0] * planes.shape[2], np.finfo(np.float64).eps',
  '    constant = var <= n * eps * var + (n * mean * eps) ** 2',
  '    scale = np.where(constant, 1.0, np.sqrt(var))',
  '    plane = planes.shape[2]',
  '    return np.repeat(mean.astype(np.float32), plane), np.repeat(scale.astype(np.float32), plane)',
];

// Whether the engine scales this run's images per channel: some entry needs an image (conv,
// pooling; engine hasImageLayers).
export function scalesPerChannel(spec: ExperimentSpec): boolean {
  const kinds = (schema as unknown as { layerKinds: { kind: string; needsImage: boolean }[] })
    .layerKinds;
  return spec.model.hidden.some((l) => kinds.find((k) => k.kind === l.kind)?.needsImage);
}

function standardizeCode(spec: ExperimentSpec): string[] {
  return scalesPerChannel(spec) ? kChannelStandardizeCode : kStandardizeCode;
}

// The image shape a convolutional network's data is reshaped to.
function imageLines(spec: ExperimentSpec): string[] {
  const image = isConvolutional(spec) || augments(spec) ? imageShapeOf(spec.data.kind) : null;
  if (!image) return [];
  return [
    `IMAGE_SHAPE = (${image.channels}, ${image.height}, ${image.width})  # channels, height, width of a row's image`,
  ];
}

const kTargetStandardizeCode = [
  'def fit_target_scaler(y):',
  '    """Mean and population standard deviation of each training target column (float64);',
  '    the loss sees (y − mean) / std, so the reported losses are in those units."""',
  '    y64 = y.astype(np.float64)',
  '    mean = y64.mean(axis=0)',
  '    std = np.sqrt(((y64 - mean) ** 2).mean(axis=0))',
  '    return mean, np.where(std > 1e-12, std, 1.0)',
];

function targetTensorLine(task: Task): string {
  switch (task) {
    case 'binary':
      return 'torch.from_numpy(y.astype(np.float32)).reshape(-1, 1)';
    case 'multiclass':
      return 'torch.from_numpy(y.astype(np.int64))';
    case 'regression':
      return 'torch.from_numpy(y.astype(np.float32)).reshape(len(y), -1)';
  }
}

function targetMeaning(task: Task): string {
  switch (task) {
    case 'binary':
      return 'float 0 / 1 of shape (n, 1) for BCEWithLogitsLoss';
    case 'multiclass':
      return 'class indices for CrossEntropyLoss';
    case 'regression':
      return 'shape (n, targets) for MSELoss';
  }
}

// The shared tail of load_data(): expansion, standardisation, tensors.
function finishLines(
  spec: ExperimentSpec,
  task: Task,
  hasExpansion: boolean,
  splits: readonly SplitName[],
): string[] {
  const lines: string[] = [];
  lines.push(
    hasExpansion
      ? '    x = {name: expand_features(raw[name]) for name in raw}'
      : '    x = dict(raw)',
  );
  if (spec.data.standardize) {
    lines.push('    # Statistics of the training rows only; validation and test reuse them.');
    lines.push('    mean, scale = fit_standardizer(x["train"])');
    lines.push('    x = {name: (v - mean) / scale for name, v in x.items()}');
    if (task === 'regression') {
      lines.push('    y_mean, y_std = fit_target_scaler(y["train"])');
      lines.push(
        '    # float32 targets minus float64 statistics: the arithmetic is float64, as the engine.',
        '    y = {name: ((v - y_mean) / y_std).astype(np.float32) for name, v in y.items()}',
      );
    }
  }
  if (isConvolutional(spec) && imageShapeOf(spec.data.kind)) {
    lines.push('    # Rows are images flattened in NCHW order: the network takes N × C × H × W.');
    lines.push('    x = {name: v.reshape(len(v), *IMAGE_SHAPE) for name, v in x.items()}');
  }
  const scaler = augments(spec) && imageShapeOf(spec.data.kind);
  lines.push(scaler ? '    data = {' : '    return {');
  lines.push(`        name: (torch.from_numpy(np.ascontiguousarray(x[name])), targets(y[name]))`);
  lines.push(`        for name in ${JSON.stringify(splits).replace(/,/g, ', ')}`);
  lines.push('    }');
  if (scaler)
    lines.push(
      '    # The augmentation works on raw pixels: it unscales a batch with these and scales it again.',
      `    data["scaler"] = ${spec.data.standardize ? '(mean, scale)' : 'None'}`,
      '    return data',
    );
  return lines;
}

function embeddedSplitLines(
  name: SplitName,
  split: ExportSplit,
  task: Task,
  rawNames: string,
  targetNames: string,
): string[] {
  const upper = name.toUpperCase();
  const lines = float32ArrayLines(
    `${upper}_RAW`,
    split.x,
    split.rows,
    split.cols,
    `${name}: ${split.rows} rows of ${rawNames}`,
  );
  lines.push('');
  if (task === 'regression') {
    const what = `${name} targets (${targetNames}), in their own units`;
    for (const l of float32ArrayLines(`${upper}_Y`, split.y, split.rows, split.yCols, what))
      lines.push(l);
  } else {
    for (const l of intArrayLines(`${upper}_Y`, split.y, `${name} labels`)) lines.push(l);
  }
  return lines;
}

export function describeGenerated(spec: ExperimentSpec): string {
  const d = spec.data;
  switch (family(d.kind)) {
    case 'plane':
      return `the ${d.kind} set (${d.samples} points, noise ${d.noise}${d.labelNoise ? `, label noise ${d.labelNoise}` : ''})`;
    case 'curve':
      return `regression1d (${d.samples} points, noise ${d.noise}, polynomial degree ${d.degree})`;
    case 'sparse':
      return `sparseLinear (${d.samples} samples × ${d.dimensions} dimensions, ${d.nonZeros} true non-zeros, noise ${d.noise})`;
    default:
      return `the uploaded ${d.task} table`;
  }
}

export function dataCode(input: PyTorchExportInput, task: Task): DataPlan {
  const { spec } = input;
  const kind = spec.data.kind;
  const expansion = expansionCode(spec);
  const hasExpansion = expansion.length > 0;
  const parts: string[][] = [];
  const targetsFn = [
    'def targets(y):',
    `    """Targets as the loss takes them: ${targetMeaning(task)}."""`,
    `    return ${targetTensorLine(task)}`,
  ];

  const real = kRealSets[kind];
  if (real) {
    if (real.cols !== input.network.inputs)
      throw new Error(
        `exportPyTorch: ${kind} has ${real.cols} columns, the network takes ${input.network.inputs}`,
      );
    const n = real.rows;
    const nTest = ceilShare(spec.data.testFraction, n);
    const nVal = ceilShare(spec.data.valFraction, n);
    const rows = { train: n - nTest - nVal, validation: nVal, test: nTest };
    const subset = spec.data.trainFraction < 1;
    if (subset) {
      // ⌈f·n_c⌉ per class depends on the labels: the engine's count, from the run's split.
      if (!input.data)
        throw new Error(
          `exportPyTorch: data.trainFraction below 1 on ${kind} needs the run's data splits`,
        );
      rows.train = input.data.train.rows;
    }
    const splits = kSplitNames.filter((s) => rows[s] > 0);
    parts.push([
      `VAL_FRACTION = ${float64Literal(spec.data.valFraction)}`,
      `TEST_FRACTION = ${float64Literal(spec.data.testFraction)}`,
      ...(subset
        ? [
            `TRAIN_FRACTION = ${float64Literal(spec.data.trainFraction)}  # share of the training split kept, per class`,
          ]
        : []),
      ...imageLines(spec),
      `SPLIT_STREAM = 0xDA7A0002  # the engine's random stream for the split`,
    ]);
    parts.push([
      'def load_table():',
      `    """${real.what}:`,
      `    the rows of the engine's copy, in its order, as float32."""`,
      `    from sklearn.datasets import ${real.loader}`,
      '',
      ...real.body,
    ]);
    parts.push([
      'def split_rows(n, val_fraction, test_fraction, seed):',
      '    """The engine\'s split (engine/data/split.cpp): one seeded permutation of the rows;',
      '    the first ⌈test_fraction·n⌉ are the test rows, the next ⌈val_fraction·n⌉ the',
      '    validation rows, the rest the training rows, each in the permutation\'s order."""',
      '    order = Pcg32(seed, SPLIT_STREAM).permutation(n)',
      '    n_test = math.ceil(test_fraction * n - 1e-9)',
      '    n_val = math.ceil(val_fraction * n - 1e-9)',
      '    return {',
      '        "test": order[:n_test],',
      '        "validation": order[n_test : n_test + n_val],',
      '        "train": order[n_test + n_val :],',
      '    }',
    ]);
    if (spec.data.standardize) {
      parts.push(standardizeCode(spec));
      if (task === 'regression') parts.push(kTargetStandardizeCode);
    }
    if (subset) parts.push(kTrainSubsetCode);
    parts.push(targetsFn);
    const expected = `{${splits.map((s) => `"${s}": ${rows[s]}`).join(', ')}}`;
    parts.push([
      'def load_data():',
      '    """(inputs, targets) tensors per split, as the engine feeds them to the network."""',
      '    table_x, table_y = load_table()',
      '    rows = split_rows(len(table_x), VAL_FRACTION, TEST_FRACTION, SEED)',
      ...(subset
        ? [
            `    rows["train"] = train_subset(rows["train"], ${task === 'regression' ? 'None' : 'table_y'}, TRAIN_FRACTION)`,
          ]
        : []),
      '    sizes = {name: len(r) for name, r in rows.items() if r}',
      `    assert sizes == ${expected}, sizes`,
      '    raw = {name: table_x[r] for name, r in rows.items()}',
      '    y = {name: table_y[r] for name, r in rows.items()}',
      ...finishLines(spec, task, false, splits),
    ]);
    return {
      code: parts.map((p) => p.join('\n')).join('\n\n\n'),
      rows,
      fromScikitLearn: true,
      describe: `${real.what}, loaded from scikit-learn`,
    };
  }

  const data = input.data;
  if (!data) throw new Error(`exportPyTorch: data.kind "${kind}" needs the run's data splits`);
  // The expansion written above must give the network's inputs (custom data is never expanded).
  const inputs =
    family(kind) === 'plane'
      ? spec.data.features.length
      : kind === 'regression1d'
        ? spec.data.degree
        : data.train.cols;
  if (inputs !== input.network.inputs)
    throw new Error(
      `exportPyTorch: the data gives ${inputs} inputs, the network takes ${input.network.inputs}`,
    );
  const rows = {
    train: data.train.rows,
    validation: data.validation.rows,
    test: data.test.rows,
  };
  const splits = kSplitNames.filter((s) => rows[s] > 0);
  const rawNames =
    family(kind) === 'plane'
      ? 'raw points (x1, x2)'
      : kind === 'regression1d'
        ? 'raw x'
        : `${data.train.cols} raw columns`;
  const targetNames = input.network.targetNames.length ? input.network.targetNames.join(', ') : 'y';
  const arrays: string[] = wrapText(
    `The data: the engine's own split of ${oneLine(describeGenerated(spec))}, embedded as the run made it: raw inputs (before feature expansion and standardisation) and targets.`,
    '# ',
    100,
  );

  if (family(kind) === 'custom' || family(kind) === 'sparse')
    arrays.push(
      ...wrapText(`Input columns: ${oneLine(input.network.featureNames.join(', '))}`, '# ', 100),
    );
  for (const s of kSplitNames) {
    if (rows[s] === 0) continue;
    arrays.push('');
    // A loop, not push(...): a large split has more lines than a call takes arguments.
    for (const l of embeddedSplitLines(s, data[s], task, rawNames, targetNames)) arrays.push(l);
  }
  parts.push(arrays);
  if (imageLines(spec).length) parts.push(imageLines(spec));
  if (hasExpansion) parts.push(expansion);
  if (spec.data.standardize) {
    parts.push(standardizeCode(spec));
    if (task === 'regression') parts.push(kTargetStandardizeCode);
  }
  parts.push(targetsFn);
  const rawDict = splits.map((s) => `"${s}": ${s.toUpperCase()}_RAW`).join(', ');
  const yDict = splits.map((s) => `"${s}": ${s.toUpperCase()}_Y`).join(', ');
  parts.push([
    'def load_data():',
    '    """(inputs, targets) tensors per split, as the engine feeds them to the network."""',
    `    raw = {${rawDict}}`,
    `    y = {${yDict}}`,
    ...finishLines(spec, task, hasExpansion, splits),
  ]);
  return {
    code: parts.map((p) => p.join('\n')).join('\n\n\n'),
    rows,
    fromScikitLearn: false,
    describe: describeGenerated(spec),
  };
}
