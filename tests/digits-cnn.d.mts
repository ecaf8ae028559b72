import type { LayerSpec } from '../web/src/engine/engine-api';

export declare const kDigitsCnnLayers: readonly Partial<LayerSpec>[];
