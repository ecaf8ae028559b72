// Model: the hidden layers (per layer: units, activation, dropout, penalty multiplier, batch
// norm), shortcuts that set one choice on every layer, and the model-wide settings.
import { layerField, schema, defaultLayer, type LayerSpec } from '../../spec/experiment-spec';
import type { Controller } from '../../state/controller';
import type { AppState } from '../../state/store';
import { t } from '../../i18n/i18n';
import { clear, h, section } from '../dom';
import { fieldControl } from './field';
import { groupFields } from './spec-fields';

export function modelPanel(controller: Controller, state: AppState) {
  const spec = () => selectedSpec(state);
  let current = spec();
  const fields = groupFields('model', 'model', controller, current);
  const list = h('ol', { class: 'layers' });
  const addButton = h('button', { type: 'button', class: 'add-layer' }, t('layer.add'));
  addButton.addEventListener('click', () => {
    const hidden = current.model.hidden;
    if (hidden.length >= schema.limits.maxHiddenLayers) return;
    const last = hidden[hidden.length - 1];
    controller.setLayers([...hidden, last ? { ...last } : defaultLayer()]);
  });

  const allActivation = fieldControl({
    label: t('layer.allActivation'),
    field: layerField('activation'),
    value: current.model.hidden[0]?.activation ?? defaultLayer().activation,
    name: 'all.activation',
    onChange: (v) =>
      controller.setLayers(
        current.model.hidden.map((l) => ({ ...l, activation: v as LayerSpec['activation'] })),
      ),
  });
  const allBatchNorm = fieldControl({
    label: t('layer.allBatchNorm'),
    field: layerField('batchNorm'),
    value: current.model.hidden.length > 0 && current.model.hidden.every((l) => l.batchNorm),
    name: 'all.batchNorm',
    help: t('explain.batchNorm'),
    onChange: (v) =>
      controller.setLayers(current.model.hidden.map((l) => ({ ...l, batchNorm: v === true }))),
  });

  let renderedShape = '';
  const layerRow = (layer: LayerSpec, i: number) => {
    const update = (change: Partial<LayerSpec>) =>
      controller.setLayers(current.model.hidden.map((l, j) => (j === i ? { ...l, ...change } : l)));
    const n = i + 1;
    const units = fieldControl({
      label: t('layer.units'),
      field: layerField('units'),
      value: layer.units,
      name: `layer${i}.units`,
      onChange: (v) => update({ units: v as number }),
    });
    const act = fieldControl({
      label: t('layer.activation'),
      field: layerField('activation'),
      value: layer.activation,
      name: `layer${i}.activation`,
      onChange: (v) => update({ activation: v as LayerSpec['activation'] }),
    });
    const drop = fieldControl({
      label: t('layer.dropout'),
      field: layerField('dropout'),
      value: layer.dropout,
      name: `layer${i}.dropout`,
      onChange: (v) => update({ dropout: v as number }),
    });
    const scale = fieldControl({
      label: t('layer.penaltyScale'),
      field: layerField('penaltyScale'),
      value: layer.penaltyScale,
      name: `layer${i}.penaltyScale`,
      onChange: (v) => update({ penaltyScale: v as number }),
    });
    const bn = fieldControl({
      label: t('layer.batchNorm'),
      field: layerField('batchNorm'),
      value: layer.batchNorm,
      name: `layer${i}.batchNorm`,
      onChange: (v) => update({ batchNorm: v === true }),
    });
    const remove = h(
      'button',
      { type: 'button', class: 'remove-layer', 'aria-label': t('layer.remove', { n }) },
      '×',
    );
    remove.addEventListener('click', () =>
      controller.setLayers(current.model.hidden.filter((_, j) => j !== i)),
    );
    const li = h(
      'li',
      { class: 'layer' },
      h('div', { class: 'layer-head' }, h('h3', {}, t('layer.title', { n })), remove),
      h('div', { class: 'layer-fields' }, units.el, act.el, drop.el, scale.el, bn.el),
    );
    return {
      li,
      set: (l: LayerSpec) => {
        units.set(l.units);
        act.set(l.activation);
        drop.set(l.dropout);
        scale.set(l.penaltyScale);
        bn.set(l.batchNorm);
      },
    };
  };
  let rows: ReturnType<typeof layerRow>[] = [];
  const none = h('p', { class: 'field-help' }, t('layer.none'));

  const el = section(
    'model',
    t('panel.model'),
    h('div', { class: 'layer-shortcuts' }, allActivation.el, allBatchNorm.el),
    list,
    none,
    addButton,
    h('details', { class: 'advanced' }, h('summary', {}, t('panel.advanced')), fields.advanced),
  );

  return {
    el,
    render(s: AppState) {
      current = s.runs[s.selected]!.spec;
      fields.render(current, s.fieldNotes);
      const hidden = current.model.hidden;
      const shape = String(hidden.length);
      if (shape !== renderedShape) {
        clear(list);
        rows = hidden.map(layerRow);
        list.append(...rows.map((r) => r.li));
        renderedShape = shape;
      }
      hidden.forEach((l, i) => rows[i]?.set(l));
      none.hidden = hidden.length > 0;
      addButton.disabled = hidden.length >= schema.limits.maxHiddenLayers;
      const first = hidden[0];
      if (first)
        allActivation.set(
          hidden.every((l) => l.activation === first.activation) ? first.activation : '',
        );
      allBatchNorm.set(hidden.length > 0 && hidden.every((l) => l.batchNorm));
      allActivation.setVisible(hidden.length > 0);
      allBatchNorm.setVisible(hidden.length > 0);
    },
  };
}

function selectedSpec(state: AppState) {
  return state.runs[state.selected]!.spec;
}
