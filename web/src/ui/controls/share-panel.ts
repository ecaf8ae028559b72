// Share and export: copy the link (the whole experiment is in it), the embed snippet, the
// metrics as CSV or JSON, and the selected run as a PyTorch script (download or copy).
import type { AppState, Topic } from '../../state/store';
import { t } from '../../i18n/i18n';
import { download, h, section, uid } from '../dom';
import { kMaxCsvLinkChars } from '../../spec/url-csv';
import { metricsCsv, metricsJson } from '../export';

export interface ScriptExport {
  text: string;
  steps: number;
}

export function sharePanel(
  getLink: () => string,
  getState: () => AppState,
  pytorchScript: () => Promise<ScriptExport>,
) {
  const status = h('p', { class: 'share-status', role: 'status', 'aria-live': 'polite' });
  const copy = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'share' },
    t('share.copy'),
  );
  const copyLink = async () => {
    const link = getLink();
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = t('share.copied');
    } catch {
      status.textContent = t('share.copyFailed');
    }
    if (tooLarge.textContent) status.textContent += ` ${t('share.withoutTable')}`;
  };
  copy.addEventListener('click', () => void copyLink());
  const snippetId = uid('snippet');
  const snippet = h('textarea', {
    id: snippetId,
    rows: 3,
    readonly: true,
    class: 'snippet',
    spellcheck: false,
  });
  const csv = h('button', { type: 'button', 'data-action': 'export-csv' }, t('share.exportCsv'));
  csv.addEventListener('click', () => download('metrics.csv', 'text/csv', metricsCsv(getState())));
  const json = h('button', { type: 'button', 'data-action': 'export-json' }, t('share.exportJson'));
  json.addEventListener('click', () =>
    download('metrics.json', 'application/json', metricsJson(getState(), getLink())),
  );
  const script = h(
    'button',
    { type: 'button', 'data-action': 'export-pytorch' },
    t('share.exportPyTorch'),
  );
  const copyScript = h(
    'button',
    { type: 'button', 'data-action': 'copy-pytorch' },
    t('share.copyPyTorch'),
  );
  const scriptName = () => `run${getState().selected + 1}_pytorch.py`;
  const withScript = async (use: (out: ScriptExport) => Promise<string>) => {
    status.textContent = t('share.exportWorking');
    for (const b of [script, copyScript]) b.disabled = true;
    try {
      status.textContent = await use(await pytorchScript());
    } catch (e) {
      status.textContent = t('share.exportFailed', { message: (e as Error).message });
    } finally {
      for (const b of [script, copyScript]) b.disabled = false;
    }
  };
  script.addEventListener(
    'click',
    () =>
      void withScript(async (out) => {
        const name = scriptName();
        download(name, 'text/x-python', out.text);
        return t('share.exported', { name, steps: out.steps });
      }),
  );
  copyScript.addEventListener(
    'click',
    () =>
      void withScript(async (out) => {
        await navigator.clipboard.writeText(out.text);
        return t('share.scriptCopied', { lines: out.text.split('\n').length });
      }),
  );
  // Said before anyone copies: a table too large to travel stays out of the link.
  const tooLarge = h('p', { class: 'share-warning' });
  const el = section(
    'share',
    t('panel.share'),
    tooLarge,
    h('div', { class: 'buttons' }, copy, csv, json),
    h('p', { class: 'field-help' }, t('share.exportPyTorchHint')),
    h('div', { class: 'buttons' }, script, copyScript),
    status,
    h('label', { for: snippetId }, t('share.embedHint')),
    snippet,
  );
  return {
    el,
    // The header's copy button does the same as this panel's, and reports here.
    copy: () => {
      void copyLink();
      status.scrollIntoView({ block: 'nearest' });
    },
    render(s: AppState, topics: ReadonlySet<Topic>) {
      if (!['runs', 'view', 'data', 'lang'].some((t) => topics.has(t as Topic))) return;
      const custom = s.custom;
      tooLarge.textContent =
        custom?.source === 'csv' && !custom.link && custom.linkChars > 0
          ? t('share.tableTooLarge', { n: custom.linkChars, max: kMaxCsvLinkChars })
          : '';
      const link = getLink();
      const [base, hash = ''] = link.split('#');
      const src = `${base}#${hash}${hash ? '&' : ''}embed=1`;
      const html = `<iframe src="${src.replace(/"/g, '&quot;')}" title="${t('app.title')}" width="960" height="640" style="border:0" loading="lazy"></iframe>`;
      if (snippet.value !== html) snippet.value = html;
    },
  };
}
