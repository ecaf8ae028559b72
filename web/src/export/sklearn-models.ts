// Python source for the exact linear solvers with scikit-learn (1.2): the grid, the path, the
// test error, and k-fold cross-validation with the engine's folds, for each model of
// engine/linear/spec_models.hpp. The objectives and their scaling are written where they matter.
import type { LinearCvOptions, LinearPathOptions } from '../engine/engine-api';
import { float64Literal, pyCall } from './python-literals';

export type SkModel = LinearPathOptions['model'];
export type CvScore = NonNullable<LinearCvOptions['score']>;

// The model's settings as the engine reads them (engine-api.d.ts LinearPathOptions defaults).
export interface ResolvedOptions {
  model: SkModel;
  l1Ratio: number; // ρ: 1 lasso, 0 ridge, the elastic net's, or logistic's L1 share
  nAlphas: number;
  eps: number;
  tol: number | null; // null: the engine's default
  maxIter: number | null;
}

export function resolveOptions(o: LinearPathOptions): ResolvedOptions {
  const ratio = (): number => {
    switch (o.model) {
      case 'lasso':
        return 1;
      case 'ridge':
        return 0;
      case 'elasticNet':
        return o.l1Ratio ?? 0.5;
      case 'logistic':
        if (o.penalty !== undefined && o.l1Ratio !== undefined)
          throw new Error('exportSkLearn: options.penalty and options.l1Ratio exclude each other');
        return o.penalty === 'l2' ? 0 : (o.l1Ratio ?? 1);
    }
  };
  const l1Ratio = ratio();
  if (!(l1Ratio >= 0 && l1Ratio <= 1))
    throw new Error(`exportSkLearn: options.l1Ratio must be in [0, 1], got ${l1Ratio}`);
  return {
    model: o.model,
    l1Ratio,
    nAlphas: o.nAlphas ?? 100,
    eps: o.eps ?? 1e-3,
    tol: o.tol ?? null,
    maxIter: o.maxIter ?? null,
  };
}

export function defaultScore(model: SkModel): CvScore {
  return model === 'logistic' ? 'misclassification' : 'mse';
}

export function isLogistic(o: ResolvedOptions): boolean {
  return o.model === 'logistic';
}

// The grid column's name in the output.
export function gridName(o: ResolvedOptions): string {
  return isLogistic(o) ? 'C' : 'alpha';
}

// The settings block: only what the code reads.
export function settingsLines(o: ResolvedOptions, folds: number | null): string[] {
  const lines: string[] = [];
  const push = (line: string, doc: string) =>
    lines.push(line.length + doc.length + 4 <= 100 ? `${line}  # ${doc}` : line);
  if (o.model !== 'lasso' && o.model !== 'ridge')
    push(`L1_RATIO = ${float64Literal(o.l1Ratio)}`, 'ρ, the L1 share of the penalty');
  push(`N_ALPHAS = ${o.nAlphas}`, 'points of the grid');
  push(`EPS = ${float64Literal(o.eps)}`, 'weakest / strongest penalty of the grid');
  if (o.model === 'lasso' || o.model === 'elasticNet') {
    push(
      `TOL = ${float64Literal(o.tol ?? 1e-4)}`,
      "duality-gap tolerance (sklearn's rule, as the engine's)",
    );
    push(`MAX_ITER = ${o.maxIter ?? 1000}`, 'coordinate-descent sweeps per alpha');
  }
  if (isLogistic(o)) {
    push('TOL = 1e-10', "tight: both solvers at the optimum (the engine's rule differs)");
    push('MAX_ITER = 100_000', 'solver iterations per C');
  }
  if (folds !== null) push(`FOLDS = ${folds}`, "k of the engine's k-fold cross-validation");
  return lines;
}

