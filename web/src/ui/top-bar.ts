// The header: the title, the lessons (a button that opens the gallery under the header), a
// link to copy, the language, and which engine build runs.
import type { Controller } from '../state/controller';
import type { AppState } from '../state/store';
import { kLanguages, type Language } from '../spec/url-codec';
import { t } from '../i18n/i18n';
import { h, uid } from './dom';

const kLanguageNames: Record<Language, string> = { en: 'English', zh: '简体中文' };

export function topBar(controller: Controller, gallery: HTMLElement, onCopy: () => void) {
  const langId = uid('lang');
  const lang = h(
    'select',
    { id: langId, 'data-action': 'language' },
    kLanguages.map((l) => h('option', { value: l }, kLanguageNames[l])),
  );
  lang.addEventListener('change', () => void controller.setLanguage(lang.value as Language));
  const galleryId = uid('gallery');
  gallery.id = galleryId;
  const lessons = h(
    'button',
    {
      type: 'button',
      class: 'lessons-button',
      'aria-expanded': 'false',
      'aria-controls': galleryId,
      'data-action': 'lessons',
    },
    t('lessons.open'),
  );
  const setOpen = (open: boolean) => {
    gallery.hidden = !open;
    lessons.setAttribute('aria-expanded', String(open));
  };
  lessons.addEventListener('click', () => setOpen(gallery.hidden === true));
  gallery.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a')) setOpen(false);
  });
  setOpen(false);
  const copy = h('button', { type: 'button', 'data-action': 'copy-link' }, t('share.short'));
  copy.addEventListener('click', onCopy);
  const engineInfo = h('span', { class: 'engine-info' });
  const el = h(
    'header',
    { class: 'app-header', 'data-panel': 'header' },
    h('h1', {}, t('app.title')),
    h('p', { class: 'tagline' }, t('app.tagline')),
    h(
      'div',
      { class: 'header-tools' },
      lessons,
      copy,
      h('label', { for: langId }, t('app.language')),
      lang,
      engineInfo,
    ),
  );
  return {
    el,
    render(s: AppState) {
      lang.value = s.lang;
      engineInfo.textContent = s.engine.ready
        ? t('app.engine', {
            version: s.engine.version,
            simd: s.engine.simd ? t('app.simd') : t('app.noSimd'),
          })
        : t('app.loading');
    },
  };
}
