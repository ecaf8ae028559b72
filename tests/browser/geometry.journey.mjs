// The geometry view ("why L1 gives zeros"): it renders from a link, L1's optimum sits on an
// axis (an exact 0) where L2's does not, and dragging c (or the arrow keys) moves both optima,
// with the link following. The numbers shown are checked against closed forms for the quadratic
// loss ½(w − c)ᵀH(w − c), H = [[a, b], [b, d]]: L2's optimum is (H + λI)⁻¹Hc, and L1's, when
// it has w₂ = 0, is w₁ = c₁ + (b·c₂ − λ·sign)/a (and symmetrically for w₁ = 0).
import { axeProblems, smallTargets } from './accessibility.mjs';
import { assert, openReady } from './helpers.mjs';

const kH = [1, 0.4, 0.6]; // the link's default loss shape (tilted ellipses)
const kBounds = [-3.5, 3.5, -3.5, 3.5]; // the plane drawn (geometry-settings.ts)

function ridge([c1, c2], lambda) {
  const [a, b, d] = kH;
  const h1 = a * c1 + b * c2;
  const h2 = b * c1 + d * c2;
  const det = (a + lambda) * (d + lambda) - b * b;
  return [((d + lambda) * h1 - b * h2) / det, ((a + lambda) * h2 - b * h1) / det];
}

const close = (x, y, what) => assert.ok(Math.abs(x - y) < 1e-9, `${what}: ${x} vs ${y}`);

// The optima the view shows, once the answers for the current settings are in.
async function optima(page) {
  await page.locator('.panel-geometry[data-state="ready"]').waitFor();
  return page.$$eval('.geometry-readouts tr[data-penalty]', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.dataset.penalty,
        {
          w: [Number(r.dataset.w1), Number(r.dataset.w2)],
          center: r.dataset.center.split(',').map(Number),
          lambda: Number(r.dataset.lambda),
          text: r.textContent,
        },
      ]),
    ),
  );
}

// Page coordinates of the weights (x, y) on the canvas.
async function pixelOf(page, [x, y]) {
  const canvas = page.locator('.geometry-canvas');
  const box = await canvas.boundingBox();
  const [left, top, size] = (await canvas.getAttribute('data-plot')).split(',').map(Number);
  const [xMin, xMax, yMin, yMax] = kBounds;
  return [
    box.x + left + ((x - xMin) / (xMax - xMin)) * size,
    box.y + top + ((yMax - y) / (yMax - yMin)) * size,
  ];
}

