// Browser tests: serves the built site (web/dist, from `npm run build`) under a sub-path on
// 127.0.0.1, drives Debian's Chromium with playwright-core through every journey in
// tests/browser/*.journey.mjs, saves screenshots to test-results/, and ends with "N passed, M failed".
// It builds nothing itself.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { dist, launchChromium, root, serveSite } from './site.mjs';

const artifacts = join(root, 'test-results');
const here = fileURLToPath(new URL('.', import.meta.url));
export const kBase = '/sub/path/'; // served below a sub-path: the site must use relative URLs

// A host page for the embed journey: an iframe of the playground and a log of its messages.
const hostPage = (src) => `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
<iframe id="frame" src="${src}" width="900" height="700" title="playground"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('frame').contentWindow) window.received.push(e.data);
  });
  window.sendToFrame = (m) => document.getElementById('frame').contentWindow.postMessage(m, '*');
</script></body></html>`;

async function main() {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(
      `${dist} is missing: build the engine (scripts/build-wasm.sh) and the test site (npm run build:test) first.`,
    );
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  mkdirSync(artifacts, { recursive: true });
  const server = await serveSite({ base: kBase, hostPage });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, profile } = await launchChromium({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  const filter = process.argv[2] ?? '';
  const specs = readdirSync(here)
    .filter((f) => f.endsWith('.journey.mjs'))
    .sort();
  let passed = 0;
  let failed = 0;
  for (const file of specs) {
    const mod = await import(pathToFileURL(join(here, file)).href);
    for (const [name, fn] of mod.default) {
      const title = `${file.replace('.journey.mjs', '')}: ${name}`;
      if (filter && !title.includes(filter)) continue;
      const pages = [];
      const errors = [];
      const newPage = async () => {
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
        });
        page.on('dialog', (d) => {
          errors.push(`unexpected dialog: ${d.message()}`);
          void d.dismiss();
        });
        pages.push(page);
        return page;
      };
      const started = Date.now();
      try {
        await Promise.race([
          fn({
            newPage,
            origin,
            url: (hash = '') => `${origin}${kBase}index.html${hash}`,
            artifacts,
            errors,
          }),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('timed out after 90 s')), 90_000),
          ),
        ]);
        if (errors.length) throw new Error(errors.join('\n'));
        passed++;
        console.log(`✓ ${title} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.log(
          `✗ ${title}\n    ${String(e?.stack ?? e)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
        const shot = join(artifacts, `failed-${title.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await pages
          .at(-1)
          ?.screenshot({ path: shot, fullPage: true })
          .catch(() => {});
      } finally {
        for (const p of pages) await p.close().catch(() => {});
      }
    }
  }
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
