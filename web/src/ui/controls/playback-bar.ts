// Play / pause / step / reset, speed, the epoch limit, and the live readouts of every run
// (numbers as the engine reported them in its latest metrics row).
import { field } from '../../spec/experiment-spec';
import { kSpeeds } from '../../spec/url-codec';
import type { Controller } from '../../state/controller';
import type { AppState, Run } from '../../state/store';
import { t, type MessageKey } from '../../i18n/i18n';
import { formatNumber, h, uid } from '../dom';
import { fieldControl } from './field';

function last(run: Run, column: keyof Run['series']['columns']): number | undefined {
  const c = run.series.columns[column];
  return c && c.length ? c[c.length - 1] : undefined;
}

export function playbackBar(controller: Controller, state: AppState) {
  const play = h(
    'button',
    { type: 'button', class: 'play primary', 'data-action': 'play' },
    t('play.play'),
  );
  play.addEventListener('click', () => controller.togglePlay());
  const stepBatch = h(
    'button',
    { type: 'button', 'data-action': 'step-batch' },
    t('play.stepBatch'),
  );
  stepBatch.addEventListener('click', () => controller.step('batch'));
  const stepEpoch = h(
    'button',
    { type: 'button', 'data-action': 'step-epoch' },
    t('play.stepEpoch'),
  );
  stepEpoch.addEventListener('click', () => controller.step('epoch'));
  const reset = h(
    'button',
    { type: 'button', 'data-action': 'reset', title: t('play.resetHint') },
    t('play.reset'),
  );
  reset.addEventListener('click', () => controller.reset());
  const speedId = uid('speed');
  const speed = h(
    'select',
    { id: speedId, 'data-action': 'speed' },
    kSpeeds.map((s) => h('option', { value: s }, String(s))),
  );
  speed.addEventListener('change', () => controller.setSpeed(Number(speed.value)));
  const stopAfter = fieldControl({
    label: t('play.stopAfter'),
    field: field('training.maxEpochs'),
    value: state.runs[state.selected]!.spec.training.maxEpochs,
    name: 'training.maxEpochs',
    onChange: (v) => state.runs.forEach((_, i) => controller.setField('training.maxEpochs', v, i)),
  });
  const readouts = h('div', { class: 'readouts', role: 'status', 'aria-live': 'off' });
  const notice = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });

  const el = h(
    'div',
    { class: 'playback', 'data-panel': 'playback', role: 'group', 'aria-label': t('play.play') },
    h(
      'div',
      { class: 'buttons' },
      play,
      stepBatch,
      stepEpoch,
      reset,
      h('span', { class: 'speed' }, h('label', { for: speedId }, t('play.speed')), speed),
      stopAfter.el,
    ),
    readouts,
    notice,
    h('p', { class: 'shortcuts' }, t('play.shortcuts')),
  );

  const cells = new Map<string, HTMLElement>();
  const labels = new Map<string, HTMLElement>();
  const cell = (key: string, label: string, runIndex: number) => {
    const id = `${key}-${runIndex}`;
    let c = cells.get(id);
    if (!c) {
      c = h('dd', { 'data-readout': key, 'data-run': runIndex });
      cells.set(id, c);
    }
    const dt = h('dt', {}, label);
    labels.set(id, dt);
    return [dt, c];
  };
  let renderedRuns = -1;

  return {
    el,
    render(s: AppState) {
      play.textContent = s.playing ? t('play.pause') : t('play.play');
      play.setAttribute('aria-pressed', String(s.playing));
      speed.value = String(s.view.speed);
      stopAfter.set(s.runs[s.selected]!.spec.training.maxEpochs);
      const ready = s.engine.ready;
      for (const b of [play, stepBatch, stepEpoch, reset]) b.disabled = !ready;
      if (renderedRuns !== s.runs.length) {
        cells.clear();
        readouts.replaceChildren(
          ...s.runs.map((_, i) =>
            h(
              'dl',
              { class: `readout run-${i}` },
              s.runs.length > 1
                ? h('span', { class: 'run-tag' }, t('compare.run', { n: i + 1 }))
                : null,
              ...cell('state', '', i),
              ...cell('epoch', t('readout.epoch'), i),
              ...cell('step', t('readout.step'), i),
              ...cell('trainLoss', t('readout.trainLoss'), i),
              ...cell('valLoss', t('readout.valLoss'), i),
              ...cell('testLoss', t('readout.testLoss'), i),
              ...cell('penalty', t('readout.penalty'), i),
              ...cell('trainAccuracy', t('readout.trainAccuracy'), i),
              ...cell('valAccuracy', t('readout.valAccuracy'), i),
              ...cell('parameters', '', i),
            ),
          ),
        );
        renderedRuns = s.runs.length;
      }
      s.runs.forEach((run, i) => {
        const set = (key: string, text: string) => {
          const c = cells.get(`${key}-${i}`);
          if (c && c.textContent !== text) c.textContent = text;
        };
        const st = run.status;
        set('state', st ? t(`readout.state.${st.state}` as MessageKey) : t('app.loading'));
        set('epoch', st ? String(st.epoch) : '–');
        set('step', st ? String(st.step) : '–');
        set('trainLoss', formatNumber(last(run, 'trainLoss'), 5));
        set('valLoss', run.series.hasValidation ? formatNumber(last(run, 'valLoss'), 5) : '–');
        set('testLoss', run.series.hasTest ? formatNumber(last(run, 'testLoss'), 5) : '–');
        set('penalty', formatNumber(last(run, 'trainPenalty'), 5));
        const acc = (v: number | undefined) =>
          run.series.hasAccuracy && v !== undefined ? formatNumber(v, 4) : '–';
        set('trainAccuracy', acc(last(run, 'trainAccuracy')));
        set('valAccuracy', run.series.hasValidation ? acc(last(run, 'valAccuracy')) : '–');
        set(
          'parameters',
          run.network ? t('readout.parameters', { count: run.network.parameterCount }) : '',
        );
        const c = cells.get(`step-${i}`);
        if (c && st) c.dataset['value'] = String(st.step);
        const loss = cells.get(`trainLoss-${i}`);
        const lv = last(run, 'trainLoss');
        if (loss && lv !== undefined) loss.dataset['value'] = String(lv);
      });
      const sel = s.runs[s.selected]!;
      notice.textContent = sel.notice ? t(`notice.${sel.notice}`) : '';
    },
  };
}
