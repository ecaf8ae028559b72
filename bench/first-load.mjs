// What a visitor downloads before the page can train: the built site (web/dist) opened in
// headless Chromium, every response recorded until the engine reports ready, each file's size
// as served, gzip-compressed (level 6, what a static server typically sends) and
// Brotli-compressed (quality 11, what hosts that precompress assets send). A real data
// set's CSV is fetched only when chosen, so it is not part of the first load.
//   node bench/first-load.mjs [--budget KB]     (after `npm run build`)
// Prints a table, writes build/bench/first-load.json, exits 1 when the gzip total exceeds the
// budget.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

import { dist, launchChromium, root, serveSite } from '../tests/browser/site.mjs';

const kBase = '/app/';

async function main() {
  const budgetAt = process.argv.indexOf('--budget');
  const budgetKb = budgetAt > 0 ? Number(process.argv[budgetAt + 1]) : Infinity;
  const server = await serveSite({ base: kBase, hostPage: () => '' });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context } = await launchChromium({ viewport: { width: 1280, height: 800 } });
  const files = new Set();
  const page = await context.newPage();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === origin) files.add(url.pathname.slice(kBase.length) || 'index.html');
  });
  await page.goto(`${origin}${kBase}index.html`);
  await page.waitForFunction(() => window.playground?.store.get().engine.ready === true, null, {
    timeout: 60_000,
  });
  await context.close();
  server.close();

  const rows = [...files].sort().map((file) => {
    const bytes = readFileSync(join(dist, file));
    return {
      file,
      bytes: bytes.length,
      gzip: gzipSync(bytes, { level: 6 }).length,
      brotli: brotliCompressSync(bytes).length,
    };
  });
  const total = rows.reduce(
    (a, r) => ({ bytes: a.bytes + r.bytes, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }),
    { bytes: 0, gzip: 0, brotli: 0 },
  );
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  const line = (r, name) =>
    console.log(`${kb(r.bytes)} KB  ${kb(r.gzip)} KB gzip  ${kb(r.brotli)} KB brotli  ${name}`);
  for (const r of rows) line(r, r.file);
  line(total, 'total');
  mkdirSync(join(root, 'build/bench'), { recursive: true });
  writeFileSync(
    join(root, 'build/bench/first-load.json'),
    JSON.stringify({ rows, total }, null, 2),
  );
  if (total.gzip / 1024 > budgetKb) {
    console.log(`over budget: ${(total.gzip / 1024).toFixed(1)} KB > ${budgetKb} KB`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
