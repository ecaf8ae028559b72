// "What the network sees" (image data sets): (a) training images as a batch sees them, after
// the augmentation; (b) the first conv layer's filters; (c) one test input through the network,
// layer by layer, optionally as in training (the channels spatial dropout dropped crossed out,
// DropBlock's dropped blocks outlined); (d) the confusion matrix on the test split. The worker
// computes all of it from the run's trainer (run-loop.ts, ImageViews) while this view is shown;
// the chosen input and the "as in training" switch are in the link (ir=, it=). A feature map's
// tile is drawn by feature-map-tile.ts, the confusion matrix by confusion-matrix.ts.
import type { Controller } from '../../state/controller';
import { isImageData } from '../../spec/layer-presets';
import type { AppState, Run, Topic } from '../../state/store';
import type { ImageViews } from '../../worker/protocol';
import { optionLabel, t, type MessageKey } from '../../i18n/i18n';
import { formatNumber, h, uid } from '../dom';
import type { StageView } from './stage-tabs';
import { divergingScale, drawPlane, greyColor, maxAbs, range, tileCanvas } from './image-tiles';
import { drawConfusionMatrix } from './confusion-matrix';
import { featureMapTile } from './feature-map-tile';
import './images-view.css';

// The shapes set's classes, in the engine's order (engine/data/image_shapes.hpp).
const kShapeNames: MessageKey[] = [
  'iv.shape0',
  'iv.shape1',
  'iv.shape2',
  'iv.shape3',
  'iv.shape4',
  'iv.shape5',
];

function classLabel(run: Run, k: number): string {
  if (run.spec.data.kind === 'shapes' && kShapeNames[k]) return t(kShapeNames[k]);
  return String(k);
}

