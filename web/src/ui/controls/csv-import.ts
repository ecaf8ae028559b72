// The user's own table: upload a CSV file or paste its text; the engine parses it (in the
// worker); then the user picks the target: one column (the class) for classification, one or
// more columns for regression (one network output each), and trains on it.
import type { Controller } from '../../state/controller';
import { datasetFromCsv, kMaxCsvRows, kMaxTargets } from '../../state/custom-data';
import type { ParsedCsv } from '../../worker/protocol';
import { t, type MessageKey } from '../../i18n/i18n';
import { h, uid } from '../dom';

const kMaxFileBytes = 32 * 1024 * 1024;

export function csvImport(controller: Controller): HTMLElement {
  const status = h('p', { class: 'csv-status', role: 'status', 'aria-live': 'polite' });
  const csvError = h('p', { class: 'csv-error', role: 'alert' });
  const taskId = uid('task');
  const task = h(
    'select',
    { id: taskId },
    h('option', { value: 'classification' }, t('option.classification')),
    h('option', { value: 'regression' }, t('option.regression')),
  );
  const targets = h('div', { class: 'chips csv-targets' });
  const useButton = h('button', { type: 'button', disabled: true }, t('data.useData'));
  const chooser = h(
    'div',
    { class: 'csv-chooser', hidden: true },
    h('label', { for: taskId }, t('field.data.task')),
    task,
    h('fieldset', {}, h('legend', {}, t('data.targets')), targets),
    useButton,
  );
  let parsed: ParsedCsv | null = null;
  let parsedText = '';
  let fileName = 'CSV';
  let boxes: HTMLInputElement[] = [];

  // Classification takes one target column: picking one unpicks the others.
  const onTargetChange = (changed: HTMLInputElement) => {
    if (task.value === 'classification' && changed.checked)
      for (const b of boxes) if (b !== changed) b.checked = false;
  };
  task.addEventListener('change', () => {
    if (task.value !== 'classification') return;
    const first = boxes.find((b) => b.checked);
    for (const b of boxes) b.checked = b === first;
  });

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
    parsedText = text;
    boxes = parsed.columns.map((_, i) => {
      const box = h('input', { type: 'checkbox', id: uid('target'), value: String(i) });
      box.checked = i === parsed!.cols - 1; // the last column, by convention
      box.addEventListener('change', () => onTargetChange(box));
      return box;
    });
    targets.replaceChildren(
      ...boxes.map((box, i) =>
        h(
          'span',
          { class: 'chip' },
          box,
          h('label', { for: box.id }, parsed!.columns[i] || `#${i + 1}`),
        ),
      ),
    );
    status.textContent = t('data.summary', { rows: parsed.rows, cols: parsed.cols });
    chooser.hidden = false;
    useButton.disabled = false;
  };

  useButton.addEventListener('click', () => {
    if (!parsed) return;
    const chosen = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    const r = datasetFromCsv(
      parsed,
      chosen,
      task.value === 'regression' ? 'regression' : 'classification',
      fileName,
    );
    if (!r.ok) {
      const e = r.error;
      csvError.textContent =
        e.code === 'tooManyClasses'
          ? t('csv.tooManyClasses', { count: e.count, max: e.max })
          : e.code === 'targetCount'
            ? t('csv.targetCount', { max: kMaxTargets })
            : e.code === 'textInput' || e.code === 'textTarget'
              ? t(`csv.${e.code}`, { column: e.column })
              : t(`csv.${e.code}` as MessageKey);
      return;
    }
    csvError.textContent = '';
    controller.useCsvData(r.dataset, parsedText, chosen);
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
    if (f.size > kMaxFileBytes) {
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

  return h(
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
  );
}
