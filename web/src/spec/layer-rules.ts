// The engine's layer rules (schema.layerRules, engine/spec/layer_rules.hpp) applied to the page's
// specs: a conv or pooling layer without an image to work on is removed, a window or DropBlock
// block larger than the shape it meets is clamped, and a CNN's batch is kept inside the memory
// budget. As in the engine, the layers are repaired one by one from the first, each on the shape
// it receives after the earlier repairs (network-shapes.mjs), then the batch size. The checks
// are the four the declaration names (engine-api.d.ts LayerRule); kinds, fields, conditions and
// bounds are read from the rules.
import type { LayerRule } from '../engine/engine-api';
import { allHold } from './conditions';
import { schema, type ExperimentSpec, type LayerKey, type LayerSpec } from './experiment-spec';
import {
  hiddenShapes,
  inputShape,
  layerOutput,
  layerWindow,
  shapeSize,
  windowFits,
  type FlowShape,
} from './network-shapes.mjs';

export interface LayerRuleRepair {
  rule: LayerRule;
  path: string; // 'model.hidden[2].kernel', 'model.hidden[0]' (removed), 'training.batchSize'
  from: number | string;
  to: number | string; // a removed layer: its kind
  removed: boolean;
}

// The input of spec's network as far as the spec tells (a vector's length does not matter to
// the rules: only images have windows).
export function specInput(spec: ExperimentSpec, features = 0): FlowShape {
  return inputShape(schema.dataKinds, spec.data.kind, features);
}

function appliesTo(rule: LayerRule, spec: ExperimentSpec, layer: LayerSpec): boolean {
  return rule.kinds.includes(layer.kind) && allHold(rule.when, spec, layer);
}

const oddAtMost = (v: number) => Math.max(1, v % 2 === 0 ? v - 1 : v);

// The value the rule's repair writes to the layer's field when the layer breaks the rule on
// input `input` (null: it holds; 'remove': the layer goes).
function violation(rule: LayerRule, layer: LayerSpec, input: FlowShape): number | 'remove' | null {
  const value = Number(layer[rule.field as LayerKey]);
  switch (rule.check) {
    case 'imageInput':
      return input.image ? null : 'remove';
    case 'windowFits': {
      const w = layerWindow(schema.layerKinds, layer);
      if (!input.image || !w || windowFits(input.shape, w.size, w.padding)) return null;
      return Math.min(input.shape.height, input.shape.width) + 2 * w.padding;
    }
    case 'blockFits': {
      const w = layerWindow(schema.layerKinds, layer);
      if (!input.image || !w || !windowFits(input.shape, w.size, w.padding)) return null;
      const out = layerOutput(schema.layerKinds, layer, input).shape;
      const side = Math.min(out.height, out.width);
      if (value % 2 === 1 && value <= side) return null;
      return oddAtMost(Math.min(value, side));
    }
    case 'batchActivations':
      return null; // the whole network's: see batchBudget
  }
}

// The values one training sample holds (batchActivations): the input's and every hidden
// entry's output, and each conv entry's im2col matrix, C_in·kernel²·H'·W'.
export function activationsPerSample(input: FlowShape, hidden: readonly LayerSpec[]): number {
  const flows = hiddenShapes(schema.layerKinds, input, hidden);
  let n = shapeSize(input.shape);
  hidden.forEach((layer, i) => {
    const before = i === 0 ? input : flows[i - 1]!;
    const out = flows[i]!.shape;
    n += shapeSize(out);
    const w = layerWindow(schema.layerKinds, layer);
    if (layer.kind === 'conv' && w && before.image && windowFits(before.shape, w.size, w.padding))
      n += before.shape.channels * w.size * w.size * out.height * out.width;
  });
  return n;
}

// The largest batch size the budget allows, or 0 when the rule does not apply.
export function batchBudget(spec: ExperimentSpec): { rule: LayerRule; most: number } | null {
  const rule = schema.layerRules.find((r) => r.check === 'batchActivations');
  const input = specInput(spec);
  if (!rule || !input.image || !spec.model.hidden.some((l) => appliesTo(rule, spec, l)))
    return null;
  const values = activationsPerSample(input, spec.model.hidden);
  return { rule, most: Math.max(1, Math.floor((rule.bound ?? 0) / Math.max(1, values))) };
}

// Every layer rule repaired; `repairs` says what changed, for the page to show.
export function repairLayerRules(spec: ExperimentSpec): {
  spec: ExperimentSpec;
  repairs: LayerRuleRepair[];
} {
  const repairs: LayerRuleRepair[] = [];
  const kept: LayerSpec[] = [];
  let input = specInput(spec);
  spec.model.hidden.forEach((original, i) => {
    const layer = { ...original };
    for (const rule of schema.layerRules) {
      if (!appliesTo(rule, spec, layer)) continue;
      const fix = violation(rule, layer, input);
      if (fix === null) continue;
      if (fix === 'remove') {
        repairs.push({
          rule,
          path: `model.hidden[${i}]`,
          from: layer.kind,
          to: layer.kind,
          removed: true,
        });
        return;
      }
      const key = rule.field as LayerKey;
      repairs.push({
        rule,
        path: `model.hidden[${i}].${key}`,
        from: Number(layer[key]),
        to: fix,
        removed: false,
      });
      (layer as unknown as Record<string, unknown>)[key] = fix;
    }
    input = layerOutput(schema.layerKinds, layer, input);
    kept.push(layer);
  });
  let out: ExperimentSpec = repairs.length
    ? { ...spec, model: { ...spec.model, hidden: kept } }
    : spec;
  const budget = batchBudget(out);
  if (budget && out.training.batchSize > budget.most) {
    repairs.push({
      rule: budget.rule,
      path: budget.rule.field,
      from: out.training.batchSize,
      to: budget.most,
      removed: false,
    });
    out = { ...out, training: { ...out.training, batchSize: budget.most } };
  }
  return { spec: out, repairs };
}
