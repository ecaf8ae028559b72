// The stage's cross-validation view. Target 'path': the exact solver's k-fold CV over its whole
// grid (mean validation error ± one standard error, the minimum and glmnet's one-standard-error
// choice marked). Target 'network': the selected run trained once per fold at every value of
// one parameter (error bars as above), or of two (a heatmap of the mean validation loss, the
// best cell outlined). "Apply" gives the run the chosen value: for the path, the network
// penalty with the same minimiser; for the network, the grid value itself. Folds and grid points
// run on the worker pool (controller.study); every number is the engine's.
import { kGridParams, type CvTarget, type GridParam } from '../../spec/study-options';
import type { Controller } from '../../state/controller';
import type { CvResult, NetworkCvResult, PathCvResult } from '../../state/study';
import type { AppState, Topic } from '../../state/store';
import { CvChart, type CvPicture } from '../../charts/cv-chart';
import { drawHeatmap, heatmapCell, type HeatmapPicture } from '../../charts/cv-heatmap';
import { t, type MessageKey } from '../../i18n/i18n';
import { formatNumber, h, section, uid } from '../dom';
import type { StageView } from './stage-tabs';
import { studyStatus } from './study-status';
import { applyPathValue, setStudy } from './study-choice';
import { scriptExport } from './script-export';
import { viewSkLearnRequest } from '../../export/sklearn-view';

const kParamText: Record<GridParam, MessageKey> = {
  'penalty.lambda': 'field.penalty.lambda',
  dropout: 'layer.dropout',
  'optimizer.weightDecay': 'field.optimizer.weightDecay',
  'optimizer.lr': 'field.optimizer.lr',
};

const kModelText: Record<string, MessageKey> = {
  lasso: 'path.model.lasso',
  elasticNet: 'path.model.elasticNet',
  ridge: 'path.model.ridge',
  logistic: 'path.model.logistic',
};

// "0.001, 0.01" → numbers, or null when a part is not a number in [0, 1e6] or the count is
// not 2..12 (the link's rule, study-options.ts).
export function parseValues(text: string): number[] | null {
  const parts = text.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  if (parts.length < 2 || parts.length > 12) return null;
  return parts.every((n) => Number.isFinite(n) && n >= 0 && n <= 1e6) ? parts : null;
}

const valueText = (v: number) => formatNumber(v, 4);

function labelled(id: string, text: string, control: HTMLElement) {
  return h('span', { class: 'study-field' }, h('label', { for: id }, text), control);
}

