// The page stays smooth while the worker trains: in headless Chromium (playwright-core), the
// built site (web/dist, from `npm run build`) is opened inside an iframe of a small host page,
// exactly as an embedding page would, with the default experiment at the default speed (or the
// experiment of --link). We count requestAnimationFrame
// callbacks in the playground's own document, first idle, then while training with the charts
// updating, and read the worker's progress from the page's documented `playground:metrics`
// messages (web/EMBED.md) to get the optimizer steps per second it sustains meanwhile.
//   node bench/browser-fps.mjs [--seconds S] [--link '#v=1&…'] [--chromium PATH] [--profile]
// Prints a summary, writes build/bench/browser-fps.json, exits 1 if training drops the page
// below 55 frames per second. --profile also records the page's main-thread JavaScript while
// training (DevTools CPU profile: build/bench/browser-fps.cpuprofile) and prints where the
// time goes.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { dist, launchChromium, root, serveSite } from '../tests/browser/site.mjs';

const kBase = '/app/';
const kMinFps = 55;
// The page as a visitor first sees it (the default experiment at the default speed); and, with
// --link, any other, e.g. W2's network, optimizer and batch on the digits at the fastest speed:
//   --link '#v=2&ds=digits&h=128:relu,128:relu&opt=adam&lr=0.001&bs=32&speed=1000'
const kDefaultLink = '#v=2';

const hostPage = (src) => `<!doctype html><html><head><style>
html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; }
</style></head><body>
<iframe id="frame" src="${src}" title="playground"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('frame').contentWindow) {
      window.received.push({ t: performance.now(), data: e.data });
    }
  });
  window.sendToFrame = (m) => document.getElementById('frame').contentWindow.postMessage(m, '*');
</script></body></html>`;

function parseArgs(argv) {
  const o = { seconds: 10, link: kDefaultLink, chromium: '/usr/bin/chromium', profile: false };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    if (argv[i] === '--seconds') o.seconds = Number(value());
    else if (argv[i] === '--link') o.link = value();
    else if (argv[i] === '--chromium') o.chromium = value();
    else if (argv[i] === '--profile') o.profile = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!(o.seconds >= 2)) throw new Error('--seconds: at least 2');
  if (!o.link.startsWith('#')) throw new Error('--link: the part of a playground link from # on');
  return o;
}

