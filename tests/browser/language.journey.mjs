// Language: from the link (lang=zh), switchable, and every panel title changes with it.
// Accessibility: axe-core finds no serious problem in the main view.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assert, openReady } from './helpers.mjs';

export default [
  [
    'opens in Simplified Chinese from the link and switches to English',
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
    'has no serious or critical accessibility violations (axe-core)',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url());
      const require = createRequire(import.meta.url);
      // Evaluated through the debugger protocol: the page's own policy forbids inline scripts.
      await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const result = await page.evaluate(async () =>
        window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }),
      );
      const bad = result.violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      assert.deepEqual(
        bad.map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        ),
        [],
      );
    },
  ],
];
