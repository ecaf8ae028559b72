// Optimizer, learning-rate schedule and training loop settings (batch size, seed, recording),
// each with its update rule written out.
import type { Controller } from '../../state/controller';
import type { AppState } from '../../state/store';
import { t, type MessageKey } from '../../i18n/i18n';
import { h, section } from '../dom';
import { groupFields } from './spec-fields';

export function optimizerPanel(controller: Controller, state: AppState) {
  let spec = state.runs[state.selected]!.spec;
  const optimizer = groupFields('optimizer', 'optimizer', controller, spec);
  const schedule = groupFields('optimizer', 'schedule', controller, spec);
  const training = groupFields('training', 'loop', controller, spec);
  const optExplain = h('p', { class: 'explain' });
  const optFormula = h('p', { class: 'formula', 'data-formula': 'optimizer' });
  const schExplain = h('p', { class: 'explain' });
  const schFormula = h('p', { class: 'formula' });
  const newSeed = h('button', { type: 'button', class: 'new-seed' }, t('share.newSeed'));
  newSeed.addEventListener('click', () =>
    controller.setField('seed', Math.floor(Math.random() * 1_000_000)),
  );

  const el = section(
    'optimizer',
    t('panel.optimizer'),
    h('div', { class: 'group' }, optimizer.els, optExplain, optFormula),
    h(
      'div',
      { class: 'group' },
      h('h3', {}, t('panel.schedule')),
      schedule.els,
      schExplain,
      schFormula,
    ),
    h('div', { class: 'group' }, h('h3', {}, t('panel.training')), training.els),
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, t('panel.advanced')),
      optimizer.advanced,
      schedule.advanced,
      training.advanced,
      newSeed,
    ),
  );
  return {
    el,
    render(s: AppState) {
      spec = s.runs[s.selected]!.spec;
      optimizer.render(spec, s.fieldNotes);
      schedule.render(spec, s.fieldNotes);
      training.render(spec, s.fieldNotes);
      optExplain.textContent = t(`explain.optimizer.${spec.optimizer.kind}` as MessageKey);
      optFormula.textContent = t(`formula.optimizer.${spec.optimizer.kind}` as MessageKey);
      schExplain.textContent = t(`explain.schedule.${spec.schedule.kind}` as MessageKey);
      schFormula.textContent = t(`formula.schedule.${spec.schedule.kind}` as MessageKey);
    },
  };
}