export function imagesView(controller: Controller): StageView {
  const intro = h('p', { class: 'iv-intro' }, t('iv.intro'));
  const notImage = h('p', { class: 'iv-empty', hidden: true }, t('iv.notImage'));
  const waiting = h('p', { class: 'iv-empty', hidden: true }, t('iv.waiting'));

  // (a) the batch
  const samples = h('div', { class: 'iv-samples' });
  const augment = h('p', { class: 'iv-note' });
  const otherSamples = h('button', { type: 'button', class: 'iv-button' }, t('iv.otherSamples'));
  otherSamples.addEventListener('click', () => controller.redrawImages('sample'));
  const batchFig = h(
    'div',
    { class: 'iv-part iv-batch' },
    h('h3', {}, t('iv.batchTitle')),
    augment,
    samples,
    otherSamples,
  );

  // (b) the filters
  const filtersTitle = h('h3', {}, t('iv.filtersTitle'));
  const filters = h('div', { class: 'iv-filters' });
  const filtersNote = h('p', { class: 'iv-note' });
  const filterFig = h(
    'div',
    { class: 'iv-part iv-filter-part' },
    filtersTitle,
    filtersNote,
    filters,
  );

  // (c) one input, layer by layer
  const prev = h('button', { type: 'button', class: 'iv-button', 'aria-label': t('iv.prev') }, '‹');
  const next = h('button', { type: 'button', class: 'iv-button', 'aria-label': t('iv.next') }, '›');
  const thumbs = h('div', { class: 'iv-thumbs' });
  const chosen = h('span', { class: 'iv-chosen' });
  const trainingId = uid('iv-training');
  const training = h('input', { type: 'checkbox', id: trainingId, class: 'iv-training' });
  const otherMasks = h('button', { type: 'button', class: 'iv-button' }, t('iv.otherMasks'));
  otherMasks.addEventListener('click', () => controller.redrawImages('mask'));
  training.addEventListener('change', () =>
    controller.setImageView({ training: training.checked }),
  );
  const maps = h('div', { class: 'iv-maps' });
  const mapsLegend = h(
    'p',
    { class: 'iv-note iv-legend' },
    h('span', { class: 'iv-legend-cross' }, t('iv.legendDropped')),
    h('span', { class: 'iv-legend-block' }, t('iv.legendBlock')),
  );
  const mapsFig = h(
    'div',
    { class: 'iv-part iv-maps-part' },
    h('h3', {}, t('iv.mapsTitle')),
    h('div', { class: 'iv-picker' }, prev, thumbs, next),
    h(
      'div',
      { class: 'iv-picker' },
      chosen,
      h('span', { class: 'chip' }, training, h('label', { for: trainingId }, t('iv.asTraining'))),
      otherMasks,
    ),
    maps,
    mapsLegend,
  );

  // (d) the confusion matrix
  const confusionTitle = h('h3', {}, t('iv.confusionTitle'));
  const confusion = h('canvas', { class: 'iv-confusion', role: 'img' });
  const confusionNote = h('p', { class: 'iv-note' }, t('iv.confusionNote'));
  const confusionFig = h(
    'div',
    { class: 'iv-part iv-confusion-part' },
    confusionTitle,
    confusion,
    confusionNote,
  );

  const body = h('div', { class: 'iv-body' }, batchFig, filterFig, mapsFig, confusionFig);
  const el = h(
    'section',
    { class: 'panel panel-images', 'data-panel': 'images' },
    h('h2', {}, t('stage.images')),
    intro,
    notImage,
    waiting,
    body,
  );

  let latest: AppState | null = null;
  let shown: ImageViews | null = null;
  const row = () => latest?.view.study.images.row ?? 0;
  const setRow = (r: number) => {
    const total = shown?.rows ?? 0;
    if (total <= 0) return;
    controller.setImageView({ row: Math.min(total - 1, Math.max(0, r)) });
  };
  prev.addEventListener('click', () => setRow((shown?.row ?? row()) - 1));
  next.addEventListener('click', () => setRow((shown?.row ?? row()) + 1));

  const drawBatch = (run: Run, v: ImageViews) => {
    const b = v.batch;
    const tr = run.spec.training;
    const parts: string[] = [];
    if (tr.augmentShift > 0) parts.push(t('iv.shift', { n: tr.augmentShift }));
    if (tr.augmentRotation > 0) parts.push(t('iv.rotation', { n: tr.augmentRotation }));
    if (tr.augmentFlip) parts.push(t('iv.flip'));
    if (tr.jitter > 0) parts.push(t('iv.jitter', { n: formatNumber(tr.jitter, 3) }));
    augment.textContent = parts.length
      ? t('iv.augmented', { list: parts.join(', ') })
      : t('iv.notAugmented');
    if (!b) {
      samples.replaceChildren();
      return;
    }
    const { channels, height, width } = b.shape;
    const size = channels * height * width;
    const n = b.rows.length;
    samples.replaceChildren(
      ...Array.from({ length: n }, (_, i) => {
        const label = classLabel(run, b.labels[i]!);
        const c = tileCanvas('iv-tile iv-sample', 40, t('iv.sampleLabel', { label }));
        const [lo, hi] = range(b.images, i * size, i * size + height * width);
        drawPlane(c, b.images, i * size, height, width, greyColor(lo, hi));
        return h('figure', { class: 'iv-cell', title: label }, c, h('figcaption', {}, label));
      }),
    );
  };

  const drawFilters = (run: Run, v: ImageViews) => {
    const f = v.filters;
    if (!f) {
      filtersTitle.textContent = t('iv.filtersTitle');
      const inputs = run.network?.inputs ?? 0;
      const conv = run.spec.model.hidden.some((l) => l.kind === 'conv');
      filtersNote.textContent = conv ? '' : t('iv.noFilters', { n: inputs });
      filters.replaceChildren();
      return;
    }
    filtersTitle.textContent = t('iv.filtersCount', {
      n: f.outChannels,
      k: `${f.kernel}×${f.kernel}`,
    });
    filtersNote.textContent = t('iv.filtersNote');
    const per = f.inChannels * f.kernel * f.kernel;
    const scale = maxAbs(f.values);
    filters.replaceChildren(
      ...Array.from({ length: f.outChannels }, (_, o) => {
        const c = tileCanvas('iv-tile iv-filter', 32, t('iv.filterLabel', { n: o + 1 }));
        // The first input channel (the image sets have one).
        drawPlane(c, f.values, o * per, f.kernel, f.kernel, divergingScale(scale));
        c.title = t('iv.filterLabel', { n: o + 1 });
        return c;
      }),
    );
  };

  const drawThumbs = (run: Run, v: ImageViews) => {
    const shape = v.maps.inputShape;
    const size = shape.channels * shape.height * shape.width;
    const count = Math.floor(v.thumbnails.length / size);
    thumbs.replaceChildren(
      ...Array.from({ length: count }, (_, i) => {
        const r = v.thumbnailStart + i;
        const label = classLabel(run, v.testLabels[r] ?? 0);
        const c = tileCanvas('iv-thumb-canvas', 28, '');
        c.setAttribute('aria-hidden', 'true');
        const [lo, hi] = range(v.thumbnails, i * size, i * size + shape.height * shape.width);
        drawPlane(c, v.thumbnails, i * size, shape.height, shape.width, greyColor(lo, hi));
        const b = h(
          'button',
          {
            type: 'button',
            class: 'iv-thumb',
            'aria-label': t('iv.pick', { n: r + 1, label }),
            'aria-pressed': String(r === v.row),
            'data-row': r,
          },
          c,
        );
        b.addEventListener('click', () => setRow(r));
        return b;
      }),
    );
    prev.disabled = v.row <= 0;
    next.disabled = v.row >= v.rows - 1;
    chosen.textContent = t(v.split === 'test' ? 'iv.chosen' : 'iv.chosenTrain', {
      n: v.row + 1,
      total: v.rows,
      label: classLabel(run, v.testLabels[v.row] ?? 0),
    });
  };

  const drawMaps = (run: Run, v: ImageViews) => {
    const fm = v.maps;
    const shape = fm.inputShape;
    const input = tileCanvas('iv-tile iv-input', 44, t('iv.inputLabel'));
    drawPlane(input, fm.input, 0, shape.height, shape.width, greyColor(...range(fm.input)));
    const rows: HTMLElement[] = [
      h(
        'div',
        { class: 'iv-layer' },
        h('div', { class: 'iv-layer-name' }, t('iv.inputLabel'), h('br'), shapeText(shape)),
        h('div', { class: 'iv-layer-tiles' }, input),
      ),
    ];
    let anyDrop = false;
    let anyBlock = false;
    for (const m of fm.maps) {
      const layer = run.spec.model.hidden[m.hidden];
      const scale = maxAbs(m.values);
      const droppedCount = m.droppedChannels ? m.droppedChannels.reduce((a, b) => a + b, 0) : 0;
      anyDrop ||= (layer?.dropout ?? 0) > 0 && m.kind === 'conv';
      anyBlock ||= (layer?.dropBlock ?? 0) > 0;
      const tags: string[] = [];
      if (m.droppedChannels) tags.push(t('iv.droppedCount', { n: droppedCount }));
      const name = `${m.hidden + 1}. ${optionLabel(m.kind)}`;
      const tiles = Array.from({ length: m.shape.channels }, (_, c) =>
        featureMapTile(m, c, scale, t('iv.mapLabel', { layer: name, n: c + 1 })),
      );
      rows.push(
        h(
          'div',
          { class: 'iv-layer', 'data-hidden': m.hidden },
          h(
            'div',
            { class: 'iv-layer-name' },
            name,
            h('br'),
            shapeText(m.shape),
            tags.length ? h('br') : null,
            tags.join(' · '),
          ),
          h('div', { class: 'iv-layer-tiles' }, tiles),
        ),
      );
    }
    // An MLP: no image after the input, nothing spatial to show.
    if (!fm.maps.length) rows.push(h('p', { class: 'iv-note' }, t('iv.noMaps')));
    maps.replaceChildren(...rows);
    mapsLegend.hidden = !latest?.view.study.images.training || !(anyDrop || anyBlock);
    mapsLegend.querySelector<HTMLElement>('.iv-legend-cross')!.hidden = !anyDrop;
    mapsLegend.querySelector<HTMLElement>('.iv-legend-block')!.hidden = !anyBlock;
    otherMasks.hidden = !latest?.view.study.images.training;
  };

  const drawConfusion = (run: Run, v: ImageViews) => {
    const m = v.confusion;
    confusionFig.hidden = !m;
    if (!m) return;
    const K = m.classes;
    let total = 0;
    let diagonal = 0;
    for (let i = 0; i < K * K; i++) total += m.counts[i]!;
    for (let k = 0; k < K; k++) diagonal += m.counts[k * K + k]!;
    const accuracy = total ? diagonal / total : NaN;
    confusionTitle.textContent = t('iv.confusionAccuracy', {
      acc: `${formatNumber(100 * accuracy, 3)}%`,
      n: total,
    });
    confusion.dataset['counts'] = Array.from(m.counts).join(',');
    confusion.dataset['accuracy'] = String(accuracy);
    confusion.setAttribute(
      'aria-label',
      t('iv.confusionLabel', { acc: `${formatNumber(100 * accuracy, 3)}%`, n: total }),
    );
    const shapes = run.spec.data.kind === 'shapes';
    drawConfusionMatrix(confusion, m.counts, K, {
      // The shapes' names are long: columns by number, rows by name and number.
      columns: Array.from({ length: K }, (_, k) => (shapes ? String(k) : classLabel(run, k))),
      rows: Array.from({ length: K }, (_, k) =>
        shapes ? `${classLabel(run, k)} ${k}` : classLabel(run, k),
      ),
      rowLabelWidth: shapes ? 78 : 18,
    });
  };

  const draw = (s: AppState) => {
    const run = s.runs[s.selected];
    const image = !!run && isImageData(run.spec.data.kind);
    notImage.hidden = image;
    intro.hidden = !image;
    const v = image ? (run.visuals.images ?? null) : null;
    waiting.hidden = !image || !!v;
    body.hidden = !v;
    training.checked = s.view.study.images.training;
    if (!run || !v || v === shown) return;
    shown = v;
    el.dataset['step'] = String(v.step);
    drawBatch(run, v);
    drawFilters(run, v);
    drawThumbs(run, v);
    drawMaps(run, v);
    drawConfusion(run, v);
  };

  return {
    el,
    render(s: AppState, topics: ReadonlySet<Topic>) {
      latest = s;
      if (topics.has('runs') || topics.has('view')) shown = null;
      if (topics.has('visuals') || topics.has('runs') || topics.has('view') || topics.has('data'))
        draw(s);
    },
  };
}

function shapeText(s: { channels: number; height: number; width: number }): string {
  return `${s.channels}×${s.height}×${s.width}`;
}
