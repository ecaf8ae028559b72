// The schema-driven controls of one group of the presentation table (spec/presentation.ts),
// bound to the selected run's spec: built once, then kept in step with the state (values, and
// which fields matter for the current choices). Expert settings are returned apart, for an
// "Advanced" disclosure.
import { field, getPath, type ExperimentSpec, type SpecPath } from '../../spec/experiment-spec';
import {
  groupRows,
  type GroupName,
  type PanelName,
  type Presentation,
} from '../../spec/presentation';
import { isRelevant } from '../../spec/rules';
import type { Controller } from '../../state/controller';
import { t, warningText, type MessageKey } from '../../i18n/i18n';
import type { FieldNotes } from '../../state/store';
import { fieldControl, type FieldControl } from './field';

interface SpecFieldGroup {
  els: HTMLElement[]; // basic settings, in table order
  advanced: HTMLElement[]; // expert settings
  // notes: what a cross-field rule did to a field after the last change (AppState.fieldNotes).
  render(spec: ExperimentSpec, notes?: FieldNotes): void;
}

export function fieldLabel(path: SpecPath): string {
  return t(`field.${path}` as MessageKey);
}

function specFields(
  rows: readonly Presentation[],
  controller: Controller,
  spec: ExperimentSpec,
): SpecFieldGroup {
  const controls: [Presentation, FieldControl][] = rows.map((row) => [
    row,
    fieldControl({
      label: fieldLabel(row.path),
      field: field(row.path),
      value: getPath(spec, row.path),
      slider: row.slider,
      name: row.path,
      onChange: (v) => controller.setField(row.path, v),
    }),
  ]);
  return {
    els: controls.filter(([r]) => !r.advanced).map(([, c]) => c.el),
    advanced: controls.filter(([r]) => r.advanced).map(([, c]) => c.el),
    render(s, notes = {}) {
      for (const [row, c] of controls) {
        c.set(getPath(s, row.path));
        c.setVisible(isRelevant(s, row.path));
        const note = notes[row.path];
        c.note(note ? warningText(note) : '');
      }
    },
  };
}

export function groupFields(
  panel: PanelName,
  group: GroupName,
  controller: Controller,
  spec: ExperimentSpec,
): SpecFieldGroup {
  return specFields(groupRows(panel, group), controller, spec);
}
