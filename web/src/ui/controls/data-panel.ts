// Data: the data set and its generator settings, the input features of the 2D sets, the
// train/validation/test split, the user's own CSV (parsed by the engine, with its target column
// chosen here), and the tools to add or remove points on the 2D canvas.
import type { Controller } from '../../state/controller';
import { datasetFromCsv, kMaxCsvRows } from '../../state/custom-data';
import type { AppState, EditMode } from '../../state/store';
import type { ParsedCsv } from '../../worker/protocol';
import { t, type MessageKey } from '../../i18n/i18n';
import { h, section, uid } from '../dom';
import { groupFields } from './spec-fields';

export function dataPanel(controller: Controller, state: AppState) {
  const spec = state.runs[state.selected]!.spec;
  const main = groupFields('data', 'dataset', controller, spec);
  const features = groupFields('data', 'features', controller, spec);
  const split = groupFields('data', 'split', controller, spec);

  // CSV: upload or paste, then choose the target column.
  const status = h('p', { class: 'csv-status', role: 'status', 'aria-live': 'polite' });
  const csvError = h('p', { class: 'csv-error', role: 'alert' });
  const targetId = uid('target');
  const taskId = uid('task');
  const target = h('select', { id: targetId });
  const task = h(
    'select',
    { id: taskId },
    h('option', { value: 'classification' }, t('option.classification')),
    h('option', { value: 'regression' }, t('option.regression')),
  );
  const useButton = h('button', { type: 'button', disabled: true }, t('data.useData'));
  const chooser = h(
    'div',
    { class: 'csv-chooser', hidden: true },
    h('label', { for: targetId }, t('data.target')),
    target,
    h('label', { for: taskId }, t('field.data.task')),
    task,
    useButton,
  );
  let parsed: ParsedCsv | null = null;
  let fileName = 'CSV';

  const read = async (text: string, name: string) => {
    csvError.textContent = '';
    status.textContent = '';
    chooser.hidden = true;
    try {
      parsed = await controller.parseCsv(text, kMaxCsvRows);
    } catch (e) {
      csvError.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    fileName = name;
    target.replaceChildren(
      ...parsed.columns.map((c, i) => h('option', { value: i }, c || `#${i + 1}`)),
    );
    target.value = String(parsed.cols - 1);
    status.textContent = t('data.summary', { rows: parsed.rows, cols: parsed.cols });
    chooser.hidden = false;
    useButton.disabled = false;
  };

  useButton.addEventListener('click', () => {
    if (!parsed) return;
    const r = datasetFromCsv(
      parsed,
      Number(target.value),
      task.value === 'regression' ? 'regression' : 'classification',
      fileName,
    );
    if (!r.ok) {
      const e = r.error;
      csvError.textContent =
        e.code === 'tooManyClasses'
          ? t('csv.tooManyClasses', { count: e.count, max: e.max })
          : t(`csv.${e.code}` as MessageKey);
      return;
    }
    csvError.textContent = '';
    controller.useCustomData(r.dataset);
  });

  const fileId = uid('file');
  const file = h('input', {
    id: fileId,
    type: 'file',
    accept: '.csv,text/csv,text/plain',
    class: 'visually-hidden-file',
  });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    if (f.size > 32 * 1024 * 1024) {
      csvError.textContent = `${f.name}: > 32 MB`;
      return;
    }
    await read(await f.text(), f.name);
    file.value = '';
  });
  const pasteId = uid('paste');
  const paste = h('textarea', {
    id: pasteId,
    rows: 4,
    spellcheck: false,
    placeholder: 'x1,x2,y\n0.5,1.2,1',
  });
  const parseButton = h('button', { type: 'button' }, t('data.parse'));
  parseButton.addEventListener('click', () => void read(paste.value, t('data.paste')));

  const current = h('p', { class: 'custom-current' });

  // Point editing on the 2D canvas.
  const modes: EditMode[] = ['none', 'add0', 'add1', 'remove'];
  const editName = uid('edit');
  const editButtons = modes.map((mode) => {
    const id = uid('mode');
    const input = h('input', { type: 'radio', name: editName, id, value: mode });
    input.addEventListener('change', () => controller.setEditMode(mode));
    return {
      mode,
      input,
      el: h(
        'span',
        { class: `chip mode-${mode}` },
        input,
        h('label', { for: id }, t(`data.edit.${mode}` as MessageKey)),
      ),
    };
  });
  const showTestId = uid('tp');
  const showTest = h('input', { id: showTestId, type: 'checkbox' });
  showTest.addEventListener('change', () => controller.setView({ showTest: showTest.checked }));
  // The same edit without a pointer: type the coordinates.
  const x1Id = uid('x1');
  const x2Id = uid('x2');
  const x1 = h('input', { id: x1Id, type: 'number', step: 'any', value: '0', class: 'coord' });
  const x2 = h('input', { id: x2Id, type: 'number', step: 'any', value: '0', class: 'coord' });
  const at = h('button', { type: 'button', 'data-action': 'edit-at' }, t('data.apply'));
  at.addEventListener('click', () => {
    const a = Number(x1.value);
    const b = Number(x2.value);
    if (Number.isFinite(a) && Number.isFinite(b)) controller.editAt(a, b, 0.25);
  });
  const editTools = h(
    'fieldset',
    { class: 'edit-tools' },
    h('legend', {}, t('data.edit')),
    h(
      'div',
      { class: 'chips' },
      editButtons.map((b) => b.el),
    ),
    h(
      'div',
      { class: 'edit-at' },
      h('label', { for: x1Id }, t('data.pointX1')),
      x1,
      h('label', { for: x2Id }, t('data.pointX2')),
      x2,
      at,
    ),
    h('p', { class: 'field-help' }, t('data.editHint')),
  );

  const el = section(
    'data',
    t('panel.data'),
    main.els,
    h('div', { class: 'features' }, features.els),
    split.els,
    h('details', { class: 'advanced' }, h('summary', {}, t('panel.advanced')), split.advanced),
    h(
      'div',
      { class: 'field field-bool' },
      showTest,
      h('label', { for: showTestId }, t('data.showTest')),
    ),
    editTools,
    h(
      'details',
      { class: 'csv' },
      h('summary', {}, `${t('data.upload')} / ${t('data.paste')}`),
      h('label', { for: fileId, class: 'button-like' }, t('data.upload')),
      file,
      h('label', { for: pasteId }, t('data.pasteLabel')),
      paste,
      parseButton,
      status,
      chooser,
      csvError,
    ),
    current,
  );

  return {
    el,
    render(s: AppState) {
      const spec = s.runs[s.selected]!.spec;
      main.render(spec, s.fieldNotes);
      features.render(spec, s.fieldNotes);
      split.render(spec, s.fieldNotes);
      showTest.checked = s.view.showTest;
      for (const b of editButtons) b.input.checked = b.mode === s.editMode;
      at.disabled = s.editMode === 'none';
      const twoD = !!s.runs[s.selected]?.splits && s.runs[s.selected]!.splits!.train.cols === 2;
      editTools.hidden = !twoD;
      const c = s.custom;
      current.hidden = !(c && spec.data.kind === 'custom');
      if (c)
        current.textContent = t('data.current', {
          name: c.source === 'points' ? t('data.points') : c.name,
          rows: c.data.rows,
          cols: c.data.cols,
          target: c.target,
        });
    },
  };
}
