// Accessibility checks the journeys share: axe-core's WCAG 2 A / AA rules, and the WCAG 2.2
// (2.5.8) minimum target size.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const kAxe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe-core's serious and critical findings on the page as it is now, one line each: the rule
// and up to three of its elements ([] when there are none). The script is evaluated through the
// debugger protocol: the page's own policy forbids inline scripts.
export async function axeProblems(page) {
  await page.evaluate(kAxe);
  const result = await page.evaluate(async () =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

// The visible elements matching `selector` smaller than 24 × 24 CSS pixels (a checkbox counts
// with its chip), as { what, w, h } ([] when every target is large enough).
export function smallTargets(page, selector) {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => el.checkVisibility() && !el.closest('[hidden]'))
      .map((el) => {
        const box = (el.type === 'checkbox' && el.closest('.chip')) || el;
        const r = box.getBoundingClientRect();
        return { what: el.outerHTML.slice(0, 60), w: r.width, h: r.height };
      })
      .filter((x) => x.w < 24 || x.h < 24),
  );
}
