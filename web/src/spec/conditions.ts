// The engine's conditions (SpecCondition, engine/spec/conditions.cpp) evaluated on the page's
// specs: when a field matters, when a cross-field or layer rule applies.
import type { SpecCondition } from '../engine/engine-api';
import {
  getPath,
  hasField,
  schema,
  type ExperimentSpec,
  type LayerKey,
  type LayerSpec,
} from './experiment-spec';

export function valueAt(spec: ExperimentSpec, path: string): unknown {
  return hasField(path) ? getPath(spec, path) : undefined;
}

function isOn(v: unknown): boolean {
  return v === true || (typeof v === 'number' && v !== 0);
}

// `layer`: the hidden layer a layer field belongs to, for layerOneOf / layerPositive (which never
// hold without one). anyLayer* conditions look only at layers where the named field matters (a
// pooling layer's activation is ignored), as the engine's spec/conditions.cpp.
function conditionHolds(c: SpecCondition, spec: ExperimentSpec, layer?: LayerSpec): boolean {
  const values = c.values ?? [];
  switch (c.op) {
    case 'oneOf':
      return values.includes(String(valueAt(spec, c.path)));
    case 'noneOf':
      return !values.includes(String(valueAt(spec, c.path)));
    case 'isTrue':
      return isOn(valueAt(spec, c.path));
    case 'positive': {
      const v = valueAt(spec, c.path);
      return typeof v === 'number' && v > 0;
    }
    case 'notPositive': {
      const v = valueAt(spec, c.path);
      return !(typeof v === 'number' && v > 0);
    }
    case 'anyLayerOneOf':
    case 'anyLayerIsTrue': {
      const key = c.path as LayerKey;
      const field = schema.layerFields.find((f) => f.path === key);
      return spec.model.hidden.some(
        (l) =>
          field !== undefined &&
          allHold(field.relevantWhen, spec, l) &&
          (c.op === 'anyLayerOneOf' ? values.includes(String(l[key])) : isOn(l[key])),
      );
    }
    case 'layerOneOf':
      return layer !== undefined && values.includes(String(layer[c.path as LayerKey]));
    case 'layerPositive': {
      const v = layer?.[c.path as LayerKey];
      return typeof v === 'number' && v > 0;
    }
  }
}

export function allHold(
  conditions: readonly SpecCondition[] | undefined,
  spec: ExperimentSpec,
  layer?: LayerSpec,
): boolean {
  return (conditions ?? []).every((c) => conditionHolds(c, spec, layer));
}
