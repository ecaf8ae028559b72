// A layer list in one line (layer-summary.ts) and the run legend's "what this run changes"
// (run-legend.ts): dense lists as before ("16–8"), CNNs by kind and size.
import { describe, expect, it } from 'vitest';
import { defaultLayer, defaultSpec, type LayerSpec } from '../../web/src/spec/experiment-spec';
import { layerPreset } from '../../web/src/spec/layer-presets';
import { layersText } from '../../web/src/spec/layer-summary';
import { runDifference } from '../../web/src/ui/run-legend';

const layer = (fields: Partial<LayerSpec>): LayerSpec => ({ ...defaultLayer(), ...fields });

describe('layer lists in one line', () => {
  it('writes dense lists as their units and CNNs by kind', () => {
    expect(layersText([layer({ units: 16 }), layer({ units: 8 })])).toBe('16–8');
    expect(layersText([])).toBe('0');
    expect(layersText([...layerPreset('cnn'), layer({ units: 32 })])).toBe(
      'conv16·max2·conv32·flatten·32',
    );
    expect(
      layersText([
        layer({ kind: 'conv', channels: 4 }),
        layer({ kind: 'avgPool', size: 3 }),
        layer({ kind: 'globalAvgPool' }),
      ]),
    ).toBe('conv4·avg3·gap');
  });

  it('names a CNN run by its layers, and a changed conv field by its value', () => {
    const base = defaultSpec();
    base.data.kind = 'digits';
    const cnn = { ...base, model: { ...base.model, hidden: layerPreset('cnn') } };
    expect(runDifference(base, cnn)).toBe('layers conv16·max2·conv32·flatten');
    const wider = structuredClone(cnn);
    wider.model.hidden[0]!.kernel = 5;
    wider.model.hidden[2]!.kernel = 5;
    wider.model.hidden[1]!.kernel = 7; // a pooling layer's kernel does not matter
    expect(runDifference(cnn, wider)).toBe('Kernel 5');
  });
});
