import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { precompressDir } from './server/precompress.js';

/** Writes .br and .gz beside every built text asset, for the server to send by Accept-Encoding. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'plenary-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const r = precompressDir(outDir);
      this.info?.(`precompressed ${r.files} files: ${(r.bytes / 1024).toFixed(0)} KB → ${(r.brotliBytes / 1024).toFixed(0)} KB brotli, ${(r.gzipBytes / 1024).toFixed(0)} KB gzip`);
    },
  };
}

/** The board's client is built from client/ into dist/client; the dev server proxies the API and sync. */
const serverPort = Number(process.env.PLENARY_DEV_SERVER_PORT ?? 8080);

export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/sync': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: '.',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/real/**', 'tests/e2e/**', 'tests/pg/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'real',
          root: '.',
          include: ['tests/real/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Against a real PostgreSQL (tests/helpers/pgDatabase.ts): `npm run test:pg`, run by .ci/run.
          name: 'pg',
          root: '.',
          include: ['tests/pg/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
