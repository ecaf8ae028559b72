// One entry of the layer list in the model panel: its kind, the fields that matter for that
// kind (the schema's relevantWhen, rules.ts), and the shape it outputs (with its parameter
// count when the built network is known).
import {
  layerField,
  schema,
  type ExperimentSpec,
  type LayerKey,
  type LayerSpec,
} from '../../spec/experiment-spec';
import { isLayerFieldRelevant } from '../../spec/rules';
import { t, type MessageKey } from '../../i18n/i18n';
import { h } from '../dom';
import { fieldControl, type FieldControl } from './field';

// The fields a row edits, in the order shown (kind has its own select in the row's head).
const kRowFields: LayerKey[] = schema.layerFields
  .map((f) => f.path as LayerKey)
  .filter((k) => k !== 'kind');

// The layer as `kind`: every other value stays (the fields the new kind does not use are hidden,
// and come back when the kind is switched back, as everywhere on the page).
export function changeKind(from: LayerSpec, kind: LayerSpec['kind']): LayerSpec {
  return { ...from, kind };
}

export interface LayerRow {
  li: HTMLLIElement;
  set(spec: ExperimentSpec, layer: LayerSpec, shape: string, parameters: number | null): void;
}

export function layerRow(
  i: number,
  layer: LayerSpec,
  update: (change: (current: LayerSpec, spec: ExperimentSpec) => LayerSpec) => void,
  remove: () => void,
): LayerRow {
  const n = i + 1;
  const kind = fieldControl({
    label: t('layer.kind'),
    field: layerField('kind'),
    value: layer.kind,
    name: `layer${i}.kind`,
    onChange: (v) => update((l) => changeKind(l, v as LayerSpec['kind'])),
  });
  const controls = new Map<LayerKey, FieldControl>(
    kRowFields.map((key) => [
      key,
      fieldControl({
        // On a conv layer, dropout is Dropout2d: whole channels, and the label says so.
        label: t(
          key === 'dropout' && layer.kind === 'conv'
            ? 'layer.dropout2d'
            : (`layer.${key}` as MessageKey),
        ),
        field: layerField(key),
        value: layer[key],
        name: `layer${i}.${key}`,
        onChange: (v) => update((l) => ({ ...l, [key]: v })),
      }),
    ]),
  );
  const removeButton = h(
    'button',
    { type: 'button', class: 'remove-layer', 'aria-label': t('layer.remove', { n }) },
    '×',
  );
  removeButton.addEventListener('click', remove);
  const output = h('p', { class: 'layer-output', 'data-layer-output': i });
  const li = h(
    'li',
    { class: 'layer', 'data-kind': layer.kind },
    h(
      'div',
      { class: 'layer-head' },
      h('h3', {}, t('layer.title', { n })),
      h('div', { class: 'layer-kind' }, kind.el),
      removeButton,
    ),
    h('div', { class: 'layer-fields' }, ...[...controls.values()].map((c) => c.el)),
    output,
  );
  return {
    li,
    set(spec, l, shape, parameters) {
      li.dataset['kind'] = l.kind;
      kind.set(l.kind);
      for (const [key, c] of controls) {
        c.set(l[key]);
        c.setVisible(isLayerFieldRelevant(spec, l, key));
      }
      output.textContent =
        parameters === null
          ? t('layer.outputShape', { shape })
          : t('layer.outputShapeParams', { shape, count: parameters.toLocaleString() });
    },
  };
}
