// The line above a "Choosing λ" picture that says what its study is doing: a progress bar with
// words and a Cancel button while it runs, the engine's message and the next step when it
// failed, why it cannot run on this data, or a Run again button after a cancel.
import type { Controller } from '../../state/controller';
import type { StudySlot } from '../../state/study';
import type { AppState } from '../../state/store';
import { t, type MessageKey } from '../../i18n/i18n';
import { h } from '../dom';
import { poolSize } from '../../worker/pool';

const kBlockerText: Record<string, MessageKey> = {
  waiting: 'study.waiting',
  multiclass: 'study.multiclass',
  multiOutput: 'study.multiOutput',
  noPenalty: 'study.noPenalty',
  noHidden: 'study.noHidden',
};

export function studyStatus(controller: Controller, which: 'path' | 'cv') {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': t('study.progress') });
  const words = h('span', { class: 'study-words', role: 'status' });
  const cancel = h('button', { type: 'button', 'data-action': 'study-cancel' }, t('study.cancel'));
  const again = h(
    'button',
    { type: 'button', 'data-action': 'study-restart' },
    t('study.runAgain'),
  );
  const error = h('p', { class: 'study-error', role: 'alert' });
  cancel.addEventListener('click', () => controller.study.cancel(which));
  again.addEventListener('click', () => controller.study.restart(which));
  const el = h(
    'div',
    { class: 'study-status' },
    h('div', { class: 'study-line' }, bar, words, cancel, again),
    error,
  );

  return {
    el,
    render(s: AppState, slot: StudySlot<unknown>) {
      const running = slot.phase === 'running';
      el.dataset['phase'] = slot.phase;
      if (slot.stopMs === null) delete el.dataset['stopMs'];
      else el.dataset['stopMs'] = String(Math.round(slot.stopMs));
      bar.hidden = !running;
      bar.value = slot.progress;
      cancel.hidden = !running;
      again.hidden = !(slot.phase === 'cancelled' || slot.phase === 'failed');
      const pct = Math.round(slot.progress * 100);
      words.textContent = running
        ? t('study.running', { jobs: slot.jobs, pct, workers: poolSize() })
        : slot.phase === 'cancelled'
          ? slot.stopMs === null
            ? t('study.cancelled')
            : t('study.cancelledIn', { ms: Math.round(slot.stopMs) })
          : slot.phase === 'done'
            ? which === 'path'
              ? t('study.doneOne', { seconds: (slot.ms / 1000).toFixed(2) })
              : t('study.done', {
                  jobs: slot.jobs,
                  workers: Math.min(poolSize(), slot.jobs),
                  seconds: (slot.ms / 1000).toFixed(2),
                })
            : !s.engine.ready
              ? t('app.loading')
              : '';
      error.hidden = !(slot.phase === 'failed' || slot.phase === 'unavailable');
      if (slot.phase === 'failed')
        error.textContent = t('study.failed', { message: slot.error ?? '' });
      else if (slot.phase === 'unavailable' && slot.blocker)
        error.textContent = t(kBlockerText[slot.blocker]!);
    },
  };
}
