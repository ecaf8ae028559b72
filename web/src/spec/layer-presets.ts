// The layer lists the editor offers for an image data set: a plain MLP on the pixels, and the
// small CNN of the README's worked example (tests/engine/train/cnn_regularization_example_test.cpp:
// conv 16 (3×3, padding 1), max pool 2, conv 32 (3×3, padding 1), flatten), which fits the
// digits' 8×8 and the shapes' 12×12 alike. Every other field keeps its default.
import { defaultLayer, schema, type LayerSpec } from './experiment-spec';

export type LayerPresetId = 'mlp' | 'cnn';

const layer = (fields: Partial<LayerSpec>): LayerSpec => ({ ...defaultLayer(), ...fields });

export function layerPreset(id: LayerPresetId): LayerSpec[] {
  if (id === 'mlp') return [layer({ units: 32, activation: 'relu' })];
  const conv = { kind: 'conv', kernel: 3, padding: 1, activation: 'relu' } as const;
  return [
    layer({ ...conv, channels: 16 }),
    layer({ kind: 'maxPool', size: 2 }),
    layer({ ...conv, channels: 32 }),
    layer({ kind: 'flatten' }),
  ];
}

// Whether the data kind is an image set (its schema entry has an image shape).
export function isImageData(kind: string): boolean {
  return schema.dataKinds.some((d) => d.kind === kind && d.image !== undefined);
}
