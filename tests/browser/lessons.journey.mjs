// Every lesson of the gallery, opened the way a reader opens it (#lesson=<id>, a real link in
// the gallery), played at full speed until it pauses by itself at the lesson's length, and its
// effect checked with numbers on the metrics the page recorded: the same check
// (tests/lessons/effects.mjs) the Node tests make on the engine alone. Screenshots of each
// lesson at desktop and phone sizes go to build/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kEffects } from '../lessons/effects.mjs';
import { kLessonData } from '../../web/src/lessons/catalog-data.mjs';
import { assert, nextFrames, openReady, settle } from './helpers.mjs';
import { kScreenshots } from './layout.journey.mjs';

// The page's record of its runs, in the structure the effects read; for a lesson on the
// geometry view, also the numbers its readouts show (their data attributes); for one on the
// path or cross-validation view, the study it shows (tests/lessons/run-lesson.mjs).
async function pageResult(page, lesson) {
  const result = await page.evaluate(() => ({
    runs: window.playground.store.get().runs.map((r) => ({
      status: r.status,
      metrics: r.series.columns,
      layers: r.series.perLayer,
    })),
  }));
  if (lesson.stage === 'geometry') {
    await page.locator('.panel-geometry[data-state="ready"]').waitFor();
    result.geometry = await page.$$eval('.geometry-readouts tr[data-penalty]', (rows) =>
      Object.fromEntries(
        rows.map((r) => [
          r.dataset.penalty,
          {
            w: [Number(r.dataset.w1), Number(r.dataset.w2)],
            // Not shown yet: NaN, which fails every check.
            zeroFraction: r.dataset.zeroFraction ? Number(r.dataset.zeroFraction) : NaN,
          },
        ]),
      ),
    );
  }
  if (lesson.stage === 'path' || lesson.stage === 'cv') {
    await page.waitForFunction(
      (which) => window.playground.store.get().study[which].phase === 'done',
      lesson.stage,
      { timeout: 30_000 },
    );
    result.study = await page.evaluate((stage) => {
      const studied = window.playground.store.get().study[stage].result;
      return { path: studied.path, cv: stage === 'cv' ? studied.cv : null };
    }, lesson.stage);
  }
  return result;
}

export default [
  [
    'the gallery links every lesson, and a lesson link opens its runs and its text',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(page, url());
      await page.locator('[data-action="lessons"]').click();
      const links = page.locator('.lessons-gallery a[href]');
      assert.equal(await links.count(), kLessonData.length);
      const first = kLessonData[0];
      assert.equal(await links.first().getAttribute('href'), `#lesson=${first.id}`);
      await links.first().click();
      await page.waitForFunction(
        (n) => window.playground.store.get().runs.length === n && location.hash.includes('lesson='),
        first.runs.length,
      );
      await page.locator('.lesson-card h2', { hasText: first.title.en }).waitFor();
      assert.equal(await page.locator('.run-chip').count(), first.runs.length);
    },
  ],
  ...kLessonData.map((lesson) => [
    `lesson ${lesson.id}: the effect shows on the page, with numbers`,
    async ({ newPage, url }) => {
      mkdirSync(kScreenshots, { recursive: true });
      const page = await newPage();
      await page.setViewportSize({ width: 1440, height: 900 });
      await openReady(page, url(`#lesson=${lesson.id}`));
      await page.evaluate(() => window.playground.controller.setSpeed(1000));
      await page.locator('[data-action="play"]').click();
      // The lesson pauses by itself at its length (or earlier when every run has stopped).
      await page.waitForFunction(
        (steps) => {
          const s = window.playground.store.get();
          return (
            !s.playing &&
            s.runs.every(
              (r) => r.status && (r.status.step >= steps || r.status.state !== 'running'),
            )
          );
        },
        lesson.steps,
        { timeout: 60_000 },
      );
      await settle(page);
      const result = await pageResult(page, lesson);
      for (const run of result.runs)
        if (run.status.state === 'running') assert.equal(run.status.step, lesson.steps);
      kEffects[lesson.id](result);
      await page.screenshot({ path: join(kScreenshots, `lesson-${lesson.id}-1440x900.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await nextFrames(page);
      await page.screenshot({ path: join(kScreenshots, `lesson-${lesson.id}-390x844.png`) });
    },
  ]),
];
