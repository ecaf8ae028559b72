// "Why L1 gives zeros", drawn: the plane of two weights, a quadratic loss around c (its minimum
// without a penalty), and for the chosen penalty (or L1 and L2 together) the optimum w*(λ), the
// ball R(w) ≤ t through it, the contour that touches the ball there, and the path of w* as λ
// grows. The shaded cells are where c can sit for w* to have an exact zero. c is a handle:
// drag it, click anywhere on the plane, or focus the picture and use the arrow keys.
//
// The engine computes everything in the workers (jobs 'geometry' and 'geometryZeros'). While
// c moves, at most one request of each kind is in flight and only the newest waits (LatestOnly);
// the picture redraws from the last answer at once, with the handle where the pointer is. The
// link takes the settings when a drag ends, a slider is released or a key is pressed.
//
// For tests and the curious, each row of the readouts carries its numbers as data attributes:
// data-penalty, data-w1, data-w2 (full precision; "0" is an exact zero), data-radius,
// data-lambda and data-center of the answer shown, and data-zero-fraction (the shaded share).
// The section's data-state is 'computing' until the answers for the current settings are in;
// the canvas's data-plot is where the plane is drawn (x, y, size in css px).
import type { Controller } from '../../state/controller';
import type { AppState, Topic } from '../../state/store';
import { kGeometryPenalties, type GeometryPenalty } from '../../spec/study-options';
import type {
  GeometryJob,
  GeometryResult,
  GeometryZerosJob,
  GeometryZerosResult,
} from '../../worker/jobs/geometry';
import { t, type MessageKey } from '../../i18n/i18n';
import { formatNumber, h, uid } from '../dom';
import type { StageView } from './stage-tabs';
import { drawGeometry, plotArea, type PenaltyLayer } from './geometry-draw';
import {
  clampCenter,
  kBounds,
  kKeyStep,
  kLambdaMax,
  kLambdaSteps,
  kLossShapes,
  lambdaFromSlider,
  lossShapeOf,
  penaltiesOf,
  pictureJob,
  sameSettings,
  sliderFromLambda,
  zerosJob,
  type GeometrySettings,
  type LossShape,
} from './geometry-settings';
import { LatestOnly } from './latest-only';
import { linearScale, sliderField } from './slider-field';
import './geometry-view.css';

// L1 blue and L2 orange, as runs 1 and 2 (a lesson's L1 run and L2 run) are drawn.
const kColors: Record<GeometryPenalty, [number, number, number]> = {
  l1: [37, 99, 235],
  l2: [234, 88, 12],
  elasticNet: [22, 163, 74],
  lp: [147, 51, 234],
};

// The penalty's formula, the same in every language.
const kFormulas: Record<GeometryPenalty, string> = {
  l1: 'R(w) = |w₁| + |w₂|',
  l2: 'R(w) = ½(w₁² + w₂²)',
  elasticNet: 'R(w) = ρ(|w₁| + |w₂|) + ½(1 − ρ)(w₁² + w₂²)',
  lp: 'R(w) = |w₁|ᵖ + |w₂|ᵖ',
};

const penaltyName = (p: GeometryPenalty) => t(`geometry.name.${p}` as MessageKey);
const weightText = (w: number) => (w === 0 ? t('geometry.exactZero') : formatNumber(w, 3));
const share = (f: number) => (f > 0 && f < 0.005 ? '< 1%' : `${Math.round(f * 100)}%`);

