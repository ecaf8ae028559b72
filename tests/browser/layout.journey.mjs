// The first screen tells the story: at desktop sizes the data, the network, the output picture,
// the loss chart and the playback controls are all visible without scrolling; in a four-run
// comparison the shared legend leaves every chart's plot most of its height; no label is cut
// short; on a phone a tab bar reaches every section and every control is large enough to tap.
// Screenshots of the default and compare views are written to build/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, nextFrames, openReady, settle, waitForStep } from './helpers.mjs';

export const kScreenshots = join(new URL('../../build/screenshots/', import.meta.url).pathname);
const kDesktop = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];
const kPhone = { width: 390, height: 844 };
const kCompare =
  '#v=2&runs=4&r2.pen=l2&r2.lam=0.01&r3.h=8:tanh:d0.3,8:tanh:d0.3&r4.opt=adam&r4.lr=0.01';

// Elements that must be entirely inside the viewport.
async function offscreen(page, selectors) {
  return page.evaluate((sels) => {
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    return sels.filter((sel) => {
      const el = document.querySelector(sel);
      if (!el) return true;
      const r = el.getBoundingClientRect();
      return r.width === 0 || r.left < 0 || r.top < 0 || r.right > vw + 0.5 || r.bottom > vh + 0.5;
    });
  }, selectors);
}

// Visible text elements whose text is cut (wider than their box) or that stick out of the page.
async function truncated(page) {
  return page.evaluate(() => {
    const out = [];
    const vw = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll(
      'label, button, a, th, td, legend, summary, figcaption, h1, h2, h3, p, span, strong, dt, dd',
    )) {
      if (!el.checkVisibility?.() || el.closest('[hidden], .tab-hidden')) continue;
      // Text kept only for screen readers is clipped on purpose.
      if (getComputedStyle(el).clipPath === 'inset(50%)') continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!hasText) continue;
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        out.push(`cut: ${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
      if (r.right > vw + 1)
        out.push(`outside: ${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
    }
    return out;
  });
}

export default [
  [
    'desktop: the first screen holds data, network, output, loss chart and playback',
    async ({ newPage, url }) => {
      mkdirSync(kScreenshots, { recursive: true });
      const page = await newPage();
      for (const size of kDesktop) {
        await page.setViewportSize(size);
        await openReady(page, url());
        await page.locator('[data-action="play"]').click();
        await waitForStep(page, 150);
        await page.locator('[data-action="play"]').click();
        await settle(page);
        const missing = await offscreen(page, [
          '.panel-data',
          '.panel-data [data-field="data.kind"]',
          '.network-canvas',
          '.boundary-canvas',
          '.chart-loss canvas',
          '[data-action="play"]',
          '[data-action="reset"]',
          '[data-field="optimizer.lr"]',
          '[data-field="penalty.kind"]',
        ]);
        assert.deepEqual(missing, [], `off the first screen at ${size.width}×${size.height}`);
        assert.deepEqual(await truncated(page), [], `at ${size.width}×${size.height}`);
        await page.screenshot({
          path: join(kScreenshots, `default-${size.width}x${size.height}.png`),
        });
      }
    },
  ],
  [
    'compare: four runs share one legend and every chart keeps at least 60% of its height to plot',
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.setViewportSize(kDesktop[0]);
      await openReady(page, url(kCompare));
      await page.locator('[data-action="play"]').click();
      await waitForStep(page, 100, 3);
      await page.locator('[data-action="play"]').click();
      await settle(page);
      assert.equal(await page.locator('.run-chip').count(), 4);
      assert.deepEqual(await offscreen(page, ['.chart-loss canvas', '.run-legend']), []);
      assert.equal(await page.locator('.boundary-canvas').count(), 4);
      await page.screenshot({ path: join(kScreenshots, 'compare-1440x900.png') });
      // Every chart, brought on screen in turn so it draws.
      const names = await page
        .locator('[data-chart]')
        .evaluateAll((els) => els.map((e) => e.dataset.chart));
      for (const name of names) {
        const canvas = page.locator(`[data-chart="${name}"] canvas`);
        await canvas.scrollIntoViewIfNeeded();
        await page.waitForFunction(
          (n) => document.querySelector(`[data-chart="${n}"] canvas`)?.dataset.plotShare,
          name,
        );
        const share = Number(await canvas.getAttribute('data-plot-share'));
        assert.ok(share >= 0.6, `${name}: the plot has ${share} of the canvas height`);
      }
      assert.deepEqual(await truncated(page), []);
    },
  ],
  [
    'phone: a tab bar reaches every section, nothing scrolls sideways, every control is tappable',
    async ({ newPage, url }) => {
      const page = await newPage();
      await page.setViewportSize(kPhone);
      await openReady(page, url());
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        true,
      );
      // On a phone the output comes first, right under the playback strip.
      assert.deepEqual(await offscreen(page, ['[data-action="play"]', '.boundary-canvas']), []);
      await page.screenshot({ path: join(kScreenshots, 'default-390x844.png') });
      const tabs = page.locator('.phone-tabs a');
      assert.equal(await tabs.count(), 5);
      for (let i = 0; i < 5; i++) {
        const target = await tabs.nth(i).getAttribute('data-target');
        await tabs.nth(i).click();
        await nextFrames(page);
        const top = await page.evaluate(
          (id) => document.getElementById(id).getBoundingClientRect().top,
          target,
        );
        assert.ok(top < 300, `${target} scrolled into view (top ${top})`);
      }
      // WCAG 2.2, 2.5.8: every target at least 24 × 24 CSS pixels.
      const small = await page.evaluate(() =>
        [
          ...document.querySelectorAll(
            'button, a[href], select, input:not([type="range"]), summary',
          ),
        ]
          .filter(
            (el) =>
              el.checkVisibility?.() &&
              !el.closest('[hidden], .tab-hidden') &&
              el.getBoundingClientRect().left >= 0,
          )
          .map((el) => {
            const r = el.getBoundingClientRect();
            const box =
              el.type === 'checkbox' || el.type === 'radio'
                ? (el.closest('.chip, .field') ?? el)
                : el;
            const b = box.getBoundingClientRect();
            return {
              what: `${el.tagName} ${el.textContent.trim().slice(0, 20) || el.id}`,
              w: Math.max(r.width, b.width),
              h: Math.max(r.height, b.height),
            };
          })
          .filter((x) => x.w < 24 || x.h < 24),
      );
      assert.deepEqual(small, [], `targets under 24 × 24 px: ${JSON.stringify(small)}`);
      assert.deepEqual(await truncated(page), []);
      // The tab for the middle column names the view shown there.
      const middle = page.locator('.phone-tabs a[data-target="stage-network"]');
      assert.equal(await middle.textContent(), 'Network');
      await page.locator('.stage-tabs [data-stage="geometry"]').click();
      await page.waitForFunction(
        () =>
          document.querySelector('.phone-tabs a[data-target="stage-network"]').textContent ===
          'Geometry',
      );
    },
  ],
];