export function importLines(o: ResolvedOptions, cv: boolean): string[] {
  const names: string[] = [];
  switch (o.model) {
    case 'lasso':
      names.push('lasso_path', ...(cv ? ['LassoCV'] : []));
      break;
    case 'elasticNet':
      names.push('enet_path', ...(cv ? ['ElasticNetCV'] : []));
      break;
    case 'ridge':
      names.push('Ridge');
      break;
    case 'logistic':
      names.push('LogisticRegression');
      break;
  }
  return [
    `from sklearn.linear_model import ${names.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)).join(', ')}`,
    ...(cv ? ['from sklearn.model_selection import PredefinedSplit'] : []),
  ];
}

// The objective in the engine's units and its scikit-learn spelling.
export function objectiveText(o: ResolvedOptions): string[] {
  switch (o.model) {
    case 'lasso':
      return [
        'The lasso: minimise 1/(2n)·‖y − Xw − b‖² + α·‖w‖₁ over w and b (the intercept b is never',
        "penalised). This is scikit-learn's Lasso / lasso_path with alpha = α, and glmnet's λ = α.",
        "The playground's network penalty uses 1/n·‖·‖² + λ‖w‖₁, so its λ is 2α.",
      ];
    case 'elasticNet':
      return [
        'The elastic net: minimise 1/(2n)·‖y − Xw − b‖² + α·(ρ‖w‖₁ + (1 − ρ)/2·‖w‖²), ρ = L1_RATIO',
        "(the intercept b is never penalised). This is scikit-learn's ElasticNet / enet_path with",
        "alpha = α and l1_ratio = ρ, and glmnet's λ = α.",
      ];
    case 'ridge':
      return [
        'Ridge: minimise 1/(2n)·‖y − Xw − b‖² + α/2·‖w‖² (the elastic net at ρ = 0; the intercept',
        "b is never penalised). scikit-learn's Ridge minimises ‖y − Xw − b‖² + alpha·‖w‖²: the",
        'same minimiser with alpha = n·α, n the rows fitted (so each fold has its own alpha).',
      ];
    case 'logistic':
      return [
        'Logistic regression (two classes): minimise C·Σᵢ logloss(yᵢ, xᵢᵀw + b) + ρ‖w‖₁ + (1 − ρ)/2·‖w‖²,',
        `ρ = ${o.l1Ratio === 1 ? '1 (L1)' : o.l1Ratio === 0 ? '0 (L2)' : 'L1_RATIO (elastic net)'}, the intercept b never penalised. This is scikit-learn's`,
        "LogisticRegression(C=C) itself; glmnet's binomial λ (a mean loss) is λ = 1/(n·C).",
      ];
  }
}

export function gridCode(o: ResolvedOptions): string[] {
  if (isLogistic(o)) {
    return [
      'def penalty_grid(x, y):',
      '    """The engine\'s grid of C, strongest penalty (smallest C) first: from C_min, the largest C',
      '    at which every weight is 0 (for ρ = 0, where no C gives zeros, C_min of ρ = 0.001, as',
      '    glmnet), up to C_min / EPS, evenly spaced in log scale."""',
      '    xc = x - x.mean(axis=0)',
      `    c_min = max(${o.l1Ratio === 0 ? '0.0' : 'L1_RATIO'}, 0.001) / np.max(np.abs(xc.T @ (y - y.mean())))`,
      '    return np.logspace(np.log10(c_min), np.log10(c_min / EPS), N_ALPHAS)',
    ];
  }
  const ratio =
    o.model === 'lasso'
      ? '1.0'
      : o.model === 'ridge'
        ? "0.001  # ridge has no alpha_max: glmnet's convention, the grid of ρ = 0.001"
        : 'L1_RATIO';
  return [
    'def penalty_grid(x, y):',
    '    """The engine\'s grid of α, strongest first (scikit-learn\'s default grid for lasso_path /',
    "    enet_path, glmnet's λ grid): from α_max, the smallest α at which every weight is 0,",
    '    down to EPS·α_max, evenly spaced in log scale."""',
    `    rho = ${ratio}`,
    '    xc, yc = x - x.mean(axis=0), y - y.mean()',
    '    alpha_max = np.max(np.abs(xc.T @ yc)) / (len(y) * rho)',
    '    return np.logspace(np.log10(alpha_max * EPS), np.log10(alpha_max), N_ALPHAS)[::-1]',
  ];
}

