/**
 * The house rules of the code's layout (issue 22), checked on the source as it is: folders by concern that
 * each say what lives there and what they may import, no import cycle, no function a reader cannot hold in
 * view, and the directions of import that keep shared/ free of the server and the page, and the sync path
 * free of workers and routes.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, functionSpans, importCycles, importGraph, importsOf, sourceFiles, specifiersOf } from './helpers/codeLayout.js';

const TREES = ['server', 'shared', 'client'] as const;
const files = TREES.flatMap((t) => sourceFiles(t));
const MAX_FUNCTION_LINES = 120;

function folders(dir: string): string[] {
  const out = [dir];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.') || !statSync(join(ROOT, p)).isDirectory()) continue;
    out.push(...folders(p));
  }
  return out;
}

/** Files under `from` that import a file under one of `to` (folders relative to the repository). */
function crossings(from: string, to: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files.filter((x) => x.startsWith(`${from}/`))) {
    for (const t of importsOf(f)) if (to.some((d) => t.startsWith(`${d}/`) || dirname(t) === d)) out.push(`${f} → ${t}`);
  }
  return out;
}

describe('the layout of server/, shared/ and client/', () => {
  it('has no import cycle, type imports included', () => {
    expect(importCycles(importGraph(files))).toEqual([]);
  });

  it(`has no function longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files
      .flatMap((f) => functionSpans(f))
      .filter((s) => s.lines > MAX_FUNCTION_LINES)
      .map((s) => `${s.file}:${s.line} ${s.name} (${s.lines} lines)`);
    expect(long).toEqual([]);
  });

  it('gives every folder a README whose heading says what lives there', () => {
    const missing = TREES.flatMap((t) => folders(t))
      // client/public is copied into the build as it is: described in client/README.md instead.
      .filter((d) => d !== 'client/public')
      .filter((d) => {
        const readme = join(ROOT, d, 'README.md');
        return !existsSync(readme) || !/^# \S/.test(readFileSync(readme, 'utf8'));
      });
    expect(missing).toEqual([]);
  });

  it('keeps only entry files at the root of server/ and a handful at the root of shared/', () => {
    expect(sourceFiles('server').filter((f) => dirname(f) === 'server')).toEqual(['server/cli.ts', 'server/main.ts']);
    expect(sourceFiles('shared').filter((f) => dirname(f) === 'shared').length).toBeLessThanOrEqual(5);
  });

  it('keeps shared/ free of the server and the page, and of Node built-ins but in the formats', () => {
    expect(crossings('shared', ['server', 'client'])).toEqual([]);
    // The formats run in the server's workers and the command line only (the page never imports them).
    expect(crossings('client', ['shared/formats'])).toEqual([]);
    const builtins = files
      .filter((f) => f.startsWith('shared/') && !f.startsWith('shared/formats/'))
      .flatMap((f) => specifiersOf(f).filter((s) => s.startsWith('node:')).map((s) => `${f} → ${s}`));
    expect(builtins).toEqual([]);
  });

  it('keeps the page free of the server', () => {
    expect(crossings('client', ['server'])).toEqual([]);
  });

  it('keeps the sync path free of workers, routes and services, and the stores free of the rest of the server', () => {
    expect(crossings('server/sync', ['server/jobs', 'server/http', 'server/meetings', 'server/cluster', 'server/commands'])).toEqual([]);
    const serverFolders = folders('server').filter((d) => d !== 'server' && d !== 'server/persistence');
    expect(crossings('server/persistence', serverFolders)).toEqual([]);
  });

  it('imports the command line and the measuring tools only from the entry files', () => {
    const inner = files.filter((f) => f.startsWith('server/') && !['server/cli.ts', 'server/main.ts'].includes(f));
    const bad = inner.flatMap((f) =>
      importsOf(f)
        .filter((t) => (t.startsWith('server/tools/') && !f.startsWith('server/tools/')) || (t.startsWith('server/commands/') && !f.startsWith('server/commands/')))
        .map((t) => `${f} → ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the document model below the formats and the merge', () => {
    expect(crossings('shared/document', ['shared/formats', 'shared/merge'])).toEqual([]);
  });
});
