// Keyboard: Space play/pause, B one batch, E one epoch, R reset, unless typing in a field.
import type { Controller } from '../state/controller';

export function startShortcuts(controller: Controller): void {
  window.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const target = ev.target as HTMLElement | null;
    // Typing in a field, or Space on a focused control (which presses it), is not a shortcut.
    if (target?.closest('input, select, textarea, [contenteditable]')) return;
    if (ev.key === ' ' && target?.closest('button, a, summary, [role="tab"]')) return;
    switch (ev.key) {
      case ' ':
        controller.togglePlay();
        break;
      case 'b':
      case 'B':
        controller.step('batch');
        break;
      case 'e':
      case 'E':
        controller.step('epoch');
        break;
      case 'r':
      case 'R':
        controller.reset();
        break;
      default:
        return;
    }
    ev.preventDefault();
  });
}
