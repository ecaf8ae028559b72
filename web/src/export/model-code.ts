// Python source for the network: the nn.Module the engine builds (engine/nn/model.cpp,
// buildMlp) and its initial weights, copied in so that step 0 is the engine's step 0.
import type { ExperimentSpec } from '../engine/engine-api';
import {
  float32ArrayLines,
  float32Literal,
  float64Literal,
  kReadableValues,
  wrapText,
} from './python-literals';
import type { ExportParam } from './types';
import {
  cnnArchitectureText,
  cnnModelCode,
  cnnTorchName,
  imageShapeOf,
  isConvolutional,
  usesDropBlock,
} from './cnn-model-code';
import {
  activationCode,
  denseLayerText,
  kSingleRowBatchNorm1d,
  layerCallLines,
  layerHelperCode,
  netDocstring,
} from './torch-module-code';

export interface ModelOptions {
  withDropout: boolean; // some variant drops units: every hidden layer gets an nn.Dropout
  singleRowBatches: boolean; // a training batch of one row can reach batch norm
}

// The engine's parameter names (layers.<k>.weight / bias / bnScale / bnShift) in the module.
export function torchName(name: string, hiddenLayers: number): string {
  const m = /^layers\.(\d+)\.(weight|bias|bnScale|bnShift)$/.exec(name);
  if (!m) throw new Error(`exportPyTorch: unexpected parameter name ${name}`);
  const k = Number(m[1]);
  const what = m[2]!;
  if (k === hiddenLayers) {
    if (what !== 'weight' && what !== 'bias') throw new Error(`unexpected parameter ${name}`);
    return `output.${what}`;
  }
  if (what === 'bnScale') return `hidden.${k}.norm.weight`;
  if (what === 'bnShift') return `hidden.${k}.norm.bias`;
  return `hidden.${k}.linear.${what}`;
}

// A convolutional network's input image (the engine refuses conv and pooling entries on other
// data, so a spec that reaches the exporter has one).
export function cnnInput(spec: ExperimentSpec) {
  const shape = imageShapeOf(spec.data.kind);
  if (!shape)
    throw new Error(
      `exportPyTorch: the ${spec.data.kind} set has no image shape; conv, pooling and flatten layers need images`,
    );
  return shape;
}

export function architectureText(spec: ExperimentSpec, inputs: number, outputs: number): string {
  if (isConvolutional(spec)) return cnnArchitectureText(spec, cnnInput(spec), outputs);
  return [`${inputs}`, ...spec.model.hidden.map(denseLayerText), `${outputs}`].join(' → ');
}

export function modelCode(
  spec: ExperimentSpec,
  inputs: number,
  outputs: number,
  options: ModelOptions,
): string {
  if (isConvolutional(spec)) return cnnModelCode(spec, cnnInput(spec), outputs, options);
  const m = spec.model;
  const hidden = m.hidden;
  const anyNorm = hidden.some((l) => l.batchNorm);
  const parts: string[] = [];
  if (anyNorm && options.singleRowBatches) {
    parts.push(kSingleRowBatchNorm1d);
  }
  const norm = anyNorm && options.singleRowBatches ? 'BatchNorm1d' : 'nn.BatchNorm1d';
  const layerLines: string[] = [];
  let width = inputs;
  hidden.forEach((l, k) => {
    const normArgs = [
      `${l.units}`,
      `eps=${float64Literal(m.batchNormEps)}`,
      `momentum=${float64Literal(m.batchNormMomentum)}`,
    ];
    const pieces = [`linear=nn.Linear(${width}, ${l.units}${l.batchNorm ? ', bias=False' : ''})`];
    if (l.batchNorm) pieces.push(`norm=${norm}(${normArgs.join(', ')})`);
    pieces.push(`act=${activationCode(l.activation, m.leakySlope)}`);
    if (options.withDropout) pieces.push(`dropout=nn.Dropout(dropout[${k}])`);
    layerLines.push(...layerCallLines(pieces, '                ', norm, normArgs));
    width = l.units;
  });
  const doc = netDocstring(
    `${architectureText(spec, inputs, outputs)}, as the engine builds it: per hidden layer Linear (without bias when batch norm follows: β replaces it) → [BatchNorm1d] → activation${options.withDropout ? ' → Dropout (inverted, as nn.Dropout)' : ''}; then a Linear output layer (the loss applies the sigmoid / softmax).`,
  );
  const init = options.withDropout ? 'def __init__(self, dropout):' : 'def __init__(self):';
  parts.push(layerHelperCode('linear'));
  parts.push(
    [
      'class Net(nn.Module):',
      ...doc,
      '',
      `    ${init}`,
      '        super().__init__()',
      hidden.length
        ? [
            '        self.hidden = nn.ModuleList(',
            '            [',
            ...layerLines,
            '            ]',
            '        )',
          ].join('\n')
        : '        self.hidden = nn.ModuleList()  # no hidden layer: a linear / logistic model',
      `        self.output = nn.Linear(${width}, ${outputs})`,
      '',
      '    def forward(self, x):',
      '        for hidden in self.hidden:',
      '            x = hidden(x)',
      '        return self.output(x)',
      '',
      '    def layer_parameters(self):',
      '        """Per dense layer, hidden layers first, then the output layer: its weight matrix and',
      '        its other parameters (the bias, or batch norm\'s γ and β)."""',
      '        out = []',
      '        for h in self.hidden:',
      '            others = [p for name, p in h.named_parameters() if name != "linear.weight"]',
      '            out.append((h.linear.weight, others))',
      '        out.append((self.output.weight, [self.output.bias]))',
      '        return out',
    ].join('\n'),
  );
  return parts.join('\n\n\n');
}

