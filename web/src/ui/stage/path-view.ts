// The stage's "λ path" view: the exact solver's regularization path on the selected run's data
// (lasso, elastic net, ridge or logistic; 'auto' follows the run), the chosen α marked (pa=, or
// the CV's minimum and one-standard-error choice), a click on the chart to choose α, and
// "Apply" to give the run the network penalty with the same minimiser. The numbers come from
// the study in the store (controller.study); the view only draws them. For the tests, the
// view's element carries the non-zero counts it draws (data-non-zeros) and whether they ever
// drop as the penalty weakens (data-non-monotone).
import { kPathModels, type PathModel } from '../../spec/study-options';
import type { Controller } from '../../state/controller';
import { runGridValue, type PathCvResult, type PathResult } from '../../state/study';
import type { AppState, Topic } from '../../state/store';
import { featureLabel } from '../network-view';
import { nearest, PathChart, type PathPicture } from '../../charts/path-chart';
import { t, type MessageKey } from '../../i18n/i18n';
import { formatNumber, h, section, uid } from '../dom';
import type { StageView } from './stage-tabs';
import { studyStatus } from './study-status';
import { applyPathValue, setStudy } from './study-choice';
import { scriptExport } from './script-export';
import { viewSkLearnRequest } from '../../export/sklearn-view';

const kModelText: Record<PathModel, MessageKey> = {
  auto: 'path.model.auto',
  lasso: 'path.model.lasso',
  elasticNet: 'path.model.elasticNet',
  ridge: 'path.model.ridge',
  logistic: 'path.model.logistic',
};

// True when the count of non-zero coefficients drops somewhere along the grid (a variable
// leaves the active set as the penalty weakens).
export function nonMonotone(nonZeros: readonly number[]): boolean {
  return nonZeros.some((n, i) => i > 0 && n < nonZeros[i - 1]!);
}

// The CV's grid points on this path (same model and grid), or none.
function cvMarks(s: AppState, r: PathResult): PathCvResult | null {
  const cv = s.study.cv.result;
  if (!cv || cv.target !== 'path') return null;
  const same =
    JSON.stringify(cv.model.options) === JSON.stringify(r.model.options) &&
    cv.path.alphas.length === r.path.alphas.length &&
    cv.path.alphas.every((a, i) => a === r.path.alphas[i]);
  return same ? cv : null;
}

