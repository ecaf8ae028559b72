// The scikit-learn export of what the "Choosing λ" views show for a run: the path view's model
// as the views resolve it (state/study.ts resolveModel, 'auto' following the run) on their
// 100-point grid and, with `cv`, the cross-validation view's folds and score (log loss for
// logistic regression, mean squared error otherwise, as state/study.ts scores the path's CV).
import type { StudyOptions } from '../spec/study-options';
import type { Run } from '../state/store';
import { pathCvScore, resolveModel } from '../state/study';
import type { SkLearnRequest } from './types';

const kBlocked: Record<string, string> = {
  waiting: 'the run has not started yet: its task is not known',
  multiclass: 'the linear models take a regression target or two classes, this data has more',
  multiOutput: 'the linear models take one target column, this data has more',
};

export function viewSkLearnRequest(run: Run, study: StudyOptions, cv: boolean): SkLearnRequest {
  const resolved = resolveModel(run, study.path);
  if ('blocker' in resolved) throw new Error(kBlocked[resolved.blocker] ?? resolved.blocker);
  const { model } = resolved;
  return {
    options: { ...model.options, nAlphas: 100 },
    cv: cv ? { folds: study.cv.folds, score: pathCvScore(model) } : null,
  };
}
