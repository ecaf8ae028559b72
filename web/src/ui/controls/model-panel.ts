// Model: the layer list (each entry's kind, the fields that matter for it, and the shape it
// outputs), presets for the image sets (an MLP and a small CNN), shortcuts that set one choice
// on every layer that has it, and the model-wide settings. Shapes come from the spec and the
// engine's declaration of the layer kinds (network-shapes.mjs), so they follow every edit at
// once; parameter counts come from the network the engine built (trainer.network()).
import type { NetworkInfo } from '../../engine/engine-api';
import {
  defaultLayer,
  layerField,
  schema,
  type ExperimentSpec,
  type LayerSpec,
} from '../../spec/experiment-spec';
import { specInput } from '../../spec/layer-rules';
import { isImageData, layerPreset, type LayerPresetId } from '../../spec/layer-presets';
import { isLayerFieldRelevant } from '../../spec/rules';
import { hiddenShapes, type FlowShape } from '../../spec/network-shapes.mjs';
import type { Controller } from '../../state/controller';
import type { AppState } from '../../state/store';
import { optionLabel, t, warningText } from '../../i18n/i18n';
import { clear, h, section } from '../dom';
import { fieldControl } from './field';
import { changeKind, layerRow, type LayerRow } from './layer-row';
import { groupFields } from './spec-fields';

// "16×8×8" for an image, "512" for a vector.
function shapeText(f: FlowShape): string {
  const s = f.shape;
  return f.image ? `${s.channels}×${s.height}×${s.width}` : String(s.channels);
}

const sameShape = (a: FlowShape['shape'], b: FlowShape['shape']) =>
  a.channels === b.channels && a.height === b.height && a.width === b.width;

// The engine's parameter count of each entry (hidden, then output), when the built network is
// the one the spec describes (same kinds and shapes); null while it is being rebuilt.
function builtParameters(
  network: NetworkInfo | null,
  hidden: readonly LayerSpec[],
  flows: readonly FlowShape[],
): number[] | null {
  if (!network || network.layers.length !== hidden.length + 1) return null;
  const matches = hidden.every((l, i) => {
    const built = network.layers[i]!;
    return built.kind === l.kind && sameShape(built.output, flows[i]!.shape);
  });
  return matches ? network.layers.map((l) => l.parameters) : null;
}