export default [
  [
    'shows L1 on an axis and L2 off it, and dragging c moves both optima',
    async ({ newPage, url }) => {
      const page = await newPage();
      // Every state the view passes through, from the first one on: never an error while the
      // workers start.
      await page.addInitScript(() => {
        window.geometryStates = [];
        new MutationObserver((changes) => {
          for (const m of changes)
            if (m.target.classList.contains('panel-geometry'))
              window.geometryStates.push(m.target.dataset.state);
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
      });
      await openReady(page, url('#v=1&stage=geometry'));
      const tab = page.getByRole('tab', { name: 'L1 vs L2 geometry' });
      assert.equal(await tab.getAttribute('aria-selected'), 'true');

      // The link's defaults: c = (2, 1), λ = 0.8.
      let o = await optima(page);
      assert.deepEqual(o.l1.center, [2, 1]);
      assert.equal(o.l1.lambda, 0.8);
      assert.equal(o.l1.w[1], 0, 'L1 sets w₂ to exactly 0');
      close(o.l1.w[0], 2 + (0.4 * 1 - 0.8) / 1, 'L1 w₁');
      assert.match(o.l1.text, /exactly 0/);
      const r = ridge([2, 1], 0.8);
      close(o.l2.w[0], r[0], 'L2 w₁');
      close(o.l2.w[1], r[1], 'L2 w₂');
      assert.ok(o.l2.w[0] !== 0 && o.l2.w[1] !== 0, 'L2 makes no exact 0');
      assert.doesNotMatch(o.l2.text, /exactly 0/);
      const zeros = await page.locator('.geometry-zeros').textContent();
      assert.match(zeros, /L1: c anywhere in the shaded area \(\d+% of the picture\)/);
      assert.match(zeros, /L2: no shaded area/);

      // Drag c up and to the left, across the w₂ axis: L1's zero moves to w₁.
      const image = await page.locator('.geometry-canvas').evaluate((c) => c.toDataURL());
      const [x0, y0] = await pixelOf(page, [2, 1]);
      const [x1, y1] = await pixelOf(page, [-0.5, 2.5]);
      await page.mouse.move(x0, y0);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++)
        await page.mouse.move(x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8);
      await page.mouse.up();
      await page.waitForFunction(() => /[#&]gc=/.test(location.hash));
      o = await optima(page);
      const c = o.l1.center;
      assert.ok(
        Math.abs(c[0] + 0.5) < 0.05 && Math.abs(c[1] - 2.5) < 0.05,
        `c followed the pointer: ${c}`,
      );
      const hash = await page.evaluate(() => location.hash);
      assert.ok(hash.includes(`gc=${c.join(',')}`), `the link keeps c: ${hash}`);
      assert.equal(o.l1.w[0], 0, 'L1 now sets w₁ to exactly 0');
      close(o.l1.w[1], c[1] + (0.4 * c[0] - 0.8) / 0.6, 'L1 w₂ after the drag');
      const r2 = ridge(c, 0.8);
      close(o.l2.w[0], r2[0], 'L2 w₁ after the drag');
      close(o.l2.w[1], r2[1], 'L2 w₂ after the drag');
      assert.ok(o.l2.w[0] !== 0 && o.l2.w[1] !== 0, 'L2 still makes no exact 0');
      assert.notEqual(
        await page.locator('.geometry-canvas').evaluate((el) => el.toDataURL()),
        image,
        'the picture was redrawn',
      );

      const states = await page.evaluate(() => window.geometryStates);
      assert.ok(!states.includes('error'), `the view went through an error: ${states}`);

      // The arrow keys move c by 0.1 (the canvas has the focus after the drag).
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        (x) =>
          document
            .querySelector('.geometry-readouts tr[data-penalty]')
            ?.dataset.center.startsWith(x),
        `${Math.round((c[0] + 0.1) * 100) / 100},`,
      );
    },
  ],
  [
    'embedded, a penalty of its own: Lp from the link, then λ typed in; bad input is refused',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(
        page,
        url(
          '#v=1&embed=1&hide=data,boundary,network&stage=geometry&gv=0&gk=lp&gp=0.5&gl=0.3&gc=1.2,0.4',
        ),
      );
      let o = await optima(page);
      assert.deepEqual(Object.keys(o), ['lp']);
      assert.ok(o.lp.w.includes(0), `Lp (p = 0.5) zeroes a weight here: ${o.lp.w}`);
      const box = page.locator('[data-field="geometry.lambda"] input[type="number"]');
      await box.fill('-1');
      await box.press('Enter');
      assert.equal(await box.getAttribute('aria-invalid'), 'true');
      assert.match(
        await page.locator('[data-field="geometry.lambda"] .field-error').textContent(),
        /from 0 to 100/,
      );
      await box.fill('0');
      await box.press('Enter');
      await page.waitForFunction(() => /[#&]gl=0(&|$)/.test(location.hash));
      o = await optima(page);
      assert.deepEqual(o.lp.w, [1.2, 0.4], 'no penalty: w* = c');
    },
  ],
  [
    'has no serious accessibility violations (axe-core) and no small targets, compared and on a phone in Chinese',
    async ({ newPage, url }) => {
      for (const [hash, size] of [
        ['#v=1&stage=geometry&gv=1', null],
        ['#v=1&lang=zh&stage=geometry&gv=0&gk=elasticNet', { width: 390, height: 844 }],
      ]) {
        const page = await newPage();
        if (size) await page.setViewportSize(size);
        await openReady(page, url(hash));
        await optima(page);
        assert.deepEqual(
          (await axeProblems(page)).map((line) => `${hash}: ${line}`),
          [],
        );
        // WCAG 2.2, 2.5.8: every target of the view at least 24 × 24 CSS pixels (a slider has
        // its number box beside it).
        const small = await smallTargets(
          page,
          '.stage-views [role="tab"], .panel-geometry select, .panel-geometry input:not([type="range"])',
        );
        assert.deepEqual(small, [], `${hash}: targets under 24 × 24 px`);
      }
    },
  ],
];
