/**
 * The client build a browser scenario serves. A full run builds the current client/ into a folder of its own
 * (dist/ may be in use by someone's end-to-end tests), once per run; quick mode reuses dist/client when it exists;
 * BENCH_CLIENT_BUILD=DIR serves a build made elsewhere instead (another commit's, for a comparison).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchOptions } from './section.js';

const built = new Map<string, Promise<string>>();

export function clientBuild(opts: BenchOptions): Promise<string> {
  // A build made elsewhere (another commit's client, to compare two builds under the same harness and load).
  const given = process.env.BENCH_CLIENT_BUILD;
  if (given) {
    if (!existsSync(join(given, 'index.html'))) return Promise.reject(new Error(`BENCH_CLIENT_BUILD=${given}: no index.html there`));
    opts.log(`serving the client build in ${given} (BENCH_CLIENT_BUILD)`);
    return Promise.resolve(resolve(given));
  }
  if (opts.quick && existsSync('dist/client/index.html')) return Promise.resolve(resolve('dist/client'));
  const out = join(opts.workDir, 'client');
  let p = built.get(out);
  if (!p) {
    opts.log(`building the client into ${out}`);
    p = promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      timeout: 300_000,
      maxBuffer: 16 << 20,
    }).then(() => out);
    p.catch(() => built.delete(out));
    built.set(out, p);
  }
  return p;
}
