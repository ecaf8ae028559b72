// The network, drawn as the TensorFlow Playground draws it: the input features on the left,
// the hidden layers, the output. For the 2D sets every node is a small picture of what that
// unit computes over the input plane (the engine evaluates each one on a grid), so a student
// sees the features combine into the boundary. Edges: width ∝ |w| (scaled per layer), blue for
// positive, orange for negative, and no edge at all for a weight that is exactly zero, so L1
// sparsity shows as edges vanishing. Dropout shows as a dashed outline with its rate, batch
// norm as a "BN" tag. Hovering a node shows its picture large; hovering an edge, its weight.
// Buttons above each hidden layer add or remove units; buttons under the title add or remove
// layers. Wide layers show their first kMaxNodes units.
import { defaultLayer, schema, type LayerSpec } from '../spec/experiment-spec';
import type { Controller } from '../state/controller';
import type { AppState, Run } from '../state/store';
import type { WeightBlock } from '../worker/protocol';
import { optionLabel, t } from '../i18n/i18n';
import { formatNumber, h, section } from './dom';
import { classColor, divergingColor, probabilityColor } from './plane-colors';
import { blocksDescription, drawLayerBlocks } from './stage/layer-blocks';

const kMaxNodes = 12;
const kPositive = [37, 99, 235];
const kNegative = [234, 88, 12];

// 'x1Squared' → 'x₁²', 'x^3' → 'x³'; a column name of the user's stays as it is.
const kSuperscripts: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
export function featureLabel(name: string): string {
  const option = optionLabel(name);
  if (option !== name) return option;
  const power = /^x\^(\d+)$/.exec(name);
  if (power) return `x${[...power[1]!].map((d) => kSuperscripts[d]).join('')}`;
  return name;
}

interface Node {
  x: number;
  y: number;
  layer: number; // 0 = inputs
  unit: number;
  label: string;
}

interface Edge {
  from: Node;
  to: Node;
  w: number;
}

