// Compare mode: duplicate the run, change one setting, train both in lockstep, overlay curves,
// show the boundaries side by side, and keep both runs in the link.
import { assert, openReady, settle, step, waitForStep } from './helpers.mjs';

export default [
  [
    'duplicates a run, changes its penalty, and trains both in lockstep',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&n=120'));
      await page.locator('[data-action="duplicate"]').click();
      await page.waitForFunction(
        () =>
          window.playground.store.get().runs.length === 2 &&
          window.playground.store.get().runs.every((r) => !r.starting),
      );
      // The duplicate is selected: its controls are shown.
      await page.locator('[data-field="penalty.kind"] select').selectOption('l1');
      const lam = page.locator('[data-field="penalty.lambda"] input[type="number"]');
      await lam.fill('0.01');
      await lam.press('Enter');
      await page.waitForFunction(
        () =>
          location.hash.includes('runs=2') &&
          location.hash.includes('r2.pen=l1') &&
          location.hash.includes('r2.lam=0.01'),
      );
      const specs = await page.evaluate(() =>
        window.playground.store.get().runs.map((r) => r.spec.penalty.kind),
      );
      assert.deepEqual(specs, ['none', 'l1']);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitForStep(page, 200, 1);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForFunction(() => window.playground.store.get().playing === false);
      await settle(page); // frames computed before the pause land first
      assert.equal(await step(page, 0), await step(page, 1), 'both runs at the same step');
      // Each compared run trains in its own worker when the machine has the cores.
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      assert.equal(page.workers().length, Math.min(2, cores), 'one worker per run');
      assert.equal(await page.locator('.boundary-canvas').count(), 2);
      const labels = await page.evaluate(() =>
        window.playground.store.get().runs.map((r) => r.series.length),
      );
      assert.ok(
        labels.every((n) => n > 5),
        `both runs recorded metrics: ${labels}`,
      );
      const losses = await page.evaluate(() =>
        window.playground.store.get().runs.map((r) => r.series.columns.trainPenalty.at(-1)),
      );
      assert.equal(losses[0], 0, 'run 1 has no penalty');
      assert.ok(losses[1] > 0, 'run 2 reports its L1 penalty');
    },
  ],
];
