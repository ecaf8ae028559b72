// The page: one screen that tells the story, left to right as the TensorFlow Playground does:
// the data (and the open lesson) → the network, every neuron drawn over the input plane → the
// output picture and the loss, under one strip of playback, status and the settings every
// lesson turns. Below it: the other settings in tabs, the other charts, sharing. On a phone the
// sections stack and a tab bar at the bottom jumps between them.
// Built from the state once, and again when the language changes; afterwards every view
// updates itself from the store's notifications.
import type { Controller } from '../state/controller';
import type { AppState, Store, Topic } from '../state/store';
import type { StageId } from '../spec/study-options';
import { setLanguage, t, type MessageKey } from '../i18n/i18n';
import { bannerView } from './banner';
import { boundaryView } from './boundary-view';
import { ChartBoard } from './chart-board';
import { chartsPanel } from './charts-panel';
import { controlStrip } from './controls/control-strip';
import { dataPanel } from './controls/data-panel';
import { modelPanel } from './controls/model-panel';
import { optimizerPanel } from './controls/optimizer-panel';
import { regularizationPanel } from './controls/regularization-panel';
import { sharePanel } from './controls/share-panel';
import { cvView } from './stage/cv-view';
import { pathView } from './stage/path-view';
import { geometryView } from './stage/geometry-view';
import { imagesView } from './stage/images-view';
import { isImageData } from '../spec/layer-presets';
import { stageTabs } from './stage/stage-tabs';
import { h } from './dom';
import { applyPanelVisibility } from './embed';
import { lessonCard, lessonsGallery } from './lessons-gallery';
import { lossPanel } from './loss-panel';
import { networkView } from './network-view';
import { runLegend } from './run-legend';
import { settingsTabs } from './settings-tabs';
import { topBar } from './top-bar';

interface View {
  el: HTMLElement;
  render(s: AppState, topics: ReadonlySet<Topic>): void;
  destroy?(): void;
}

const kAllTopics: Topic[] = [
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
  'study',
];

// The phone's tab bar: each tab scrolls to one region of the page.
// The phone's tab for the middle column names the view shown there.
const kStageTabKey: Record<StageId, MessageKey> = {
  network: 'tabs.network',
  path: 'tabs.path',
  cv: 'tabs.cv',
  geometry: 'tabs.geometry',
  images: 'tabs.images',
};

const kPhoneTabs: { target: string; key: MessageKey }[] = [
  { target: 'stage-output', key: 'tabs.train' },
  { target: 'stage-data', key: 'tabs.data' },
  { target: 'stage-network', key: 'tabs.network' },
  { target: 'settings', key: 'tabs.settings' },
  { target: 'charts', key: 'tabs.charts' },
];

export function mountApp(
  root: HTMLElement,
  store: Store,
  controller: Controller,
  getLink: () => string,
): void {
  let views: View[] = [];
  let board: ChartBoard | null = null;
  let frame = 0;
  let pending = new Set<Topic>();

  const build = () => {
    for (const v of views) v.destroy?.();
    board?.destroy();
    const s = store.get();
    setLanguage(s.lang);
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');

    board = new ChartBoard(s);
    const gallery = lessonsGallery();
    const share = sharePanel(
      getLink,
      () => store.get(),
      () => controller.pytorchScript(store.get().selected, getLink()),
    );
    const header = topBar(controller, gallery.el, () => share.copy());
    const banner = bannerView(controller);
    const lesson = lessonCard(controller);
    const legend = runLegend(controller);
    const strip = controlStrip(controller, s, [legend.duplicate]);
    const data = dataPanel(controller, s);
    const stage = stageTabs(controller, [
      { id: 'network', titleKey: 'stage.network', view: networkView(controller) },
      { id: 'path', titleKey: 'stage.path', view: pathView(controller, getLink) },
      { id: 'cv', titleKey: 'stage.cv', view: cvView(controller, getLink) },
      { id: 'geometry', titleKey: 'stage.geometry', view: geometryView(controller) },
      {
        id: 'images',
        titleKey: 'stage.images',
        view: imagesView(controller),
        applies: (s) => isImageData((s.runs[s.selected] ?? s.runs[0]!).spec.data.kind),
      },
    ]);
    const boundary = boundaryView(controller);
    const loss = lossPanel(board);
    const tabs = settingsTabs([
      {
        id: 'regularization',
        titleKey: 'panel.regularization',
        view: regularizationPanel(controller, s),
      },
      { id: 'optimizer', titleKey: 'panel.optimizer', view: optimizerPanel(controller, s) },
      { id: 'model', titleKey: 'panel.model', view: modelPanel(controller, s) },
    ]);
    const charts = chartsPanel(controller, board);
    const chartBoard: View = { el: h('div'), render: (st, topics) => board!.render(st, topics) };
    views = [
      header,
      gallery,
      banner,
      lesson,
      strip,
      legend,
      data,
      stage,
      boundary,
      loss,
      tabs,
      charts,
      share,
      chartBoard,
    ];

    const phoneTabs = h(
      'nav',
      { class: 'phone-tabs', 'aria-label': t('tabs.label') },
      kPhoneTabs.map(({ target, key }) => {
        const a = h('a', { href: `#${target}`, 'data-target': target }, t(key));
        // The hash holds the experiment: scroll without touching it.
        a.addEventListener('click', (e) => {
          e.preventDefault();
          document.getElementById(target)?.scrollIntoView({ block: 'start' });
        });
        return a;
      }),
    );
    const skip = h('a', { class: 'skip', href: '#stage-data' }, t('app.skip'));
    skip.addEventListener('click', (e) => {
      e.preventDefault();
      document.getElementById('stage-data')?.focus();
    });
    root.replaceChildren(
      skip,
      header.el,
      gallery.el,
      banner.el,
      strip.el,
      legend.el,
      h(
        'main',
        { class: 'stage' },
        h(
          'div',
          { class: 'stage-col stage-data', id: 'stage-data', tabindex: -1 },
          lesson.el,
          data.el,
        ),
        h('div', { class: 'stage-col stage-network', id: 'stage-network' }, stage.el),
        h(
          'div',
          { class: 'stage-col stage-output', id: 'stage-output' },
          boundary.el,
          loss.el,
          charts.promoted,
        ),
      ),
      h(
        'section',
        { class: 'panel settings-panel', id: 'settings', 'aria-label': t('panel.settings') },
        tabs.el,
      ),
      h('div', { id: 'charts' }, charts.el),
      share.el,
      phoneTabs,
    );
    applyPanelVisibility(root, s);
    nameStageTab(root, s);
    const all = new Set<Topic>(kAllTopics);
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
    if (topics.has('view')) {
      applyPanelVisibility(root, s);
      nameStageTab(root, s);
    }
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

function nameStageTab(root: HTMLElement, s: AppState): void {
  const tab = root.querySelector<HTMLElement>('.phone-tabs [data-target="stage-network"]');
  if (tab) tab.textContent = t(kStageTabKey[s.view.stage]);
}
