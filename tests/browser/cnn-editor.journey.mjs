// The layer editor with CNNs: the small-CNN preset on the digits shows the shape at each step,
// trains, and its link reopens the same layers; a hostile CNN link opens repaired, says why,
// and trains.
import { axeProblems } from './accessibility.mjs';
import { assert, openReady, waitForStep } from './helpers.mjs';

const spec = (page) => page.evaluate(() => window.playground.store.get().runs[0].spec);

async function openModel(page) {
  const tab = page.getByRole('tab', { name: 'Model', exact: true });
  if (await tab.count()) await tab.first().click();
}

async function trainFewSteps(page) {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForStep(page, 5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const loss = await page.evaluate(() =>
    window.playground.store.get().runs[0].series.columns.trainLoss.at(-1),
  );
  assert.ok(Number.isFinite(loss), `train loss ${loss}`);
}

export default [
  [
    'the small-CNN preset shows the shapes, trains, and its link reopens the same layers',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=2&ds=digits&seed=3'));
      await openModel(page);
      await page.getByRole('button', { name: 'Small CNN', exact: true }).click();
      const flow = page.locator('[data-layer-flow]');
      await flow.filter({ hasText: 'output 10' }).waitFor();
      assert.equal(
        await flow.textContent(),
        'Input 1×8×8 → Convolution 16×8×8 → Max pooling 16×4×4 → Convolution 32×4×4 → Flatten 512 → output 10',
      );
      // Parameters of the built network: 1·9·16 + 16 and 16·9·32 + 32.
      await page.locator('[data-layer-output="0"]', { hasText: '160 parameters' }).waitFor();
      await page.locator('[data-layer-output="2"]', { hasText: '4,640 parameters' }).waitFor();
      // A pooling layer shows its window only.
      const pool = page.locator('.layer[data-kind="maxPool"]');
      assert.equal(await pool.locator('[data-field="layer1.size"]').isVisible(), true);
      assert.equal(await pool.locator('[data-field="layer1.activation"]').isVisible(), false);
      // A conv layer's dropout is Dropout2d, and its label says it drops whole channels.
      assert.match(
        await page.locator('[data-field="layer0.dropout"]').textContent(),
        /Dropout2d \(whole channels\)/,
      );
      assert.deepEqual(await axeProblems(page), []);
      await trainFewSteps(page);
      const hidden = (await spec(page)).model.hidden;
      await page.waitForFunction(() =>
        decodeURIComponent(location.hash).includes('h=c16:relu:p1,max2,c32:relu:p1,flat'),
      );
      const link = await page.evaluate(() => location.href);
      const fresh = await newPage();
      await openReady(fresh, link);
      assert.deepEqual((await spec(fresh)).model.hidden, hidden);
      // "Activation of every layer" sets the conv layers only: pooling and flatten have none.
      await page.locator('[data-field="all.activation"] select').selectOption('sigmoid');
      await page.waitForFunction(() =>
        decodeURIComponent(location.hash).includes('h=c16:sigmoid:p1,max2,c32:sigmoid:p1,flat'),
      );
      // Add a dense layer after flatten; make the max pooling an average pooling.
      await page.locator('.add-layer-kind').selectOption('dense');
      await page.getByRole('button', { name: 'Add layer', exact: true }).click();
      await page.locator('[data-field="layer1.kind"] select').selectOption('avgPool');
      await flow.filter({ hasText: 'Average pooling 16×4×4' }).waitFor();
      assert.match(await flow.textContent(), /Flatten 512 → Dense 8 → output 10$/);
      // Switching to a 2-D set removes the image layers, and the model panel says why.
      await page.locator('[data-field="data.kind"] select').selectOption('moons');
      await page.locator('.layer-notes', { hasText: 'Removed model.hidden[0] (conv)' }).waitFor();
      assert.deepEqual(
        (await spec(page)).model.hidden.map((l) => l.kind),
        ['flatten', 'dense'],
      );
      assert.equal(await page.locator('.layer-presets').isVisible(), false);
    },
  ],
  [
    'a hostile CNN link opens repaired, says why, and trains',
    async ({ newPage, url }) => {
      const page = await newPage();
      // A conv and a pooling layer on a 2-D set, and a kernel of 9 (above the field's 7).
      await openReady(page, url('#v=2&ds=moons&h=c8:k9,max2,16:relu'));
      const warnings = page.locator('.warnings');
      await warnings.waitFor();
      const text = await warnings.textContent();
      assert.match(
        text,
        /Removed model\.hidden\[0\] \(conv\): a convolution or pooling layer needs/,
      );
      assert.match(text, /Removed model\.hidden\[1\] \(maxPool\)/);
      assert.match(text, /h\[0\] kernel: 9 is outside \[1, 7\]/);
      assert.deepEqual(
        (await spec(page)).model.hidden.map((l) => [l.kind, l.units, l.activation]),
        [['dense', 16, 'relu']],
      );
      await trainFewSteps(page);
      // On the digits: a stride-4 conv leaves 2×2, where a kernel of 7 does not fit.
      const digits = await newPage();
      await openReady(digits, url('#v=2&ds=digits&h=c4:t4,c4:k7,flat'));
      await digits
        .locator('.warnings', { hasText: 'the kernel must fit the padded input' })
        .waitFor();
      assert.equal((await spec(digits)).model.hidden[1].kernel, 2);
      await trainFewSteps(digits);
    },
  ],
];
