// Python source for the data of a scikit-learn export: the rows the engine's exact solvers fit
// and the held-out test rows, as float64 arrays standardised as engine/linear/spec_models.hpp
// does (StandardScaler on the fit rows, in float64; the test rows scaled with those statistics),
// with the engine's cross-validation fold of every fit row.
//   Real sets: loaded from scikit-learn; the test split and the folds are redone with a port of
//   the engine's generator (rng-code.ts), so no row needs to be embedded.
//   Generated and uploaded sets: the engine's rows are embedded (raw, as the engine made them),
//   grouped by fold when there is cross-validation, and expanded as the engine does.
import { ceilShare, describeGenerated, expansionCode, family, kRealSets } from './data-code';
import { float32ArrayLines, float64Literal, intArrayLines, wrapText } from './python-literals';
import { kSplitStream } from './rng-code';
import type { SkLearnExportInput } from './types';

// The PCG32 stream of the folds (engine/linear/folds.hpp kFoldStream).
export const kFoldStream = 0xf01d0001;

export interface SkLearnDataPlan {
  code: string;
  usesPcg32: boolean;
  describe: string; // for the header
  fitRows: number | null; // known here for the real sets and the embedded rows
  testRows: number | null;
}

const hex = (v: number) => `0x${v.toString(16).toUpperCase()}`;

const kStandardizeCode = (standardize: boolean): string[] =>
  standardize
    ? [
        'def standardize(x_fit, x_test):',
        '    """StandardScaler on the fit rows (float64; population std, a constant column keeps',
        '    σ = 1), the test rows scaled with the same statistics: the coefficients are in',
        '    standardised units, as the page shows them."""',
        '    scaler = StandardScaler().fit(x_fit)',
        '    return scaler.transform(x_fit), (x_test - scaler.mean_) / scaler.scale_',
      ]
    : [
        'def standardize(x_fit, x_test):',
        '    """The run has data.standardize off: the solvers see the columns as they are."""',
        '    return x_fit, x_test',
      ];

const kFoldIdsCode = [
  'def fold_ids(n, k, labels=None):',
  '    """The engine\'s k-fold assignment of the fit rows (engine/linear/folds.hpp), the folds the',
  "    page's cross-validation used. Plain: a seeded permutation of the rows, dealt round-robin.",
  '    Stratified (classification): the rows of each class, class 0 first, each class',
  '    permuted in turn by the same generator and dealt on where the previous class stopped."""',
  '    rng = Pcg32(SEED, FOLD_STREAM)',
  '    ids = np.empty(n, dtype=np.int64)',
  '    if labels is None:',
  '        for r, row in enumerate(rng.permutation(n)):',
  '            ids[row] = r % k',
  '        return ids',
  '    r = 0',
  '    for label in sorted(set(labels.tolist())):',
  '        rows = np.flatnonzero(labels == label)',
  '        for index in rng.permutation(len(rows)):',
  '            ids[rows[index]] = r % k',
  '            r += 1',
  '    return ids',
];

function realSetCode(input: SkLearnExportInput): SkLearnDataPlan {
  const { spec } = input;
  const real = kRealSets[spec.data.kind]!;
  if (real.cols !== input.featureNames.length)
    throw new Error(
      `exportSkLearn: ${spec.data.kind} has ${real.cols} columns, the design has ${input.featureNames.length}`,
    );
  const n = real.rows;
  const nTest = ceilShare(spec.data.testFraction, n);
  const cv = input.cv;
  const parts: string[][] = [];
  parts.push([
    `TEST_FRACTION = ${float64Literal(spec.data.testFraction)}`,
    `SPLIT_STREAM = ${hex(kSplitStream)}  # the engine's random stream for the split`,
    ...(cv
      ? [`FOLD_STREAM = ${hex(kFoldStream)}  # the engine's random stream for the folds`]
      : []),
  ]);
  parts.push([
    'def load_table():',
    `    """${real.what}:`,
    `    the rows of the engine's copy, in its order, as float32 (the engine's precision)."""`,
    `    from sklearn.datasets import ${real.loader}`,
    '',
    ...real.body,
  ]);
  parts.push([
    'def fit_and_test_rows(n):',
    '    """The engine\'s split (engine/data/split.cpp): a seeded permutation of the rows, whose',
    '    first ⌈TEST_FRACTION·n⌉ are the test rows. The solvers fit every other row (the',
    '    training and validation splits together), in table order."""',
    '    order = Pcg32(SEED, SPLIT_STREAM).permutation(n)',
    '    n_test = math.ceil(TEST_FRACTION * n - 1e-9)',
    '    return sorted(order[n_test:]), order[:n_test]',
  ]);
  if (cv) parts.push(kFoldIdsCode);
  parts.push(kStandardizeCode(spec.data.standardize));
  const labels = input.task === 'binary' ? ', table_y[fit]' : '';
  parts.push([
    'def load_data():',
    '    """x_fit, y_fit, x_test, y_test (float64) and the fold of each fit row (None without',
    '    cross-validation), as the engine\'s solvers see them."""',
    '    table_x, table_y = load_table()',
    '    fit, test = fit_and_test_rows(len(table_x))',
    `    assert (len(fit), len(test)) == (${n - nTest}, ${nTest})`,
    cv ? `    fold = fold_ids(len(fit), FOLDS${labels})` : '    fold = None  # no cross-validation',
    '    x_fit, x_test = standardize(table_x[fit].astype(np.float64), table_x[test].astype(np.float64))',
    '    y_fit, y_test = table_y[fit].astype(np.float64), table_y[test].astype(np.float64)',
    '    return x_fit, y_fit, x_test, y_test, fold',
  ]);
  return {
    code: parts.map((p) => p.join('\n')).join('\n\n\n'),
    usesPcg32: true,
    describe: `${real.what}, loaded from scikit-learn`,
    fitRows: n - nTest,
    testRows: nTest,
  };
}

