// The page layout: header (title, language), messages, then controls | pictures | charts.
// Built from the state once, and again when the language changes; afterwards every view
// updates itself from the store's notifications.
import type { Controller } from '../state/controller';
import type { AppState, Store, Topic } from '../state/store';
import { kLanguages, type Language } from '../spec/url-codec';
import { setLanguage, t } from '../i18n/i18n';
import { bannerView } from './banner';
import { boundaryView } from './boundary-view';
import { chartsPanel } from './charts-panel';
import { comparePanel } from './controls/compare-panel';
import { dataPanel } from './controls/data-panel';
import { modelPanel } from './controls/model-panel';
import { optimizerPanel } from './controls/optimizer-panel';
import { playbackBar } from './controls/playback-bar';
import { regularizationPanel } from './controls/regularization-panel';
import { sharePanel } from './controls/share-panel';
import { h, uid } from './dom';
import { applyPanelVisibility } from './embed';
import { networkView } from './network-view';

interface View {
  el: HTMLElement;
  render(s: AppState, topics: ReadonlySet<Topic>): void;
  destroy?(): void;
}

const kLanguageNames: Record<Language, string> = { en: 'English', zh: '简体中文' };

export function mountApp(
  root: HTMLElement,
  store: Store,
  controller: Controller,
  getLink: () => string,
): void {
  let views: View[] = [];
  let frame = 0;
  let pending = new Set<Topic>();

  const build = () => {
    for (const v of views) v.destroy?.();
    const s = store.get();
    setLanguage(s.lang);
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');

    const langId = uid('lang');
    const lang = h(
      'select',
      { id: langId, 'data-action': 'language' },
      kLanguages.map((l) => h('option', { value: l }, kLanguageNames[l])),
    );
    lang.value = s.lang;
    lang.addEventListener('change', () => controller.setLanguage(lang.value as Language));
    const engineInfo = h('span', { class: 'engine-info' });
    const header: View = {
      el: h(
        'header',
        { class: 'app-header', 'data-panel': 'header' },
        h(
          'div',
          { class: 'title' },
          h('h1', {}, t('app.title')),
          h('p', { class: 'tagline' }, t('app.tagline')),
        ),
        h(
          'div',
          { class: 'header-tools' },
          h('label', { for: langId }, t('app.language')),
          lang,
          engineInfo,
        ),
      ),
      render: (st) => {
        engineInfo.textContent = st.engine.ready
          ? t('app.engine', {
              version: st.engine.version,
              simd: st.engine.simd ? t('app.simd') : t('app.noSimd'),
            })
          : t('app.loading');
      },
    };
    const banner = bannerView(controller);
    const playback = playbackBar(controller, s);
    const data = dataPanel(controller, s);
    const model = modelPanel(controller, s);
    const reg = regularizationPanel(controller, s);
    const opt = optimizerPanel(controller, s);
    const boundary = boundaryView(controller);
    const network = networkView();
    const charts = chartsPanel(controller, s);
    const compare = comparePanel(controller);
    const share = sharePanel(getLink, () => store.get());
    views = [
      header,
      banner,
      playback,
      data,
      model,
      reg,
      opt,
      boundary,
      network,
      charts,
      compare,
      share,
    ];

    const skip = h('a', { class: 'skip', href: '#controls' }, t('app.skip'));
    root.replaceChildren(
      skip,
      header.el,
      banner.el,
      h(
        'main',
        { class: 'layout' },
        h(
          'div',
          { class: 'col col-controls', id: 'controls' },
          compare.el,
          data.el,
          model.el,
          reg.el,
          opt.el,
        ),
        h(
          'div',
          { class: 'col col-main' },
          playback.el,
          h('div', { class: 'pictures' }, boundary.el, network.el),
          charts.el,
          share.el,
        ),
      ),
    );
    const all = new Set<Topic>([
      'runs',
      'metrics',
      'visuals',
      'status',
      'playback',
      'view',
      'lang',
      'data',
      'warnings',
      'banner',
      'engine',
    ]);
    applyPanelVisibility(root, s);
    for (const v of views) v.render(s, all);
  };

  const flush = () => {
    frame = 0;
    const topics = pending;
    pending = new Set();
    const s = store.get();
    if (topics.has('lang')) {
      build();
      return;
    }
    if (topics.has('view')) applyPanelVisibility(root, s);
    for (const v of views) v.render(s, topics);
  };

  store.subscribe((topics) => {
    for (const t of topics) pending.add(t);
    // Frames already arrive inside an animation frame: draw now. Anything else: next frame.
    if (topics.has('metrics') || topics.has('visuals') || topics.has('status')) {
      if (frame) cancelAnimationFrame(frame);
      flush();
    } else if (!frame) frame = requestAnimationFrame(flush);
  });
  window.addEventListener('resize', () => {
    pending.add('visuals');
    if (!frame) frame = requestAnimationFrame(flush);
  });
  build();
}
