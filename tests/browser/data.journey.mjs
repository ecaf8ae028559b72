// Bring your own data: CSV pasted into the page (errors from the engine's parser shown as they
// are, then a good table trained on), points added on the 2D canvas and carried by the link,
// and the real and 1D data sets drawn the way they can be.
import { assert, openReady, waitForStep } from './helpers.mjs';

export default [
  [
    'pasted CSV: a ragged table is refused with a message, a good one trains',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url());
      await page.locator('details.csv summary').click();
      const paste = page.getByLabel('CSV text (first row: column names)');
      await paste.fill('a,b,label\n1,2,0\n3,4\n');
      await page.getByRole('button', { name: 'Read table', exact: true }).click();
      const error = page.locator('.csv-error');
      await error.waitFor();
      assert.ok((await error.textContent()).length > 5, 'the parser says what is wrong');
      await paste.fill('a,b,label\n1,2,x\n3,4,5\n'); // a column mixing numbers and text
      await page.getByRole('button', { name: 'Read table', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('.csv-error').textContent.length > 5);
      // Class labels may be text: the page shows which number each became.
      const rows = ['a,b,label'];
      for (let i = 0; i < 60; i++)
        rows.push(`${(i % 7) - 3},${(i % 5) - 2},${i % 7 > 3 ? 'yes' : 'no'}`);
      await paste.fill(rows.join('\n'));
      await page.getByRole('button', { name: 'Read table', exact: true }).click();
      await page.locator('.csv-status', { hasText: '60 rows × 3 columns' }).waitFor();
      assert.equal(await page.locator('.csv-error').textContent(), '');
      // The last column is the target by default.
      assert.equal(
        await page.getByRole('checkbox', { name: 'label', exact: true }).isChecked(),
        true,
      );
      assert.equal(await page.getByRole('checkbox', { name: 'a', exact: true }).isChecked(), false);
      await page.getByRole('button', { name: 'Train on this data', exact: true }).click();
      await page.waitForFunction(() => {
        const r = window.playground.store.get().runs[0];
        return r.spec.data.kind === 'custom' && !r.starting && r.network?.inputs === 2;
      });
      await page.locator('.class-map', { hasText: 'Classes: 0 = no, 1 = yes.' }).waitFor();
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 1);
      // The table travels in the link: opened in a fresh page, it trains on the same rows.
      await page.waitForFunction(() => /[#&]csv=[A-Za-z0-9_-]+&csvt=2/.test(location.hash));
      const link = await page.evaluate(() => location.href);
      const other = await newPage();
      await openReady(other, link.replace(/^.*#/, url('#')));
      await other.waitForFunction(() => {
        const r = window.playground.store.get().runs[0];
        return r.spec.data.kind === 'custom' && r.network?.inputs === 2 && r.splits;
      });
      assert.deepEqual(await other.evaluate(() => window.playground.store.get().custom.classes), [
        'no',
        'yes',
      ]);
    },
  ],
  [
    'pasted CSV with two target columns trains a two-output regression, both curves drawn',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url());
      await page.locator('details.csv summary').click();
      const rows = ['x,up,down'];
      for (let i = 0; i < 50; i++) rows.push(`${i / 10},${(2 * i) / 10 + 5},${-i / 10}`);
      await page.getByLabel('CSV text (first row: column names)').fill(rows.join('\n'));
      await page.getByRole('button', { name: 'Read table', exact: true }).click();
      await page.locator('.csv-status', { hasText: '50 rows × 3 columns' }).waitFor();
      await page.getByLabel('Task', { exact: true }).last().selectOption('regression');
      await page.getByRole('checkbox', { name: 'up', exact: true }).check();
      await page.getByRole('button', { name: 'Train on this data', exact: true }).click();
      await page.waitForFunction(() => {
        const r = window.playground.store.get().runs[0];
        return r.spec.data.kind === 'custom' && !r.starting && r.network?.outputs === 2;
      });
      const names = await page.evaluate(
        () => window.playground.store.get().runs[0].network.targetNames,
      );
      assert.deepEqual(names, ['up', 'down']);
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 1);
      await page.waitForFunction(
        () => window.playground.store.get().runs[0].visuals.curve?.outputs === 2,
      );
      // The targets come back in their own units, as the curves are drawn.
      const yMax = await page.evaluate(() =>
        Math.max(...window.playground.store.get().runs[0].splits.train.y),
      );
      assert.ok(Math.abs(yMax - 14.8) < 1e-4, `largest target ${yMax}`); // 2·4.9 + 5
    },
  ],
  [
    'clicking the canvas adds points of the chosen class, and the link carries them',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&n=50'));
      await page.locator('details.edit-tools summary').click();
      await page.getByLabel('Add class 1 (blue)').check();
      const canvas = page.locator('.boundary-canvas').first();
      await canvas.click({ position: { x: 60, y: 20 } }); // inside the axes
      await page.waitForFunction(() => {
        const s = window.playground.store.get();
        return (
          s.custom?.data.rows === 51 && s.runs[0].spec.data.kind === 'custom' && !s.runs[0].starting
        );
      });
      await page.waitForFunction(
        () => location.hash.includes('ds=custom') && location.hash.includes('pts='),
      );
      const added = await page.evaluate(() => {
        const d = window.playground.store.get().custom.data;
        return [d.x[100], d.x[101], d.y[50]];
      });
      assert.equal(added[2], 1);
      assert.ok(
        added[0] < 0 && added[1] > 0,
        `top-left click lands at negative x1, positive x2: ${added}`,
      );
      // The same without a pointer: coordinates typed in, class 0.
      const hashWithOnePoint = await page.evaluate(() => location.hash);
      await page.locator('details.edit-tools').evaluate((d) => (d.open = true));
      await page.getByLabel('Add class 0 (orange)').check();
      await page.getByLabel('Point x₁', { exact: true }).fill('1.5');
      await page.getByLabel('Point x₂', { exact: true }).fill('-2');
      await page.getByRole('button', { name: 'Apply at (x₁, x₂)', exact: true }).click();
      await page.waitForFunction(() => window.playground.store.get().custom?.data.rows === 52);
      const typed = await page.evaluate(() => {
        const d = window.playground.store.get().custom.data;
        return [d.x[102], d.x[103], d.y[51]];
      });
      assert.deepEqual(typed, [1.5, -2, 0]);
      await page.waitForFunction(() => !window.playground.store.get().runs[0].starting);
      // The address bar follows the state after a short debounce.
      await page.waitForFunction((before) => location.hash !== before, hashWithOnePoint);
      const link = await page.evaluate(() => location.href);
      const fresh = await newPage();
      await openReady(fresh, link);
      const again = await fresh.evaluate(() => {
        const d = window.playground.store.get().custom.data;
        return [d.rows, d.x[100], d.x[101], d.y[50]];
      });
      assert.deepEqual(again, [52, ...added]);
    },
  ],
  [
    'a real data set without a 2D picture says so; regression has no accuracy; 1D shows the curve',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&ds=diabetes'));
      await page.locator('.boundary-message', { hasText: 'has 10 inputs' }).waitFor();
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 1);
      assert.equal(
        await page.locator('[data-readout="accuracy"][data-run="0"]').textContent(),
        '–',
      );
      await page.locator('[data-field="data.kind"] select').selectOption('regression1d');
      await page.locator('.panel-boundary h2', { hasText: 'Fitted curve' }).waitFor();
      await page.waitForFunction(
        () => window.playground.store.get().runs[0].visuals.curve?.x.length === 200,
      );
    },
  ],
];
