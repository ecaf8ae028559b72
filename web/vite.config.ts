import { defineConfig } from 'vite';

// Static site: relative base so the build can be served from any sub-path (or opened inside an
// iframe from another page); the worker is an ES module so it can import the engine glue lazily.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