function logisticSettings(o: ResolvedOptions): { args: string[]; why: string[] } {
  if (o.l1Ratio === 0)
    return {
      args: ['penalty="l2"', 'solver="newton-cholesky"'],
      why: ["    # newton-cholesky: a Newton method (as the engine's), exact to TOL."],
    };
  const args = [
    o.l1Ratio === 1 ? 'penalty="l1"' : 'penalty="elasticnet"',
    'solver="saga"',
    ...(o.l1Ratio === 1 ? [] : ['l1_ratio=L1_RATIO']),
    'random_state=0',
  ];
  return {
    args,
    why: [
      '    # saga leaves the intercept unpenalised (liblinear would penalise it, a different model).',
      '    # It is slow where the penalty is weak (large C); the engine uses proximal Newton.',
    ],
  };
}

export function pathCode(o: ResolvedOptions): string[] {
  switch (o.model) {
    case 'lasso':
    case 'elasticNet': {
      const call =
        o.model === 'lasso'
          ? 'lasso_path(x - x_mean, y - y_mean, alphas=alphas, tol=TOL, max_iter=MAX_ITER)'
          : 'enet_path(\n        x - x_mean, y - y_mean, l1_ratio=L1_RATIO, alphas=alphas, tol=TOL, max_iter=MAX_ITER\n    )';
      return [
        'def fit_path(x, y, alphas):',
        '    """Coefficients (one row per α) and intercepts. The path functions fit no intercept:',
        '    they get centred data, and b = ȳ − x̄ᵀw, which is what fit_intercept=True does. Both',
        '    scikit-learn and the engine run cyclic coordinate descent on the Gram matrix, warm-',
        '    started along the grid, with the same stopping rule, so they stop at the same sweep."""',
        '    x_mean, y_mean = x.mean(axis=0), y.mean()',
        `    _, coefs, _ = ${call}`,
        '    coefs = coefs.T',
        '    return coefs, y_mean - coefs @ x_mean',
      ];
    }
    case 'ridge':
      return [
        'def fit_path(x, y, alphas):',
        '    """Coefficients (one row per α) and intercepts: Ridge in closed form at alpha = n·α."""',
        '    fits = [Ridge(alpha=len(y) * a, solver="cholesky").fit(x, y) for a in alphas]',
        '    return np.array([f.coef_ for f in fits]), np.array([f.intercept_ for f in fits])',
      ];
    case 'logistic': {
      const s = logisticSettings(o);
      return [
        'def logistic_model(**more):',
        ...s.why,
        ...pyCall(
          'return LogisticRegression',
          [...s.args, 'tol=TOL', 'max_iter=MAX_ITER', '**more'],
          '    ',
        ),
        '',
        '',
        'def fit_path(x, y, cs):',
        '    """Coefficients (one row per C) and intercepts, each fit warm-started from the last."""',
        '    model = logistic_model(warm_start=True)',
        '    coefs, intercepts = [], []',
        '    for c in cs:',
        '        model.set_params(C=c).fit(x, y)',
        ...(o.l1Ratio > 0
          ? [
              '        if not model.coef_.any():',
              '            # Every weight 0: saga (scikit-learn 1.2) stops after an epoch or two, as it',
              '            # measures progress on the weights only, leaving the intercept short of the',
              '            # optimum. With every weight 0 that optimum is b = logit(mean y), and the',
              '            # zeros are optimal there when |C·Xᵀ(p − y)| ≤ ρ; else saga goes on from b.',
              '            b = np.log(y.mean() / (1.0 - y.mean()))',
              '            model.intercept_[:] = b',
              '            gradient = c * x.T @ (1.0 / (1.0 + np.exp(-b)) - y)',
              '            if np.max(np.abs(gradient)) > L1_RATIO:',
              '                model.fit(x, y)',
            ]
          : []),
        '        coefs.append(model.coef_[0].copy())',
        '        intercepts.append(model.intercept_[0])',
        '    return np.array(coefs), np.array(intercepts)',
      ];
    }
  }
}