// INITIAL_WEIGHTS and build_model(config).
export function initialWeightsCode(
  spec: ExperimentSpec,
  parameters: readonly ExportParam[],
  withDropout: boolean,
): string {
  const L = spec.model.hidden.length;
  const lines = [
    `# The engine's initial weights (${spec.model.init}, seed ${spec.seed}), in PyTorch's layout:`,
    '# step 0 of this script is step 0 of the run.',
    'INITIAL_WEIGHTS = {',
  ];
  for (const p of parameters) {
    const name = isConvolutional(spec)
      ? cnnTorchName(p.name, spec.model.hidden)
      : torchName(p.name, L);
    const count = p.rows * p.cols;
    if (p.values.length !== count)
      throw new Error(`exportPyTorch: ${p.name} has ${p.values.length} values, expected ${count}`);
    if (count > kReadableValues) {
      const arr = float32ArrayLines('X', p.values, p.rows, p.cols);
      // "X = float32_array(  # ..." → '"name": float32_array(  # ...'
      lines.push(`    "${name}": ${arr[0]!.slice(4)}`);
      for (const l of arr.slice(1, -1)) lines.push(`    ${l}`); // many lines: no push(...)
      lines.push(`    ${arr[arr.length - 1]},`);
    } else if (p.rows > 1 && p.cols > 1) {
      lines.push(`    "${name}": [`);
      for (let r = 0; r < p.rows; r++) {
        const row = Array.from(p.values.slice(r * p.cols, (r + 1) * p.cols), float32Literal);
        const one = `        [${row.join(', ')}],`;
        // A long row (a conv filter, a wide layer): its values wrapped inside the brackets.
        if (one.length <= 100) lines.push(one);
        else
          lines.push(
            '        [',
            ...wrapText(row.map((v) => `${v},`).join(' '), '            ', 100),
            '        ],',
          );
      }
      lines.push('    ],');
    } else {
      const items = Array.from(p.values, float32Literal);
      const one = `    "${name}": [${items.join(', ')}],`;
      if (one.length <= 100) lines.push(one);
      else
        lines.push(
          `    "${name}": [`,
          ...wrapText(items.map((v) => `${v},`).join(' '), '        ', 100),
          '    ],',
        );
    }
  }
  lines.push('}');
  const fn = [
    'def build_model(config):',
    '    """The network with the engine\'s initial weights."""',
    `    model = Net(${withDropout ? 'config["dropout"]' : ''})`,
    '    params = dict(model.named_parameters())',
    '    assert params.keys() == INITIAL_WEIGHTS.keys(), "the architecture does not match the weights"',
    '    with torch.no_grad():',
    '        for name, values in INITIAL_WEIGHTS.items():',
    '            values = torch.as_tensor(np.asarray(values, dtype=np.float32))',
    '            params[name].copy_(values.reshape(params[name].shape))',
    ...(isConvolutional(spec) && (withDropout || usesDropBlock(spec))
      ? [
          "    draws = EngineDraws(SEED)  # the engine's dropout stream, fresh for each run",
          '    for module in model.modules():',
          '        if hasattr(module, "draws"):',
          '            module.draws = draws',
        ]
      : []),
    '    return model',
  ];
  return `${lines.join('\n')}\n\n\n${fn.join('\n')}`;
}
