// A labelled number with a slider, for a view's own settings (not a spec field): dragging the
// slider changes the value live (onInput), releasing it or typing a number commits it
// (onCommit: the link follows). A typed number outside [min, max] is refused with a message
// next to the box, and the value stays.
import { t } from '../../i18n/i18n';
import { h, uid } from '../dom';

export interface SliderFieldOptions {
  label: string;
  name: string; // data-field, for tests and styling
  min: number;
  max: number;
  steps: number; // slider positions 0..steps
  toSlider(value: number): number;
  fromSlider(position: number): number;
  onInput(value: number): void;
  onCommit(value: number): void;
}

export interface SliderField {
  el: HTMLElement;
  set(value: number): void;
  setVisible(visible: boolean): void;
}

// Evenly spaced values from min to max: the slider of a linear setting.
export function linearScale(min: number, max: number, steps: number) {
  return {
    steps,
    toSlider: (v: number) =>
      Math.round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * steps),
    fromSlider: (pos: number) => Number((min + (pos / steps) * (max - min)).toPrecision(3)),
  };
}

export function sliderField(o: SliderFieldOptions): SliderField {
  const id = uid('g');
  const errorId = `${id}-err`;
  const error = h('span', { id: errorId, class: 'field-error', role: 'status' });
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: o.steps,
    step: 1,
    'aria-label': o.label,
  });
  const box = h('input', {
    id,
    type: 'number',
    inputmode: 'decimal',
    step: 'any',
    min: o.min,
    max: o.max,
    'aria-describedby': errorId,
  });
  slider.addEventListener('input', () => {
    const v = o.fromSlider(Number(slider.value));
    box.value = String(v);
    error.textContent = '';
    box.setAttribute('aria-invalid', 'false');
    o.onInput(v);
  });
  slider.addEventListener('change', () => o.onCommit(o.fromSlider(Number(slider.value))));
  box.addEventListener('change', () => {
    const text = box.value.trim();
    const v = Number(text);
    if (text === '' || !Number.isFinite(v) || v < o.min || v > o.max) {
      error.textContent = t('geometry.badNumber', { min: o.min, max: o.max });
      box.setAttribute('aria-invalid', 'true');
      return;
    }
    error.textContent = '';
    box.setAttribute('aria-invalid', 'false');
    slider.value = String(o.toSlider(v));
    o.onInput(v);
    o.onCommit(v);
  });
  const el = h(
    'div',
    { class: 'field field-number', 'data-field': o.name },
    h('label', { for: id }, o.label),
    h('div', { class: 'field-inputs' }, slider, box),
    error,
  );
  return {
    el,
    set(v) {
      if (document.activeElement !== box) box.value = String(v);
      if (document.activeElement !== slider) slider.value = String(o.toSlider(v));
    },
    setVisible(visible) {
      el.hidden = !visible;
    },
  };
}
