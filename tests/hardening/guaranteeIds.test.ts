/**
 * docs/GUARANTEES.md promises only what a test proves: every guarantee ID there must appear in the name
 * of some test, and every ID a test names must be in the document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/main.js';

const ID = /\bG-[A-Z]+-\d+\b/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(p);
    return /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** IDs named in test titles: the first argument of it(...) / test(...), on one line. */
function idsInTestNames(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of testFiles(join(ROOT_DIR, 'tests'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /\b(?:it|test)\(\s*(['"`])(.*)/.exec(line);
      if (!m) continue;
      for (const id of m[2].match(ID) ?? []) out.set(id, [...(out.get(id) ?? []), file.slice(ROOT_DIR.length + 1)]);
    }
  }
  return out;
}

describe('GUARANTEES.md', () => {
  it('names only guarantees that a test proves, and every guarantee a test names', () => {
    const doc = readFileSync(join(ROOT_DIR, 'docs', 'GUARANTEES.md'), 'utf8');
    const promised = new Set([...doc.matchAll(/\*\*(G-[A-Z]+-\d+)\*\*/g)].map((m) => m[1]));
    const named = idsInTestNames();
    expect(promised.size).toBeGreaterThan(10);
    expect([...promised].filter((id) => !named.has(id))).toEqual([]);
    expect([...named.keys()].filter((id) => !promised.has(id))).toEqual([]);
  });
});
