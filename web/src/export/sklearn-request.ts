// The embed API's playground:exportSkLearn message (web/EMBED.md) as the controller's
// SkLearnRequest: the solver's options and the optional cross-validation, checked for their
// kinds here (a clear message for a wrong key) and for their ranges by the engine (its message).
import type { SkLearnRequest } from './types';

const kModels = ['lasso', 'elasticNet', 'ridge', 'logistic'] as const;
const kScores = ['mse', 'misclassification', 'logLoss'] as const;

export function parseSkLearnRequest(msg: Record<string, unknown>): SkLearnRequest {
  const model = msg['model'];
  if (!kModels.includes(model as (typeof kModels)[number]))
    throw new Error(
      `model: one of ${kModels.join(', ')}, got ${JSON.stringify(model) ?? 'nothing'}`,
    );
  const options: SkLearnRequest['options'] = { model: model as (typeof kModels)[number] };
  const number = (key: string, integer = false): number | undefined => {
    const v = msg[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
      throw new Error(
        `${key}: ${integer ? 'an integer' : 'a finite number'}, got ${JSON.stringify(v)}`,
      );
    return v;
  };
  const l1Ratio = number('l1Ratio');
  if (l1Ratio !== undefined) options.l1Ratio = l1Ratio;
  const penalty = msg['penalty'];
  if (penalty !== undefined) {
    if (penalty !== 'l1' && penalty !== 'l2')
      throw new Error(`penalty: "l1" or "l2", got ${JSON.stringify(penalty)}`);
    options.penalty = penalty;
  }
  const nAlphas = number('nAlphas', true);
  if (nAlphas !== undefined) options.nAlphas = nAlphas;
  const eps = number('eps');
  if (eps !== undefined) options.eps = eps;
  const tol = number('tol');
  if (tol !== undefined) options.tol = tol;
  const maxIter = number('maxIter', true);
  if (maxIter !== undefined) options.maxIter = maxIter;
  const folds = number('folds', true);
  const score = msg['score'];
  if (score !== undefined && !kScores.includes(score as (typeof kScores)[number]))
    throw new Error(`score: one of ${kScores.join(', ')}, got ${JSON.stringify(score)}`);
  if (score !== undefined && folds === undefined)
    throw new Error('score: only with folds (the cross-validation it scores)');
  if (folds === undefined) return { options, cv: null };
  if (folds < 2 || folds > 10) throw new Error(`folds: an integer in [2, 10], got ${folds}`);
  return {
    options,
    cv: { folds, ...(score ? { score: score as (typeof kScores)[number] } : {}) },
  };
}
