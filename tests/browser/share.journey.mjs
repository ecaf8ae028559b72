// A shared link reproduces the run: the same settings in a fresh page give the same loss after
// the same number of steps.
import { assert, openReady, waitForState } from './helpers.mjs';

async function finalLoss(page) {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForState(page, 'finished');
  return page.evaluate(() => {
    const s = window.playground.store.get().runs[0];
    const c = s.series.columns;
    return {
      step: s.status.step,
      loss: c.trainLoss.at(-1),
      val: c.valLoss.at(-1),
      lastStep: c.step.at(-1),
    };
  });
}

export default [
  [
    'a copied link opened in a fresh page gives the same loss after the same steps',
    async ({ newPage, url }) => {
      const page = await newPage();
      await openReady(
        page,
        url('#v=1&seed=42&ds=xor&n=150&h=6:relu,4&opt=adam&lr=0.01&pen=l1&lam=0.001&ep=4'),
      );
      // Change one setting in the page, so the link also carries what the user did.
      const noise = page.locator('[data-field="data.noise"] input[type="number"]');
      await noise.fill('0.2');
      await noise.press('Enter');
      await page.waitForFunction(
        () =>
          window.playground.store.get().runs[0].spec.data.noise === 0.2 &&
          !window.playground.store.get().runs[0].starting,
      );
      await page.waitForFunction(() => location.hash.includes('noise=0.2'));
      const first = await finalLoss(page);
      await page.getByRole('button', { name: 'Copy link', exact: true }).click();
      await page.locator('.share-status', { hasText: 'Link copied.' }).waitFor();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(link, /#v=2&/);
      assert.match(link, /noise=0\.2/);
      const fresh = await newPage();
      await openReady(fresh, link);
      const second = await finalLoss(fresh);
      assert.ok(Number.isFinite(first.loss), `loss ${first.loss}`);
      assert.deepEqual(second, first);
    },
  ],
];