export function networkView(controller: Controller) {
  const canvas = h('canvas', { class: 'network-canvas', role: 'img' });
  const tip = h('div', { class: 'network-tip', role: 'tooltip', hidden: true });
  const tipCanvas = h('canvas', { width: 96, height: 96 });
  const tipText = h('div', {});
  tip.append(tipCanvas, tipText);
  const unitButtons = h('div', { class: 'unit-buttons' });
  const addLayer = h('button', { type: 'button', 'data-action': 'add-layer' }, t('net.addLayer'));
  const removeLayer = h(
    'button',
    { type: 'button', 'data-action': 'remove-layer' },
    t('net.removeLayer'),
  );
  const summary = h('span', { class: 'net-summary' });
  const legend = h(
    'p',
    { class: 'net-legend' },
    h('span', { class: 'legend-neg' }, t('net.negative')),
    h('span', { class: 'legend-pos' }, t('net.positive')),
    h('span', {}, t('net.legendWidth')),
    h('span', { class: 'legend-dropout' }, t('net.legendDropout')),
  );
  const box = h('div', { class: 'network-box' }, unitButtons, canvas, tip);
  const el = section(
    'network',
    t('panel.network'),
    h('div', { class: 'net-tools' }, addLayer, removeLayer, summary),
    box,
    legend,
  );

  let latest: AppState | null = null;
  let nodes: Node[] = [];
  let edges: Edge[] = [];
  let shownKey: unknown[] = [];
  const offscreen = document.createElement('canvas');

  const hidden = () => latest!.runs[latest!.selected]!.spec.model.hidden;
  const setLayers = (layers: LayerSpec[]) => controller.setLayers(layers);
  addLayer.addEventListener('click', () => {
    const layers = hidden();
    if (layers.length >= schema.limits.maxHiddenLayers) return;
    setLayers([...layers, layers.length ? { ...layers[layers.length - 1]! } : defaultLayer()]);
  });
  removeLayer.addEventListener('click', () => setLayers(hidden().slice(0, -1)));

  // The picture of one unit (values v[offset .. offset + r²)) into `ctx` at (x, y), size s,
  // coloured by `color` (default: the diverging map over ±scale).
  const drawPicture = (
    ctx: CanvasRenderingContext2D,
    values: Float32Array,
    offset: number,
    r: number,
    scale: number,
    x: number,
    y: number,
    s: number,
    color: (v: number) => readonly number[] = (v) => divergingColor(v / scale),
  ) => {
    offscreen.width = r;
    offscreen.height = r;
    const octx = offscreen.getContext('2d')!;
    const img = octx.createImageData(r, r);
    for (let row = 0; row < r; row++) {
      const dst = (r - 1 - row) * r; // the engine's rows go up from yMin
      for (let c = 0; c < r; c++) {
        const rgb = color(values[offset + row * r + c]!);
        const k = (dst + c) * 4;
        img.data[k] = rgb[0]!;
        img.data[k + 1] = rgb[1]!;
        img.data[k + 2] = rgb[2]!;
        img.data[k + 3] = 255;
      }
    }
    octx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(offscreen, x, y, s, s);
  };

  const draw = (s: AppState) => {
    const run: Run | undefined = s.runs[s.selected];
    const net = run?.network;
    const weights = run?.visuals.weights ?? null;
    const pictures = run?.visuals.neurons ?? null;
    const cssWidth = canvas.clientWidth || 480;
    const cssHeight = canvas.clientHeight || 360;
    const key = [weights, pictures, net, cssWidth, cssHeight, run?.spec.model.hidden];
    if (key.every((k, i) => k === shownKey[i])) return;
    shownKey = key;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx || !net || !run) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    if (net.imageInput) {
      // An image set: the layer sequence as blocks (its shapes from the engine), no neurons.
      nodes = [];
      edges = [];
      unitButtons.replaceChildren();
      canvas.dataset['blocks'] = String(net.layers.length + 1);
      canvas.setAttribute('aria-label', blocksDescription(net, run.spec.model.hidden));
      drawLayerBlocks(ctx, net, run.spec.model.hidden, cssWidth, cssHeight);
      return;
    }
    delete canvas.dataset['blocks'];
    canvas.setAttribute('aria-label', t('net.description', { sizes: net.layerSizes.join('–') }));
    const sizes = net.layerSizes;
    const layersSpec = run.spec.model.hidden;
    const shown = (l: number) => Math.min(sizes[l] ?? 0, kMaxNodes);
    const maxShown = Math.max(...sizes.map((_, l) => shown(l)));
    const padLeft = 56;
    const padRight = 24;
    const padTop = 22;
    const padBottom = 22;
    const nodeSize = Math.max(
      12,
      Math.min(
        34,
        (cssHeight - padTop - padBottom) / maxShown - 6,
        (cssWidth - padLeft - padRight) / (sizes.length * 2.2),
      ),
    );
    const colX = (l: number) =>
      padLeft + ((cssWidth - padLeft - padRight) * l) / Math.max(1, sizes.length - 1);
    const rowY = (l: number, i: number) => {
      const n = shown(l);
      const span = Math.min(cssHeight - padTop - padBottom, n * (nodeSize + 6));
      const top = padTop + (cssHeight - padTop - padBottom - span) / 2;
      return top + (span * (i + 0.5)) / n;
    };
    nodes = [];
    sizes.forEach((_, l) => {
      for (let i = 0; i < shown(l); i++) {
        const label =
          l === 0
            ? featureLabel(net.featureNames[i] ?? '')
            : l === sizes.length - 1
              ? net.task === 'regression'
                ? (net.targetNames[i] ?? 'ŷ')
                : net.task === 'binary'
                  ? 'P(1)'
                  : t('net.class', { n: i })
              : t('net.unit', { layer: l, n: i + 1 });
        nodes.push({ x: colX(l), y: rowY(l, i), layer: l, unit: i, label });
      }
    });
    const nodeAt = (l: number, i: number) => nodes.find((n) => n.layer === l && n.unit === i);

    // Edges under the nodes.
    edges = [];
    (weights ?? []).forEach((block: WeightBlock, l) => {
      let max = 0;
      for (const v of block.values) max = Math.max(max, Math.abs(v));
      if (max === 0) return;
      const outs = Math.min(block.shownRows, shown(l + 1));
      const ins = Math.min(block.shownCols, shown(l));
      for (let o = 0; o < outs; o++) {
        for (let i = 0; i < ins; i++) {
          const w = block.values[o * block.shownCols + i]!;
          const from = nodeAt(l, i);
          const to = nodeAt(l + 1, o);
          if (!from || !to) continue;
          edges.push({ from, to, w });
          if (w === 0) continue;
          const m = Math.abs(w) / max;
          const [r, g, b] = w > 0 ? kPositive : kNegative;
          ctx.strokeStyle = `rgba(${r},${g},${b},${0.2 + 0.8 * m})`;
          ctx.lineWidth = 0.3 + 3.7 * m;
          ctx.beginPath();
          ctx.moveTo(from.x + nodeSize / 2, from.y);
          ctx.lineTo(to.x - nodeSize / 2, to.y);
          ctx.stroke();
        }
      }
    });

    // Nodes: pictures where the engine sent them, else plain squares.
    const pictureLayers = pictures?.layerSizes ?? [];
    const r = pictures?.resolution ?? 0;
    let offset = 0;
    const offsets: number[] = [];
    const scales: number[] = [];
    pictureLayers.forEach((n, l) => {
      offsets[l] = offset;
      let max = 0;
      for (let k = offset; k < offset + n * r * r; k++)
        max = Math.max(max, Math.abs(pictures!.values[k]!));
      scales[l] = max || 1;
      offset += n * r * r;
    });
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const node of nodes) {
      const x = node.x - nodeSize / 2;
      const y = node.y - nodeSize / 2;
      const hasPicture =
        pictures && node.layer < pictureLayers.length && node.unit < pictureLayers[node.layer]!;
      if (hasPicture) {
        drawPicture(
          ctx,
          pictures!.values,
          offsets[node.layer]! + node.unit * r * r,
          r,
          scales[node.layer]!,
          x,
          y,
          nodeSize,
        );
      } else if (node.layer === sizes.length - 1 && run.visuals.grid && node.unit === 0) {
        // The output: the same picture as the output panel, small.
        const g = run.visuals.grid;
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of g.values) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        const color =
          net.task === 'binary'
            ? probabilityColor
            : net.task === 'multiclass'
              ? classColor
              : (v: number) => probabilityColor((v - lo) / (hi - lo || 1));
        drawPicture(ctx, g.values, 0, g.resolution, 1, x, y, nodeSize, color);
      } else {
        ctx.fillStyle = '#fff';
        ctx.fillRect(x, y, nodeSize, nodeSize);
      }
      const dropout =
        node.layer > 0 && node.layer < sizes.length - 1
          ? (layersSpec[node.layer - 1]?.dropout ?? 0)
          : 0;
      ctx.strokeStyle = '#334155';
      ctx.lineWidth = 1;
      ctx.setLineDash(dropout > 0 ? [3, 2] : []);
      ctx.strokeRect(x, y, nodeSize, nodeSize);
      ctx.setLineDash([]);
      if (node.layer === 0) {
        ctx.fillStyle = '#1e293b';
        ctx.textAlign = 'right';
        ctx.fillText(node.label, x - 5, node.y);
      }
    }

    // Per hidden layer: batch norm and dropout tags; how many units are not drawn.
    ctx.textAlign = 'center';
    sizes.forEach((size, l) => {
      const x = colX(l);
      const spec = l > 0 && l < sizes.length - 1 ? layersSpec[l - 1] : undefined;
      const tags = [
        spec?.batchNorm ? 'BN' : '',
        spec && spec.dropout > 0 ? `p=${formatNumber(spec.dropout, 2)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      if (tags) {
        ctx.fillStyle = '#475569';
        ctx.fillText(tags, x, padTop / 2);
      }
      if (size > shown(l)) {
        ctx.fillStyle = '#475569';
        ctx.fillText(t('net.more', { n: size - shown(l) }), x, cssHeight - padBottom / 2);
      }
    });

    // The ± buttons of each hidden layer, placed over its column.
    unitButtons.replaceChildren(
      ...layersSpec.map((layer, k) => {
        const minus = h(
          'button',
          { type: 'button', 'aria-label': t('net.fewerUnits', { n: k + 1 }) },
          '−',
        );
        const plus = h(
          'button',
          { type: 'button', 'aria-label': t('net.moreUnits', { n: k + 1 }) },
          '+',
        );
        const change = (delta: number) => {
          const units = Math.min(1024, Math.max(1, layer.units + delta));
          setLayers(hidden().map((l, j) => (j === k ? { ...l, units } : l)));
        };
        minus.addEventListener('click', () => change(-1));
        plus.addEventListener('click', () => change(1));
        minus.disabled = layer.units <= 1;
        return h(
          'span',
          { class: 'unit-control', style: `left:${colX(k + 1)}px` },
          minus,
          h('span', { class: 'units' }, String(layer.units)),
          plus,
        );
      }),
    );
  };

  // Hover: a node's picture, large, with its name; an edge's weight.
  const showTip = (ev: PointerEvent) => {
    const s = latest;
    if (!s) return;
    const rect = canvas.getBoundingClientRect();
    const px = ev.clientX - rect.left;
    const py = ev.clientY - rect.top;
    const node = nodes.find((n) => Math.abs(n.x - px) < 18 && Math.abs(n.y - py) < 18);
    const run = s.runs[s.selected];
    if (node) {
      const pictures = run?.visuals.neurons;
      tipText.textContent = node.label;
      tipCanvas.hidden = true;
      if (
        pictures &&
        node.layer < pictures.layerSizes.length &&
        node.unit < pictures.layerSizes[node.layer]!
      ) {
        const r = pictures.resolution;
        let offset = 0;
        for (let l = 0; l < node.layer; l++) offset += pictures.layerSizes[l]! * r * r;
        let max = 0;
        for (let k = offset; k < offset + pictures.layerSizes[node.layer]! * r * r; k++)
          max = Math.max(max, Math.abs(pictures.values[k]!));
        const ctx = tipCanvas.getContext('2d')!;
        drawPicture(ctx, pictures.values, offset + node.unit * r * r, r, max || 1, 0, 0, 96);
        tipCanvas.hidden = false;
      }
      tip.style.left = `${Math.min(node.x + 20, rect.width - 110)}px`;
      tip.style.top = `${Math.max(0, node.y - 50)}px`;
      tip.hidden = false;
      return;
    }
    let best: Edge | null = null;
    let bestD = 5;
    for (const e of edges) {
      const dx = e.to.x - e.from.x;
      const dy = e.to.y - e.from.y;
      const f = Math.max(
        0,
        Math.min(1, ((px - e.from.x) * dx + (py - e.from.y) * dy) / (dx * dx + dy * dy)),
      );
      const d = Math.hypot(px - (e.from.x + f * dx), py - (e.from.y + f * dy));
      if (d < bestD) {
        bestD = d;
        best = e;
      }
    }
    if (!best) {
      tip.hidden = true;
      return;
    }
    tipCanvas.hidden = true;
    tipText.textContent = t('net.weight', {
      from: best.from.label,
      to: best.to.label,
      w: formatNumber(best.w, 4),
    });
    tip.style.left = `${Math.min(px + 12, rect.width - 160)}px`;
    tip.style.top = `${Math.max(0, py - 30)}px`;
    tip.hidden = false;
  };
  canvas.addEventListener('pointermove', showTip);
  canvas.addEventListener('pointerleave', () => (tip.hidden = true));

  return {
    el,
    render(s: AppState) {
      latest = s;
      const run = s.runs[s.selected];
      const layers = run?.spec.model.hidden ?? [];
      addLayer.disabled = layers.length >= schema.limits.maxHiddenLayers;
      removeLayer.disabled = layers.length === 0;
      summary.textContent = run?.network
        ? t('net.summary', { layers: layers.length, count: run.network.parameterCount })
        : '';
      legend.querySelector<HTMLElement>('.legend-dropout')!.hidden = !layers.some(
        (l) => l.dropout > 0,
      );
      // Blocks have no edges: the edge legend does not apply.
      legend.hidden = !!run?.network?.imageInput;
      draw(s);
    },
  };
}
