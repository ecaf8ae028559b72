// Python text shared by the dense-only and the convolutional nn.Module writers
// (model-code.ts, cnn-model-code.ts): activations, the single-row BatchNorm1d, the layer()
// helper, the Net docstring and a layer's call lines.
import type { LayerSpec } from '../engine/engine-api';
import { float64Literal, pyCall, wrapText } from './python-literals';

const kActivation: Record<string, (slope: number) => string> = {
  relu: () => 'nn.ReLU()',
  leakyRelu: (slope) => `nn.LeakyReLU(${float64Literal(slope)})`,
  tanh: () => 'nn.Tanh()',
  sigmoid: () => 'nn.Sigmoid()',
  linear: () => 'nn.Identity()',
};

// The torch module of an engine activation (leakySlope: the model's LeakyReLU slope).
export function activationCode(activation: string, leakySlope: number): string {
  return kActivation[activation]!(leakySlope);
}

// A dense layer in the architecture line: "16 relu (batch norm, dropout 0.2)".
export function denseLayerText(l: LayerSpec): string {
  const extras = [l.batchNorm ? 'batch norm' : '', l.dropout > 0 ? `dropout ${l.dropout}` : '']
    .filter(Boolean)
    .join(', ');
  return `${l.units} ${l.activation}${extras ? ` (${extras})` : ''}`;
}

export const kSingleRowBatchNorm1d = `class BatchNorm1d(nn.BatchNorm1d):
    """torch's BatchNorm1d, except for a training batch of a single row (torch raises): the
    engine normalises it with the running statistics, as in eval mode, and leaves them as they
    are (one row has no variance)."""

    def forward(self, x):
        if self.training and x.shape[0] == 1:
            return nn.functional.batch_norm(
                x, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, self.eps
            )
        return super().forward(x)`;

// def layer(**parts); example: the first hidden layer's main part ('linear', 'conv').
export function layerHelperCode(example: string): string {
  return [
    'def layer(**parts):',
    `    """A named nn.Sequential: hidden.0.${example}.weight reads better than hidden.0.0.weight."""`,
    '    return nn.Sequential(OrderedDict(parts))',
  ].join('\n');
}

// The Net class docstring's lines, wrapped at the class body's indent.
export function netDocstring(text: string): string[] {
  const doc = wrapText(text, '    ');
  doc[0] = doc[0]!.replace('    ', '    """');
  doc[doc.length - 1] += '"""';
  return doc;
}

// One hidden entry's `layer(...)` call at indent; a batch norm with long numbers (the piece
// starting norm=) gets its own arguments one per line too.
export function layerCallLines(
  pieces: string[],
  indent: string,
  norm: string,
  normArgs: string[],
): string[] {
  return pyCall('layer', pieces, indent, ',').flatMap((line) =>
    line.length > 100 && line.trimStart().startsWith('norm=')
      ? pyCall(`norm=${norm}`, normArgs, `${indent}    `, ',')
      : [line],
  );
}
