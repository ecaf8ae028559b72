// "Download" and "Copy" buttons for a Python script a study view exports (scikit-learn for the
// exact solvers' path and cross-validation, a PyTorch sweep for a network grid), with a status
// line saying what happened. The script is made only when a button is pressed.
import { t, type MessageKey } from '../../i18n/i18n';
import { download, h } from '../dom';

export interface ScriptExportOptions {
  action: string; // data-action prefix: `${action}` downloads, `copy-${action}` copies
  labelKey: MessageKey; // the download button's text
  fileName: () => string;
  make: () => Promise<string>;
}

export function scriptExport(o: ScriptExportOptions) {
  const save = h('button', { type: 'button', 'data-action': o.action }, t(o.labelKey));
  const copy = h('button', { type: 'button', 'data-action': `copy-${o.action}` }, t('study.copy'));
  const status = h('span', { class: 'study-applied', role: 'status' });
  const run = async (use: (text: string) => Promise<string>) => {
    status.textContent = t('share.exportWorking');
    save.disabled = copy.disabled = true;
    try {
      status.textContent = await use(await o.make());
    } catch (e) {
      status.textContent = t('share.exportFailed', { message: (e as Error).message });
    } finally {
      save.disabled = copy.disabled = false;
    }
  };
  save.addEventListener(
    'click',
    () =>
      void run(async (text) => {
        const name = o.fileName();
        download(name, 'text/x-python', text);
        return t('study.saved', { name });
      }),
  );
  copy.addEventListener(
    'click',
    () =>
      void run(async (text) => {
        await navigator.clipboard.writeText(text);
        return t('share.scriptCopied', { lines: text.split('\n').length });
      }),
  );
  const el = h('div', { class: 'study-actions study-export' }, save, copy, status);
  return {
    el,
    // A new study makes the last export's message stale.
    clear() {
      status.textContent = '';
    },
  };
}
