// Language: from the link (lang=zh), switchable, and every panel title changes with it.
// Accessibility: axe-core finds no serious problem in the main view.
import { axeProblems } from './accessibility.mjs';
import { assert, openReady } from './helpers.mjs';

export default [
  [
    'opens in Simplified Chinese from the link, switches to English and back',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url('#v=1&lang=zh'));
      assert.equal(await page.locator('h1').textContent(), '正则化演练场');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
      assert.ok(await page.getByRole('button', { name: '运行', exact: true }).isVisible());
      assert.match(await page.locator('[data-formula="optimizer"]').textContent(), /w ← w − η·b/);
      await page.locator('[data-action="language"]').selectOption('en');
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      await page.waitForFunction(() => location.hash.includes('lang=en'));
      // From English, the Chinese text is fetched when chosen.
      await openReady(page, url('#v=1'));
      await page.locator('[data-action="language"]').selectOption('zh');
      await page.getByRole('button', { name: '运行', exact: true }).waitFor();
      assert.equal(await page.locator('h1').textContent(), '正则化演练场');
    },
  ],
  [
    "follows the browser's language when the link names none",
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.addInitScript(() => {
        Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'en'] });
      });
      await openReady(page, url());
      assert.equal(await page.locator('h1').textContent(), '正则化演练场');
      assert.ok(!page.url().includes('lang='), 'the link stays language-neutral');
    },
  ],
  [
    'has no serious or critical accessibility violations (axe-core), alone, compared, in a lesson, on a phone',
    async ({ newPage, url }) => {
      const views = [
        ['', null],
        ['#v=2&runs=3&r2.pen=l2&r2.lam=0.01&r3.opt=adam', null],
        ['#lesson=overfittingCures', null],
        ['#lang=zh', { width: 390, height: 844 }],
        // "Choosing λ": the path with a chosen α, a grid search's heatmap, the CV on a phone.
        ['#ds=diabetes&h=&stage=path&pm=lasso&pa=1', null],
        [
          '#ds=circle&n=80&pen=l2&stage=cv&cvt=network&cvn=2&cvq=optimizer.lr&cvw=0.01,0.1&cve=2',
          null,
        ],
        ['#lang=zh&ds=diabetes&h=&stage=cv&pm=lasso', { width: 390, height: 844 }],
      ];
      for (const [hash, size] of views) {
        const page = await newPage();
        if (size) await page.setViewportSize(size);
        await openReady(page, url(hash));
        const stage = hash.match(/stage=(path|cv)/)?.[1];
        if (stage)
          await page.waitForFunction(
            (which) => window.playground.store.get().study[which].phase === 'done',
            stage,
          );
        assert.deepEqual(
          (await axeProblems(page)).map((line) => `${hash || 'default'}: ${line}`),
          [],
        );
      }
    },
  ],
];
