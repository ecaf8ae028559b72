// "Choosing λ" on the page: the path view and the cross-validation view render what the engine
// computed on the worker pool, a click chooses a grid value, the Apply buttons change the run,
// a network grid search draws a heatmap, and Cancel stops a cross-validation within a second
// while the page keeps drawing.
import { assert, nextFrames, openReady } from './helpers.mjs';

async function waitForStudy(page, which, phase = 'done') {
  await page.waitForFunction(
    ([w, p]) => window.playground.store.get().study[w].phase === p,
    [which, phase],
    { timeout: 30_000 },
  );
  await nextFrames(page);
}

// True when the canvas holds more than one colour (something was drawn).
async function drawn(page, selector) {
  return page.locator(selector).evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    for (let i = 4; i < data.length; i += 4)
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
    return false;
  });
}

// The text of a file the page offers for download after a click on `action`.
async function downloaded(page, action) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-action="${action}"]`).click(),
  ]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

const penaltyOf = (page) =>
  page.evaluate(() => {
    const s = window.playground.store.get();
    return s.runs[s.selected].spec.penalty;
  });

export default [
  [
    'the lasso path on diabetes: drawn, its count of non-zeros not monotone; a click chooses α, and Apply gives the network the path’s zeros there',
    async ({ newPage, url }) => {
      const page = await newPage();
      // A linear network on the path's rows (no validation split), full-batch gradient descent.
      await openReady(
        page,
        url('#ds=diabetes&h=&val=0&opt=sgd&lr=0.1&bs=0&pen=l2&lam=0.01&stage=path&pm=lasso'),
      );
      await waitForStudy(page, 'path');
      const view = page.locator('.path-view');
      assert.equal(await view.getAttribute('data-model'), 'lasso');
      const counts = (await view.getAttribute('data-non-zeros')).split(',').map(Number);
      assert.equal(counts.length, 100);
      assert.equal(counts[0], 0);
      assert.equal(counts.at(-1), 10);
      assert.equal(await view.getAttribute('data-non-monotone'), 'true');
      assert.ok(await drawn(page, '.path-canvas'));
      // Nothing chosen yet: Apply waits for a choice.
      assert.ok(await page.locator('[data-action="path-apply"]').isDisabled());
      // A click on the left part of the chart (strong penalties) chooses a grid α, which goes
      // into the link.
      const box = await page.locator('.path-canvas').boundingBox();
      await page.mouse.click(box.x + box.width * 0.35, box.y + box.height * 0.5);
      await page.waitForFunction(() => /[#&]pa=/.test(location.hash));
      const { alpha, grid } = await page.evaluate(() => {
        const s = window.playground.store.get();
        return { alpha: s.view.study.path.alpha, grid: s.study.path.result.path.alphas };
      });
      const i = grid.indexOf(alpha);
      assert.ok(i > 0, `α ${alpha} is not a grid value`);
      assert.ok(counts[i] > 0 && counts[i] < 10, `${counts[i]} features at the chosen α`);
      await page.locator('.path-view .study-summary', { hasText: 'Lasso (L1) at α =' }).waitFor();
      await page.locator('[data-action="path-apply"]').click();
      await page.locator('.path-view .study-applied', { hasText: 'Applied to the run' }).waitFor();
      const penalty = await penaltyOf(page);
      assert.equal(penalty.kind, 'l1');
      await page.waitForFunction(() => /[#&]pen=l1/.test(location.hash));
      // The run's λ, read back onto the path, is the α it came from (λ kept to 6 digits).
      await page.waitForFunction(() => document.querySelector('.path-view').dataset.runValue);
      const runValue = Number(await view.getAttribute('data-run-value'));
      assert.ok(
        Math.abs(runValue - alpha) <= 1e-5 * alpha,
        `run at α ${runValue}, chosen ${alpha}`,
      );
      // Trained, the network has the path's exact zeros at that α.
      await page.evaluate(() => {
        window.playground.controller.setSpeed(1000);
        window.playground.controller.play();
      });
      await page.waitForFunction(
        () => (window.playground.store.get().runs[0].status?.step ?? 0) >= 400,
        null,
        { timeout: 30_000 },
      );
      await page.evaluate(() => window.playground.controller.pause());
      const zeros = await page.evaluate(() =>
        window.playground.store.get().runs[0].series.perLayer.zeroFraction[0].at(-1),
      );
      assert.ok(
        Math.abs(zeros - (1 - counts[i] / 10)) < 1e-9,
        `network: ${zeros} of its weights 0; path: ${counts[i]} of 10 non-zero`,
      );
      // The path leaves as a scikit-learn script (run by the export proof's tests) naming its link.
      const script = await downloaded(page, 'export-sklearn-path');
      assert.equal(script.name, 'run1_sklearn_path.py');
      assert.match(script.text, /lasso_path\(/);
      assert.match(script.text, /load_diabetes/);
      assert.ok(script.text.includes('pm=lasso'), 'the script names the link that made it');
    },
  ],
  [
    'cross-validation of the lasso path: error bars, the minimum and the 1 SE choice marked; Apply sets the 1 SE α',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#ds=diabetes&h=&pen=l1&lam=0.5&stage=cv&pm=lasso&cvn=5'));
      await waitForStudy(page, 'cv');
      const view = page.locator('.cv-view');
      const best = Number(await view.getAttribute('data-best-non-zeros'));
      const oneSe = Number(await view.getAttribute('data-one-se-non-zeros'));
      assert.ok(oneSe < best, `1 SE keeps ${oneSe} features, the minimum ${best}`);
      assert.ok(await drawn(page, '.cv-canvas'));
      await page.locator('.cv-view .study-summary', { hasText: 'One standard error' }).waitFor();
      const cv = await page.evaluate(() => window.playground.store.get().study.cv.result);
      assert.equal(cv.path.alphas.length, 100);
      assert.ok(cv.cv.oneSe < cv.cv.best, 'the 1 SE choice is not the stronger penalty');
      await page.locator('[data-action="cv-apply-1se"]').click();
      await page.locator('.cv-view .study-applied', { hasText: 'Applied to the run' }).waitFor();
      const penalty = await penaltyOf(page);
      const alpha = cv.path.alphas[cv.cv.oneSe];
      assert.equal(penalty.kind, 'l1');
      assert.notEqual(penalty.lambda, 0.5);
      // The chosen α is the link's, so the path view marks the same one.
      const marked = await page.evaluate(() => window.playground.store.get().view.study.path.alpha);
      assert.equal(marked, alpha);
    },
  ],
  [
    'a two-parameter grid search of the network draws a heatmap, and Apply sets both values',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(
        page,
        url(
          '#ds=circle&n=80&pen=l2&h=4:tanh&stage=cv&cvt=network&cvn=2&cvv=0,0.3&cvq=optimizer.lr&cvw=0.01,0.1&cve=3',
        ),
      );
      await waitForStudy(page, 'cv');
      assert.ok(await page.locator('.cv-heatmap').isVisible());
      assert.ok(!(await page.locator('.cv-canvas').isVisible()));
      assert.ok(await drawn(page, '.cv-heatmap'));
      const r = await page.evaluate(() => window.playground.store.get().study.cv.result);
      assert.equal(r.points.length, 4);
      const point = r.points[r.best];
      await page.locator('[data-action="cv-apply-min"]').click();
      const spec = await page.evaluate(() => {
        const s = window.playground.store.get();
        return s.runs[s.selected].spec;
      });
      assert.equal(spec.penalty.lambda, point.value);
      assert.equal(spec.optimizer.lr, point.value2);
      // The grid leaves as a PyTorch sweep over both axes (the sweep's own tests run it).
      assert.ok(!(await page.locator('[data-action="export-sklearn-cv"]').isVisible()));
      const sweep = await downloaded(page, 'export-sweep');
      assert.equal(sweep.name, 'run1_sweep.py');
      assert.match(sweep.text, /GRID = \{/);
      assert.match(sweep.text, /lr/);
    },
  ],
  [
    'Cancel stops a network cross-validation within a second, and the page keeps drawing while it runs',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(
        page,
        url('#ds=circle&n=400&pen=l2&stage=cv&cvt=network&cvn=5&cvv=0,0.001,0.01,0.1&cve=500'),
      );
      await page.waitForFunction(() => {
        const slot = window.playground.store.get().study.cv;
        return slot.phase === 'running' && slot.progress > 0;
      });
      // Frames drawn in half a second while the workers train: the main thread is free.
      const frames = await page.evaluate(
        () =>
          new Promise((resolve) => {
            let n = 0;
            const end = performance.now() + 500;
            const tick = () =>
              performance.now() < end ? (n++, requestAnimationFrame(tick)) : resolve(n);
            requestAnimationFrame(tick);
          }),
      );
      assert.ok(frames >= 10, `only ${frames} frames in 500 ms`);
      await page.locator('.cv-view [data-action="study-cancel"]').click();
      const status = page.locator('.cv-view .study-status');
      await page.waitForFunction(
        () => document.querySelector('.cv-view .study-status')?.dataset.stopMs !== undefined,
        null,
        { timeout: 5000 },
      );
      const ms = Number(await status.getAttribute('data-stop-ms'));
      assert.ok(ms < 1000, `the workers took ${ms} ms to stop`);
      assert.equal(await status.getAttribute('data-phase'), 'cancelled');
      await page.locator('.cv-view .study-words', { hasText: 'Cancelled' }).waitFor();
      // Run again starts it afresh.
      await page.locator('.cv-view [data-action="study-restart"]').click();
      await waitForStudy(page, 'cv', 'running');
    },
  ],
  [
    'on a phone the path and CV views fit the width and every control is at least 24 × 24 px',
    async ({ newPage, url }) => {
      for (const [hash, which] of [
        ['#ds=diabetes&h=&pen=l1&stage=path&pm=elasticNet&pa=1', 'path'],
        [
          '#ds=circle&n=80&pen=l2&stage=cv&cvt=network&cvn=2&cvq=optimizer.lr&cvw=0.01,0.1&cve=2',
          'cv',
        ],
      ]) {
        const page = await newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await openReady(page, url(hash));
        await waitForStudy(page, which);
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `${hash}: the page scrolls sideways`,
        );
        const small = await page.evaluate(
          (sel) =>
            [...document.querySelectorAll(`${sel} :is(button, select, input)`)]
              .filter((el) => el.checkVisibility?.() && !el.closest('[hidden]'))
              .map((el) => {
                const r = el.getBoundingClientRect();
                return {
                  what: `${el.tagName} ${el.dataset.study ?? el.dataset.action}`,
                  w: r.width,
                  h: r.height,
                  right: r.right,
                };
              })
              .filter((x) => x.w < 24 || x.h < 24 || x.right > window.innerWidth),
          `.${which}-view`,
        );
        assert.deepEqual(small, [], `${hash}: ${JSON.stringify(small)}`);
      }
    },
  ],
];
