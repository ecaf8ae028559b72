// Embedding: inside an iframe with embed=1 the page takes a compact layout, hides the panels
// named in hide=, may start by itself (autoplay=1), and talks to the page around it through
// postMessage (documented in web/EMBED.md):
//   in  (only from window.parent): playground:set {link | spec}, playground:play, playground:pause,
//        playground:reset, playground:step {unit}, playground:get, playground:exportPyTorch {run},
//        playground:exportSkLearn {run, model?, ...options, folds?, score?, cv?}
//   out (to window.parent):        playground:ready, playground:metrics, playground:state,
//        playground:error, playground:warnings, playground:pytorch, playground:sklearn
// Everything that comes in is validated like a shared link (decode / validateSpec).
import type { Controller } from '../state/controller';
import type { SkLearnRequest } from '../export/types';
import { parseSkLearnRequest } from '../export/sklearn-request';
import { viewSkLearnRequest } from '../export/sklearn-view';
import type { AppState, Run, Store, Topic } from '../state/store';
import { decode, defaultView, kPanels } from '../spec/url-codec';
import { validateSpec } from '../spec/validate';
import { datasetFromPoints } from '../state/custom-data';

const kMetricsEveryMs = 250;

function latest(run: Run, name: keyof Run['series']['columns']): number | null {
  const c = run.series.columns[name];
  const v = c && c.length ? c[c.length - 1]! : null;
  return v === null || Number.isFinite(v) ? v : null;
}

function metricsMessage(s: AppState) {
  return {
    type: 'playground:metrics' as const,
    runs: s.runs.map((run, i) => ({
      run: i + 1,
      state: run.status?.state ?? 'starting',
      step: run.status?.step ?? 0,
      epoch: run.status?.epoch ?? 0,
      lr: latest(run, 'lr'),
      trainLoss: latest(run, 'trainLoss'),
      valLoss: run.series.hasValidation ? latest(run, 'valLoss') : null,
      testLoss: run.series.hasTest ? latest(run, 'testLoss') : null,
      penalty: latest(run, 'trainPenalty'),
      trainAccuracy: run.series.hasAccuracy ? latest(run, 'trainAccuracy') : null,
      valAccuracy:
        run.series.hasAccuracy && run.series.hasValidation ? latest(run, 'valAccuracy') : null,
      testAccuracy:
        run.series.hasAccuracy && run.series.hasTest ? latest(run, 'testAccuracy') : null,
    })),
  };
}

export function applyPanelVisibility(root: HTMLElement, s: AppState): void {
  document.documentElement.classList.toggle('embed', s.view.embed);
  for (const el of root.querySelectorAll<HTMLElement>('[data-panel]')) {
    const id = el.dataset['panel'] as AppState['view']['hide'][number];
    if ((kPanels as readonly string[]).includes(id)) el.hidden = s.view.hide.includes(id);
  }
  // A column of the stage whose panels are all hidden takes no room. A "Choosing λ" view
  // (stage= other than the network) is not a panel hide= names: its column stays.
  for (const col of root.querySelectorAll<HTMLElement>('.stage-col')) {
    const panels = [...col.querySelectorAll<HTMLElement>('[data-panel]')].filter((p) =>
      (kPanels as readonly string[]).includes(p.dataset['panel'] ?? ''),
    );
    const showsStudy = s.view.stage !== 'network' && col.querySelector('.stage-views') !== null;
    col.hidden = !showsStudy && panels.length > 0 && panels.every((p) => p.hidden);
  }
}

