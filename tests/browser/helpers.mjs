// Shared steps of the browser journeys. They read what the page shows (readouts, canvases,
// the address bar) and only peek at the page's store where the DOM has no number to read.
import assert from 'node:assert/strict';

export { assert };

export async function openReady(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.playground?.store.get().engine.ready === true, null, {
    timeout: 30_000,
  });
  await page.waitForFunction(
    () => window.playground.store.get().runs.every((r) => !r.starting && r.status),
    null,
    { timeout: 30_000 },
  );
}

export async function readout(page, key, run = 0) {
  return page.locator(`[data-readout="${key}"][data-run="${run}"]`).getAttribute('data-value');
}

export async function step(page, run = 0) {
  return Number(await readout(page, 'step', run));
}

export async function waitForStep(page, atLeast, run = 0) {
  await page.waitForFunction(
    ([n, r]) =>
      Number(
        document
          .querySelector(`[data-readout="step"][data-run="${r}"]`)
          ?.getAttribute('data-value') ?? 0,
      ) >= n,
    [atLeast, run],
    { timeout: 30_000 },
  );
}

export async function waitForState(page, state, run = 0) {
  await page.waitForFunction(
    ([s, r]) => window.playground.store.get().runs[r]?.status?.state === s,
    [state, run],
    { timeout: 60_000 },
  );
}

export async function canvasImage(page, selector) {
  return page
    .locator(selector)
    .first()
    .evaluate((c) => c.toDataURL());
}

// Waits until every frame the worker computed before now is applied and drawn: a round trip
// through the worker (a CSV parse; a worker's messages arrive in order), then two animation
// frames. Replaces fixed sleeps after Pause.
export async function settle(page) {
  await page.evaluate(async () => {
    await window.playground.controller.parseCsv('a,b\n1,2', 10);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

// Waits for two animation frames (a resize or a redraw has happened).
export async function nextFrames(page) {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

// Polls `check` until it is true or `ms` pass (for things the page reports only to the
// console, like a CSP refusal).
export async function eventually(check, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
