// Types of network-shapes.mjs (plain JavaScript so that the Node tests import it too; they
// check its shapes against the engine's trainer.network()).
import type { ImageShape, LayerKindSchema, LayerSpec, SpecSchema } from '../engine/engine-api';

export interface FlowShape {
  shape: ImageShape; // a vector of n is {channels: n, height: 1, width: 1}
  image: boolean; // an image (conv and pooling may follow), else a vector
}
export interface LayerWindow {
  size: number;
  stride: number;
  padding: number;
}

export declare function vectorShape(n: number): ImageShape;
export declare function shapeSize(s: ImageShape): number;
export declare function inputShape(
  dataKinds: SpecSchema['dataKinds'],
  dataKind: string,
  features: number,
): FlowShape;
export declare function layerWindow(
  layerKinds: readonly LayerKindSchema[],
  layer: LayerSpec,
): LayerWindow | null;
export declare function windowFits(shape: ImageShape, size: number, padding: number): boolean;
export declare function layerOutput(
  layerKinds: readonly LayerKindSchema[],
  layer: LayerSpec,
  input: FlowShape,
): FlowShape;
export declare function hiddenShapes(
  layerKinds: readonly LayerKindSchema[],
  input: FlowShape,
  hidden: readonly LayerSpec[],
): FlowShape[];