export function geometryView(controller: Controller): StageView {
  // --- controls -----------------------------------------------------------------------------
  const penaltyId = uid('gk');
  const penaltySelect = h(
    'select',
    { id: penaltyId },
    kGeometryPenalties.map((p) =>
      h('option', { value: p }, t(`geometry.option.${p}` as MessageKey)),
    ),
  );
  const compareId = uid('gv');
  const compareBox = h('input', { type: 'checkbox', id: compareId, 'data-action': 'compare' });
  const shapeId = uid('gh');
  const shapeSelect = h(
    'select',
    { id: shapeId },
    (['tilted', 'round', 'stretched', 'custom'] as LossShape[]).map((s) =>
      h('option', { value: s }, t(`geometry.shape.${s}` as MessageKey)),
    ),
  );
  const formula = h('p', { class: 'formula geometry-formula' });

  let settings: GeometrySettings | null = null; // what the picture shows (ahead of the link)
  let latest: AppState | null = null;

  const change = (edit: (g: GeometrySettings) => void, commit: boolean) => {
    if (!settings) return;
    edit(settings);
    syncControls();
    request();
    if (commit) commitSettings();
  };
  const lambda = sliderField({
    label: t('geometry.lambda'),
    name: 'geometry.lambda',
    min: 0,
    max: kLambdaMax,
    steps: kLambdaSteps,
    toSlider: sliderFromLambda,
    fromSlider: lambdaFromSlider,
    onInput: (v) => change((g) => (g.lambda = v), false),
    onCommit: (v) => change((g) => (g.lambda = v), true),
  });
  const ratio = sliderField({
    label: t('geometry.l1Ratio'),
    name: 'geometry.l1Ratio',
    min: 0,
    max: 1,
    ...linearScale(0, 1, 20),
    onInput: (v) => change((g) => (g.l1Ratio = v), false),
    onCommit: (v) => change((g) => (g.l1Ratio = v), true),
  });
  const exponent = sliderField({
    label: t('geometry.p'),
    name: 'geometry.p',
    min: 0.1,
    max: 4,
    ...linearScale(0.1, 2, 38),
    onInput: (v) => change((g) => (g.p = v), false),
    onCommit: (v) => change((g) => (g.p = v), true),
  });
  // Choosing a penalty shows that penalty alone (it ends a comparison of L1 and L2).
  penaltySelect.addEventListener('change', () =>
    change((g) => {
      g.penalty = penaltySelect.value as GeometryPenalty;
      g.compare = false;
    }, true),
  );
  compareBox.addEventListener('change', () =>
    change((g) => (g.compare = compareBox.checked), true),
  );
  shapeSelect.addEventListener('change', () => {
    const shape = shapeSelect.value as LossShape;
    if (shape === 'custom') return;
    change((g) => (g.hessian = [...kLossShapes[shape]]), true);
  });

  // --- the picture --------------------------------------------------------------------------
  const readoutsId = uid('gr');
  const canvas = h('canvas', {
    class: 'geometry-canvas',
    tabindex: 0,
    role: 'application',
    'aria-roledescription': t('geometry.canvasRole'),
    'aria-label': t('geometry.canvas'),
    'aria-describedby': readoutsId,
  });
  const status = h('p', { class: 'geometry-status', role: 'status' });
  const announce = h('p', { class: 'geometry-announce', 'aria-live': 'polite' });
  const caption = h('caption', {});
  const rows = h('tbody', {});
  const table = h(
    'table',
    { class: 'geometry-readouts', id: readoutsId },
    caption,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('geometry.col.penalty')),
        h('th', { scope: 'col' }, 'w₁'),
        h('th', { scope: 'col' }, 'w₂'),
        h('th', { scope: 'col' }, t('geometry.col.value')),
      ),
    ),
    rows,
  );
  const zeroText = h('div', { class: 'geometry-zeros' });
  const legend = h('p', { class: 'field-help geometry-legend' }, t('geometry.legend'));
  // Why the shape shown gives zeros (or not): one paragraph per penalty drawn.
  const why = h('div', { class: 'explain geometry-why' });
  const el = h(
    'section',
    { class: 'panel panel-geometry', 'data-panel': 'geometry', 'data-state': 'computing' },
    h('h2', {}, t('geometry.title')),
    h('p', { class: 'geometry-intro' }, t('geometry.intro')),
    h(
      'div',
      { class: 'geometry-body' },
      h('div', { class: 'geometry-figure' }, canvas, status, announce),
      h(
        'div',
        { class: 'geometry-side' },
        table,
        zeroText,
        h(
          'div',
          { class: 'geometry-controls' },
          h(
            'div',
            { class: 'field field-enum', 'data-field': 'geometry.penalty' },
            h('label', { for: penaltyId }, t('geometry.penalty')),
            penaltySelect,
          ),
          formula,
          h(
            'span',
            { class: 'chip geometry-compare' },
            compareBox,
            h('label', { for: compareId }, t('geometry.compare')),
          ),
          lambda.el,
          ratio.el,
          exponent.el,
          h(
            'div',
            { class: 'field field-enum', 'data-field': 'geometry.shape' },
            h('label', { for: shapeId }, t('geometry.shape')),
            shapeSelect,
          ),
        ),
        why,
        legend,
      ),
    ),
  );

  const syncControls = () => {
    if (!settings) return;
    const g = settings;
    penaltySelect.value = g.penalty;
    compareBox.checked = g.compare;
    lambda.set(g.lambda);
    ratio.set(g.l1Ratio);
    exponent.set(g.p);
    ratio.setVisible(!g.compare && g.penalty === 'elasticNet');
    exponent.setVisible(!g.compare && g.penalty === 'lp');
    shapeSelect.value = lossShapeOf(g.hessian);
    shapeSelect.querySelector<HTMLOptionElement>('option[value="custom"]')!.hidden =
      shapeSelect.value !== 'custom';
    why.replaceChildren(
      ...penaltiesOf(g).map(({ penalty }) =>
        h('p', {}, t(`geometry.why.${penalty}` as MessageKey)),
      ),
    );
    formula.textContent = g.compare ? `${kFormulas.l1}  ·  ${kFormulas.l2}` : kFormulas[g.penalty];
  };

  // --- requests to the workers --------------------------------------------------------------
  let picture: { job: GeometryJob; result: GeometryResult } | null = null;
  let zeros: { job: GeometryZerosJob; result: GeometryZerosResult } | null = null;
  let zerosAsked = ''; // the zero-map request last made, as JSON
  let error = '';
  let destroyed = false;
  let engineUp = false;
  const run = <J extends GeometryJob | GeometryZerosJob>(job: J) =>
    controller.runJobs<J['kind']>([job as never]).results.then((r) => r[0]!);
  const pictures = new LatestOnly<GeometryJob, GeometryResult>(
    (job) => run(job) as Promise<GeometryResult>,
    (job, result) => {
      picture = { job, result };
      error = '';
      showReadouts();
      scheduleDraw();
    },
    (_job, e) => {
      error = e.message;
      showState();
    },
  );
  const zeroMaps = new LatestOnly<GeometryZerosJob, GeometryZerosResult>(
    (job) => run(job) as Promise<GeometryZerosResult>,
    (job, result) => {
      zeros = { job, result };
      showReadouts();
      scheduleDraw();
    },
    (_job, e) => {
      zerosAsked = ''; // ask again next time
      error = e.message;
      showState();
    },
  );

  const request = () => {
    if (!settings || destroyed) return;
    // Before the workers' engine is up the pool is not started (a job would be dropped when
    // it starts): render asks once the engine reports ready.
    if (!engineUp) {
      showState();
      return;
    }
    pictures.submit(pictureJob(settings));
    const z = zerosJob(settings);
    const key = JSON.stringify(z);
    if (key !== zerosAsked) {
      zerosAsked = key;
      zeroMaps.submit(z);
    }
    showState();
    scheduleDraw();
  };

  const current = () =>
    settings !== null &&
    picture !== null &&
    JSON.stringify(picture.job) === JSON.stringify(pictureJob(settings)) &&
    zeros !== null &&
    JSON.stringify(zeros.job) === JSON.stringify(zerosJob(settings));

  const showState = () => {
    const state = error ? 'error' : current() ? 'ready' : 'computing';
    el.dataset['state'] = state;
    status.textContent =
      state === 'error'
        ? t('geometry.error', { message: error })
        : state === 'computing' && !picture
          ? t('geometry.computing')
          : '';
  };

  // Zero maps belong to the pictures' penalties when both list the same ones.
  const zerosFor = (i: number): { map: Uint8Array; fraction: number } | null => {
    if (!picture || !zeros) return null;
    const a = picture.job.penalties.map((p) => p.penalty).join();
    const b = zeros.job.penalties.map((p) => p.penalty).join();
    if (a !== b) return null;
    return { map: zeros.result.maps[i]!, fraction: zeros.result.fractions[i]! };
  };

  const showReadouts = () => {
    showState();
    if (!picture) return;
    const { job, result } = picture;
    caption.textContent = t('geometry.caption', {
      lambda: formatNumber(job.lambda, 3),
      c1: formatNumber(job.center[0], 3),
      c2: formatNumber(job.center[1], 3),
    });
    const texts: string[] = [];
    rows.replaceChildren(
      ...result.pictures.map((p, i) => {
        const kind = job.penalties[i]!.penalty;
        const z = zerosFor(i);
        const [w1, w2] = p.optimum;
        const cellOf = (w: number) =>
          h('td', { class: w === 0 ? 'exact-zero' : null }, weightText(w));
        const row = h(
          'tr',
          {
            'data-penalty': kind,
            'data-w1': String(w1),
            'data-w2': String(w2),
            'data-radius': String(p.radius),
            'data-lambda': String(job.lambda),
            'data-center': job.center.join(','),
            'data-zero-fraction': z ? String(z.fraction) : '',
          },
          h(
            'th',
            { scope: 'row' },
            h('span', {
              class: 'swatch',
              style: `background: rgb(${kColors[kind].join(', ')})`,
              'aria-hidden': 'true',
            }),
            penaltyName(kind),
          ),
          cellOf(w1),
          cellOf(w2),
          h('td', {}, formatNumber(p.radius, 3)),
        );
        texts.push(
          t('geometry.announceOptimum', {
            name: penaltyName(kind),
            w1: weightText(w1),
            w2: weightText(w2),
          }),
        );
        return row;
      }),
    );
    zeroText.replaceChildren(
      ...result.pictures.flatMap((_, i) => {
        const z = zerosFor(i);
        if (!z) return [];
        const name = penaltyName(job.penalties[i]!.penalty);
        return [
          h(
            'p',
            { 'data-penalty': job.penalties[i]!.penalty },
            z.fraction > 0
              ? t('geometry.zeroShare', { name, share: share(z.fraction) })
              : t('geometry.zeroNone', { name }),
          ),
        ];
      }),
    );
    legend.textContent =
      t('geometry.legend') +
      (job.penalties.some((p) => p.penalty === 'lp') ? ` ${t('geometry.legendLp')}` : '');
    if (announceNext) {
      announceNext = false;
      announce.textContent = `c = (${job.center.join(', ')}). ${texts.join(' ')}`;
    }
  };

  // --- drawing ------------------------------------------------------------------------------
  let frame = 0;
  const draw = () => {
    frame = 0;
    if (destroyed || !settings || el.closest('.tab-hidden')) return;
    const layers: PenaltyLayer[] = picture
      ? picture.result.pictures.map((p, i) => {
          const kind = picture!.job.penalties[i]!.penalty;
          return {
            color: kColors[kind],
            picture: p,
            zeros: zerosFor(i)?.map ?? null,
            pathDots: kind === 'lp',
          };
        })
      : [];
    const a = drawGeometry(canvas, {
      bounds: kBounds,
      resolution: picture?.result.resolution ?? 0,
      loss: picture?.result.loss ?? null,
      zeroSize: zeros?.result.size ?? 1,
      layers,
      center: settings.center,
      optimumLabel: 'w*',
    });
    // Where the plane is on the canvas (css px), for tests that drag c.
    canvas.dataset['plot'] = `${a.x},${a.y},${a.size}`;
  };
  const scheduleDraw = () => {
    if (!frame && !destroyed) frame = requestAnimationFrame(draw);
  };
  const resize = new ResizeObserver(() => scheduleDraw());
  resize.observe(canvas);

  // --- moving c -----------------------------------------------------------------------------
  let dragging = false;
  let announceNext = false;
  const commitSettings = () => {
    if (!settings || !latest) return;
    controller.setView({
      study: { ...latest.view.study, geometry: structuredClone(settings) },
    });
  };
  const moveTo = (x: number, y: number) => {
    if (!settings) return;
    const c = clampCenter(x, y);
    if (c[0] === settings.center[0] && c[1] === settings.center[1]) return;
    settings.center = c;
    request();
  };
  // Pointer position → weights; null outside the plane (on the tick labels).
  const toWeights = (ev: PointerEvent, clamp: boolean) => {
    const rect = canvas.getBoundingClientRect();
    const a = plotArea(rect.width, rect.height);
    let fx = (ev.clientX - rect.left - a.x) / a.size;
    let fy = (ev.clientY - rect.top - a.y) / a.size;
    if (!clamp && (fx < 0 || fx > 1 || fy < 0 || fy > 1)) return null;
    fx = Math.min(1, Math.max(0, fx));
    fy = Math.min(1, Math.max(0, fy));
    const [xMin, xMax, yMin, yMax] = kBounds;
    return { x: xMin + fx * (xMax - xMin), y: yMax - fy * (yMax - yMin) };
  };
  canvas.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0 || !settings) return;
    const p = toWeights(ev, false);
    if (!p) return;
    ev.preventDefault();
    canvas.focus({ preventScroll: true });
    canvas.setPointerCapture(ev.pointerId);
    dragging = true;
    moveTo(p.x, p.y);
  });
  canvas.addEventListener('pointermove', (ev) => {
    if (!dragging) return;
    const p = toWeights(ev, true)!;
    moveTo(p.x, p.y);
  });
  const endDrag = () => {
    if (!dragging) return;
    dragging = false;
    commitSettings();
  };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('lostpointercapture', endDrag);
  canvas.addEventListener('keydown', (ev) => {
    if (!settings || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const step = kKeyStep * (ev.shiftKey ? 5 : 1);
    const [x, y] = settings.center;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [x - step, y],
      ArrowRight: [x + step, y],
      ArrowUp: [x, y + step],
      ArrowDown: [x, y - step],
    };
    const to = moves[ev.key];
    if (!to) return;
    ev.preventDefault();
    announceNext = true;
    moveTo(to[0], to[1]);
    commitSettings();
  });

  return {
    el,
    render(s: AppState, topics: ReadonlySet<Topic>) {
      latest = s;
      const g = s.view.study.geometry;
      const cameUp = s.engine.ready && !engineUp;
      engineUp = s.engine.ready;
      if (!settings || (topics.has('view') && !dragging && !sameSettings(g, settings))) {
        settings = structuredClone(g);
        syncControls();
        request();
      } else if (cameUp || (topics.has('engine') && engineUp && error)) {
        // The engine is up (again): ask for everything, the zero map too.
        error = '';
        zerosAsked = '';
        request();
      }
      if (topics.has('visuals') || topics.has('view')) scheduleDraw();
    },
    shown() {
      scheduleDraw();
    },
    destroy() {
      destroyed = true;
      pictures.stop();
      zeroMaps.stop();
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}
