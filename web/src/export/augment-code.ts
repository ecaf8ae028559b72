// Python source for the engine's image augmentation (engine/train/image_augment.cpp, applied in
// Trainer::augmentImages): per training image, in batch order, a left-right flip with
// probability ½, a rotation by U(−θ, θ) degrees about the centre (bilinear, zeros outside) and
// an integer shift in [−s, s] in x then y, drawn from the engine's generator on its augmentation
// stream, so the script draws the engine's transforms. The engine augments the raw pixels: the
// scaled batch is unscaled, transformed and scaled again, in float32 as the engine does.
// Exact unless jitter or mixup also draws from that stream (then the later transforms differ,
// and the header says augmentation is statistical).
import type { ExperimentSpec } from '../engine/engine-api';
import { imageShapeOf } from './cnn-model-code';
import { float64Literal } from './python-literals';

export const kAugmentStream = 0xa06e;

// Whether the engine augments this run's training batches (image data only).
export function augments(spec: ExperimentSpec): boolean {
  const t = spec.training;
  if (!imageShapeOf(spec.data.kind)) return false;
  return t.augmentShift > 0 || t.augmentRotation > 0 || t.augmentFlip;
}

export function augmentCode(spec: ExperimentSpec): string {
  const t = spec.training;
  return [
    `AUGMENT_STREAM = 0x${kAugmentStream.toString(16).toUpperCase()}  # the engine's random stream for augmentation (and jitter, mixup)`,
    `AUGMENT_SHIFT = ${t.augmentShift}  # pixels, in x and in y`,
    `AUGMENT_ROTATION = ${float64Literal(t.augmentRotation)}  # degrees`,
    `AUGMENT_FLIP = ${t.augmentFlip ? 'True' : 'False'}  # left-right, for half of the images`,
    '',
    '',
    'def snap(v):',
    '    """A coordinate within 1e-9 of a whole number is that number (exact 90° turns)."""',
    '    r = np.where(v >= 0, np.floor(v + 0.5), np.ceil(v - 0.5))  # std::round',
    '    return np.where(np.abs(v - r) < 1e-9, r, v)',
    '',
    '',
    'def bilinear(img, x, y):',
    '    """Bilinear samples of every plane of img (C × H × W) at float64 (x, y); neighbours outside',
    '    the plane read 0. Terms summed in the engine\'s order."""',
    '    _, h, w = img.shape',
    '    fx, fy = np.floor(x), np.floor(y)',
    '    x0, y0 = fx.astype(np.int64), fy.astype(np.int64)',
    '    ax, ay = x - fx, y - fy',
    '',
    '    def at(yy, xx):',
    '        inside = (xx >= 0) & (xx < w) & (yy >= 0) & (yy < h)',
    '        v = img[:, np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1)].astype(np.float64)',
    '        return np.where(inside, v, 0.0)',
    '',
    '    v = (1.0 - ax) * (1.0 - ay) * at(y0, x0)',
    '    v = v + ax * (1.0 - ay) * at(y0, x0 + 1)',
    '    v = v + (1.0 - ax) * ay * at(y0 + 1, x0)',
    '    return v + ax * ay * at(y0 + 1, x0 + 1)',
    '',
    '',
    'def transform_image(img, flip, angle, dx, dy):',
    '    """One raw image (C × H × W, float32) shifted by (dx, dy), rotated by angle degrees about',
    '    its centre and flipped left-right, as the engine\'s transformImage samples it."""',
    '    _, h, w = img.shape',
    '    y, x = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")',
    '    qx, qy = x - dx, y - dy  # undo the shift',
    '    inside = (qx >= 0) & (qx < w) & (qy >= 0) & (qy < h)',
    '    if angle == 0.0:',
    '        sx = np.clip(w - 1 - qx if flip else qx, 0, w - 1)',
    '        v = img[:, np.clip(qy, 0, h - 1), sx]',
    '        return np.where(inside, v, np.float32(0))',
    '    cx, cy = (w - 1) / 2.0, (h - 1) / 2.0',
    '    rad = angle * math.pi / 180.0',
    '    cs, sn = math.cos(rad), math.sin(rad)',
    '    rx, ry = qx - cx, qy - cy  # undo the rotation: the flipped image at c + R(q − c)',
    '    sx = snap(cx + cs * rx - sn * ry)',
    '    sy = snap(cy + sn * rx + cs * ry)',
    '    if flip:',
    '        sx = (w - 1) - sx',
    '    return np.where(inside, bilinear(img, sx, sy), 0.0).astype(np.float32)',
    '',
    '',
    'class Augmenter:',
    '    """The engine\'s augmentation of each training batch, its draws from the engine\'s',
    '    generator: per image a flip (u < ½), an angle (−θ + 2θ·u) and shifts dx, dy (Lemire draws',
    '    in [0, 2s]), in that order. The batch is unscaled to raw pixels, transformed, and scaled',
    '    again with the training statistics, in float32."""',
    '',
    '    def __init__(self, scaler):',
    '        self.rng = Pcg32(SEED, AUGMENT_STREAM)',
    '        self.scaler = scaler  # (mean, scale) per pixel, or None when not standardised',
    '',
    '    def __call__(self, x):',
    '        images = x.numpy().reshape(len(x), -1)',
    '        if self.scaler is not None:',
    '            images = images * self.scaler[1] + self.scaler[0]',
    '        images = images.reshape((len(x),) + IMAGE_SHAPE)',
    '        out = np.empty_like(images)',
    '        for i, img in enumerate(images):',
    '            flip = AUGMENT_FLIP and self.rng.uniform() < 0.5',
    '            angle = 0.0',
    '            if AUGMENT_ROTATION > 0:',
    '                lo, hi = -AUGMENT_ROTATION, AUGMENT_ROTATION',
    '                angle = lo + (hi - lo) * self.rng.uniform()',
    '            dx = dy = 0',
    '            if AUGMENT_SHIFT > 0:',
    '                dx = self.rng.below(2 * AUGMENT_SHIFT + 1) - AUGMENT_SHIFT',
    '                dy = self.rng.below(2 * AUGMENT_SHIFT + 1) - AUGMENT_SHIFT',
    '            out[i] = transform_image(img, flip, angle, dx, dy)',
    '        if self.scaler is not None:',
    '            out = (out.reshape(len(x), -1) - self.scaler[0]) / self.scaler[1]',
    '        return torch.from_numpy(np.ascontiguousarray(out.reshape(x.shape), dtype=np.float32))',
  ].join('\n');
}
