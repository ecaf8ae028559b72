import { defineConfig } from 'vite';

// Static site: relative base so the build can be served from any sub-path (or opened inside an
// iframe from another page); the worker is an ES module so it can import the engine glue lazily.
// `--mode test` builds the browser tests' site into dist-test, with the test hooks
// (import.meta.env.MODE === 'test') that production builds leave out.
export default defineConfig(({ mode }) => ({
  base: './',
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  // The real data sets' CSVs live in engine/data/sets, outside web/.
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1' },
}));
