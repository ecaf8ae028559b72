// Every other setting, one tab per concern: regularization, optimizer and schedule, model
// (layers, batch norm, initialisation). Tabs keep the page short; a tab's controls are the
// presentation table's rows for it (basic first, "Advanced" folded).
import type { AppState, Topic } from '../state/store';
import { t, type MessageKey } from '../i18n/i18n';
import { h, uid } from './dom';

interface Tab {
  id: string;
  titleKey: MessageKey;
  view: { el: HTMLElement; render(s: AppState, topics: ReadonlySet<Topic>): void };
}

export function settingsTabs(tabs: Tab[]) {
  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('panel.settings') });
  let current = tabs[0]!.id;
  const buttons = tabs.map((tab) => {
    const id = uid('tab');
    const button = h(
      'button',
      { type: 'button', role: 'tab', id, 'aria-controls': `${id}-panel`, 'data-tab': tab.id },
      t(tab.titleKey),
    );
    tab.view.el.id = `${id}-panel`;
    tab.view.el.setAttribute('role', 'tabpanel');
    tab.view.el.setAttribute('aria-labelledby', id);
    button.addEventListener('click', () => select(tab.id));
    button.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length]!;
      select(next.id);
      buttons[tabs.indexOf(next)]!.focus();
    });
    return button;
  });
  const select = (id: string) => {
    current = id;
    tabs.forEach((tab, i) => {
      const on = tab.id === id;
      buttons[i]!.setAttribute('aria-selected', String(on));
      buttons[i]!.tabIndex = on ? 0 : -1;
      tab.view.el.classList.toggle('tab-hidden', !on);
    });
  };
  list.append(...buttons);
  const el = h(
    'div',
    { class: 'settings' },
    list,
    tabs.map((tab) => tab.view.el),
  );
  select(current);
  return {
    el,
    select,
    render(s: AppState, topics: ReadonlySet<Topic>) {
      for (const tab of tabs) tab.view.render(s, topics);
    },
  };
}
