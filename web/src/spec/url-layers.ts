// The layer list of a link: h=c16:relu:p1,max2,c32:relu:p1,flat,32:relu:d0.2 — layers separated
// by ",", the parts of a layer by ":". The first part names the kind with its size:
//   <units>          dense (a bare number, as links always had: "8", "16")
//   c<channels>      conv          max<size> / avg<size>   max / average pooling
//   gap              global average pooling               flat   flatten
// (the number may be left out: the field's default). Then only the fields that differ from
// their defaults, in any order:
//   an activation by name (relu, tanh, ...), bn / nobn (batch norm on / off),
//   k<kernel>, t<stride>, p<padding> (conv), w<size> (pooling window), u<units>,
//   ch<channels>, d<dropout>, db<DropBlock rate>, bs<block size>, s<penalty scale>.
// A part is either a whole word from the list above or a prefix of letters followed by its
// value (which never starts with a letter), so no part reads two ways. "h=" is no hidden layer.
// Every value is checked as every other field (coerceField); an unknown part is reported with
// what is allowed and ignored.
import { defaultLayer, layerField, schema, type LayerKey, type LayerSpec } from './experiment-spec';
import { coerceField, safeText, type SpecWarning } from './validate';

export const kLayersKey = 'h';

type Kind = LayerSpec['kind'];

// The first part of each kind: its code and the field its number gives ('' for none; dense
// has no code, its first part is the number alone).
const kKindCodes: Record<Kind, { code: string; main: LayerKey | '' }> = {
  dense: { code: '', main: 'units' },
  conv: { code: 'c', main: 'channels' },
  maxPool: { code: 'max', main: 'size' },
  avgPool: { code: 'avg', main: 'size' },
  globalAvgPool: { code: 'gap', main: '' },
  flatten: { code: 'flat', main: '' },
};

// Numeric fields after the first part, by prefix.
const kPrefixes: Record<string, LayerKey> = {
  u: 'units',
  ch: 'channels',
  k: 'kernel',
  t: 'stride',
  p: 'padding',
  w: 'size',
  d: 'dropout',
  db: 'dropBlock',
  bs: 'blockSize',
  s: 'penaltyScale',
};
const kPrefixOf = Object.fromEntries(Object.entries(kPrefixes).map(([p, k]) => [k, p])) as Record<
  string,
  string
>;
const kMaxParts = 16;

function kindCode(kind: Kind): { code: string; main: LayerKey | '' } {
  return kKindCodes[kind] ?? kKindCodes.dense;
}

function encodeLayer(l: LayerSpec): string {
  const d = defaultLayer();
  const { code, main } = kindCode(l.kind);
  const parts = [`${code}${main ? String(l[main]) : ''}`];
  if (l.activation !== d.activation) parts.push(l.activation);
  for (const f of schema.layerFields) {
    const key = f.path as LayerKey;
    const prefix = kPrefixOf[key];
    if (prefix === undefined || key === main || l[key] === d[key]) continue;
    parts.push(`${prefix}${String(l[key])}`);
  }
  if (l.batchNorm !== d.batchNorm) parts.push(l.batchNorm ? 'bn' : 'nobn');
  return parts.join(':');
}

export function encodeLayers(hidden: LayerSpec[]): string {
  return hidden.map(encodeLayer).join(',');
}

// Sets a numeric field from link text, through the schema's checks.
function setNumber(
  layer: LayerSpec,
  key: LayerKey,
  text: string,
  at: string,
  warnings: SpecWarning[],
) {
  const r = coerceField(layerField(key), text, `${at} ${key}`);
  if (r.value !== undefined) (layer as unknown as Record<string, unknown>)[key] = r.value;
  if (r.warning) warnings.push(r.warning);
}

const kWord = /^([a-z]+)(.*)$/s;

// The first part: the kind and its number.
function decodeHead(head: string, layer: LayerSpec, at: string, warnings: SpecWarning[]) {
  const word = kWord.exec(head);
  const code = word ? word[1]! : '';
  const kind = (Object.keys(kKindCodes) as Kind[]).find((k) => kKindCodes[k].code === code);
  if (kind === undefined) {
    const allowed = Object.values(kKindCodes)
      .map((c) => `${c.code}${c.main ? '<n>' : ''}`)
      .join(', ');
    warnings.push({ code: 'invalid', key: `${at} kind`, value: safeText(head), allowed });
    return;
  }
  const k = coerceField(layerField('kind'), kind, `${at} kind`);
  if (k.value !== undefined) layer.kind = k.value as Kind;
  const { main } = kKindCodes[kind];
  const number = word ? word[2]! : head;
  if (main) {
    if (number !== '' || kind === 'dense') setNumber(layer, main, number, at, warnings);
  } else if (number !== '') {
    warnings.push({ code: 'invalid', key: `${at} kind`, value: safeText(head), allowed: code });
  }
}

export function decodeLayers(text: string, key: string, warnings: SpecWarning[]): LayerSpec[] {
  if (text === '') return [];
  const max = schema.limits.maxHiddenLayers;
  const tokens = text.split(',', max + 1);
  if (tokens.length > max) {
    warnings.push({ code: 'layersDropped', key, value: `> ${max}`, allowed: `≤ ${max}` });
  }
  const activations = layerField('activation').options ?? [];
  return tokens.slice(0, max).map((token, i) => {
    const layer = defaultLayer();
    const parts = token.split(':', kMaxParts);
    const at = `${key}[${i}]`;
    decodeHead(parts[0] ?? '', layer, at, warnings);
    for (const part of parts.slice(1)) {
      if (activations.includes(part)) {
        const r = coerceField(layerField('activation'), part, `${at} activation`);
        if (r.value !== undefined) layer.activation = r.value as LayerSpec['activation'];
        continue;
      }
      if (part === 'bn' || part === 'nobn') {
        layer.batchNorm = coerceField(layerField('batchNorm'), part === 'bn').value === true;
        continue;
      }
      const word = kWord.exec(part);
      const field = word && Object.hasOwn(kPrefixes, word[1]!) ? kPrefixes[word[1]!] : undefined;
      if (word && field && word[2] !== '') {
        setNumber(layer, field, word[2]!, at, warnings);
        continue;
      }
      // A layer part is an activation, bn / nobn, or a prefix with its value.
      const allowed = [
        ...activations,
        'bn',
        'nobn',
        ...Object.entries(kPrefixes).map(([p, k]) => `${p}<${k}>`),
      ].join(', ');
      warnings.push({ code: 'invalid', key: at, value: safeText(part), allowed });
    }
    return layer;
  });
}
