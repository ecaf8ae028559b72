// A group of schema-driven controls bound to the selected run's spec: built once, then kept in
// step with the state (values, and which fields matter for the current choices).
import {
  field,
  getPath,
  isRelevant,
  type ExperimentSpec,
  type SpecPath,
} from '../../spec/experiment-spec';
import type { Controller } from '../../state/controller';
import { t, type MessageKey } from '../../i18n/i18n';
import { fieldControl, type FieldControl } from './field';

export interface SpecFieldGroup {
  els: HTMLElement[];
  render(spec: ExperimentSpec): void;
}

export const kSliders: Partial<Record<SpecPath, 'log' | 'linear'>> = {
  'optimizer.lr': 'log',
  'penalty.lambda': 'log',
  'optimizer.weightDecay': 'log',
  'data.noise': 'linear',
  'penalty.l1Ratio': 'linear',
  'penalty.p': 'linear',
  'training.jitter': 'linear',
};

export function specFields(
  paths: SpecPath[],
  controller: Controller,
  spec: ExperimentSpec,
): SpecFieldGroup {
  const controls: [SpecPath, FieldControl][] = paths.map((path) => [
    path,
    fieldControl({
      label: t(`field.${path}` as MessageKey),
      field: field(path),
      value: getPath(spec, path),
      slider: kSliders[path],
      name: path,
      onChange: (v) => controller.setField(path, v),
    }),
  ]);
  return {
    els: controls.map(([, c]) => c.el),
    render(s) {
      for (const [path, c] of controls) {
        c.set(getPath(s, path));
        c.setVisible(isRelevant(s, path));
      }
    },
  };
}
