// The hidden-layer list of a link: h=8:relu,8:relu:d0.2:s2:bn: per layer its units, then only
// what differs from the default layer: the activation by name, d = dropout, s = penalty scale,
// bn / nobn = batch norm. "h=" is no hidden layer. Values are checked as every other field.
import { defaultLayer, layerField, schema, type LayerSpec } from './experiment-spec';
import { coerceField, safeText, type SpecWarning } from './validate';

export const kLayersKey = 'h';
const kLayerPrefixes = { dropout: 'd', penaltyScale: 's' } as const;

function encodeLayer(l: LayerSpec): string {
  const d = defaultLayer();
  const parts = [String(l.units)];
  if (l.activation !== d.activation) parts.push(l.activation);
  if (l.dropout !== d.dropout) parts.push(`${kLayerPrefixes.dropout}${l.dropout}`);
  if (l.penaltyScale !== d.penaltyScale)
    parts.push(`${kLayerPrefixes.penaltyScale}${l.penaltyScale}`);
  if (l.batchNorm !== d.batchNorm) parts.push(l.batchNorm ? 'bn' : 'nobn');
  return parts.join(':');
}

export function encodeLayers(hidden: LayerSpec[]): string {
  return hidden.map(encodeLayer).join(',');
}

export function decodeLayers(text: string, key: string, warnings: SpecWarning[]): LayerSpec[] {
  if (text === '') return [];
  const max = schema.limits.maxHiddenLayers;
  const tokens = text.split(',', max + 1);
  if (tokens.length > max) {
    warnings.push({ code: 'layersDropped', key, value: `> ${max}`, allowed: `≤ ${max}` });
  }
  const activation = layerField('activation');
  return tokens.slice(0, max).map((token, i) => {
    const layer = defaultLayer();
    const parts = token.split(':', 8);
    const at = `${key}[${i}]`;
    const units = coerceField(layerField('units'), parts[0] ?? '', `${at} units`);
    if (units.value !== undefined) layer.units = units.value as number;
    if (units.warning) warnings.push(units.warning);
    for (const part of parts.slice(1)) {
      if ((activation.options ?? []).includes(part)) {
        layer.activation = part as LayerSpec['activation'];
      } else if (part === 'bn' || part === 'nobn') {
        layer.batchNorm = part === 'bn';
      } else if (part.startsWith(kLayerPrefixes.dropout)) {
        const r = coerceField(layerField('dropout'), part.slice(1), `${at} dropout`);
        if (r.value !== undefined) layer.dropout = r.value as number;
        if (r.warning) warnings.push(r.warning);
      } else if (part.startsWith(kLayerPrefixes.penaltyScale)) {
        const r = coerceField(layerField('penaltyScale'), part.slice(1), `${at} penaltyScale`);
        if (r.value !== undefined) layer.penaltyScale = r.value as number;
        if (r.warning) warnings.push(r.warning);
      } else {
        // A layer part is an activation, bn / nobn, or a prefixed dropout / penalty scale.
        const allowed = [
          ...(activation.options ?? []),
          'bn',
          'nobn',
          `${kLayerPrefixes.dropout}<rate>`,
          `${kLayerPrefixes.penaltyScale}<scale>`,
        ].join(', ');
        warnings.push({ code: 'invalid', key: at, value: safeText(part), allowed });
      }
    }
    return layer;
  });
}
