// Data: the data set and its generator settings, the input features of the 2D sets, the
// train/validation/test split, the tools to add or remove points on the 2D canvas
// (point-editor.ts) and the user's own table (csv-import.ts).
import type { Controller } from '../../state/controller';
import type { AppState } from '../../state/store';
import { t } from '../../i18n/i18n';
import { h, section } from '../dom';
import { csvImport } from './csv-import';
import { pointEditor } from './point-editor';
import { groupFields } from './spec-fields';

export function dataPanel(controller: Controller, state: AppState) {
  const spec = state.runs[state.selected]!.spec;
  const main = groupFields('data', 'dataset', controller, spec);
  const features = groupFields('data', 'features', controller, spec);
  const split = groupFields('data', 'split', controller, spec);

  const current = h('p', { class: 'custom-current' });
  const classMap = h('p', { class: 'class-map' });

  const editor = pointEditor(controller);
  const el = section(
    'data',
    t('panel.data'),
    main.els,
    h('div', { class: 'features' }, features.els),
    split.els,
    h('details', { class: 'advanced' }, h('summary', {}, t('panel.advanced')), split.advanced),
    editor.el,
    csvImport(controller),
    current,
    classMap,
  );

  return {
    el,
    render(s: AppState) {
      const spec = s.runs[s.selected]!.spec;
      main.render(spec, s.fieldNotes);
      features.render(spec, s.fieldNotes);
      split.render(spec, s.fieldNotes);
      editor.render(s);
      const c = s.custom;
      current.hidden = !(c && spec.data.kind === 'custom');
      if (c)
        current.textContent = t('data.current', {
          name: c.source === 'points' ? t('data.points') : c.name,
          rows: c.data.rows,
          cols: c.data.cols,
          target: c.targets.join(', '),
        });
      // Text class labels: which class number each label became.
      classMap.hidden = !(
        c &&
        spec.data.kind === 'custom' &&
        c.classes.some((l, i) => l !== String(i))
      );
      if (c && !classMap.hidden)
        classMap.textContent = t('data.classMap', {
          map: c.classes.map((label, i) => `${i} = ${label}`).join(', '),
        });
    },
  };
}
