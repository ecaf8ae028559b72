// Serving the built site (web/dist) on 127.0.0.1 and launching Debian's Chromium for it; shared
// by the browser tests (tests/browser/run.mjs) and the frame-rate benchmark
// (bench/browser-fps.mjs).
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('../../', import.meta.url));
// The browser tests serve the test build (web/dist-test); the frame-rate benchmark the
// production build (web/dist).
export const dist = join(root, process.env.SITE_DIR ?? 'web/dist');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.woff2': 'font/woff2',
};

// Serves web/dist below `base` (a sub-path, so the site must use relative URLs) on a free port,
// and `/host.html?hash=…` as hostPage(<playground URL with that hash>): an embedding page.
export function serveSite({ base, hostPage }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/host.html') {
      res.writeHead(200, { 'content-type': types['.html'] });
      res.end(hostPage(`${base}index.html${url.searchParams.get('hash') ?? ''}`));
      return;
    }
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let rel = normalize(decodeURIComponent(url.pathname.slice(base.length))).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = join(dist, rel);
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Headless Chromium with a fresh profile. The flags keep it off the network: without them it
// keeps trying to reach update and sync services.
export async function launchChromium({ executablePath = '/usr/bin/chromium', ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
  return { context, profile };
}
