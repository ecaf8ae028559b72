// "Export to scikit-learn": one self-contained Python file that reproduces a study of the
// engine's exact linear solvers (the path view, and the cross-validation view) with
// scikit-learn 1.2: the same rows, grid and folds, and the numbers the page shows (the
// coefficients, non-zero counts and test error per grid point; the CV mean and standard error,
// λ_min and λ_1se). exportSkLearn(input) returns the file's text; the input is gathered in the
// worker (types.ts SkLearnExportInput, worker/jobs/sklearn-input.ts).
import { docText, oneLine, wrapText } from './python-literals';
import { pcg32Code } from './rng-code';
import { sklearnDataCode } from './sklearn-data';
import {
  cvCode,
  defaultScore,
  gridCode,
  gridName,
  importLines,
  isLogistic,
  kSummaryCode,
  objectiveText,
  pathCode,
  resolveOptions,
  settingsLines,
  testErrorCode,
  type ResolvedOptions,
} from './sklearn-models';
import type { SkLearnExportInput } from './types';

export type { SkLearnExportInput } from './types';

function heading(title: string): string {
  return `# ---- ${title} ${'-'.repeat(Math.max(4, 92 - title.length))}`;
}

const kModelTitle = {
  lasso: 'Lasso',
  elasticNet: 'Elastic-net',
  ridge: 'Ridge',
  logistic: 'Logistic-regression',
} as const;

function modelTitle(o: ResolvedOptions): string {
  if (o.model === 'logistic')
    return `${o.l1Ratio === 1 ? 'L1' : o.l1Ratio === 0 ? 'L2' : `Elastic-net (ρ = ${o.l1Ratio})`} logistic-regression`;
  if (o.model === 'elasticNet') return `Elastic-net (ρ = ${o.l1Ratio})`;
  return kModelTitle[o.model];
}

function scoreText(score: string, logistic: boolean): string {
  if (!logistic) return 'mean squared error';
  return score === 'logLoss' ? 'mean log loss' : 'misclassification rate';
}

function mainCode(o: ResolvedOptions, cv: boolean, score: string, standardized: boolean): string[] {
  const g = gridName(o);
  const err = isLogistic(o) ? 'test_misclassification' : 'test_mse';
  const lines = [
    'def main():',
    '    x_fit, y_fit, x_test, y_test, fold = load_data()',
    '    grid = penalty_grid(x_fit, y_fit)',
    '    coefs, intercepts = fit_path(x_fit, y_fit, grid)',
    '    nan = np.full(len(grid), np.nan)',
    '    test_error = error_of(x_test, y_test, coefs, intercepts) if len(y_test) else nan',
    '',
    '    print(f"== path: {len(grid)} grid points, {len(y_fit)} fit rows, {len(y_test)} test rows")',
    `    print("coefficients${standardized ? ' (standardised units)' : ''} in the order of FEATURES:", ", ".join(FEATURES))`,
    `    print("${g} non_zero ${err} intercept coefficients...")`,
    '    for i in range(len(grid)):',
    '        numbers = [grid[i], np.count_nonzero(coefs[i]), test_error[i], intercepts[i], *coefs[i]]',
    '        print(" ".join(f"{v:.12g}" for v in numbers))',
  ];
  if (cv)
    lines.push(
      '',
      '    mean, se, best, one_se = summarize(cross_validate(x_fit, y_fit, grid, fold))',
      `    print(f"== cross-validation: {FOLDS} folds, ${scoreText(score, isLogistic(o))}")`,
      `    print("${g} mean se")`,
      '    for i in range(len(grid)):',
      '        print(f"{grid[i]:.12g} {mean[i]:.12g} {se[i]:.12g}")',
      '    for name, i in (("lambda_min", best), ("lambda_1se", one_se)):',
      `        print(f"{name}: ${g} = {grid[i]:.12g} (grid point {i}), mean {mean[i]:.12g}")`,
    );
  lines.push('', '', 'if __name__ == "__main__":', '    main()');
  return lines;
}

