// The one legend every chart and picture shares: a chip per run in the run's colour (what the
// run changes from run 1, or its lesson label, and what it is doing), the line styles of the
// splits, and the compare actions (duplicate the selected run, remove one). Charts draw no
// legend of their own, so in a four-run comparison the plots keep their height.
import {
  changedPaths,
  getPath,
  hasField,
  type ExperimentSpec,
  type LayerSpec,
} from '../spec/experiment-spec';
import { layersText } from '../spec/layer-summary';
import { isLayerFieldRelevant } from '../spec/rules';
import { kMaxRuns } from '../spec/url-codec';
import type { Controller } from '../state/controller';
import { runPhase } from '../state/run-phase';
import type { AppState } from '../state/store';
import { language, optionLabel, t, type MessageKey } from '../i18n/i18n';
import { lessonById } from '../lessons/catalog';
import { runColor } from '../charts/chart-kit';
import { fieldLabel } from './controls/spec-fields';
import { formatNumber, h } from './dom';

// A label without its explanation in parentheses: "Penalty", not "Penalty (…)".
const short = (text: string) => text.replace(/\s*[(（].*?[)）]/g, '');

function valueText(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v, 4);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v)) return v.map((x) => short(optionLabel(String(x)))).join(', ');
  return short(optionLabel(String(v)));
}

// What changed in the hidden layers: "layers 16–8" or "layers conv16·max2·conv32·flatten" when
// their kinds or sizes differ, else the layer fields that differ, with their values on the
// layers that use them ("dropout 0.3").
function layersDifference(spec: ExperimentSpec, base: LayerSpec[], layers: LayerSpec[]): string[] {
  if (base.length !== layers.length || layersText(base) !== layersText(layers))
    return [t('legend.layers', { sizes: layersText(layers) })];
  const keys = [
    'activation',
    'kernel',
    'stride',
    'padding',
    'dropout',
    'dropBlock',
    'blockSize',
    'penaltyScale',
    'batchNorm',
  ] as const;
  // Only the layers where the field matters (a pooling layer has no kernel).
  const using = (k: (typeof keys)[number]) =>
    layers.filter((l) => isLayerFieldRelevant(spec, l, k));
  return keys
    .filter((k) => layers.some((l, i) => l[k] !== base[i]![k] && isLayerFieldRelevant(spec, l, k)))
    .map((k) => {
      const values = [...new Set(using(k).map((l) => valueText(l[k])))];
      return `${short(t(`layer.${k}`))} ${values.join('/')}`;
    });
}

// "Penalty L2 · Strength λ 0.01": what a run changes from run 1, in the page's words.
export function runDifference(base: ExperimentSpec, spec: ExperimentSpec): string {
  const parts = changedPaths(base, spec).flatMap((path) => {
    if (path === 'model.hidden')
      return layersDifference(spec, base.model.hidden, spec.model.hidden);
    if (!hasField(path)) return [path];
    return [`${short(fieldLabel(path))} ${valueText(getPath(spec, path))}`];
  });
  return parts.join(' · ');
}

export function runName(s: AppState, index: number): string {
  const lesson = s.view.lesson ? lessonById(s.view.lesson) : undefined;
  const label = lesson?.runs[index]?.label;
  if (label) return label[language()];
  if (index === 0) return '';
  return runDifference(s.runs[0]!.spec, s.runs[index]!.spec) || t('legend.same');
}

export function runLegend(controller: Controller) {
  const chips = h('div', { class: 'run-chips', role: 'group', 'aria-label': t('panel.compare') });
  const duplicate = h(
    'button',
    { type: 'button', 'data-action': 'duplicate' },
    t('compare.duplicate'),
  );
  duplicate.addEventListener('click', () => controller.duplicateRun());
  const styles = h(
    'span',
    { class: 'split-styles', 'aria-hidden': 'true' },
    h('span', { class: 'style-train' }, t('chart.train')),
    h('span', { class: 'style-validation' }, t('chart.validation')),
    h('span', { class: 'style-test' }, t('chart.test')),
  );
  const el = h('div', { class: 'run-legend', 'data-panel': 'compare' }, chips, styles);
  let key = '';
  return {
    el,
    duplicate, // placed in the control strip by the layout
    render(s: AppState) {
      duplicate.disabled = s.runs.length >= kMaxRuns;
      el.hidden = s.runs.length === 1 || s.view.hide.includes('compare');
      duplicate.hidden = s.view.hide.includes('compare');
      const next = JSON.stringify([
        s.selected,
        s.playing,
        s.lang,
        s.view.lesson,
        s.runs.map((r, i) => [r.id, runName(s, i), runPhase(r, s.playing)]),
      ]);
      if (next === key) return;
      key = next;
      chips.replaceChildren(
        ...s.runs.map((run, i) => {
          const name = runName(s, i);
          const phase = runPhase(run, s.playing);
          const chip = h(
            'button',
            {
              type: 'button',
              class: `run-chip run-${i}`,
              'aria-pressed': String(i === s.selected),
              'data-run': i,
              title: `${t('compare.select', { n: i + 1 })}${name ? `: ${name}` : ''}`,
            },
            h('span', { class: 'swatch', style: `background:${runColor(i)}` }),
            h('strong', {}, t('compare.run', { n: i + 1 })),
            name ? h('span', { class: 'run-name' }, name) : null,
            s.runs.length > 1
              ? h('span', { class: `run-phase phase-${phase}` }, t(`phase.${phase}` as MessageKey))
              : null,
          );
          chip.addEventListener('click', () => controller.selectRun(i));
          const remove =
            s.runs.length > 1
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'remove-run',
                    'aria-label': t('compare.remove', { n: i + 1 }),
                  },
                  '×',
                )
              : null;
          remove?.addEventListener('click', () => controller.removeRun(i));
          return h('span', { class: 'run-chip-wrap' }, chip, remove);
        }),
      );
    },
  };
}
