// Worker scaling of the page's cross-validation: the built site (web/dist, from `npm run
// build`) in headless Chromium (playwright-core), a cross-validation study opened by its link,
// timed with a pool of 1 worker and with a pool of one worker per core (the page's own rule:
// navigator.hardwareConcurrency, at most 4). The pool size is set by reporting that many cores
// to the page (navigator.hardwareConcurrency, before the page's scripts run). Each study is
// timed by the page itself (AppState.study.cv.ms: from the batch's start to its reduced
// result), twice per page: the first also starts the workers and hands each the data set
// (reported as "first study"), the second, on warm workers, is the one compared. The numbers
// are compared across pool sizes: they must be identical.
//   npm run bench:scaling -- [--rounds R] [--workers N] [--chromium PATH]
// Studies: a network grid search (circle data, 4 λ × 5 folds = 20 training jobs) and the exact
// solver's 10-fold CV of the lasso path on diabetes (11 short jobs, dominated by messaging).
// Prints a table, writes build/bench/worker-scaling.json. Method and latest results:
// BENCHMARKS.md, section "Worker scaling".
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { dist, launchChromium, root, serveSite } from '../tests/browser/site.mjs';

const kBase = '/app/';
const kStudies = [
  {
    name: 'network grid CV (circle, 4 λ × 5 folds, 60 epochs)',
    link: '#ds=circle&n=400&pen=l2&h=8:tanh&stage=cv&cvt=network&cvn=5&cvv=0,0.001,0.01,0.1&cve=60',
  },
  {
    name: 'lasso path 10-fold CV (diabetes, 100 α)',
    link: '#ds=diabetes&h=&pen=l1&stage=cv&pm=lasso&cvn=10',
  },
];

function parseArgs(argv) {
  const o = {
    rounds: 3,
    workers: Math.min(4, os.availableParallelism?.() ?? os.cpus().length),
    chromium: '/usr/bin/chromium',
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    if (argv[i] === '--rounds') o.rounds = Number(value());
    else if (argv[i] === '--workers') o.workers = Number(value());
    else if (argv[i] === '--chromium') o.chromium = value();
    else throw new Error(`unknown option ${argv[i]} (see the header of bench/worker-scaling.mjs)`);
  }
  if (!(o.rounds >= 1)) throw new Error('--rounds: at least 1');
  if (!(Number.isInteger(o.workers) && o.workers >= 2 && o.workers <= 4))
    throw new Error('--workers: 2..4 (the page uses at most 4)');
  return o;
}

// Opens `link` with `cores` reported to the page, waits for the study, returns its time and
// numbers.
async function timeStudy(context, origin, link, cores) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((n) => {
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n });
  }, cores);
  try {
    await page.goto(`${origin}${kBase}index.html${link}`);
    // The first study also starts the workers and hands each the data set; time the second,
    // on warm workers.
    await settled(page);
    const first = await page.evaluate(() => window.playground.store.get().study.cv.ms);
    await page.evaluate(() => window.playground.controller.study.restart('cv'));
    await settled(page);
    const slot = await page.evaluate(() => {
      const s = window.playground.store.get().study.cv;
      return { phase: s.phase, error: s.error, ms: s.ms, jobs: s.jobs, result: s.result };
    });
    if (slot.phase !== 'done') throw new Error(`${link}: ${slot.phase} ${slot.error ?? ''}`);
    if (errors.length) throw new Error(errors.join('; '));
    const r = slot.result;
    const numbers = r.target === 'path' ? r.cv : { mean: r.mean, best: r.best, oneSe: r.oneSe };
    return { ms: slot.ms, firstMs: first, jobs: slot.jobs, numbers: JSON.stringify(numbers) };
  } finally {
    await page.close();
  }
}

// Waits until the shown cross-validation study has an answer.
async function settled(page) {
  await page.waitForFunction(
    () => {
      const slot = window.playground?.store.get().study.cv;
      if (!slot) return false;
      // 'unavailable' while the run starts ('waiting') is not an answer yet.
      return (
        slot.phase === 'done' ||
        slot.phase === 'failed' ||
        (slot.phase === 'unavailable' && slot.blocker !== 'waiting')
      );
    },
    null,
    { timeout: 300_000 },
  );
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(
      'web/dist is missing: build the site first (bash scripts/build-wasm.sh && npm run build)',
    );
  const server = await serveSite({ base: kBase, hostPage: () => '' });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context } = await launchChromium({
    executablePath: o.chromium,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
  });
  const rows = [];
  try {
    for (const study of kStudies) {
      const times = { 1: [], [o.workers]: [] };
      const cold = { 1: [], [o.workers]: [] };
      const numbers = new Set();
      let jobs = 0;
      // The pool sizes take turns, so a busy phase of a shared machine does not land on one.
      for (let round = 0; round < o.rounds; round++)
        for (const cores of [1, o.workers]) {
          const t = await timeStudy(context, origin, study.link, cores);
          times[cores].push(t.ms);
          cold[cores].push(t.firstMs);
          numbers.add(t.numbers);
          jobs = t.jobs;
        }
      if (numbers.size !== 1)
        throw new Error(`${study.name}: the numbers differ between pool sizes`);
      const best = (v) => Math.min(...v);
      const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      rows.push({
        study: study.name,
        link: study.link,
        jobs,
        oneWorker: {
          bestMs: best(times[1]),
          medianMs: median(times[1]),
          all: times[1],
          coldMedianMs: median(cold[1]),
        },
        pool: {
          workers: o.workers,
          bestMs: best(times[o.workers]),
          medianMs: median(times[o.workers]),
          all: times[o.workers],
          coldMedianMs: median(cold[o.workers]),
        },
        speedup: median(times[1]) / median(times[o.workers]),
        identical: true,
      });
    }
  } finally {
    await context.close();
    server.close();
  }
  const result = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', load: os.loadavg() },
    rounds: o.rounds,
    rows,
  };
  mkdirSync(join(root, 'build/bench'), { recursive: true });
  writeFileSync(join(root, 'build/bench/worker-scaling.json'), JSON.stringify(result, null, 1));
  console.log(
    `${result.machine.cpus} cores (${result.machine.model}), load ${result.machine.load.map((x) => x.toFixed(1)).join(' ')}, ${o.rounds} rounds`,
  );
  for (const r of rows)
    console.log(
      `${r.study}: ${r.jobs} jobs; 1 worker ${r.oneWorker.medianMs.toFixed(0)} ms (best ${r.oneWorker.bestMs.toFixed(0)}, first study ${r.oneWorker.coldMedianMs.toFixed(0)}), ${r.pool.workers} workers ${r.pool.medianMs.toFixed(0)} ms (best ${r.pool.bestMs.toFixed(0)}, first study ${r.pool.coldMedianMs.toFixed(0)}): ${r.speedup.toFixed(2)}×, numbers identical`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
