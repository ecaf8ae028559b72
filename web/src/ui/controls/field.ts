// One labelled control for one schema field: a number box (with a slider for the fields people
// sweep), a checkbox, a select or a group of checkboxes. The range, step and options come from
// the schema; what the user types is checked by the same coerceField as a shared link, and a
// rejected or clamped value says why next to the control.
import type { FieldSchema, FieldValue } from '../../spec/experiment-spec';
import { coerceField } from '../../spec/validate';
import { optionLabel, warningText } from '../../i18n/i18n';
import { h, uid } from '../dom';

export interface FieldControl {
  el: HTMLElement;
  set(value: FieldValue): void;
  setVisible(visible: boolean): void;
  // A note under the control from elsewhere (a rule that changed this field); '' clears it.
  note(text: string): void;
}

interface FieldOptions {
  label: string;
  field: FieldSchema;
  value: FieldValue;
  onChange(value: FieldValue): void;
  slider?: 'log' | 'linear';
  help?: string;
  title?: string; // a longer label, as the control's tooltip
  name?: string; // data-field attribute, for tests and styling
}

const kSliderSteps = 1000;

function sliderRange(f: FieldSchema, scale: 'log' | 'linear'): [number, number] {
  const max = f.max ?? 1;
  const min = f.min ?? 0;
  if (scale === 'log') return [Math.max(min, 1e-5), max];
  return [min, max];
}

// Position on the slider ↔ value: display mapping only (log sliders span decades evenly).
function toSlider(v: number, f: FieldSchema, scale: 'log' | 'linear'): number {
  const [lo, hi] = sliderRange(f, scale);
  const x = Math.min(hi, Math.max(lo, v));
  const p = scale === 'log' ? Math.log(x / lo) / Math.log(hi / lo) : (x - lo) / (hi - lo || 1);
  return Math.round(p * kSliderSteps);
}

function fromSlider(pos: number, f: FieldSchema, scale: 'log' | 'linear'): number {
  const [lo, hi] = sliderRange(f, scale);
  const p = pos / kSliderSteps;
  const v = scale === 'log' ? lo * Math.pow(hi / lo, p) : lo + p * (hi - lo);
  return f.type === 'integer' ? Math.round(v) : Number(v.toPrecision(2));
}

export function fieldControl(o: FieldOptions): FieldControl {
  const id = uid('f');
  const errorId = `${id}-err`;
  const helpId = `${id}-help`;
  const error = h('span', {
    id: errorId,
    class: 'field-error',
    role: 'status',
    'aria-live': 'polite',
  });
  const help = o.help ? h('span', { id: helpId, class: 'field-help' }, o.help) : null;
  const describedBy = [errorId, help ? helpId : ''].filter(Boolean).join(' ');
  const { field: f } = o;
  let set: (v: FieldValue) => void;
  let body: HTMLElement;

  const showProblem = (raw: unknown): FieldValue | undefined => {
    const r = coerceField(f, raw, o.label);
    error.textContent = r.warning ? warningText(r.warning) : '';
    return r.value;
  };

  switch (f.type) {
    case 'number':
    case 'integer': {
      const input = h('input', {
        id,
        type: 'number',
        inputmode: f.type === 'integer' ? 'numeric' : 'decimal',
        step: f.type === 'integer' ? 1 : 'any',
        min: f.min,
        max: f.max,
        'aria-describedby': describedBy,
      });
      let slider: HTMLInputElement | null = null;
      const scale = o.slider;
      if (scale) {
        slider = h('input', {
          type: 'range',
          min: 0,
          max: kSliderSteps,
          step: 1,
          'aria-label': o.label,
          tabindex: -1,
        });
        slider.addEventListener('input', () => {
          input.value = String(fromSlider(Number(slider!.value), f, scale));
        });
        slider.addEventListener('change', () => {
          const v = showProblem(input.value);
          if (v !== undefined) o.onChange(v);
        });
      }
      input.addEventListener('change', () => {
        const v = showProblem(input.value);
        input.setAttribute('aria-invalid', v === undefined ? 'true' : 'false');
        if (v === undefined) return;
        if (String(v) !== input.value) input.value = String(v);
        if (slider && scale) slider.value = String(toSlider(v as number, f, scale));
        o.onChange(v);
      });
      set = (v) => {
        if (document.activeElement !== input) input.value = String(v);
        if (slider && scale && document.activeElement !== slider)
          slider.value = String(toSlider(v as number, f, scale));
      };
      body = h(
        'div',
        { class: 'field field-number' },
        h('label', { for: id }, o.label),
        h('div', { class: 'field-inputs' }, slider, input),
        help,
        error,
      );
      break;
    }
    case 'boolean': {
      const input = h('input', { id, type: 'checkbox', 'aria-describedby': describedBy });
      input.addEventListener('change', () => o.onChange(input.checked));
      set = (v) => {
        input.checked = v === true;
      };
      body = h(
        'div',
        { class: 'field field-bool' },
        input,
        h('label', { for: id }, o.label),
        help,
        error,
      );
      break;
    }
    case 'enum': {
      const select = h(
        'select',
        { id, 'aria-describedby': describedBy },
        (f.options ?? []).map((opt) => h('option', { value: opt }, optionLabel(opt))),
      );
      select.addEventListener('change', () => {
        const v = showProblem(select.value);
        if (v !== undefined) o.onChange(v);
      });
      set = (v) => {
        select.value = String(v);
      };
      body = h(
        'div',
        { class: 'field field-enum' },
        h('label', { for: id }, o.label),
        select,
        help,
        error,
      );
      break;
    }
    case 'stringList': {
      const boxes = (f.options ?? []).map((opt) => {
        const boxId = `${id}-${opt}`;
        const box = h('input', { id: boxId, type: 'checkbox', value: opt });
        return {
          opt,
          box,
          el: h('span', { class: 'chip' }, box, h('label', { for: boxId }, optionLabel(opt))),
        };
      });
      const read = () => boxes.filter((b) => b.box.checked).map((b) => b.opt);
      for (const b of boxes) {
        b.box.addEventListener('change', () => {
          const v = showProblem(read());
          if (v !== undefined) o.onChange(v);
          else b.box.checked = true; // at least one feature stays on
        });
      }
      set = (v) => {
        const list = Array.isArray(v) ? v : [];
        for (const b of boxes) b.box.checked = list.includes(b.opt);
      };
      body = h(
        'fieldset',
        { class: 'field field-list', 'aria-describedby': describedBy },
        h('legend', {}, o.label),
        h(
          'div',
          { class: 'chips' },
          boxes.map((b) => b.el),
        ),
        help,
        error,
      );
      break;
    }
  }
  if (o.name) body.dataset['field'] = o.name;
  if (o.title) body.title = o.title;
  set(o.value);
  return {
    el: body,
    set,
    setVisible: (visible) => {
      body.hidden = !visible;
    },
    note: (text) => {
      if (text || error.dataset['note']) error.textContent = text;
      if (text) error.dataset['note'] = '1';
      else delete error.dataset['note'];
    },
  };
}