export function pathView(controller: Controller, getLink: () => string): StageView {
  const modelId = uid('pm');
  const model = h(
    'select',
    { id: modelId, 'data-study': 'pm' },
    kPathModels.map((m) => h('option', { value: m }, t(kModelText[m]))),
  );
  const ratioId = uid('pr');
  const ratio = h('input', {
    id: ratioId,
    type: 'number',
    min: 0.01,
    max: 1,
    step: 0.05,
    'data-study': 'pr',
  });
  const ratioField = h(
    'span',
    { class: 'study-field' },
    h('label', { for: ratioId }, t('path.l1Ratio')),
    ratio,
  );
  const status = studyStatus(controller, 'path');
  const canvas = h('canvas', {
    class: 'path-canvas',
    role: 'img',
    'aria-label': t('path.chartLabel'),
  });
  const chart = new PathChart(canvas, (i) => {
    const r = controller.study && lastResult;
    if (!r) return;
    setStudy(controller, lastState!, { path: { alpha: r.path.alphas[i]! } });
  });
  const summary = h('p', { class: 'study-summary', 'aria-live': 'polite' });
  const apply = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'path-apply' },
    t('path.apply'),
  );
  const applied = h('span', { class: 'study-applied', role: 'status' });
  const hint = h('p', { class: 'study-hint' }, t('path.hint'));
  const exporter = scriptExport({
    action: 'export-sklearn-path',
    labelKey: 'path.exportSkLearn',
    fileName: () => `run${lastState!.selected + 1}_sklearn_path.py`,
    make: async () => {
      const s = lastState!;
      const run = s.runs[s.selected] ?? s.runs[0]!;
      const request = viewSkLearnRequest(run, s.view.study, false);
      return controller.sklearnScript(s.selected, request, getLink());
    },
  });
  const el = section(
    'path',
    t('path.title'),
    h(
      'div',
      { class: 'study-tools' },
      h('span', { class: 'study-field' }, h('label', { for: modelId }, t('path.model')), model),
      ratioField,
    ),
    status.el,
    h('div', { class: 'path-box' }, canvas),
    summary,
    h('div', { class: 'study-actions' }, apply, applied),
    hint,
    exporter.el,
  );
  el.classList.add('study-view', 'path-view');

  let lastResult: PathResult | null = null;
  let lastState: AppState | null = null;

  model.addEventListener('change', () => {
    setStudy(controller, lastState!, { path: { model: model.value as PathModel, alpha: null } });
  });
  ratio.addEventListener('change', () => {
    const v = Number(ratio.value);
    if (ratio.value.trim() === '' || !(v >= 0.01 && v <= 1)) {
      ratio.setAttribute('aria-invalid', 'true');
      return;
    }
    ratio.removeAttribute('aria-invalid');
    setStudy(controller, lastState!, { path: { l1Ratio: v, alpha: null } });
  });
  apply.addEventListener('click', () => {
    const r = lastResult;
    const s = lastState;
    if (!r || !s) return;
    const i = chosenIndex(s, r);
    if (i < 0) return;
    applied.textContent = t('study.applying');
    applyPathValue(controller, r.model, r.path.alphas[i]!).then(
      (text) => (applied.textContent = text),
      (e: unknown) => (applied.textContent = e instanceof Error ? e.message : String(e)),
    );
  });

  // The marked grid point: pa=, else the CV's 1SE choice on the same path, else none.
  function chosenIndex(s: AppState, r: PathResult): number {
    const alpha = s.view.study.path.alpha;
    if (alpha !== null) return nearest(r.path.alphas, Math.log10(alpha));
    const cv = cvMarks(s, r);
    return cv ? cv.cv.oneSe : -1;
  }

  return {
    el,
    shown(s) {
      lastState = s;
    },
    render(s: AppState, topics: ReadonlySet<Topic>) {
      lastState = s;
      if (!topics.has('study') && !topics.has('view') && !topics.has('runs')) return;
      const o = s.view.study.path;
      model.value = o.model;
      if (document.activeElement !== ratio) ratio.value = String(o.l1Ratio);
      const slot = s.study.path;
      status.render(s, slot);
      const r = slot.result;
      lastResult = slot.phase === 'unavailable' ? null : r;
      ratioField.hidden = !(
        o.model === 'elasticNet' ||
        (o.model === 'logistic' && r?.model.label === 'logistic')
      );
      canvas.classList.toggle('stale', slot.phase === 'running');
      if (!lastResult) {
        chart.clear();
        summary.textContent = '';
        apply.disabled = true;
        delete el.dataset['nonZeros'];
        delete el.dataset['nonMonotone'];
        return;
      }
      const p = lastResult.path;
      const i = chosenIndex(s, lastResult);
      const cv = s.view.study.path.alpha === null ? cvMarks(s, lastResult) : null;
      // The run's own λ, where it lies on this path.
      const run = s.runs[s.selected] ?? s.runs[0]!;
      const runValue = runGridValue(lastResult, run.spec.penalty);
      const lo = Math.min(p.alphas[0]!, p.alphas.at(-1)!);
      const hi = Math.max(p.alphas[0]!, p.alphas.at(-1)!);
      const runIndex =
        runValue !== null && runValue >= lo && runValue <= hi
          ? nearest(p.alphas, Math.log10(runValue))
          : -1;
      if (runValue === null) delete el.dataset['runValue'];
      else el.dataset['runValue'] = String(runValue);
      const chosen: PathPicture['chosen'] = cv
        ? [
            { index: cv.cv.best, label: t('cv.min') },
            ...(cv.cv.oneSe !== cv.cv.best ? [{ index: cv.cv.oneSe, label: t('cv.oneSe') }] : []),
          ]
        : i >= 0
          ? [{ index: i, label: t('path.chosen') }]
          : [];
      if (runIndex >= 0 && !chosen.some((c) => c.index === runIndex))
        chosen.push({ index: runIndex, label: t('path.runMark'), muted: true });
      chart.show({
        grid: p.alphas,
        inverse: lastResult.model.label === 'logistic',
        coefs: p.coefs,
        names: p.featureNames.map(featureLabel),
        nonZeros: p.nonZeros,
        chosen,
      });
      el.dataset['nonZeros'] = p.nonZeros.join(',');
      el.dataset['nonMonotone'] = String(nonMonotone(p.nonZeros));
      el.dataset['model'] = lastResult.model.label;
      hint.textContent = t(lastResult.model.label === 'ridge' ? 'path.hintRidge' : 'path.hint');
      apply.disabled = i < 0;
      const what = t(kModelText[lastResult.model.label]);
      const sym = lastResult.model.label === 'logistic' ? 'C' : 'α';
      summary.textContent =
        i >= 0
          ? t('path.summaryChosen', {
              model: what,
              sym,
              value: formatNumber(p.alphas[i], 4),
              n: p.nonZeros[i] ?? 0,
              p: p.featureNames.length,
              error: formatNumber(p.testError[i], 4),
            })
          : t('path.summary', {
              model: what,
              rows: p.fitRows,
              p: p.featureNames.length,
            });
      if (!p.converged) summary.textContent += ` ${t('path.notConverged')}`;
    },
    destroy() {
      chart.destroy();
    },
  };
}
