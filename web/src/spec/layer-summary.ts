// A layer list in a few characters, for the run legend and other one-line texts:
// "16–8" for dense layers (their units, as before CNNs), else every entry by kind:
// "conv16·max2·conv32·flatten·32" (conv: channels, pooling: window, dense: units).
import type { LayerSpec } from './experiment-spec';

export function layerText(l: LayerSpec): string {
  switch (l.kind) {
    case 'conv':
      return `conv${l.channels}`;
    case 'maxPool':
      return `max${l.size}`;
    case 'avgPool':
      return `avg${l.size}`;
    case 'globalAvgPool':
      return 'gap';
    case 'flatten':
      return 'flatten';
    case 'dense':
    default:
      return String(l.units);
  }
}

export function layersText(hidden: readonly LayerSpec[]): string {
  if (hidden.length === 0) return '0';
  if (hidden.every((l) => l.kind === 'dense')) return hidden.map(layerText).join('–');
  return hidden.map(layerText).join('·');
}
