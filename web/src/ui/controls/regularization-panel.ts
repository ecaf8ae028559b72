// Regularization: the penalty (with what it does and its update rule), weight decay, dropout on
// every layer, max-norm, gradient clipping, augmentation and early stopping. Each group says in
// one sentence what it does, in the page's language.

import type { GroupName } from '../../spec/presentation';
import type { Controller } from '../../state/controller';
import type { AppState } from '../../state/store';
import { t, type MessageKey } from '../../i18n/i18n';
import { h, section } from '../dom';

import { groupFields } from './spec-fields';

function group(title: string | null, explain: MessageKey | null, ...els: (HTMLElement | null)[]) {
  return h(
    'div',
    { class: 'group' },
    title ? h('h3', {}, title) : null,
    explain ? h('p', { class: 'explain' }, t(explain)) : null,
    ...els,
  );
}

export function regularizationPanel(controller: Controller, state: AppState) {
  let spec = state.runs[state.selected]!.spec;
  const fields = (group: GroupName) => groupFields('regularization', group, controller, spec);
  const penalty = fields('penalty');
  const decay = fields('weightDecay');
  const constraint = fields('constraint');
  const clipping = fields('clipping');
  const augment = fields('augmentation');
  const stopping = fields('earlyStopping');
  const groups = [penalty, decay, constraint, clipping, augment, stopping];
  const explain = h('p', { class: 'explain', 'data-explain': 'penalty' });
  const formula = h('p', { class: 'formula', 'data-formula': 'penalty' });

  const el = section(
    'regularization',
    t('panel.regularization'),
    group(null, null, ...penalty.els, explain, formula),
    group(t('field.optimizer.weightDecay'), 'explain.weightDecay', ...decay.els),
    group(t('layer.dropout'), 'explain.dropout'),
    group(t('field.training.maxNorm'), 'explain.maxNorm', ...constraint.els),
    group(t('field.training.clipNorm'), 'explain.clipping', ...clipping.els),
    group(t('field.training.jitter'), 'explain.augmentation', ...augment.els),
    group(t('field.training.earlyStopping.enabled'), 'explain.earlyStopping', ...stopping.els),
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, t('panel.advanced')),
      groups.flatMap((g) => g.advanced),
    ),
  );
  return {
    el,
    render(s: AppState) {
      spec = s.runs[s.selected]!.spec;
      for (const g of groups) g.render(spec, s.fieldNotes);
      explain.textContent = t(`explain.penalty.${spec.penalty.kind}` as MessageKey);
      const f = `formula.penalty.${spec.penalty.kind}` as MessageKey;
      formula.textContent =
        spec.penalty.kind === 'l1'
          ? (t(f).split('    ')[spec.penalty.l1Mode === 'proximal' ? 1 : 0] ?? t(f))
          : t(f);
    },
  };
}
