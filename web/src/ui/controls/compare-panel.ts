// Compare: duplicate the selected run, pick which run the controls edit, remove a run.
import { kMaxRuns } from '../../spec/url-codec';
import type { Controller } from '../../state/controller';
import type { AppState } from '../../state/store';
import { t } from '../../i18n/i18n';
import { h, section } from '../dom';
import { changedPaths } from '../../spec/experiment-spec';

export function comparePanel(controller: Controller) {
  const duplicate = h(
    'button',
    { type: 'button', 'data-action': 'duplicate' },
    t('compare.duplicate'),
  );
  duplicate.addEventListener('click', () => controller.duplicateRun());
  const list = h('div', { class: 'run-tabs', role: 'tablist', 'aria-label': t('panel.compare') });
  const el = section(
    'compare',
    t('panel.compare'),
    list,
    duplicate,
    h('p', { class: 'field-help' }, t('compare.hint')),
  );
  let key = '';
  return {
    el,
    render(s: AppState) {
      duplicate.disabled = s.runs.length >= kMaxRuns;
      const base = s.runs[0]!.spec;
      const next = JSON.stringify([
        s.selected,
        s.runs.map((r) => [r.id, changedPaths(base, r.spec)]),
      ]);
      if (next === key) return;
      key = next;
      list.replaceChildren(
        ...s.runs.map((run, i) => {
          const diff = i === 0 ? '' : changedPaths(base, run.spec).join(', ');
          const tab = h(
            'button',
            {
              type: 'button',
              role: 'tab',
              class: `run-tab run-${i}`,
              'aria-selected': String(i === s.selected),
              'data-run': i,
              title: diff,
            },
            t('compare.run', { n: i + 1 }),
            diff ? h('small', {}, ` (${diff.length > 40 ? `${diff.slice(0, 40)}…` : diff})`) : null,
          );
          tab.addEventListener('click', () => controller.selectRun(i));
          const remove =
            s.runs.length > 1
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'remove-run',
                    'aria-label': t('compare.remove', { n: i + 1 }),
                  },
                  '×',
                )
              : null;
          remove?.addEventListener('click', () => controller.removeRun(i));
          return h('span', { class: 'run-tab-wrap' }, tab, remove);
        }),
      );
    },
  };
}
