// Python source for a convolutional network: the nn.Module engine/nn/network.cpp builds
// (buildNetwork) from model.hidden's conv, pooling, flatten and dense entries, one named
// nn.Sequential per entry, so that the engine's layers.<k>.* parameters have one torch name each.
//   conv           Conv2d (no bias before batch norm) → [BatchNorm2d] → activation → Dropout2d →
//                  DropBlock (torchvision's drop_block2d with the engine's seeds and keep_prob ramp)
//   maxPool/avgPool MaxPool2d / AvgPool2d(size) (stride = size)
//   globalAvgPool  AdaptiveAvgPool2d(1) + Flatten
//   flatten        Flatten
//   dense          [Flatten an image] → Linear → [BatchNorm1d] → activation → Dropout
import type { ExperimentSpec, ImageShape, LayerSpec } from '../engine/engine-api';
import { schema } from '../spec/experiment-spec';
import { engineDropBlockForward, engineDropoutCode } from './dropout-code';
import { float64Literal } from './python-literals';
import {
  activationCode,
  denseLayerText,
  kSingleRowBatchNorm1d,
  layerCallLines,
  layerHelperCode,
  netDocstring,
} from './torch-module-code';

export function isTrainable(l: LayerSpec): boolean {
  return l.kind === 'dense' || l.kind === 'conv';
}

// A network the dense-only code cannot write: some entry of model.hidden is not dense.
export function isConvolutional(spec: ExperimentSpec): boolean {
  return spec.model.hidden.some((l) => l.kind !== 'dense');
}

// The image shape of a data kind (digits 1×8×8, shapes 1×12×12), or null.
export function imageShapeOf(kind: string): ImageShape | null {
  const image = (schema.dataKinds as { kind: string; image?: ImageShape }[]).find(
    (d) => d.kind === kind,
  )?.image;
  return image ?? null;
}

// The largest odd block side ≤ min(blockSize, side), 1 at least (network.cpp, fittingBlock).
export function fittingBlock(blockSize: number, side: number): number {
  let b = Math.min(blockSize, side);
  if (b % 2 === 0) b -= 1;
  return Math.max(1, b);
}

interface Flow {
  shape: ImageShape; // the entry's input (a vector as channels × 1 × 1)
  image: boolean;
}

// Each entry's input shape, and the output layer's input, as buildNetwork computes them.
export function shapeFlow(spec: ExperimentSpec, input: ImageShape): { entries: Flow[]; out: Flow } {
  let s: Flow = { shape: input, image: true };
  const entries: Flow[] = [];
  for (const l of spec.model.hidden) {
    entries.push(s);
    const { channels: c, height: h, width: w } = s.shape;
    switch (l.kind) {
      case 'dense':
        s = { shape: { channels: l.units, height: 1, width: 1 }, image: false };
        break;
      case 'conv': {
        const side = (n: number) => Math.floor((n + 2 * l.padding - l.kernel) / l.stride) + 1;
        s = { shape: { channels: l.channels, height: side(h), width: side(w) }, image: true };
        break;
      }
      case 'maxPool':
      case 'avgPool':
        s = {
          shape: {
            channels: c,
            height: Math.floor(h / l.size),
            width: Math.floor(w / l.size),
          },
          image: true,
        };
        break;
      case 'globalAvgPool':
        s = { shape: { channels: c, height: 1, width: 1 }, image: false };
        break;
      case 'flatten':
        s = { shape: { channels: c * h * w, height: 1, width: 1 }, image: false };
        break;
    }
  }
  return { entries, out: s };
}

function size(s: ImageShape): number {
  return s.channels * s.height * s.width;
}

