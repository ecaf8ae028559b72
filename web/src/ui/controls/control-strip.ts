// The strip above the pictures: play / pause, one step, reset, what the runs are doing and what
// to do next (run-phase.ts), the training speed in plain words with the steps per second
// reached, the epoch limit, and the few settings every lesson turns (optimizer, learning rate,
// penalty, λ, dropout, batch size). Everything else sits in the settings tabs below.
import { field, getPath, layerField, type SpecPath } from '../../spec/experiment-spec';
import { groupRows } from '../../spec/presentation';
import { isRelevant } from '../../spec/rules';
import { kSpeeds } from '../../spec/url-codec';
import type { Controller } from '../../state/controller';
import { pagePhase, type RunPhase } from '../../state/run-phase';
import type { AppState } from '../../state/store';
import { t, warningText, type MessageKey } from '../../i18n/i18n';
import { formatNumber, h, uid } from '../dom';
import { fieldControl, type FieldControl } from './field';
import { fieldLabel } from './spec-fields';

// The settings a lesson turns, always at hand: the presentation table's 'strip' rows, in order
// (optimizer and learning rate first, then the penalty and λ, then the batch size).
const kKeySettings = groupRows('strip', 'key');

function speedLabel(steps: number): string {
  const word =
    steps <= 2
      ? 'speed.slow'
      : steps <= 20
        ? 'speed.normal'
        : steps <= 200
          ? 'speed.fast'
          : 'speed.fastest';
  return t('speed.option', { word: t(word as MessageKey), n: steps });
}

export function controlStrip(controller: Controller, state: AppState, extra: HTMLElement[] = []) {
  const play = h('button', { type: 'button', class: 'play primary', 'data-action': 'play' });
  play.addEventListener('click', () => controller.togglePlay());
  const stepBatch = h(
    'button',
    { type: 'button', 'data-action': 'step-batch', title: t('play.stepBatch') },
    t('play.stepBatchShort'),
  );
  stepBatch.addEventListener('click', () => controller.step('batch'));
  const stepEpoch = h(
    'button',
    { type: 'button', 'data-action': 'step-epoch', title: t('play.stepEpoch') },
    t('play.stepEpochShort'),
  );
  stepEpoch.addEventListener('click', () => controller.step('epoch'));
  const reset = h(
    'button',
    { type: 'button', 'data-action': 'reset', title: t('play.resetHint') },
    t('play.reset'),
  );
  reset.addEventListener('click', () => controller.reset());

  const phase = h('span', { class: 'phase', 'data-phase': 'loading' });
  const next = h('span', { class: 'next-action' });
  // What the last settings change did: applied live, or a new network.
  const notice = h('span', { class: 'notice' });
  const status = h(
    'p',
    { class: 'status', role: 'status', 'aria-live': 'polite' },
    phase,
    next,
    notice,
  );

  const speedId = uid('speed');
  const speed = h(
    'select',
    { id: speedId, 'data-action': 'speed' },
    kSpeeds.map((n) => h('option', { value: n }, speedLabel(n))),
  );
  speed.addEventListener('change', () => controller.setSpeed(Number(speed.value)));
  const rate = h('span', { class: 'rate', 'data-readout': 'stepsPerSecond' });

  const stopAfter = fieldControl({
    label: t('play.epochLimit'),
    title: t('play.stopAfter'),
    field: field('training.maxEpochs'),
    value: state.runs[state.selected]!.spec.training.maxEpochs,
    name: 'training.maxEpochs',
    onChange: (v) => state.runs.forEach((_, i) => controller.setField('training.maxEpochs', v, i)),
  });

  const spec = () => latest.runs[latest.selected]!.spec;
  // The strip has no room for a label's explanation in parentheses: it moves to the tooltip.
  const shortLabel = (label: string) => label.replace(/\s*[(（].*[)）]$/, '');
  const keys: [SpecPath, FieldControl][] = kKeySettings.map(({ path, slider }) => [
    path,
    fieldControl({
      label: shortLabel(fieldLabel(path)),
      title: fieldLabel(path),
      field: field(path),
      value: getPath(state.runs[state.selected]!.spec, path),
      slider,
      name: path,
      onChange: (v) => controller.setField(path, v),
    }),
  ]);
  const dropout = fieldControl({
    label: t('layer.dropout'),
    title: t('layer.allDropout'),
    field: layerField('dropout'),
    value: state.runs[state.selected]!.spec.model.hidden[0]?.dropout ?? 0,
    slider: 'linear',
    name: 'all.dropout',
    onChange: (v) =>
      controller.setLayers(spec().model.hidden.map((l) => ({ ...l, dropout: v as number }))),
  });

  const el = h(
    'div',
    {
      class: 'control-strip',
      'data-panel': 'playback',
      role: 'group',
      'aria-label': t('play.group'),
    },
    h(
      'div',
      { class: 'strip-row' },
      h('div', { class: 'buttons' }, play, stepBatch, stepEpoch, reset),
      status,
      h('span', { class: 'speed' }, h('label', { for: speedId }, t('play.speed')), speed, rate),
      stopAfter.el,
      ...extra,
    ),
    h(
      'div',
      { class: 'strip-row key-settings' },
      keys.map(([, c]) => c.el),
      dropout.el,
    ),
  );

  // Steps per second, measured over the last second of frames (a display, not a benchmark).
  let samples: { t: number; step: number }[] = [];
  let latest = state;
  return {
    el,
    render(s: AppState) {
      latest = s;
      const p: RunPhase = pagePhase(s);
      play.textContent = s.playing ? t('play.pause') : t('play.play');
      play.setAttribute('aria-pressed', String(s.playing));
      const stopped = p === 'finished' || p === 'earlyStopped' || p === 'diverged';
      play.disabled = !s.engine.ready || p === 'refused' || (stopped && !s.playing);
      for (const b of [stepBatch, stepEpoch]) b.disabled = !s.engine.ready || stopped;
      reset.disabled = !s.engine.ready;
      phase.dataset['phase'] = p;
      phase.textContent = t(`phase.${p}` as MessageKey);
      next.textContent = t(`phase.next.${p}` as MessageKey);
      const sel = s.runs[s.selected]!;
      notice.textContent = sel.notice ? t(`notice.${sel.notice}`) : '';
      speed.value = String(s.view.speed);
      stopAfter.set(s.runs[s.selected]!.spec.training.maxEpochs);
      const spec = sel.spec;
      for (const [path, c] of keys) {
        c.set(getPath(spec, path));
        c.setVisible(isRelevant(spec, path));
        const note = s.fieldNotes[path];
        c.note(note ? warningText(note) : '');
      }
      dropout.setVisible(spec.model.hidden.length > 0);
      if (spec.model.hidden[0]) dropout.set(spec.model.hidden[0].dropout);

      const now = performance.now();
      const step = s.runs[0]?.status?.step ?? 0;
      samples.push({ t: now, step });
      samples = samples.filter((x) => now - x.t <= 1000 && x.step <= step);
      const first = samples[0]!;
      const perSecond =
        s.playing && now - first.t > 200 ? ((step - first.step) * 1000) / (now - first.t) : 0;
      rate.textContent = s.playing ? t('play.rate', { n: formatNumber(perSecond, 3) }) : '';
      rate.dataset['value'] = String(perSecond);
    },
  };
}
