// The network on an image set, drawn as a sequence of blocks (the input image, each layer, the
// output), each with its kind, its output shape C×H×W and its parameter count, from the shapes
// the engine reports (trainer.network().layers): no shape arithmetic here. An MLP on an image
// set is drawn the same way, so its 64 inputs are one "8×8 image" block, not 64 neurons.
import type { LayerInfo, LayerSpec, NetworkInfo } from '../../engine/engine-api';
import { optionLabel, t } from '../../i18n/i18n';
import { formatNumber } from '../dom';

interface Block {
  title: string;
  shape: string;
  detail: string; // parameters, or the image's size
  tags: string; // dropout, DropBlock, batch norm
  image: boolean; // an image output (drawn as a stack of planes) or a vector
  fill: string;
}

const kFill: Record<string, string> = {
  input: '#e2e8f0',
  conv: '#dbeafe',
  maxPool: '#dcfce7',
  avgPool: '#dcfce7',
  globalAvgPool: '#dcfce7',
  flatten: '#f1f5f9',
  dense: '#ffedd5',
  output: '#fde68a',
};

function shapeText(info: LayerInfo['output'], image: boolean): string {
  return image ? `${info.channels}×${info.height}×${info.width}` : String(info.channels);
}

function blocksOf(net: NetworkInfo, hidden: readonly LayerSpec[]): Block[] {
  const s = net.inputShape;
  const out: Block[] = [
    {
      title: t('blocks.image', { h: s.height, w: s.width }),
      shape: shapeText(s, true),
      detail: '',
      tags: '',
      image: true,
      fill: kFill['input']!,
    },
  ];
  for (const layer of net.layers) {
    const spec = layer.hidden >= 0 ? hidden[layer.hidden] : undefined;
    const tags: string[] = [];
    if (spec && (layer.kind === 'conv' || layer.kind === 'dense')) {
      if (spec.batchNorm) tags.push('BN');
      if (spec.dropout > 0)
        tags.push(
          `${layer.kind === 'conv' ? 'Dropout2d' : 'Dropout'} ${formatNumber(spec.dropout, 2)}`,
        );
      if (layer.kind === 'conv' && spec.dropBlock > 0)
        tags.push(`DropBlock ${formatNumber(spec.dropBlock, 2)}`);
    }
    const kernel = layer.kind === 'conv' && spec ? ` ${spec.kernel}×${spec.kernel}` : '';
    out.push({
      title: layer.kind === 'output' ? t('blocks.output') : `${optionLabel(layer.kind)}${kernel}`,
      shape: shapeText(layer.output, layer.imageOutput),
      detail: layer.parameters > 0 ? t('blocks.params', { n: layer.parameters }) : '',
      tags: tags.join(' · '),
      image: layer.imageOutput,
      fill: kFill[layer.kind] ?? '#f1f5f9',
    });
  }
  return out;
}

export function blocksDescription(net: NetworkInfo, hidden: readonly LayerSpec[]): string {
  return t('blocks.description', {
    list: blocksOf(net, hidden)
      .map((b) => `${b.title} ${b.shape}${b.detail ? ` (${b.detail})` : ''}`)
      .join(' → '),
  });
}

// Draws the blocks left to right into the CSS-pixel box width × height, in as many rows as
// they need (at least ~92 px a block), with arrows between them.
export function drawLayerBlocks(
  ctx: CanvasRenderingContext2D,
  net: NetworkInfo,
  hidden: readonly LayerSpec[],
  width: number,
  height: number,
): void {
  const blocks = blocksOf(net, hidden);
  const gap = 16;
  const perRow = Math.max(1, Math.min(blocks.length, Math.floor((width + gap) / (92 + gap))));
  const rows = Math.ceil(blocks.length / perRow);
  // At most 170 px a block, the row centred: three blocks do not fill a wide column.
  const bw = Math.min(170, (width - 8 - gap * (perRow - 1)) / perRow);
  const left = Math.max(4, (width - perRow * bw - gap * (perRow - 1)) / 2);
  const rowH = Math.min(150, (height - 8) / rows);
  const bh = rowH - 14;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  blocks.forEach((b, i) => {
    const r = Math.floor(i / perRow);
    const c = i % perRow;
    const x = left + c * (bw + gap);
    const y = 4 + r * rowH + (rowH - bh) / 2;
    // An image: a few stacked planes; a vector: one box.
    const layersDrawn = b.image ? 3 : 1;
    for (let k = layersDrawn - 1; k >= 0; k--) {
      ctx.fillStyle = b.fill;
      ctx.strokeStyle = '#475569';
      ctx.lineWidth = 1;
      ctx.fillRect(x + 4 * k, y - 4 * k + 8, bw - 8, bh - 8);
      ctx.strokeRect(x + 4 * k, y - 4 * k + 8, bw - 8, bh - 8);
    }
    const cx = x + (bw - 8) / 2;
    const lines = [
      { text: b.title, font: '600 12px system-ui, sans-serif', color: '#0f172a' },
      { text: b.shape, font: '12px system-ui, sans-serif', color: '#1e293b' },
      { text: b.detail, font: '11px system-ui, sans-serif', color: '#475569' },
      { text: b.tags, font: '11px system-ui, sans-serif', color: '#7c3aed' },
    ].filter((l) => l.text);
    const lineH = 15;
    const top = y + 8 + (bh - 8) / 2 - ((lines.length - 1) * lineH) / 2;
    lines.forEach((l, j) => {
      ctx.font = l.font;
      ctx.fillStyle = l.color;
      ctx.fillText(l.text, cx, top + j * lineH, bw - 12);
    });
    // Arrow to the next block in the same row.
    if (i < blocks.length - 1 && c < perRow - 1) {
      const ay = y + 8 + (bh - 8) / 2;
      const ax = x + bw - 6;
      ctx.strokeStyle = '#64748b';
      ctx.fillStyle = '#64748b';
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(ax + gap, ay);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(ax + gap + 2, ay);
      ctx.lineTo(ax + gap - 4, ay - 4);
      ctx.lineTo(ax + gap - 4, ay + 4);
      ctx.fill();
    }
  });
}
