// Embed mode: hidden panels, compact layout, autoplay, and the postMessage API from a host page.
import { assert } from './helpers.mjs';

export default [
  [
    'hides the chosen panels, autoplays, and answers the host page through postMessage',
    async ({ newPage, origin }) => {
      const page = await newPage();
      await page.goto(
        `${origin}/host.html?hash=${encodeURIComponent('#v=1&embed=1&hide=data,model,optimizer,share&autoplay=1&n=100')}`,
      );
      const frame = page.frameLocator('#frame');
      await page.waitForFunction(
        () => window.received.some((m) => m.type === 'playground:ready'),
        null,
        { timeout: 30_000 },
      );
      await page.waitForFunction(
        () => window.received.some((m) => m.type === 'playground:metrics' && m.runs[0].step > 50),
        null,
        { timeout: 30_000 },
      );
      for (const id of ['data', 'model', 'optimizer', 'share']) {
        assert.equal(
          await frame.locator(`[data-panel="${id}"]`).isVisible(),
          false,
          `${id} hidden`,
        );
      }
      for (const id of ['regularization', 'charts', 'playback', 'boundary']) {
        assert.equal(await frame.locator(`[data-panel="${id}"]`).isVisible(), true, `${id} shown`);
      }
      assert.equal(
        await frame.locator('html').evaluate((el) => el.classList.contains('embed')),
        true,
      );
      await page.evaluate(() => window.sendToFrame({ type: 'playground:pause' }));
      await page.waitForFunction(() =>
        window.received.some((m) => m.type === 'playground:state' && m.playing === false),
      );
      // A new experiment from the host, validated like a link: bad values come back as warnings.
      await page.evaluate(() => {
        window.received.length = 0;
        window.sendToFrame({
          type: 'playground:set',
          spec: { data: { kind: 'moons' }, optimizer: { lr: 'x' } },
        });
      });
      await page.waitForFunction(() =>
        window.received.some((m) => m.type === 'playground:warnings'),
      );
      const warning = await page.evaluate(
        () => window.received.find((m) => m.type === 'playground:warnings').warnings[0],
      );
      assert.equal(warning.key, 'optimizer.lr');
      await page.evaluate(() => window.sendToFrame({ type: 'playground:step', unit: 'batch' }));
      await page.waitForFunction(() =>
        window.received.some((m) => m.type === 'playground:metrics' && m.runs[0].step === 1),
      );
      const kind = await frame
        .locator('html')
        .evaluate(() => window.playground.store.get().runs[0].spec.data.kind);
      assert.equal(kind, 'moons');
      // The host asks for the run as a PyTorch script, and for a run that does not exist.
      await page.evaluate(() => {
        window.sendToFrame({ type: 'playground:exportPyTorch', run: 1 });
        window.sendToFrame({ type: 'playground:exportPyTorch', run: 7 });
      });
      await page.waitForFunction(() =>
        window.received.some((m) => m.type === 'playground:pytorch'),
      );
      const script = await page.evaluate(() =>
        window.received.find((m) => m.type === 'playground:pytorch'),
      );
      assert.equal(script.run, 1);
      assert.equal(script.steps, 1, 'the script trains the steps the run has taken');
      assert.match(script.text, /^import torch$/m);
      assert.match(script.text, /moons/);
      const refused = await page.evaluate(() =>
        window.received.find((m) => m.type === 'playground:error' && m.kind === 'exportFailed'),
      );
      assert.match(refused.message, /no run 7/);
      // The run's data (moons, two classes) as an exact-solver study for scikit-learn, and one
      // the engine refuses with its own message (a grid longer than 1000 points).
      await page.evaluate(() => {
        window.received.length = 0;
        window.sendToFrame({ type: 'playground:exportSkLearn', model: 'logistic', folds: 3 });
        window.sendToFrame({ type: 'playground:exportSkLearn', cv: true });
        window.sendToFrame({ type: 'playground:exportSkLearn', model: 'lasso', nAlphas: 5000 });
      });
      await page.waitForFunction(
        () =>
          window.received.some((m) => m.type === 'playground:sklearn') &&
          window.received.some((m) => m.type === 'playground:error'),
        null,
        { timeout: 30_000 },
      );
      // The answers come in the order the pool finishes them.
      await page.waitForFunction(
        () => window.received.filter((m) => m.type === 'playground:sklearn').length === 2,
      );
      const sk = await page.evaluate(() =>
        window.received.find((m) => m.type === 'playground:sklearn' && /FOLDS = 3/.test(m.text)),
      );
      assert.equal(sk.run, 1);
      assert.match(sk.text, /^from sklearn\.linear_model import LogisticRegression$/m);
      assert.match(sk.text, /^from sklearn\.model_selection import PredefinedSplit$/m);
      assert.match(sk.text, /^FOLD_SIZES = \[\d+, \d+, \d+\]/m);
      // Without a model: the path view's ('auto': logistic for two classes, the run's L1 share,
      // none here) with the CV view's 5 folds and log loss.
      const view = await page.evaluate(() =>
        window.received
          .filter((m) => m.type === 'playground:sklearn')
          .find((m) => /FOLDS = 5/.test(m.text)),
      );
      assert.ok(view, 'the view’s study: 5 folds');
      assert.match(view.text, /penalty="l2",\s+solver="newton-cholesky"/);
      assert.match(view.text, /def log_loss_of/);
      assert.match(view.text, /^N_ALPHAS = 100 /m);
      const bad = await page.evaluate(() =>
        window.received.find((m) => m.type === 'playground:error'),
      );
      assert.equal(bad.kind, 'exportFailed');
      assert.match(bad.message, /nAlphas/);
    },
  ],
];