// Frame timestamps of requestAnimationFrame in `frame` for `ms` milliseconds.
function recordFrames(frame, ms) {
  return frame.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const stamps = [];
        const tick = (t) => {
          stamps.push(t);
          if (t - stamps[0] < duration) requestAnimationFrame(tick);
          else resolve(stamps);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

function frameStats(stamps) {
  const gaps = [];
  for (let i = 1; i < stamps.length; i++) gaps.push(stamps[i] - stamps[i - 1]);
  const sorted = [...gaps].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const seconds = (stamps.at(-1) - stamps[0]) / 1000;
  return {
    fps: gaps.length / seconds,
    frames: gaps.length,
    seconds,
    medianFrameMs: q(0.5),
    p95FrameMs: q(0.95),
    maxFrameMs: sorted.at(-1),
    // frames that took longer than two 60 Hz intervals: visible stutter
    longFrames: gaps.filter((g) => g > 2 * (1000 / 60) + 1).length,
  };
}

// The first run's step in the last `playground:metrics` message received at or before time t.
async function stepAt(page, t) {
  return page.evaluate((until) => {
    let best = null;
    for (const m of window.received) {
      if (m.t > until || m.data?.type !== 'playground:metrics') continue;
      best = { t: m.t, step: m.data.runs?.[0]?.step, state: m.data.runs?.[0]?.state };
    }
    return best;
  }, t);
}

// Self time per function of a DevTools CPU profile, largest first, as [name, ms, share].
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const total = profile.endTime - profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => [name, us / 1000, us / total]);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(
      'web/dist is missing: build the site first (bash scripts/build-wasm.sh && npm run build)',
    );
  }
  const server = await serveSite({ base: kBase, hostPage });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, profile } = await launchChromium({
    executablePath: o.chromium,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/host.html?hash=${encodeURIComponent(o.link)}`);
    await page.waitForFunction(
      () => window.received.some((m) => m.data?.type === 'playground:ready'),
      null,
      {
        timeout: 60_000,
      },
    );
    const ready = await page.evaluate(
      () => window.received.find((m) => m.data?.type === 'playground:ready').data,
    );
    const frame = page.frames().find((f) => f.url().includes(`${kBase}index.html`));
    if (!frame) throw new Error('the playground iframe did not load');
    const ms = o.seconds * 1000;

    const idle = frameStats(await recordFrames(frame, Math.min(ms, 3000)));

    await page.evaluate(() => window.sendToFrame({ type: 'playground:play' }));
    await page.waitForFunction(
      () =>
        window.received.filter(
          (m) => m.data?.type === 'playground:metrics' && m.data.runs?.[0]?.step > 0,
        ).length >= 2,
      null,
      { timeout: 60_000 },
    );
    let cdp = null;
    if (o.profile) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const t0 = await page.evaluate(() => performance.now());
    const training = frameStats(await recordFrames(frame, ms));
    const t1 = await page.evaluate(() => performance.now());
    let hotspots = null;
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(join(root, 'build/bench'), { recursive: true });
      writeFileSync(join(root, 'build/bench/browser-fps.cpuprofile'), JSON.stringify(profile));
      hotspots = selfTimes(profile).slice(0, 15);
    }
    await page.evaluate(() => window.sendToFrame({ type: 'playground:pause' }));

    const first = await stepAt(page, t0);
    const last = await stepAt(page, t1);
    const stepsPerSecond =
      first && last && last.t > first.t
        ? ((last.step - first.step) * 1000) / (last.t - first.t)
        : null;
    const result = {
      link: o.link,
      engine: ready,
      idle,
      training,
      workerStepsPerSecond: stepsPerSecond,
      runState: last?.state ?? null,
      pageErrors: errors,
      minFps: kMinFps,
      met: training.fps >= kMinFps,
    };
    mkdirSync(join(root, 'build/bench'), { recursive: true });
    writeFileSync(join(root, 'build/bench/browser-fps.json'), JSON.stringify(result, null, 1));
    const f = (s) =>
      `${s.fps.toFixed(1)} fps (median frame ${s.medianFrameMs.toFixed(1)} ms, p95 ${s.p95FrameMs.toFixed(1)} ms, ` +
      `max ${s.maxFrameMs.toFixed(1)} ms, ${s.longFrames} of ${s.frames} frames over 2 intervals)`;
    console.log(
      `Chromium ${context.browser()?.version() ?? ''} headless, engine ${JSON.stringify(ready)}`,
    );
    console.log(`link ${o.link}`);
    console.log(`idle:     ${f(idle)}`);
    console.log(`training: ${f(training)}`);
    console.log(
      `worker:   ${stepsPerSecond == null ? '–' : stepsPerSecond.toFixed(0)} optimizer steps/s with the charts updating (run ${last?.state})`,
    );
    console.log(
      `${result.met ? 'met' : 'NOT met'}: the page draws at >= ${kMinFps} fps while training`,
    );
    if (hotspots) {
      console.log('main thread while training, self time (build/bench/browser-fps.cpuprofile):');
      for (const [name, msSelf, share] of hotspots) {
        console.log(
          `  ${(100 * share).toFixed(1).padStart(5)}%  ${msSelf.toFixed(0).padStart(6)} ms  ${name}`,
        );
      }
    }
    if (errors.length) console.log(`page errors:\n  ${errors.join('\n  ')}`);
    if (!result.met || errors.length) process.exitCode = 1;
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
