// What the "Choosing λ" views share: writing their settings to the link, and "Apply", which
// sets the selected run to the chosen value through the usual field path (the control shows the
// new value, the link changes, an edit undoes it).
import type { Controller } from '../../state/controller';
import type { ResolvedModel } from '../../state/study';
import type { AppState } from '../../state/store';
import type { PartialStudy } from '../../spec/study-options';
import { studyWith } from '../../spec/study-options';
import { optionLabel, t } from '../../i18n/i18n';
import { formatNumber } from '../dom';

export function setStudy(controller: Controller, s: AppState, part: PartialStudy): void {
  const o = s.view.study;
  controller.setView({
    study: studyWith({
      path: { ...o.path, ...part.path },
      cv: { ...o.cv, ...part.cv },
      geometry: { ...o.geometry, ...part.geometry },
    }),
  });
}

// Applies a path's grid value to the selected run as the network penalty with the same
// minimiser (the engine's linearPenalty). Resolves to the words the view shows.
export async function applyPathValue(
  controller: Controller,
  model: ResolvedModel,
  alpha: number,
): Promise<string> {
  const { penalty, inRange, max } = await controller.study.networkPenalty(model, alpha);
  if (!inRange) return t('study.applyOutOfRange', { lambda: formatNumber(penalty.lambda, 3), max });
  controller.setField('penalty.kind', penalty.kind);
  controller.setField('penalty.lambda', Number(penalty.lambda.toPrecision(6)));
  if (penalty.kind === 'elasticNet')
    controller.setField('penalty.l1Ratio', Number(penalty.l1Ratio.toPrecision(6)));
  return t('study.applied', {
    kind: optionLabel(penalty.kind),
    lambda: formatNumber(penalty.lambda, 4),
  });
}