function entryText(l: LayerSpec): string {
  switch (l.kind) {
    case 'conv': {
      const extras = [
        l.batchNorm ? 'batch norm' : '',
        l.dropout > 0 ? `Dropout2d ${l.dropout}` : '',
        l.dropBlock > 0 ? `DropBlock ${l.dropBlock} (block ${l.blockSize})` : '',
      ].filter(Boolean);
      return `conv ${l.channels}×${l.kernel}×${l.kernel}/${l.stride} pad ${l.padding} ${l.activation}${extras.length ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'maxPool':
      return `max pool ${l.size}`;
    case 'avgPool':
      return `avg pool ${l.size}`;
    case 'globalAvgPool':
      return 'global avg pool';
    case 'flatten':
      return 'flatten';
    default:
      return denseLayerText(l);
  }
}

export function cnnArchitectureText(spec: ExperimentSpec, input: ImageShape, outputs: number) {
  return [
    `${input.channels}×${input.height}×${input.width}`,
    ...spec.model.hidden.map(entryText),
    `${outputs}`,
  ].join(' → ');
}

// The engine's parameter names (layers.<k>.weight / bias / bnScale / bnShift, k counting the
// dense and conv entries, then the output layer) in the module.
export function cnnTorchName(name: string, hidden: readonly LayerSpec[]): string {
  const m = /^layers\.(\d+)\.(weight|bias|bnScale|bnShift)$/.exec(name);
  if (!m) throw new Error(`exportPyTorch: unexpected parameter name ${name}`);
  const k = Number(m[1]);
  const what = m[2]!;
  const trainable = hidden.flatMap((l, i) => (isTrainable(l) ? [i] : []));
  if (k === trainable.length) {
    if (what !== 'weight' && what !== 'bias') throw new Error(`unexpected parameter ${name}`);
    return `output.${what}`;
  }
  const i = trainable[k];
  if (i === undefined) throw new Error(`exportPyTorch: unexpected parameter name ${name}`);
  if (what === 'bnScale') return `hidden.${i}.norm.weight`;
  if (what === 'bnShift') return `hidden.${i}.norm.bias`;
  return `hidden.${i}.${hidden[i]!.kind === 'conv' ? 'conv' : 'linear'}.${what}`;
}

export interface CnnModelOptions {
  withDropout: boolean; // some variant drops: dense entries get nn.Dropout, conv entries nn.Dropout2d
  singleRowBatches: boolean; // a training batch of one row can reach batch norm
}

// Whether some conv entry uses DropBlock.
export function usesDropBlock(spec: ExperimentSpec): boolean {
  return spec.model.hidden.some((l) => l.kind === 'conv' && l.dropBlock > 0);
}

export function cnnModelCode(
  spec: ExperimentSpec,
  input: ImageShape,
  outputs: number,
  options: CnnModelOptions,
): string {
  const m = spec.model;
  const hidden = m.hidden;
  const flow = shapeFlow(spec, input);
  const parts: string[] = [];
  const norm1d = hidden.some((l) => l.kind === 'dense' && l.batchNorm);
  const norm2d = hidden.some((l) => l.kind === 'conv' && l.batchNorm);
  const dropBlock = usesDropBlock(spec);
  if (norm1d && options.singleRowBatches) parts.push(kSingleRowBatchNorm1d);
  if (norm2d && options.singleRowBatches)
    parts.push(`class BatchNorm2d(nn.BatchNorm2d):
    """torch's BatchNorm2d, except for a training batch of one value per channel (one image of
    1 × 1 maps; torch raises): the engine uses the running statistics there, as in eval mode."""

    def forward(self, x):
        if self.training and x.shape[0] * x.shape[2] * x.shape[3] == 1:
            return nn.functional.batch_norm(
                x, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, self.eps
            )
        return super().forward(x)`);
  if (options.withDropout || dropBlock) parts.push(engineDropoutCode());
  if (dropBlock)
    parts.push(
      [
        `DROP_BLOCK_RAMP_STEPS = ${m.dropBlockRampSteps}  # keep_prob falls from 1 to its target over these steps`,
        '',
        '',
        'def drop_block_keep_prob(step, ramp_steps, target_keep_prob):',
        '    """Scheduled DropBlock (Ghiasi et al. 2018, §3), as the engine: keep_prob falls linearly',
        '    from 1 at step 0 to its target at step ramp_steps (0-based optimizer steps)."""',
        '    if ramp_steps <= 0:',
        '        return target_keep_prob',
        '    t = min(max(step, 0), ramp_steps)',
        '    return 1.0 - (1.0 - target_keep_prob) * t / ramp_steps',
        '',
        '',
        'class DropBlock(nn.Module):',
        '    """DropBlock as torchvision.ops.drop_block2d (γ = rate·H·W / (b²·(H − b + 1)·(W − b + 1)),',
        '    b × b blocks of each channel, the output scaled by numel / (ε + Σ mask) over the whole',
        "    batch), with the engine's seeds, at the rate the training loop sets before each step:",
        '    1 − keep_prob(step). The identity in eval mode."""',
        '',
        '    def __init__(self, drop, block_size):',
        '        super().__init__()',
        '        self.drop = drop  # the target 1 − keep_prob',
        '        self.block_size = block_size',
        '        self.rate = 0.0',
        "        self.draws = None  # the network's EngineDraws (build_model sets it)",
        '',
        '    def set_step(self, step):',
        '        keep = drop_block_keep_prob(step, DROP_BLOCK_RAMP_STEPS, 1.0 - self.drop)',
        '        self.rate = 1.0 - keep',
        '',
        ...engineDropBlockForward(),
      ].join('\n'),
    );
  const n1 = norm1d && options.singleRowBatches ? 'BatchNorm1d' : 'nn.BatchNorm1d';
  const n2 = norm2d && options.singleRowBatches ? 'BatchNorm2d' : 'nn.BatchNorm2d';
  const eps = `eps=${float64Literal(m.batchNormEps)}`;
  const momentum = `momentum=${float64Literal(m.batchNormMomentum)}`;
  const layerLines: string[] = [];
  const indent = '                ';
  hidden.forEach((l, k) => {
    const s = flow.entries[k]!;
    const pieces: string[] = [];
    let normArgs: string[] = [];
    let norm = '';
    switch (l.kind) {
      case 'conv': {
        const args = [
          `${s.shape.channels}`,
          `${l.channels}`,
          `kernel_size=${l.kernel}`,
          `stride=${l.stride}`,
          `padding=${l.padding}`,
        ];
        if (l.batchNorm) args.push('bias=False');
        pieces.push(`conv=nn.Conv2d(${args.join(', ')})`);
        if (l.batchNorm) {
          norm = n2;
          normArgs = [`${l.channels}`, eps, momentum];
          pieces.push(`norm=${n2}(${normArgs.join(', ')})`);
        }
        pieces.push(`act=${activationCode(l.activation, m.leakySlope)}`);
        if (options.withDropout)
          pieces.push(`dropout=EngineDropout(dropout[${k}], per_channel=True)`);
        if (dropBlock) {
          const out = flow.entries[k + 1] ?? flow.out;
          const b = fittingBlock(l.blockSize, Math.min(out.shape.height, out.shape.width));
          pieces.push(`dropblock=DropBlock(${float64Literal(l.dropBlock)}, ${b})`);
        }
        break;
      }
      case 'maxPool':
        pieces.push(`pool=nn.MaxPool2d(${l.size})`);
        break;
      case 'avgPool':
        pieces.push(`pool=nn.AvgPool2d(${l.size})`);
        break;
      case 'globalAvgPool':
        pieces.push('pool=nn.AdaptiveAvgPool2d(1)', 'flatten=nn.Flatten()');
        break;
      case 'flatten':
        pieces.push('flatten=nn.Flatten()');
        break;
      default: {
        if (s.image) pieces.push('flatten=nn.Flatten()');
        pieces.push(
          `linear=nn.Linear(${size(s.shape)}, ${l.units}${l.batchNorm ? ', bias=False' : ''})`,
        );
        if (l.batchNorm) {
          norm = n1;
          normArgs = [`${l.units}`, eps, momentum];
          pieces.push(`norm=${n1}(${normArgs.join(', ')})`);
        }
        pieces.push(`act=${activationCode(l.activation, m.leakySlope)}`);
        if (options.withDropout) pieces.push(`dropout=EngineDropout(dropout[${k}])`);
      }
    }
    layerLines.push(...layerCallLines(pieces, indent, norm, normArgs));
  });
  const doc = netDocstring(
    `${cnnArchitectureText(spec, input, outputs)}, as the engine builds it. Inputs are images N × C × H × W. Per conv entry Conv2d (without bias when batch norm follows: β replaces it) → [BatchNorm2d] → activation${options.withDropout ? ' → Dropout2d (whole channels)' : ''}${dropBlock ? ' → DropBlock' : ''}${options.withDropout || dropBlock ? " (the engine's masks)" : ''}; pooling with stride = size; a dense entry flattens an image first; then a Linear output layer on the flattened features (the loss applies the sigmoid / softmax).`,
  );
  const init = options.withDropout ? 'def __init__(self, dropout):' : 'def __init__(self):';
  parts.push(layerHelperCode('conv'));
  const setStep = dropBlock
    ? [
        '',
        '    def set_drop_block_step(self, step):',
        '        """DropBlock\'s scheduled rate for the 0-based optimizer step about to run."""',
        '        for module in self.modules():',
        '            if isinstance(module, DropBlock):',
        '                module.set_step(step)',
      ]
    : [];
  parts.push(
    [
      'class Net(nn.Module):',
      ...doc,
      '',
      `    ${init}`,
      '        super().__init__()',
      '        self.hidden = nn.ModuleList(',
      '            [',
      ...layerLines,
      '            ]',
      '        )',
      `        self.output = nn.Linear(${size(flow.out.shape)}, ${outputs})`,
      '',
      '    def forward(self, x):',
      '        for hidden in self.hidden:',
      '            x = hidden(x)',
      '        return self.output(x.flatten(1))',
      '',
      '    def layer_parameters(self):',
      '        """Per trainable layer (conv and dense entries, then the output layer): its weight and',
      '        its other parameters (the bias, or batch norm\'s γ and β)."""',
      '        out = []',
      '        for h in self.hidden:',
      '            main = h.conv if hasattr(h, "conv") else getattr(h, "linear", None)',
      '            if main is not None:',
      '                others = [p for p in h.parameters() if p is not main.weight]',
      '                out.append((main.weight, others))',
      '        out.append((self.output.weight, [self.output.bias]))',
      '        return out',
      ...setStep,
    ].join('\n'),
  );
  return parts.join('\n\n\n');
}
