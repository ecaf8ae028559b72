// The stage's middle column: the network, or one of the "Choosing λ" views (the regularization
// path, cross-validation, the two-weight geometry), one at a time, chosen by tabs whose choice
// the link keeps (stage=). A view that is not shown is not drawn: render reaches only the
// shown one, and a view is told when it is shown so it can start its computation then.
import type { Controller } from '../../state/controller';
import type { AppState, Topic } from '../../state/store';
import type { StageId } from '../../spec/study-options';
import { t, type MessageKey } from '../../i18n/i18n';
import { h, uid } from '../dom';

export interface StageView {
  el: HTMLElement;
  render(s: AppState, topics: ReadonlySet<Topic>): void;
  shown?(s: AppState): void; // the tab was chosen (or the page opened on it)
  destroy?(): void;
}

export interface StageTab {
  id: StageId;
  titleKey: MessageKey;
  view: StageView;
  // Whether the tab applies to the selected run's spec (absent: always). A tab that does not
  // is hidden, and the first tab is shown in its place; the link keeps its choice, so the view
  // comes back when the data set changes back.
  applies?(s: AppState): boolean;
}

export function stageTabs(controller: Controller, tabs: StageTab[]) {
  const list = h('div', {
    class: 'tabs stage-tabs',
    role: 'tablist',
    'aria-label': t('stage.label'),
  });
  let current: StageId | null = null;
  const buttons = tabs.map((tab) => {
    const id = uid('stage');
    const button = h(
      'button',
      { type: 'button', role: 'tab', id, 'aria-controls': `${id}-panel`, 'data-stage': tab.id },
      t(tab.titleKey),
    );
    tab.view.el.id = `${id}-panel`;
    tab.view.el.setAttribute('role', 'tabpanel');
    tab.view.el.setAttribute('aria-labelledby', id);
    button.addEventListener('click', () => controller.setView({ stage: tab.id }));
    button.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      let j = i;
      do j = (j + step + tabs.length) % tabs.length;
      while (buttons[j]!.hidden);
      const next = tabs[j]!;
      controller.setView({ stage: next.id });
      buttons[tabs.indexOf(next)]!.focus();
    });
    return button;
  });
  list.append(...buttons);
  // One tab needs no tab list.
  list.hidden = tabs.length < 2;
  const el = h(
    'div',
    { class: 'stage-views' },
    list,
    tabs.map((tab) => tab.view.el),
  );
  const applies = (tab: StageTab, s: AppState) => tab.applies?.(s) ?? true;
  const shownTab = (s: AppState) =>
    tabs.find((tab) => tab.id === s.view.stage && applies(tab, s)) ?? tabs[0]!;
  return {
    el,
    render(s: AppState, topics: ReadonlySet<Topic>) {
      tabs.forEach((tab, i) => (buttons[i]!.hidden = !applies(tab, s)));
      const tab = shownTab(s);
      if (tab.id !== current) {
        current = tab.id;
        // Which view is shown, for the layout (a phone puts a "Choosing λ" view first).
        el.dataset['shown'] = tab.id;
        tabs.forEach((other, i) => {
          const on = other === tab;
          buttons[i]!.setAttribute('aria-selected', String(on));
          buttons[i]!.tabIndex = on ? 0 : -1;
          other.view.el.classList.toggle('tab-hidden', !on);
        });
        tab.view.shown?.(s);
        // Everything, once: the view may not have drawn while hidden.
        tab.view.render(s, new Set<Topic>(topics).add('runs').add('view').add('visuals'));
        return;
      }
      tab.view.render(s, topics);
    },
    destroy() {
      for (const tab of tabs) tab.view.destroy?.();
    },
  };
}
