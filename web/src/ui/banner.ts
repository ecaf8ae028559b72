// Messages the page must not hide: a worker that died, a run that diverged, settings the engine
// refused (each with the way out), and the problems found in the link that opened the page.
import type { Controller } from '../state/controller';
import type { AppState } from '../state/store';
import { t, warningText } from '../i18n/i18n';
import { h } from './dom';

export function bannerView(controller: Controller) {
  const text = h('p', { class: 'banner-text' });
  const action = h('button', { type: 'button', class: 'primary', 'data-action': 'recover' });
  const dismiss = h(
    'button',
    { type: 'button', 'data-action': 'dismiss-banner' },
    t('banner.dismiss'),
  );
  const banner = h('div', { class: 'banner', role: 'alert', hidden: true }, text, action, dismiss);
  dismiss.addEventListener('click', () => controller.dismissBanner());
  let onAction = () => {};
  action.addEventListener('click', () => onAction());

  const list = h('ul', {});
  const close = h(
    'button',
    { type: 'button', 'data-action': 'dismiss-warnings' },
    t('warn.dismiss'),
  );
  close.addEventListener('click', () => controller.dismissWarnings());
  const warnings = h(
    'div',
    { class: 'warnings', role: 'alert', hidden: true },
    h('strong', {}, t('panel.warnings')),
    list,
    close,
  );

  return {
    el: h('div', { class: 'messages' }, banner, warnings),
    render(s: AppState) {
      const b = s.banner;
      banner.hidden = !b;
      if (b) {
        banner.dataset['kind'] = b.kind;
        switch (b.kind) {
          case 'workerDied':
          case 'loadFailed':
            text.textContent = t(
              b.kind === 'workerDied' ? 'banner.workerDied' : 'banner.loadFailed',
              { message: b.message },
            );
            action.textContent = t('banner.restart');
            action.hidden = false;
            onAction = () => controller.boot();
            break;
          case 'diverged':
            text.textContent = t('banner.diverged', {
              run: (b.runIndex ?? 0) + 1,
              message: b.message,
            });
            action.textContent = t('banner.reset');
            action.hidden = false;
            onAction = () => controller.reset();
            break;
          case 'engineError':
            text.textContent = t('banner.engineError', { message: b.message });
            action.hidden = true;
            break;
        }
      }
      warnings.hidden = s.warnings.length === 0;
      list.replaceChildren(...s.warnings.slice(0, 12).map((w) => h('li', {}, warningText(w))));
    },
  };
}
