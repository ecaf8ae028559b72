// Wiring only: read the link, build the store, the worker and the controller, mount the page.
import './styles.css';
import { browserLanguage, loadLanguage, setLanguage } from './i18n/i18n';
import { decode } from './spec/url-codec';
import { Controller } from './state/controller';
import { datasetFromPoints } from './state/custom-data';
import { Store } from './state/store';
import { mountApp } from './ui/app';
import { startEmbed } from './ui/embed';
import { startShortcuts } from './ui/shortcuts';
import { currentLink, startUrlSync } from './ui/url-sync';
import { poolSize, WorkerPool } from './worker/pool';
import { WorkerClient } from './worker/worker-client';

const { experiment, warnings } = decode(location.hash);
const lang = experiment.view.lang ?? browserLanguage(navigator.languages ?? [navigator.language]);
await loadLanguage(lang);
setLanguage(lang);

const store = new Store(experiment, lang);

let controller: Controller;
// One worker per compared run, up to the cores the browser reports (and the four runs a page
// compares at most).
const workers = poolSize();
const worker = new WorkerPool(
  {
    message: (msg) => controller.onMessage(msg),
    frames: (frames, playing) => controller.onFrames(frames, playing),
    died: (reason) => controller.onDied(reason),
  },
  workers,
  (events) => new WorkerClient(events),
);
controller = new Controller(store, worker, worker);
controller.init(warnings, experiment.points ? datasetFromPoints(experiment.points) : null);
const getLink = () => currentLink(store.get());

mountApp(document.getElementById('app')!, store, controller, getLink);
startUrlSync(store, controller);
startEmbed(store, controller, getLink);
startShortcuts(controller);
controller.boot();
if (experiment.csv) void controller.loadSharedCsv(experiment.csv);

// For the browser tests and the curious: the state, read-only in spirit.
(window as unknown as { playground: unknown }).playground = { store, controller, worker };