function embeddedCode(input: SkLearnExportInput): SkLearnDataPlan {
  const { spec } = input;
  const data = input.data;
  if (!data)
    throw new Error(`exportSkLearn: data.kind "${spec.data.kind}" needs the engine's rows`);
  const { fit, test, foldSizes } = data;
  const cv = input.cv;
  if (cv) {
    if (!foldSizes || foldSizes.length !== cv.folds)
      throw new Error(`exportSkLearn: ${cv.folds}-fold cross-validation needs the rows by fold`);
    if (foldSizes.reduce((a, b) => a + b, 0) !== fit.rows)
      throw new Error('exportSkLearn: the fold sizes do not add up to the fit rows');
  }
  const expansion = expansionCode(spec);
  const classification = input.task === 'binary';
  const kind = spec.data.kind;
  const rawNames =
    family(kind) === 'plane'
      ? 'raw points (x1, x2)'
      : kind === 'regression1d'
        ? 'raw x'
        : `columns ${input.featureNames.join(', ')}`;
  const lines: string[] = wrapText(
    `The data: the engine's rows of ${describeGenerated(spec)}, embedded as it made them: the ${fit.rows} rows the solvers fit (the training and validation splits together)${cv ? `, grouped by the engine's cross-validation fold (fold 0's rows first, then fold 1's, ...)` : ''}, and the ${test.rows} held-out test rows. Raw inputs (before feature expansion and standardisation); targets in their own units.`,
    '# ',
    100,
  );
  const vector = (name: string, split: typeof fit, what: string) =>
    classification
      ? intArrayLines(name, split.y, `${what}: class labels`)
      : float32ArrayLines(name, split.y, split.rows, 0, `${what}: targets`);
  for (const [name, split, what] of [
    ['FIT', fit, 'fit rows'],
    ['TEST', test, 'test rows'],
  ] as const) {
    lines.push('');
    for (const l of float32ArrayLines(
      `${name}_RAW`,
      split.x,
      split.rows,
      split.cols,
      `${what}: ${split.rows} × ${rawNames}`,
    ))
      lines.push(l);
    lines.push('');
    for (const l of vector(`${name}_Y`, split, what)) lines.push(l);
  }
  if (cv) {
    lines.push('');
    lines.push(`FOLD_SIZES = [${foldSizes!.join(', ')}]  # rows of fold 0, 1, ... in FIT_RAW`);
  }
  const parts: string[][] = [lines];
  if (expansion.length) parts.push(expansion);
  parts.push(kStandardizeCode(spec.data.standardize));
  const expand = (v: string) => (expansion.length ? `expand_features(${v})` : v);
  parts.push([
    'def load_data():',
    '    """x_fit, y_fit, x_test, y_test (float64) and the fold of each fit row (None without',
    '    cross-validation), as the engine\'s solvers see them."""',
    '    # The features in float32, as the engine computes them, then float64 for the solvers.',
    `    x_fit = ${expand('FIT_RAW')}.astype(np.float64)`,
    `    x_test = ${expand('TEST_RAW')}.astype(np.float64)`,
    '    x_fit, x_test = standardize(x_fit, x_test)',
    cv
      ? '    fold = np.repeat(np.arange(len(FOLD_SIZES)), FOLD_SIZES)'
      : '    fold = None  # no cross-validation',
    '    return x_fit, FIT_Y.astype(np.float64), x_test, TEST_Y.astype(np.float64), fold',
  ]);
  return {
    code: parts.map((p) => p.join('\n')).join('\n\n\n'),
    usesPcg32: false,
    describe: describeGenerated(spec),
    fitRows: fit.rows,
    testRows: test.rows,
  };
}

export function sklearnDataCode(input: SkLearnExportInput): SkLearnDataPlan {
  return kRealSets[input.spec.data.kind] ? realSetCode(input) : embeddedCode(input);
}
