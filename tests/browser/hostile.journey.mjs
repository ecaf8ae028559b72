// Untrusted links: a hostile URL shows what was wrong, injects nothing, and the page still
// trains. A dead worker or a refused spec shows a message and the page recovers.
import { assert, eventually, openReady, step, waitForStep } from './helpers.mjs';

export default [
  [
    'a hostile link shows warnings, runs no script, and the page still trains',
    async ({ newPage, url, errors }) => {
      const page = await newPage();
      const script = encodeURIComponent('<img src=x onerror=alert(1)><script>alert(2)</script>');
      const hash = `#v=1&lr=NaN&n=1e308&ds=${script}&${script}=1&__proto__=1&h=${'8,'.repeat(3000)}8&bs=-5&speed=1e9`;
      await openReady(page, url(hash));
      const warnings = page.locator('.warnings');
      await warnings.waitFor();
      const text = await warnings.textContent();
      assert.match(text, /optimizer\.lr/);
      assert.match(text, /data\.samples/);
      assert.equal(
        await page.locator('img[src="x"], script:not([type="module"]):not([src])').count(),
        0,
      );
      assert.equal(await page.evaluate(() => ({}).polluted), undefined);
      // The page's content security policy refuses any inline script, whatever gets in.
      const ran = await page.evaluate(() => {
        const el = document.createElement('script');
        el.textContent = 'window.injected = 1';
        document.body.append(el);
        return window.injected;
      });
      assert.equal(ran, undefined);
      // The refusal is logged; that log line is what this check expected.
      await eventually(() => errors.some((e) => /Content Security Policy/.test(e)));
      for (let i = errors.length - 1; i >= 0; i--)
        if (/Content Security Policy/.test(errors[i])) errors.splice(i, 1);
      const spec = await page.evaluate(() => window.playground.store.get().runs[0].spec);
      assert.equal(spec.model.hidden.length, 8);
      assert.equal(spec.data.samples, 20000);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitForStep(page, 20);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
    },
  ],
  [
    'a worker that dies shows a message and restarts with the same settings',
    async ({ newPage, url, errors }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&lr=0.07'));
      await page.evaluate(() => window.playground.worker.send({ type: 'test:crash' }));
      const banner = page.locator('.banner[data-kind="workerDied"]');
      await banner.waitFor();
      errors.length = 0; // the crash itself is what this test asked for
      await banner
        .getByRole('button', { name: 'Restart with these settings', exact: true })
        .click();
      await page.waitForFunction(
        () =>
          window.playground.store.get().engine.ready &&
          !window.playground.store.get().runs[0].starting,
      );
      assert.equal(
        await page.locator('[data-field="optimizer.lr"] input[type="number"]').inputValue(),
        '0.07',
      );
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 1);
      assert.ok((await step(page)) > 0);
    },
  ],
  [
    'a diverging run says so and recovers after lowering the learning rate and resetting',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(
        page,
        url('#v=1&ds=regression1d&opt=sgd&lr=10&mom=0.99&h=64:relu,64:relu&rec=1'),
      );
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const banner = page.locator('.banner[data-kind="diverged"]');
      await banner.waitFor({ timeout: 30_000 });
      const lr = page.locator('[data-field="optimizer.lr"] input[type="number"]');
      await lr.fill('0.001');
      await lr.press('Enter');
      await banner.getByRole('button', { name: 'Reset the run', exact: true }).click();
      await page.waitForFunction(
        () => window.playground.store.get().runs[0].status.state === 'running',
      );
      await page.locator('[data-action="step-epoch"]').click();
      await waitForStep(page, 1);
    },
  ],
  [
    'a link to an oversized network is refused with a message, and fixing the layers recovers',
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.goto(url('#v=1&h=1024,1024,1024,1024'));
      const banner = page.locator('.banner[data-kind="engineError"]');
      await banner.waitFor({ timeout: 30_000 });
      assert.match(await banner.textContent(), /param/i);
      // The network's "− layer" removes the last hidden layer.
      for (let i = 0; i < 3; i++) await page.locator('[data-action="remove-layer"]').click();
      await page.waitForFunction(() => {
        const r = window.playground.store.get().runs[0];
        return r.network?.layerSizes.join(',') === '2,1024,1' && !r.error;
      });
      assert.equal(await banner.isVisible(), false);
    },
  ],
  [
    'a huge network trains in the worker while the page keeps drawing frames',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&h=512,512&n=20000&bs=0&speed=1000'));
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const frames = await page.evaluate(
        () =>
          new Promise((resolve) => {
            let n = 0;
            const t0 = performance.now();
            const f = () =>
              performance.now() - t0 < 2000 ? (n++, requestAnimationFrame(f)) : resolve(n);
            requestAnimationFrame(f);
          }),
      );
      assert.ok(frames >= 10, `only ${frames} animation frames in 2 s`);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForFunction(() => window.playground.store.get().playing === false, null, {
        timeout: 20_000,
      });
    },
  ],
];