export function cvView(controller: Controller, getLink: () => string): StageView {
  const ids = {
    target: uid('cvt'),
    folds: uid('cvn'),
    param: uid('cvp'),
    values: uid('cvv'),
    param2: uid('cvq'),
    values2: uid('cvw'),
    epochs: uid('cve'),
  };
  const target = h(
    'select',
    { id: ids.target, 'data-study': 'cvt' },
    h('option', { value: 'path' }, t('cv.target.path')),
    h('option', { value: 'network' }, t('cv.target.network')),
  );
  const folds = h(
    'select',
    { id: ids.folds, 'data-study': 'cvn' },
    [2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => h('option', { value: k }, String(k))),
  );
  const param = h(
    'select',
    { id: ids.param, 'data-study': 'cvp' },
    kGridParams.map((p) => h('option', { value: p }, t(kParamText[p]))),
  );
  const values = h('input', {
    id: ids.values,
    type: 'text',
    'data-study': 'cvv',
    inputmode: 'decimal',
  });
  const param2 = h(
    'select',
    { id: ids.param2, 'data-study': 'cvq' },
    h('option', { value: '' }, t('cv.none')),
    kGridParams.map((p) => h('option', { value: p }, t(kParamText[p]))),
  );
  const values2 = h('input', {
    id: ids.values2,
    type: 'text',
    'data-study': 'cvw',
    inputmode: 'decimal',
  });
  const epochs = h('input', {
    id: ids.epochs,
    type: 'number',
    min: 1,
    max: 500,
    step: 1,
    'data-study': 'cve',
  });
  const inputError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const networkTools = h(
    'div',
    { class: 'study-tools' },
    labelled(ids.param, t('cv.param'), param),
    labelled(ids.values, t('cv.values'), values),
    labelled(ids.param2, t('cv.param2'), param2),
    labelled(ids.values2, t('cv.values2'), values2),
    labelled(ids.epochs, t('cv.epochs'), epochs),
  );
  const status = studyStatus(controller, 'cv');
  const canvas = h('canvas', { class: 'cv-canvas', role: 'img', 'aria-label': t('cv.chartLabel') });
  const heat = h('canvas', {
    class: 'cv-heatmap',
    role: 'img',
    'aria-label': t('cv.heatmapLabel'),
  });
  const chart = new CvChart(canvas, (i) => pick(i));
  const summary = h('p', { class: 'study-summary', 'aria-live': 'polite' });
  const applyOneSe = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'cv-apply-1se' },
    t('cv.applyOneSe'),
  );
  const applyMin = h('button', { type: 'button', 'data-action': 'cv-apply-min' }, t('cv.applyMin'));
  const applied = h('span', { class: 'study-applied', role: 'status' });
  const hint = h('p', { class: 'study-hint' });
  // The exact solvers' CV leaves as scikit-learn; a network grid as a PyTorch sweep.
  const selectedRun = () => state!.runs[state!.selected] ?? state!.runs[0]!;
  const sklearn = scriptExport({
    action: 'export-sklearn-cv',
    labelKey: 'cv.exportSkLearn',
    fileName: () => `run${state!.selected + 1}_sklearn_cv.py`,
    make: () =>
      controller.sklearnScript(
        state!.selected,
        viewSkLearnRequest(selectedRun(), state!.view.study, true),
        getLink(),
      ),
  });
  const sweep = scriptExport({
    action: 'export-sweep',
    labelKey: 'cv.exportSweep',
    fileName: () => `run${state!.selected + 1}_sweep.py`,
    make: () => {
      const cv = state!.view.study.cv;
      const axis = (param: GridParam, values: number[]) => ({
        path: param === 'dropout' ? ('hidden.dropout' as const) : param,
        values,
      });
      const axes = [axis(cv.param, cv.values)];
      if (cv.param2) axes.push(axis(cv.param2, cv.values2));
      return controller.sweepScript(state!.selected, axes, getLink());
    },
  });
  const el = section(
    'cv',
    t('cv.title'),
    h(
      'div',
      { class: 'study-tools' },
      labelled(ids.target, t('cv.target'), target),
      labelled(ids.folds, t('cv.folds'), folds),
    ),
    networkTools,
    inputError,
    status.el,
    h('div', { class: 'cv-box' }, canvas, heat),
    summary,
    h('div', { class: 'study-actions' }, applyOneSe, applyMin, applied),
    hint,
    sklearn.el,
    sweep.el,
  );
  el.classList.add('study-view', 'cv-view');

  let state: AppState | null = null;
  let result: CvResult | null = null;
  let heatPicture: HeatmapPicture | null = null;
  let heatWidth = 0;
  const redrawHeat = () => {
    if (!heatPicture) return;
    heatWidth = heat.clientWidth;
    drawHeatmap(heat, heatPicture);
  };

  const set = (part: Parameters<typeof setStudy>[2]) => setStudy(controller, state!, part);
  target.addEventListener('change', () => set({ cv: { target: target.value as CvTarget } }));
  folds.addEventListener('change', () => set({ cv: { folds: Number(folds.value) } }));
  param.addEventListener('change', () => {
    const p = param.value as GridParam;
    const cv = state!.view.study.cv;
    // The second axis cannot be the first.
    set({ cv: cv.param2 === p ? { param: p, param2: null, values2: [] } : { param: p } });
  });
  const readValues = (input: HTMLInputElement, apply: (v: number[]) => void) => {
    const v = parseValues(input.value);
    input.setAttribute('aria-invalid', String(!v));
    inputError.hidden = !!v;
    if (!v) {
      inputError.textContent = t('cv.badValues');
      return;
    }
    apply(v);
  };
  values.addEventListener('change', () => readValues(values, (v) => set({ cv: { values: v } })));
  param2.addEventListener('change', () => {
    const p = param2.value as GridParam | '';
    const cv = state!.view.study.cv;
    if (!p) return set({ cv: { param2: null, values2: [] } });
    if (p === cv.param) return;
    const v = parseValues(values2.value) ?? [0, 0.1];
    set({ cv: { param2: p, values2: v } });
  });
  values2.addEventListener('change', () =>
    readValues(values2, (v) => {
      if (state!.view.study.cv.param2) set({ cv: { values2: v } });
    }),
  );
  epochs.addEventListener('change', () => {
    const n = Number(epochs.value);
    const ok = Number.isInteger(n) && n >= 1 && n <= 500;
    epochs.setAttribute('aria-invalid', String(!ok));
    if (ok) set({ cv: { epochs: n } });
  });

  const applyAt = (which: 'best' | 'oneSe') => {
    const r = result;
    if (!r) return;
    applied.textContent = t('study.applying');
    const done = (text: string) => (applied.textContent = text);
    const fail = (e: unknown) => done(e instanceof Error ? e.message : String(e));
    if (r.target === 'path') {
      const i = which === 'best' ? r.cv.best : r.cv.oneSe;
      const alpha = r.path.alphas[i]!;
      set({ path: { alpha } });
      applyPathValue(controller, r.model, alpha).then(done, fail);
      return;
    }
    const i = which === 'best' ? r.best : r.oneSe;
    const point = r.points[i];
    if (!point) return;
    applyGridValue(controller, state!, r.param, point.value);
    if (r.param2 && point.value2 !== null)
      applyGridValue(controller, state!, r.param2, point.value2);
    done(
      t('cv.appliedNetwork', {
        what: [
          `${t(kParamText[r.param])} = ${valueText(point.value)}`,
          ...(r.param2 && point.value2 !== null
            ? [`${t(kParamText[r.param2])} = ${valueText(point.value2)}`]
            : []),
        ].join(', '),
      }),
    );
  };
  applyOneSe.addEventListener('click', () => applyAt('oneSe'));
  applyMin.addEventListener('click', () => applyAt('best'));

  // A click on the path CV chart marks that α (on this view and the path view).
  function pick(i: number) {
    const r = result;
    if (r?.target === 'path') set({ path: { alpha: r.path.alphas[i]! } });
  }
  heat.addEventListener('click', (e) => {
    if (!heatPicture) return;
    const rect = heat.getBoundingClientRect();
    const cell = heatmapCell(heat, heatPicture, e.clientX - rect.left, e.clientY - rect.top);
    if (cell >= 0 && result?.target === 'network') {
      const m = result.mean[cell];
      applied.textContent = t('cv.cell', {
        what: `${valueText(result.points[cell]!.value)}, ${valueText(result.points[cell]!.value2 ?? NaN)}`,
        mean: formatNumber(m, 4),
      });
    }
  });

  function drawPath(r: PathCvResult, s: AppState) {
    const logistic = r.model.label === 'logistic';
    const picture: CvPicture = {
      x: r.path.alphas.map((a) => Math.log10(a)),
      labels: null,
      reverse: !logistic,
      axisTitle: logistic ? t('path.axisC') : t('path.axisAlpha'),
      symbol: logistic ? 'C' : 'α',
      yTitle: r.score === 'mse' ? t('cv.mse') : t('cv.logLoss'),
      mean: r.cv.mean,
      se: r.cv.se,
      marks: [
        { index: r.cv.best, label: t('cv.min'), color: '#dc2626' },
        { index: r.cv.oneSe, label: t('cv.oneSe'), color: '#1d4ed8' },
      ],
    };
    const alpha = s.view.study.path.alpha;
    if (alpha !== null) {
      const i = picture.x.reduce(
        (b, x, k) =>
          Math.abs(x - Math.log10(alpha)) < Math.abs(picture.x[b]! - Math.log10(alpha)) ? k : b,
        0,
      );
      if (i !== r.cv.best && i !== r.cv.oneSe)
        picture.marks.push({ index: i, label: t('path.chosen'), color: '#0f172a' });
    }
    chart.show(picture);
    const sym = logistic ? 'C' : 'α';
    const at = (i: number) => ({
      sym,
      value: formatNumber(r.path.alphas[i], 4),
      error: formatNumber(r.cv.mean[i], 4),
      se: formatNumber(r.cv.se[i], 3),
      n: r.path.nonZeros[i] ?? 0,
    });
    summary.textContent = `${t('cv.summaryPath', { model: t(kModelText[r.model.label]!), k: r.folds, points: r.path.alphas.length })} ${t('cv.minAt', at(r.cv.best))} ${t('cv.oneSeAt', at(r.cv.oneSe))}`;
    el.dataset['bestNonZeros'] = String(r.path.nonZeros[r.cv.best]);
    el.dataset['oneSeNonZeros'] = String(r.path.nonZeros[r.cv.oneSe]);
    applyOneSe.hidden = false;
  }

  function drawNetwork(r: NetworkCvResult) {
    const two = r.param2 !== null;
    canvas.hidden = two;
    heat.hidden = !two;
    if (two) {
      heatPicture = {
        cols: r.values.map(valueText),
        rows: r.values2.map(valueText),
        colTitle: t(kParamText[r.param]),
        rowTitle: t(kParamText[r.param2!]),
        mean: r.mean,
        best: r.best,
      };
      redrawHeat();
    } else {
      chart.show({
        x: r.values.map((_, i) => i),
        labels: r.values.map(valueText),
        reverse: false,
        axisTitle: t(kParamText[r.param]),
        symbol: t(kParamText[r.param]),
        yTitle: t('cv.valLoss'),
        mean: r.mean,
        se: r.se,
        marks: [
          ...(r.best >= 0 ? [{ index: r.best, label: t('cv.min'), color: '#dc2626' }] : []),
          ...(r.oneSe >= 0 && r.oneSe !== r.best
            ? [{ index: r.oneSe, label: t('cv.oneSe'), color: '#1d4ed8' }]
            : []),
        ],
      });
    }
    const point = (i: number) => {
      const p = r.points[i]!;
      return [
        `${t(kParamText[r.param])} = ${valueText(p.value)}`,
        ...(r.param2 && p.value2 !== null
          ? [`${t(kParamText[r.param2])} = ${valueText(p.value2)}`]
          : []),
      ].join(', ');
    };
    const diverged = r.diverged.filter(Boolean).length;
    summary.textContent = [
      t('cv.summaryNetwork', { k: r.folds, points: r.points.length, epochs: r.epochs }),
      r.best >= 0
        ? t('cv.bestAt', { what: point(r.best), error: formatNumber(r.mean[r.best], 4) })
        : t('cv.allDiverged'),
      r.oneSe >= 0 ? t('cv.oneSeNetwork', { what: point(r.oneSe) }) : '',
      diverged ? t('cv.diverged', { n: diverged }) : '',
    ]
      .filter(Boolean)
      .join(' ');
    applyOneSe.hidden = r.oneSe < 0;
    applyMin.disabled = r.best < 0;
  }

  return {
    el,
    shown(s) {
      state = s;
    },
    render(s: AppState, topics: ReadonlySet<Topic>) {
      state = s;
      if (!['study', 'view', 'runs'].some((x) => topics.has(x as Topic))) {
        // A resize (topic 'visuals') redraws the heatmap when its size changed.
        if (topics.has('visuals') && heatPicture && !heat.hidden && heat.clientWidth !== heatWidth)
          redrawHeat();
        return;
      }
      const cv = s.view.study.cv;
      target.value = cv.target;
      folds.value = String(cv.folds);
      param.value = cv.param;
      param2.value = cv.param2 ?? '';
      values2.disabled = cv.param2 === null;
      if (document.activeElement !== values && values.getAttribute('aria-invalid') !== 'true')
        values.value = cv.values.map(valueText).join(', ');
      if (document.activeElement !== values2 && values2.getAttribute('aria-invalid') !== 'true')
        values2.value = cv.values2.map(valueText).join(', ');
      if (document.activeElement !== epochs) epochs.value = String(cv.epochs);
      networkTools.hidden = cv.target !== 'network';
      sklearn.el.hidden = cv.target !== 'path';
      sweep.el.hidden = cv.target !== 'network';
      hint.textContent = t(
        cv.target === 'path' ? 'cv.hintPath' : cv.param2 ? 'cv.hintHeatmap' : 'cv.hintNetwork',
      );
      const slot = s.study.cv;
      status.render(s, slot);
      const r = slot.phase === 'unavailable' ? null : slot.result;
      result = r && r.target === cv.target ? r : null;
      canvas.classList.toggle('stale', slot.phase === 'running');
      heat.classList.toggle('stale', slot.phase === 'running');
      el.dataset['target'] = cv.target;
      delete el.dataset['bestNonZeros'];
      delete el.dataset['oneSeNonZeros'];
      applyMin.disabled = !result;
      applyOneSe.disabled = !result;
      if (!result) {
        chart.clear();
        heat.hidden = true;
        canvas.hidden = false;
        summary.textContent = '';
        return;
      }
      if (result.target === 'path') {
        canvas.hidden = false;
        heat.hidden = true;
        drawPath(result, s);
      } else drawNetwork(result);
    },
    destroy() {
      chart.destroy();
    },
  };
}

// Sets one grid parameter on the selected run (dropout on every hidden layer).
function applyGridValue(controller: Controller, s: AppState, param: GridParam, value: number) {
  if (param === 'dropout') {
    const run = s.runs[s.selected] ?? s.runs[0]!;
    controller.setLayers(run.spec.model.hidden.map((l) => ({ ...l, dropout: value })));
  } else controller.setField(param, value);
}