export function testErrorCode(o: ResolvedOptions): string[] {
  const body = isLogistic(o)
    ? [
        '    """Misclassification rate of each grid point\'s fit on x, y (class 1 where xᵀw + b > 0)."""',
        '    return ((x @ coefs.T + intercepts > 0) != (y[:, None] == 1)).mean(axis=0)',
      ]
    : [
        '    """Mean squared error of each grid point\'s fit on x, y, in the target\'s units."""',
        '    return ((x @ coefs.T + intercepts - y[:, None]) ** 2).mean(axis=0)',
      ];
  return ['def error_of(x, y, coefs, intercepts):', ...body];
}

export function cvCode(o: ResolvedOptions, score: CvScore): string[] {
  const head = [
    'def cross_validate(x, y, grid, fold):',
    '    """Error of every grid point on every fold (grid points × folds): the path fitted on the',
    '    other folds, scored on this one, over the grid of all fit rows (as LassoCV). The folds',
    '    are the engine\'s, passed explicitly (PredefinedSplit: fold f is the test fold f)."""',
  ];
  switch (o.model) {
    case 'lasso':
      return [
        ...head,
        '    cv = LassoCV(alphas=grid, cv=PredefinedSplit(fold), tol=TOL, max_iter=MAX_ITER)',
        '    return cv.fit(x, y).mse_path_',
      ];
    case 'elasticNet':
      return [
        ...head,
        '    cv = ElasticNetCV(',
        '        l1_ratio=L1_RATIO, alphas=grid, cv=PredefinedSplit(fold), tol=TOL, max_iter=MAX_ITER',
        '    )',
        '    return cv.fit(x, y).mse_path_',
      ];
    case 'ridge':
      return [
        ...head,
        '    errors = np.empty((len(grid), fold.max() + 1))',
        '    for f, (train, test) in enumerate(PredefinedSplit(fold).split()):',
        '        coefs, intercepts = fit_path(x[train], y[train], grid)',
        '        errors[:, f] = error_of(x[test], y[test], coefs, intercepts)',
        '    return errors',
      ];
    case 'logistic':
      // A loop over the folds with fit_path, not LogisticRegressionCV: its saga fits would
      // keep the intercept that fit_path corrects where every weight is 0.
      return [
        ...head,
        '    errors = np.empty((len(grid), fold.max() + 1))',
        '    for f, (train, test) in enumerate(PredefinedSplit(fold).split()):',
        '        coefs, intercepts = fit_path(x[train], y[train], grid)',
        `        errors[:, f] = ${score === 'logLoss' ? 'log_loss_of' : 'error_of'}(x[test], y[test], coefs, intercepts)`,
        '    return errors',
        ...(score === 'logLoss'
          ? [
              '',
              '',
              'def log_loss_of(x, y, coefs, intercepts):',
              '    """Mean log loss of each grid point\'s fit on x, y: log(1 + e^η) − yη, η = xᵀw + b."""',
              '    eta = x @ coefs.T + intercepts',
              '    return (np.logaddexp(0.0, eta) - y[:, None] * eta).mean(axis=0)',
            ]
          : []),
      ];
  }
}

export const kSummaryCode = [
  'def summarize(errors):',
  '    """Per grid point the mean over the folds (unweighted, as LassoCV) and its standard error',
  '    (sd over the folds, ddof = 1, / √k); the best point (the first minimum: the strongest',
  "    penalty on ties) and glmnet's one-standard-error choice, the strongest penalty whose mean",
  '    is within one standard error of the best."""',
  '    mean = errors.mean(axis=1)',
  '    se = errors.std(axis=1, ddof=1) / np.sqrt(errors.shape[1])',
  '    best = int(np.argmin(mean))',
  '    one_se = int(np.flatnonzero(mean[: best + 1] <= mean[best] + se[best])[0])',
  '    return mean, se, best, one_se',
];
