// Keeps the address bar's hash equal to the experiment (replaceState, so Back still leaves the
// page), and opens a link pasted into the same tab.
import type { Controller } from '../state/controller';
import type { AppState, Store, Topic } from '../state/store';
import { decode, encode, type SharedExperiment } from '../spec/url-codec';
import { datasetFromPoints, pointsFromDataset } from '../state/custom-data';

function sharedExperiment(s: AppState): SharedExperiment {
  const points = s.custom ? pointsFromDataset(s.custom) : null;
  const csv = s.custom?.source === 'csv' ? s.custom.link : null;
  const runs = s.runs.map((r) => r.spec);
  // A table too large for a link cannot travel in it: the link falls back to the default data
  // set, and Share says so.
  const shareable = runs.map((spec) =>
    spec.data.kind === 'custom' && !points && !csv
      ? { ...spec, data: { ...spec.data, kind: 'circle' as const } }
      : spec,
  );
  return { runs: shareable, points, csv, view: { ...s.view, lang: s.view.lang } };
}

export function currentLink(s: AppState): string {
  return `${location.href.split('#')[0]}#${encode(sharedExperiment(s))}`;
}

export function startUrlSync(store: Store, controller: Controller): void {
  let written = location.hash.slice(1);
  let timer = 0;
  const write = () => {
    timer = 0;
    const hash = encode(sharedExperiment(store.get()));
    if (hash === written) return;
    written = hash;
    history.replaceState(null, '', `#${hash}`);
  };
  store.subscribe((topics: ReadonlySet<Topic>) => {
    if (topics.has('runs') || topics.has('view') || topics.has('data') || topics.has('lang')) {
      if (!timer) timer = window.setTimeout(write, 150);
    }
  });
  window.addEventListener('hashchange', () => {
    const hash = location.hash.slice(1);
    if (hash === written) return;
    written = hash;
    const { experiment, warnings } = decode(hash);
    controller.load(
      experiment,
      experiment.points ? datasetFromPoints(experiment.points) : null,
      warnings,
    );
    if (experiment.csv) void controller.loadSharedCsv(experiment.csv);
  });
}
