// The network drawn as layers of nodes joined by edges: width ∝ |w| (scaled per layer), blue
// for positive and orange for negative weights, and no edge at all for a weight that is exactly
// zero, so L1 sparsity shows as edges vanishing. Wide layers show their first 16 units.
import type { AppState } from '../state/store';
import type { WeightBlock } from '../worker/protocol';
import { t } from '../i18n/i18n';
import { h, section } from './dom';

const kMaxNodes = 16;
const kPositive = [37, 99, 235];
const kNegative = [234, 88, 12];

export function networkView() {
  const canvas = h('canvas', { class: 'network-canvas', role: 'img' });
  const el = section('network', t('panel.network'), h('div', { class: 'network-box' }, canvas));
  let shown: unknown = null;
  let width = 0;

  const draw = (s: AppState) => {
    const run = s.runs[s.selected];
    const net = run?.network;
    const weights = run?.visuals.weights ?? null;
    const cssWidth = canvas.clientWidth || 320;
    if (weights === shown && cssWidth === width) return;
    shown = weights;
    width = cssWidth;
    const cssHeight = 220;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx || !net) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    canvas.setAttribute('aria-label', t('net.description', { sizes: net.layerSizes.join('–') }));
    const sizes = net.layerSizes;
    const padX = 48;
    const padY = 14;
    const colX = (l: number) => padX + ((cssWidth - 2 * padX) * l) / Math.max(1, sizes.length - 1);
    const shownCount = (l: number) => Math.min(sizes[l] ?? 0, kMaxNodes);
    const rowY = (l: number, i: number) => {
      const n = shownCount(l);
      const span = Math.min(cssHeight - 2 * padY, n * 22);
      const top = (cssHeight - span) / 2;
      return n <= 1 ? cssHeight / 2 : top + (span * i) / (n - 1);
    };
    // Edges first, under the nodes.
    (weights ?? []).forEach((block: WeightBlock, l) => {
      let max = 0;
      for (const v of block.values) max = Math.max(max, Math.abs(v));
      if (max === 0) return;
      const outs = Math.min(block.shownRows, shownCount(l + 1));
      const ins = Math.min(block.shownCols, shownCount(l));
      for (let o = 0; o < outs; o++) {
        for (let i = 0; i < ins; i++) {
          const w = block.values[o * block.shownCols + i]!;
          if (w === 0) continue;
          const m = Math.abs(w) / max;
          const [r, g, b] = w > 0 ? kPositive : kNegative;
          ctx.strokeStyle = `rgba(${r},${g},${b},${0.25 + 0.75 * m})`;
          ctx.lineWidth = 0.4 + 3.6 * m;
          ctx.beginPath();
          ctx.moveTo(colX(l), rowY(l, i));
          ctx.lineTo(colX(l + 1), rowY(l + 1, o));
          ctx.stroke();
        }
      }
    });
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    sizes.forEach((size, l) => {
      const n = shownCount(l);
      for (let i = 0; i < n; i++) {
        ctx.fillStyle = '#fff';
        ctx.strokeStyle = '#334155';
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.arc(colX(l), rowY(l, i), 5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
        if (l === 0) {
          ctx.fillStyle = '#334155';
          ctx.textAlign = 'right';
          const name = net.featureNames[i] ?? '';
          ctx.fillText(name.length > 7 ? `${name.slice(0, 6)}…` : name, colX(0) - 9, rowY(0, i));
        }
      }
      if (size > n) {
        ctx.fillStyle = '#64748b';
        ctx.textAlign = 'center';
        ctx.fillText(t('net.more', { n: size - n }), colX(l), cssHeight - 5);
      }
    });
  };
  return { el, render: draw };
}
