// Hand-made 2D data: the mode of a click on the decision-boundary canvas (add a class-0 or
// class-1 point, remove the nearest), and the same edit without a pointer (type x₁, x₂).
// Shown for data sets with two inputs only.
import type { Controller } from '../../state/controller';
import type { AppState, EditMode } from '../../state/store';
import { t, type MessageKey } from '../../i18n/i18n';
import { h, uid } from '../dom';

const kModes: EditMode[] = ['none', 'add0', 'add1', 'remove'];
const kPickRadius = 0.25; // data units: how near a typed point must be to remove one

export function pointEditor(controller: Controller) {
  const editName = uid('edit');
  const editButtons = kModes.map((mode) => {
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
  const x1Id = uid('x1');
  const x2Id = uid('x2');
  const x1 = h('input', { id: x1Id, type: 'number', step: 'any', value: '0', class: 'coord' });
  const x2 = h('input', { id: x2Id, type: 'number', step: 'any', value: '0', class: 'coord' });
  const at = h('button', { type: 'button', 'data-action': 'edit-at' }, t('data.apply'));
  at.addEventListener('click', () => {
    const a = Number(x1.value);
    const b = Number(x2.value);
    if (Number.isFinite(a) && Number.isFinite(b)) controller.editAt(a, b, kPickRadius);
  });
  const el = h(
    'details',
    { class: 'edit-tools' },
    h('summary', {}, t('data.edit')),
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
  return {
    el,
    render(s: AppState) {
      for (const b of editButtons) b.input.checked = b.mode === s.editMode;
      at.disabled = s.editMode === 'none';
      const splits = s.runs[s.selected]?.splits;
      el.hidden = !(splits && splits.train.cols === 2);
    },
  };
}
