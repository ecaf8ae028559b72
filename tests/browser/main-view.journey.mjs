// The page loads, the real engine trains in the worker, readouts and charts move, and the main
// view is saved as a screenshot.
import { join } from 'node:path';
import {
  assert,
  canvasImage,
  nextFrames,
  openReady,
  settle,
  step,
  waitForStep,
} from './helpers.mjs';

export default [
  [
    'loads the engine, trains on Play, updates the charts and the boundary, pauses',
    async ({ newPage, url, artifacts }) => {
      const page = await newPage();
      await openReady(page, url());
      assert.match(await page.locator('.engine-info').textContent(), /Engine .+\(WASM SIMD\)/);
      const lossBefore = await canvasImage(page, '[data-chart="loss"] canvas');
      const boundaryBefore = await canvasImage(page, '.boundary-canvas');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitForStep(page, 300);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForFunction(() => window.playground.store.get().playing === false);
      await settle(page); // frames computed before the pause land first
      const stopped = await step(page);
      await settle(page);
      assert.equal(await step(page), stopped, 'no steps after Pause');
      const series = await page.evaluate(() => window.playground.store.get().runs[0].series.length);
      assert.ok(series > 10, `metric rows recorded: ${series}`);
      assert.notEqual(
        await canvasImage(page, '[data-chart="loss"] canvas'),
        lossBefore,
        'loss chart redrawn',
      );
      assert.notEqual(
        await canvasImage(page, '.boundary-canvas'),
        boundaryBefore,
        'boundary redrawn',
      );
      const loss = Number(
        await page.locator('[data-readout="trainLoss"][data-run="0"]').getAttribute('data-value'),
      );
      assert.ok(Number.isFinite(loss) && loss > 0, `train loss ${loss}`);
      // Charts redraw only on screen: show the whole page at once for the screenshot.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1400, height });
      await nextFrames(page);
      await page.screenshot({ path: join(artifacts, 'main-view.png'), fullPage: true });
    },
  ],
  [
    'steps one batch and one epoch, and resets to step 0 with the same first loss',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&rec=1&n=100'));
      await page.locator('[data-action="step-batch"]').click();
      await waitForStep(page, 1);
      assert.equal(await step(page), 1);
      const first = await page
        .locator('[data-readout="trainLoss"][data-run="0"]')
        .getAttribute('data-value');
      await page.locator('[data-action="step-epoch"]').click();
      await page.waitForFunction(() => window.playground.store.get().runs[0].status.epoch >= 1);
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await page.waitForFunction(() => window.playground.store.get().runs[0].status.step === 0);
      await page.keyboard.press('b');
      await waitForStep(page, 1);
      assert.equal(
        await page.locator('[data-readout="trainLoss"][data-run="0"]').getAttribute('data-value'),
        first,
      );
    },
  ],
  [
    'changes the learning rate mid-run without a reset, and resets for a new architecture',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url());
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 5);
      const before = await step(page);
      const lr = page.locator('[data-field="optimizer.lr"] input[type="number"]');
      await lr.fill('0.1');
      await lr.press('Enter');
      await page.locator('.notice', { hasText: 'Applied to the running network.' }).waitFor();
      assert.equal(await step(page), before);
      await page.waitForFunction(() => /lr=0\.1/.test(location.hash));
      await page.getByRole('tab', { name: 'Model', exact: true }).click();
      const units = page.locator('[data-field="layer0.units"] input');
      await units.fill('5');
      await units.press('Enter');
      await page.locator('.notice', { hasText: 'the run was reset' }).waitFor();
      await page.waitForFunction(() => window.playground.store.get().runs[0].status.step === 0);
      await page.waitForFunction(() => location.hash.includes('h=5,8'));
    },
  ],
  [
    'fits on a phone-sized screen without sideways scrolling',
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await openReady(page, url());
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    },
  ],
  [
    'exports the metrics as CSV and JSON and a chart as PNG',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&rec=1'));
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 1);
      const read = async (download) => {
        const chunks = [];
        for await (const c of await download.createReadStream()) chunks.push(c);
        return Buffer.concat(chunks);
      };
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Metrics as CSV', exact: true }).click(),
      ]);
      assert.equal(csv.suggestedFilename(), 'metrics.csv');
      const lines = (await read(csv)).toString().trim().split('\n');
      assert.match(lines[0], /^run,step,epoch,lr,batchLoss,trainLoss,trainPenalty,/);
      assert.ok(lines.length > 2, `${lines.length} lines`);
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Metrics as JSON', exact: true }).click(),
      ]);
      const data = JSON.parse((await read(json)).toString());
      assert.equal(data.runs[0].spec.training.recordEvery, 1);
      assert.match(data.link, /#v=2&rec=1/);
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Save Loss as PNG', exact: true }).click(),
      ]);
      const bytes = await read(png);
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    },
  ],
  [
    'the status says what the run is doing and what to do next, and Play is off when it cannot go on',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=2&n=60&ep=2'));
      const phase = page.locator('.status .phase');
      const next = page.locator('.status .next-action');
      const play = page.locator('[data-action="play"]');
      assert.equal(await phase.textContent(), 'Ready');
      assert.match(await next.textContent(), /Press Play/);
      await play.click();
      // 36 training rows in batches of 10: 4 steps an epoch, the limit after 8.
      await page.locator('.status .phase', { hasText: 'Finished' }).waitFor();
      assert.match(await next.textContent(), /raise it to go on, or Reset/);
      assert.equal(await play.isDisabled(), true);
      assert.equal(await step(page), 8);
      // Raising the limit lets it go on.
      const limit = page.locator('[data-field="training.maxEpochs"] input');
      await limit.fill('3');
      await limit.press('Enter');
      await page.waitForFunction(() => !document.querySelector('[data-action="play"]').disabled);
      await play.click();
      await page.locator('.status .phase', { hasText: 'Finished' }).waitFor();
      await page.waitForFunction(() => window.playground.store.get().runs[0].status.step === 12);
      await page.locator('[data-action="reset"]').click();
      await page.locator('.status .phase', { hasText: 'Ready' }).waitFor();
      await page.locator('[data-action="step-batch"]').click();
      await page.locator('.status .phase', { hasText: 'Paused' }).waitFor();
    },
  ],
];
