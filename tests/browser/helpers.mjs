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
  return page.locator(`dd[data-readout="${key}"][data-run="${run}"]`).getAttribute('data-value');
}

export async function step(page, run = 0) {
  return Number(await readout(page, 'step', run));
}

export async function waitForStep(page, atLeast, run = 0) {
  await page.waitForFunction(
    ([n, r]) =>
      Number(
        document
          .querySelector(`dd[data-readout="step"][data-run="${r}"]`)
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