export function startEmbed(store: Store, controller: Controller, getLink: () => string): void {
  const parent = window.parent;
  const embedded = parent !== window;
  const post = (message: unknown) => {
    // Metrics of a public toy model: nothing secret, so any embedding origin may listen.
    if (embedded) parent.postMessage(message, '*');
  };
  let lastMetrics = 0;
  let autoplayed = false;
  let pendingMetrics = false;
  const sendMetrics = () => {
    pendingMetrics = false;
    lastMetrics = performance.now();
    post(metricsMessage(store.get()));
  };

  store.subscribe((topics: ReadonlySet<Topic>, s) => {
    if (topics.has('engine') && s.engine.ready) {
      post({ type: 'playground:ready', simd: s.engine.simd, version: s.engine.version });
      if (s.view.autoplay && !autoplayed) {
        autoplayed = true;
        // Start once every run has its network.
        const go = () =>
          store.get().runs.every((r) => !r.starting) ? controller.play() : setTimeout(go, 50);
        go();
      }
    }
    if (topics.has('status') || topics.has('metrics')) {
      const wait = kMetricsEveryMs - (performance.now() - lastMetrics);
      if (wait <= 0) sendMetrics();
      else if (!pendingMetrics) {
        pendingMetrics = true;
        setTimeout(sendMetrics, wait);
      }
    }
    if (topics.has('playback') || topics.has('runs'))
      post({ type: 'playground:state', playing: s.playing, link: getLink() });
    if (topics.has('banner') && s.banner)
      post({ type: 'playground:error', kind: s.banner.kind, message: s.banner.message });
    if (topics.has('warnings') && s.warnings.length)
      post({ type: 'playground:warnings', warnings: s.warnings });
  });

  if (!embedded) return;
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== parent) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const msg = data as Record<string, unknown>;
    switch (msg['type']) {
      case 'playground:set': {
        const view = store.get().view;
        if (typeof msg['link'] === 'string') {
          const { experiment, warnings } = decode(msg['link']);
          experiment.view = {
            ...experiment.view,
            embed: view.embed,
            hide: experiment.view.hide.length ? experiment.view.hide : view.hide,
          };
          controller.load(
            experiment,
            experiment.points ? datasetFromPoints(experiment.points) : null,
            warnings,
          );
          if (experiment.csv) void controller.loadSharedCsv(experiment.csv);
        } else if (msg['spec'] !== undefined) {
          const { value, warnings } = validateSpec(msg['spec']);
          if (value.data.kind === 'custom') value.data.kind = 'circle';
          controller.load(
            { runs: [value], points: null, csv: null, view: { ...defaultView(), ...view } },
            null,
            warnings,
          );
        }
        return;
      }
      case 'playground:play':
        controller.play();
        return;
      case 'playground:pause':
        controller.pause();
        return;
      case 'playground:reset':
        controller.reset();
        return;
      case 'playground:step':
        controller.step(msg['unit'] === 'epoch' ? 'epoch' : 'batch');
        return;
      case 'playground:get':
        post({ type: 'playground:state', playing: store.get().playing, link: getLink() });
        post(metricsMessage(store.get()));
        return;
      case 'playground:exportPyTorch': {
        // run: 1-based, as in playground:metrics; the selected run when absent.
        const s = store.get();
        const run = typeof msg['run'] === 'number' ? Math.floor(msg['run']) - 1 : s.selected;
        if (!(run >= 0 && run < s.runs.length)) {
          post({ type: 'playground:error', kind: 'exportFailed', message: `no run ${run + 1}` });
          return;
        }
        controller.pytorchScript(run, getLink()).then(
          ({ text, steps }) => post({ type: 'playground:pytorch', run: run + 1, steps, text }),
          (e: Error) =>
            post({ type: 'playground:error', kind: 'exportFailed', message: e.message }),
        );
        return;
      }
      case 'playground:exportSkLearn': {
        // run: 1-based as above; the study's options in the message (parseSkLearnRequest).
        const s = store.get();
        const run = typeof msg['run'] === 'number' ? Math.floor(msg['run']) - 1 : s.selected;
        const failed = (e: Error) =>
          post({ type: 'playground:error', kind: 'exportFailed', message: e.message });
        if (!(run >= 0 && run < s.runs.length)) {
          failed(new Error(`no run ${run + 1}`));
          return;
        }
        let request: SkLearnRequest;
        try {
          // Without a model: what the path view shows (and with cv: true, the CV view).
          request =
            msg['model'] === undefined
              ? viewSkLearnRequest(s.runs[run]!, s.view.study, msg['cv'] === true)
              : parseSkLearnRequest(msg);
        } catch (e) {
          failed(e as Error);
          return;
        }
        controller
          .sklearnScript(run, request, getLink())
          .then((text) => post({ type: 'playground:sklearn', run: run + 1, text }), failed);
        return;
      }
      default:
        return; // unknown messages are ignored
    }
  });
}