export function modelPanel(controller: Controller, state: AppState) {
  let current = selectedSpec(state);
  const fields = groupFields('model', 'model', controller, current);
  // Every edit builds on the last one, even before the page re-renders (two quick edits must not
  // undo each other); the next render brings the store's (repaired) layers.
  const setLayers = (hidden: LayerSpec[]) => {
    current = { ...current, model: { ...current.model, hidden } };
    controller.setLayers(hidden);
  };
  const list = h('ol', { class: 'layers' });

  // Presets (image data sets only).
  const presetButton = (id: LayerPresetId) => {
    const b = h(
      'button',
      { type: 'button', class: 'layer-preset', 'data-preset': id },
      t(id === 'mlp' ? 'layer.presetMlp' : 'layer.presetCnn'),
    );
    b.addEventListener('click', () => setLayers(layerPreset(id)));
    return b;
  };
  const presets = h(
    'div',
    { class: 'layer-presets', role: 'group', 'aria-label': t('layer.presets') },
    h('span', { class: 'layer-presets-label' }, t('layer.presets')),
    presetButton('mlp'),
    presetButton('cnn'),
  );

  // Add a layer of a chosen kind.
  const addKind = h(
    'select',
    { class: 'add-layer-kind', 'aria-label': t('layer.addKind'), 'data-field': 'add.kind' },
    ...(layerField('kind').options ?? []).map((k) => h('option', { value: k }, optionLabel(k))),
  );
  const addButton = h('button', { type: 'button', class: 'add-layer' }, t('layer.add'));
  addButton.addEventListener('click', () => {
    const hidden = current.model.hidden;
    if (hidden.length >= schema.limits.maxHiddenLayers) return;
    const kind = addKind.value as LayerSpec['kind'];
    const last = hidden[hidden.length - 1];
    // A copy of the last layer, as the new kind (a new kind starts from the defaults).
    const layer = last?.kind === kind ? { ...last } : changeKind(defaultLayer(), kind);
    setLayers([...hidden, layer]);
  });

  // Shortcuts: one choice on every layer where the field matters.
  const relevantLayers = (key: 'activation' | 'batchNorm') =>
    current.model.hidden.filter((l) => isLayerFieldRelevant(current, l, key));
  const allActivation = fieldControl({
    label: t('layer.allActivation'),
    field: layerField('activation'),
    value: current.model.hidden[0]?.activation ?? defaultLayer().activation,
    name: 'all.activation',
    onChange: (v) =>
      setLayers(
        current.model.hidden.map((l) =>
          isLayerFieldRelevant(current, l, 'activation')
            ? { ...l, activation: v as LayerSpec['activation'] }
            : l,
        ),
      ),
  });
  const allBatchNorm = fieldControl({
    label: t('layer.allBatchNorm'),
    field: layerField('batchNorm'),
    value: current.model.hidden.length > 0 && current.model.hidden.every((l) => l.batchNorm),
    name: 'all.batchNorm',
    help: t('explain.batchNorm'),
    onChange: (v) =>
      setLayers(
        current.model.hidden.map((l) =>
          isLayerFieldRelevant(current, l, 'batchNorm') ? { ...l, batchNorm: v === true } : l,
        ),
      ),
  });

  const flow = h('p', { class: 'layer-flow', 'data-layer-flow': '' });
  const notes = h('p', { class: 'field-note layer-notes', role: 'status' });
  const outputLine = h('p', { class: 'layer-output layer-output-final' });

  const updateLayer = (i: number) => (change: (l: LayerSpec, spec: ExperimentSpec) => LayerSpec) =>
    setLayers(current.model.hidden.map((l, j) => (j === i ? change(l, current) : l)));
  const removeLayer = (i: number) => () =>
    setLayers(current.model.hidden.filter((_, j) => j !== i));

  let renderedKinds = '';
  let rows: LayerRow[] = [];
  const none = h('p', { class: 'field-help' }, t('layer.none'));

  const el = section(
    'model',
    t('panel.model'),
    presets,
    h('div', { class: 'layer-shortcuts' }, allActivation.el, allBatchNorm.el),
    flow,
    list,
    none,
    outputLine,
    notes,
    h('div', { class: 'add-layer-row' }, addKind, addButton),
    h('details', { class: 'advanced' }, h('summary', {}, t('panel.advanced')), fields.advanced),
  );

  return {
    el,
    render(s: AppState) {
      const run = s.runs[s.selected]!;
      current = run.spec;
      fields.render(current, s.fieldNotes);
      const hidden = current.model.hidden;
      const kinds = hidden.map((l) => l.kind).join(',');
      if (kinds !== renderedKinds) {
        clear(list);
        rows = hidden.map((l, i) => layerRow(i, l, updateLayer(i), removeLayer(i)));
        list.append(...rows.map((r) => r.li));
        renderedKinds = kinds;
      }
      const network = run.network;
      const features = network && !network.imageInput ? network.inputs : 0;
      const input = specInput(current, features);
      const flows = hiddenShapes(schema.layerKinds, input, hidden);
      const params = builtParameters(network, hidden, flows);
      hidden.forEach((l, i) => rows[i]?.set(current, l, shapeText(flows[i]!), params?.[i] ?? null));

      const inputText = input.image || features > 0 ? shapeText(input) : '…';
      const steps = [
        t('layer.flowInput', { shape: inputText }),
        ...hidden.map((l, i) => `${optionLabel(l.kind)} ${shapeText(flows[i]!)}`),
      ];
      if (network) steps.push(t('layer.flowOutput', { n: network.outputs }));
      flow.textContent = steps.join(' → ');
      const total = params?.reduce((a, b) => a + b, 0);
      outputLine.hidden = !network;
      outputLine.textContent = network
        ? params
          ? t('layer.outputParams', {
              n: network.outputs,
              count: params[params.length - 1]!.toLocaleString(),
              total: total!.toLocaleString(),
            })
          : t('layer.outputUnits', { n: network.outputs })
        : '';

      const layerNotes = Object.entries(s.fieldNotes)
        .filter(([path]) => path.startsWith('model.hidden'))
        .map(([, w]) => (w ? warningText(w) : ''));
      notes.textContent = layerNotes.join(' ');
      notes.hidden = layerNotes.length === 0;

      const image = isImageData(current.data.kind);
      presets.hidden = !image;
      // Conv and pooling need an image: not offered for other data (a link may still carry
      // one; the repair removes it and says why).
      for (const option of addKind.options) {
        const kind = schema.layerKinds.find((k) => k.kind === option.value);
        option.disabled = !image && kind?.needsImage === true;
      }
      if (addKind.selectedOptions[0]?.disabled) addKind.value = 'dense';
      none.hidden = hidden.length > 0;
      addButton.disabled = hidden.length >= schema.limits.maxHiddenLayers;
      const withActivation = relevantLayers('activation');
      const first = withActivation[0];
      if (first)
        allActivation.set(
          withActivation.every((l) => l.activation === first.activation) ? first.activation : '',
        );
      const withBatchNorm = relevantLayers('batchNorm');
      allBatchNorm.set(withBatchNorm.length > 0 && withBatchNorm.every((l) => l.batchNorm));
      allActivation.setVisible(withActivation.length > 0);
      allBatchNorm.setVisible(withBatchNorm.length > 0);
    },
  };
}

function selectedSpec(state: AppState) {
  return state.runs[state.selected]!.spec;
}
