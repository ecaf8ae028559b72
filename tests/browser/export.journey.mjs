// Export as PyTorch from the page: the downloaded script, run with Debian's python3 and torch,
// trains to the losses the page charted; the copy button and the embed API give the same file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, openReady, waitForState } from './helpers.mjs';

const kPython = process.env.EXPORT_PYTHON ?? '/usr/bin/python3';

function hasTorch() {
  const r = spawnSync(kPython, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

async function readDownload(download) {
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks).toString();
}

export default [
  [
    'the downloaded PyTorch script trains to the losses the page charted',
    async ({ newPage, url }) => {
      const page = await newPage();
      // A short deterministic run (no dropout or augmentation): 4 epochs, metrics every step.
      await openReady(page, url('#v=2&n=80&ep=4&rec=1&pen=l2&lam=0.003&opt=adam&lr=0.03'));
      await page.locator('[data-action="play"]').click();
      await waitForState(page, 'finished');
      const engine = await page.evaluate(() => {
        const c = window.playground.store.get().runs[0].series.columns;
        return { step: Array.from(c.step), trainLoss: Array.from(c.trainLoss) };
      });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-action="export-pytorch"]').click(),
      ]);
      assert.equal(download.suggestedFilename(), 'run1_pytorch.py');
      const text = await readDownload(download);
      assert.match(text, /^import torch$/m);
      assert.match(text, /index\.html#v=2&.*n=80.*ep=4/, 'the script names the link that made it');
      assert.match(await page.locator('.share-status').textContent(), /run1_pytorch\.py/);

      // The copy button copies the same file.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.locator('[data-action="copy-pytorch"]').click();
      await page.waitForFunction(() =>
        /copied/.test(document.querySelector('.share-status')?.textContent ?? ''),
      );
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);

      if (!hasTorch()) {
        if (process.env.CI) assert.fail(`${kPython} lacks torch: the export cannot be proven`);
        console.log(`    (running the script skipped: ${kPython} lacks torch)`);
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), 'export-journey-'));
      try {
        const file = join(dir, download.suggestedFilename());
        writeFileSync(file, text);
        const out = execFileSync(kPython, [file], { encoding: 'utf8', timeout: 120_000 });
        const [header, ...rows] = out.trim().split('\n');
        const cols = header.split(',');
        const table = rows.map((r) => r.split(',').map(Number));
        const stepAt = cols.indexOf('step');
        const lossAt = cols.indexOf('trainLoss');
        const torchLoss = new Map(table.map((r) => [r[stepAt], r[lossAt]]));
        let compared = 0;
        for (let i = 0; i < engine.step.length; i++) {
          const t = torchLoss.get(engine.step[i]);
          if (t === undefined) continue;
          const e = engine.trainLoss[i];
          assert.ok(
            Math.abs(t - e) <= 1e-4 * Math.abs(e) + 1e-7,
            `step ${engine.step[i]}: torch ${t}, page ${e}`,
          );
          compared++;
        }
        assert.ok(compared >= 20, `${compared} steps compared`);
        assert.equal(
          Math.max(...torchLoss.keys()),
          engine.step.at(-1),
          'both end at the same step',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  ],
];
