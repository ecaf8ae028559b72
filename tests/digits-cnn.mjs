// The small CNN on digits (1×8×8) that "What the network sees" is tested with, in the page
// (tests/browser/cnn-views.journey.mjs) and through the worker's run loop
// (tests/web/image-views.test.ts): conv 6 (Dropout2d 0.5) → max pool 2 → conv 8 (DropBlock 0.3,
// block 1) → flatten. Each entry lists only the fields it sets; the tests fill the others from
// the default layer.
export const kDigitsCnnLayers = [
  { kind: 'conv', channels: 6, kernel: 3, padding: 1, activation: 'relu', dropout: 0.5 },
  { kind: 'maxPool', size: 2 },
  {
    kind: 'conv',
    channels: 8,
    kernel: 3,
    padding: 1,
    activation: 'relu',
    dropout: 0,
    dropBlock: 0.3,
    blockSize: 1,
  },
  { kind: 'flatten' },
];