export function exportSkLearn(input: SkLearnExportInput): string {
  const o = resolveOptions(input.options);
  // The regression models also take two classes (the labels 0 / 1 as the target, as the engine).
  if (isLogistic(o) && input.task !== 'binary')
    throw new Error('exportSkLearn: logistic regression needs a data set with two classes');
  const cv = input.cv;
  if (cv && !(Number.isInteger(cv.folds) && cv.folds >= 2))
    throw new Error(`exportSkLearn: cv.folds must be an integer ≥ 2, got ${cv.folds}`);
  const score = cv?.score ?? defaultScore(o.model);
  if (isLogistic(o) === (score === 'mse'))
    throw new Error(`exportSkLearn: score "${score}" does not fit the model ${o.model}`);
  const data = sklearnDataCode(input);
  const { spec } = input;

  const title = `${modelTitle(o)} path${cv ? ` and its ${cv.folds}-fold cross-validation` : ''} on ${data.describe}`;
  const exact =
    o.model === 'logistic'
      ? "The data, the grid and the folds are the engine's exactly. The engine solves logistic regression by proximal Newton, scikit-learn here by " +
        (o.l1Ratio === 0 ? 'Newton-Cholesky' : 'saga') +
        "; both reach the same optimum, so the numbers agree to the solvers' tolerance (TOL), not bit for bit."
      : o.model === 'ridge'
        ? "The data, the grid and the folds are the engine's exactly; ridge is solved in closed form by both, so the numbers agree to rounding."
        : "The data, the grid and the folds are the engine's exactly, and scikit-learn runs the engine's algorithm (coordinate descent with the same stopping rule), so the numbers agree to rounding.";
  const doc = [
    ...wrapText(`"""${docText(title)}.`, '', 96),
    '',
    'Exported from the Regularization Playground ("Export to scikit-learn"):',
    `    ${docText(input.link)}`,
    `Engine ${docText(input.engineVersion)}. Needs Python 3, NumPy and scikit-learn (written for 1.2):`,
    '    python3 this_file.py',
    '',
    ...objectiveText(o).map(docText),
    '',
    ...wrapText(docText(exact), '', 96),
    '',
    ...wrapText(
      `Output: per grid point (strongest penalty first) the ${gridName(o)}, the number of non-zero weights, the ${isLogistic(o) ? 'misclassification rate' : 'mean squared error'} on the held-out test rows (nan without them), the intercept and the coefficients${cv ? `; then per grid point the cross-validation ${scoreText(score, isLogistic(o))} (mean over the folds) and its standard error, λ_min (the best mean) and λ_1se (the strongest penalty within one standard error of it)` : ''}.`,
      '',
      96,
    ),
    '"""',
  ];

  const imports = data.usesPcg32 ? ['import math'] : [];
  const settings = [
    `SEED = ${spec.seed}  # the engine drew the data, its split${cv ? ' and the folds' : ''} from it`,
    ...settingsLines(o, cv ? cv.folds : null),
    '',
    "# The design's columns, as the page names them.",
    'FEATURES = [',
    ...wrapText(input.featureNames.map((n) => JSON.stringify(oneLine(n)) + ',').join(' '), '    '),
    ']',
  ];
  const sections: [string, string[]][] = [
    ['The data', [data.code]],
    ...(data.usesPcg32
      ? ([["The engine's random generator", [pcg32Code()]]] as [string, string[]][])
      : []),
    [
      'The model',
      [
        gridCode(o).join('\n'),
        pathCode(o).join('\n'),
        testErrorCode(o).join('\n'),
        ...(cv ? [cvCode(o, score).join('\n'), kSummaryCode.join('\n')] : []),
      ],
    ],
  ];
  const code: string[] = [settings.join('\n')];
  for (const [t, parts] of sections) code.push(`${heading(t)}\n\n\n${parts.join('\n\n\n')}`);
  code.push(mainCode(o, !!cv, score, spec.data.standardize).join('\n'));
  let body = code.join('\n\n\n');
  if (body.includes('float32_array(')) {
    imports.unshift('import base64');
    body = body.replace(
      heading('The data'),
      `${heading('The data')}\n\n\ndef float32_array(text):\n    """float32 values stored as base64 of their little-endian bytes (exact, and compact)."""\n    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)`,
    );
  }
  const needsScaler = spec.data.standardize;
  const header = [
    doc.join('\n'),
    ...(imports.length ? [imports.join('\n')] : []),
    [
      'import numpy as np',
      ...importLines(o, !!cv),
      ...(needsScaler ? ['from sklearn.preprocessing import StandardScaler'] : []),
    ].join('\n'),
  ];
  return `${header.join('\n\n')}\n\n\n${body}\n`;
}
