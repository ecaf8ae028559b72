// "What the network sees" on digits with a small CNN (Dropout2d on the first conv layer,
// DropBlock on the second): 16 augmented training images, one filter tile per channel of the
// first conv layer, the feature maps of the chosen test image with the dropped channels marked
// when "as in training" is on, and a confusion matrix whose cells sum to the test split and
// whose diagonal share is the test accuracy the run's metrics record. The network drawing shows
// the layer sequence as blocks. The CNN is set through the page's controller, as an embedding
// page's script could; cnn-editor.journey.mjs sets CNNs through the link and the layer editor.
import { axeProblems, smallTargets } from './accessibility.mjs';
import { kDigitsCnnLayers } from '../digits-cnn.mjs';
import { assert, openReady } from './helpers.mjs';

// Every field of a layer from the page's own default layer, then the CNN's.
async function useCnn(page) {
  await page.evaluate((layers) => {
    const c = window.playground.controller;
    c.setField('data.kind', 'digits');
    c.setField('training.augmentShift', 1);
    c.setField('training.augmentRotation', 10);
    const base = window.playground.store.get().runs[0].spec.model.hidden[0];
    c.setLayers(layers.map((l) => ({ ...base, ...l })));
  }, kDigitsCnnLayers);
  await page.waitForFunction(() => {
    const run = window.playground.store.get().runs[0];
    return run.network?.imageInput && run.network.layers[0]?.kind === 'conv' && run.status;
  });
}

