import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { precompressDir } from './server/http/precompress.js';

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

/**
 * Starts fetching the page's code (client/boot.tsx, imported by main.tsx only after the preview's first
 * paint) with the HTML's first requests: `<link rel="preload" as="script">` for its chunk and the chunks it
 * imports. A preload, not a modulepreload: the code is fetched but not compiled until main.tsx imports it,
 * so compiling it does not hold back the preview's paint on a slow phone.
 */
function preloadBoot(): Plugin {
  return {
    name: 'plenary-preload-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const boot = chunks.find((c) => c.facadeModuleId?.endsWith('/client/boot.tsx'));
        if (!boot) throw new Error('plenary-preload-boot: no chunk for client/boot.tsx');
        const files = new Set<string>();
        const add = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const c = bundle[file];
          if (c && c.type === 'chunk') for (const i of c.imports) add(i);
        };
        add(boot.fileName);
        // What the HTML loads already (the entry and its static imports) needs no second hint.
        for (const c of chunks) if (c.isEntry) files.delete(c.fileName);
        const links = [...files].map((f) => `<link rel="preload" as="script" crossorigin href="/${f}">`).join('\n    ');
        return html.replace('</head>', `    ${links}\n  </head>`);
      },
    },
  };
}

/** The board's client is built from client/ into dist/client; the dev server proxies the API and sync. */
const serverPort = Number(process.env.PLENARY_DEV_SERVER_PORT ?? 8080);

export default defineConfig({
  root: 'client',
  plugins: [react(), preloadBoot(), precompress()],
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
          // `npm test` is the loop one runs between edits (issue 27). Vitest's default is one worker per core
          // less one: ONE worker on this 2-core machine, the files one after another while most of them wait
          // on sockets, timers and child processes. Three workers keep both cores busy. Files share their
          // worker's module cache (no isolation): yjs, the server and the formats load once per worker instead
          // of once per file (a third of the suite's CPU). A test file must therefore leave no global behind
          // (process.env, fake timers, globals): each test's server, folder and clients are its own, torn down
          // with onTestFinished / afterAll.
          // `npm run test:stress` (PLENARY_STRESS=full) times /healthz and live edits under full-strength attacks:
          // one file at a time there, so no other file's load is in its figures.
          maxWorkers: process.env.PLENARY_STRESS === 'full' ? 1 : 3,
          isolate: false,
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
