import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';

// The local platform (`make dev`) serves the API, the dev outbox and the tracker simulators.
const backend = process.env.FITTRACK_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // react-remove-scroll (Radix dialog) would add a <style> element, which the CSP blocks.
      { find: /^react-style-singleton$/, replacement: fileURLToPath(new URL('./src/lib/csp/styleSingleton.ts', import.meta.url)) },
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/_dev': { target: backend, changeOrigin: false },
      '/_sim': { target: backend, changeOrigin: false },
      '/.well-known': { target: backend, changeOrigin: false },
    },
  },
  // The draw verifier's worker (features/drawings/verify) is an ES module like the app.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // index.html must carry no inline script or style: the site is served with
    // CSP script-src 'self'; style-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Name each lazily loaded area after its feature folder, and keep third-party code
        // in a long-lived vendor chunk.
        chunkFileNames: (chunk) => {
          const id = chunk.facadeModuleId ?? '';
          const feature = /\/features\/([^/]+)\/routes\//.exec(id)?.[1];
          return `assets/${feature ?? chunk.name}-[hash].js`;
        },
        advancedChunks: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@remix-run|@tanstack)[\\/]/ }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.mjs'],
    css: false,
    testTimeout: 20_000,
    pool: 'threads',
    maxWorkers: 2,
  },
});