export default [
  [
    'digits CNN: batch, filters, feature maps with dropped channels, confusion matrix',
    async ({ newPage, url }) => {
      const page = await newPage();
      // An MLP on digits: its 64 inputs are one "8×8 image" block, then dense, then output.
      await openReady(page, url('#v=2&ds=digits&h=16:relu'));
      assert.equal(await page.locator('.network-canvas').getAttribute('data-blocks'), '3');
      assert.match(
        await page.locator('.network-canvas').getAttribute('aria-label'),
        /8×8 image 1×8×8 → Dense 16 \(1040 params\) → Output 10 \(170 params\)/,
      );
      await page.evaluate(() => window.playground.controller.setView({ stage: 'images' }));
      // An MLP has no filters, and says so.
      await page
        .locator('.iv-filter-part .iv-note', { hasText: 'An MLP has no filters' })
        .waitFor();
      await useCnn(page);

      // The network drawing: blocks (input, 4 layers, output), not neurons.
      const blocks = await page.evaluate(() => {
        window.playground.controller.setView({ stage: 'network' });
        return new Promise((r) =>
          requestAnimationFrame(() =>
            r(document.querySelector('.network-canvas')?.getAttribute('data-blocks')),
          ),
        );
      });
      assert.equal(blocks, '6');
      const label = await page.locator('.network-canvas').getAttribute('aria-label');
      assert.match(label, /1×8×8.*6×8×8.*6×4×4.*8×4×4.*128/);
      await page.locator('[role="tab"][data-stage="images"]').click();

      // A few steps of training, then one epoch so the metrics have a row at the shown step.
      await page.evaluate(() => window.playground.controller.play());
      await page.waitForFunction(() => window.playground.store.get().runs[0].status.step >= 30);
      await page.evaluate(() => window.playground.controller.pause());
      await page.evaluate(() => window.playground.controller.step('epoch'));
      await page.waitForFunction(() => {
        const run = window.playground.store.get().runs[0];
        const el = document.querySelector('.panel-images');
        return run.status.step > 30 && el?.dataset.step === String(run.status.step);
      });

      assert.equal(await page.locator('.iv-sample').count(), 16);
      assert.equal(await page.locator('.iv-filter').count(), 6);
      const augment = await page.locator('.iv-batch .iv-note').textContent();
      assert.match(augment, /shifted up to 1 px, rotated up to 10°/);
      // Feature maps: the conv (6), the pool (6), the second conv (8).
      assert.deepEqual(
        await page.$$eval('.iv-layer[data-hidden]', (rows) =>
          rows.map((r) => r.querySelectorAll('.iv-map').length),
        ),
        [6, 6, 8],
      );
      assert.equal(await page.locator('.iv-map[data-dropped]').count(), 0);

      // As in training: with p = 0.5 some of the 6 channels are dropped (crossed), and the
      // link keeps the switch and the chosen image.
      await page.locator('.iv-thumb').nth(3).click();
      await page.locator('label', { hasText: 'As in training' }).click();
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.iv-layer[data-hidden="0"] .iv-map[data-dropped]').length > 0,
      );
      await page.waitForFunction(
        () => /(^|&)it=1(&|$)/.test(location.hash) && /(^|&)ir=3(&|$)/.test(location.hash),
      );
      assert.equal(
        await page.locator('.iv-thumb[aria-pressed="true"]').getAttribute('data-row'),
        '3',
      );
      const layer0 = await page.locator('.iv-layer[data-hidden="0"] .iv-layer-name').textContent();
      const dropped = await page
        .locator('.iv-layer[data-hidden="0"] .iv-map[data-dropped]')
        .count();
      assert.match(layer0, new RegExp(`${dropped} channels dropped`));
      assert.ok(await page.locator('.iv-legend-cross').isVisible());

      // The confusion matrix: 10 × 10 counts summing to the test split, its diagonal share the
      // test accuracy of the run's last metrics row (same step).
      const { counts, total, testAccuracy } = await page.evaluate(() => {
        const canvas = document.querySelector('.iv-confusion');
        const run = window.playground.store.get().runs[0];
        const acc = run.series.columns.testAccuracy;
        const text = document.querySelector('.iv-chosen').textContent;
        return {
          counts: canvas.dataset.counts.split(',').map(Number),
          total: Number(/of (\d+)/.exec(text)[1]),
          testAccuracy: acc[acc.length - 1],
        };
      });
      assert.equal(counts.length, 100);
      const sum = counts.reduce((a, b) => a + b, 0);
      assert.equal(sum, total);
      let diagonal = 0;
      for (let k = 0; k < 10; k++) diagonal += counts[k * 11];
      assert.ok(
        Math.abs(diagonal / sum - testAccuracy) < 1e-9,
        `${diagonal / sum} vs ${testAccuracy}`,
      );
      const title = await page.locator('.iv-confusion-part h3').textContent();
      assert.ok(title.includes(`${Number((100 * testAccuracy).toPrecision(3))}%`), title);
    },
  ],
  [
    'has no serious accessibility violations and no small targets, on a phone in Chinese',
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await openReady(page, url('#v=2&lang=zh&stage=images&it=1'));
      // On a 2D set the tab does not apply: it is hidden and the network is shown, while the
      // link keeps the choice, so the view opens as soon as the data set is an image set.
      await page.locator('.stage-views').waitFor();
      assert.equal(await page.locator('[role="tab"][data-stage="images"]').isHidden(), true);
      assert.equal(await page.locator('.stage-views').getAttribute('data-shown'), 'network');
      await useCnn(page);
      await page.waitForFunction(
        () => document.querySelector('.stage-views')?.dataset.shown === 'images',
      );
      assert.equal(await page.locator('[role="tab"][data-stage="images"]').isVisible(), true);
      await page.locator('.iv-layer[data-hidden="2"] .iv-map').first().waitFor();
      assert.deepEqual(await axeProblems(page), []);
      const small = await smallTargets(
        page,
        '.stage-views [role="tab"], .panel-images button, .panel-images input',
      );
      assert.deepEqual(small, [], 'targets under 24 × 24 px');
      // Nothing sticks out sideways.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    },
  ],
  [
    'image sets: the accuracy chart moves to the first screen; a lesson opens with its task on a phone',
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.setViewportSize({ width: 1440, height: 900 });
      const accuracyPlace = () =>
        page.evaluate(() => {
          const fig = document.querySelector('[data-chart="accuracy"]');
          const r = fig.getBoundingClientRect();
          return { output: !!fig.closest('#stage-output'), bottom: r.bottom, height: r.height };
        });
      // Moons has a 2D picture: the accuracy chart stays with the other charts.
      await openReady(page, url('#v=2&ds=moons'));
      assert.equal((await accuracyPlace()).output, false);
      // Digits has none: the chart takes the boundary's place, whole on the first screen.
      await openReady(page, url('#v=2&ds=digits&h=c8:relu:p1,max2,flat'));
      await page.waitForFunction(() =>
        document.querySelector('[data-chart="accuracy"]')?.closest('#stage-output'),
      );
      const up = await accuracyPlace();
      assert.ok(up.height > 100 && up.bottom <= 900, JSON.stringify(up));
      // The panel above it has no boundary to show: it is called Output and points to the images.
      assert.equal(await page.locator('.panel-boundary h2').textContent(), 'Output');
      assert.match(
        await page.locator('.panel-boundary').textContent(),
        /open “What the network sees”/,
      );
      // And back with the data set.
      await page.evaluate(() => window.playground.controller.setField('data.kind', 'moons'));
      await page.waitForFunction(
        () => !document.querySelector('[data-chart="accuracy"]')?.closest('#stage-output'),
      );

      await page.setViewportSize({ width: 390, height: 844 });
      await openReady(page, url('#lesson=imageAugmentation'));
      const order = await page.evaluate(() => {
        const lesson = document.querySelector('.lesson-card:not(.start)');
        const view = document.querySelector('.stage-views');
        return lesson.getBoundingClientRect().top < view.getBoundingClientRect().top;
      });
      assert.equal(order, true, 'the lesson card comes before the view');
    },
  ],
];
