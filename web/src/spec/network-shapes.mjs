// The shape of a sample after each entry of model.hidden, from the spec alone and the engine's
// own declaration of the layer kinds (describe().layerKinds, engine/spec/network_shapes.hpp):
// what the layer editor shows while layers are edited, and what the layer rules check. Plain
// JavaScript so that the Node tests import it too; network-shapes.d.mts gives its types.
//
// A sample flows as an image (C × H × W: an image data kind's input, what conv and pooling
// output) or as a vector ({n, 1, 1}: what dense, flatten and global pooling output). The only
// formulas are the four outputs the declaration names:
//   units     a vector of the field `units` names
//   window    an image; channels from the field `channels` names (absent: unchanged), each side
//             ⌊(side + 2·padding − size)/stride⌋ + 1 with the fields `window` names
//   flatten   a vector of C·H·W;   channels  a vector of C
// A layer the rules refuse (needsImage on a vector, a window larger than its input) passes its
// input on unchanged, as in the engine, so the layers after it still get a shape.

/** @param {number} n */
export const vectorShape = (n) => ({ channels: n, height: 1, width: 1 });

export const shapeSize = (s) => s.channels * s.height * s.width;

// The network's input: the image of an image data kind, else a vector of `features` values.
export function inputShape(dataKinds, dataKind, features) {
  const image = dataKinds.find((d) => d.kind === dataKind)?.image;
  if (image) return { shape: { ...image }, image: true };
  return { shape: vectorShape(features), image: false };
}

const fieldValue = (layer, key) => (key ? Number(layer[key]) : 0);

// The window of a conv or pooling layer: {size, stride, padding}, or null for other kinds.
export function layerWindow(layerKinds, layer) {
  const kind = layerKinds.find((k) => k.kind === layer.kind);
  if (!kind || kind.output !== 'window' || !kind.window) return null;
  return {
    size: fieldValue(layer, kind.window.size),
    stride: fieldValue(layer, kind.window.stride),
    padding: fieldValue(layer, kind.window.padding),
  };
}

export function windowFits(shape, size, padding) {
  return size >= 1 && padding >= 0 && size <= Math.min(shape.height, shape.width) + 2 * padding;
}

const windowSide = (side, w) => Math.floor((side + 2 * w.padding - w.size) / w.stride) + 1;

// The output of one hidden layer for the flow `input`.
export function layerOutput(layerKinds, layer, input) {
  const kind = layerKinds.find((k) => k.kind === layer.kind);
  if (!kind || (kind.needsImage && !input.image)) return input;
  switch (kind.output) {
    case 'units':
      return { shape: vectorShape(fieldValue(layer, kind.units)), image: false };
    case 'flatten':
      return { shape: vectorShape(shapeSize(input.shape)), image: false };
    case 'channels':
      return { shape: vectorShape(input.shape.channels), image: false };
    case 'window': {
      const w = layerWindow(layerKinds, layer);
      if (!w || w.stride < 1 || !windowFits(input.shape, w.size, w.padding)) return input;
      return {
        shape: {
          channels: kind.channels ? fieldValue(layer, kind.channels) : input.shape.channels,
          height: windowSide(input.shape.height, w),
          width: windowSide(input.shape.width, w),
        },
        image: true,
      };
    }
    default:
      return input;
  }
}

// The flow after every entry of `hidden`, in order.
export function hiddenShapes(layerKinds, input, hidden) {
  const out = [];
  let s = input;
  for (const layer of hidden) {
    s = layerOutput(layerKinds, layer, s);
    out.push(s);
  }
  return out;
}
