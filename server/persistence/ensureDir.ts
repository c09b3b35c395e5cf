/**
 * Creates a folder and its parents, one level at a time. Not `mkdirSync(dir, { recursive: true })`: on
 * Node 20 that loops for ever when the kernel answers ENOENT for an existing parent (e.g. under /proc),
 * which a mistyped DATA_DIR must not do.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Ensures `dir` exists as a folder; throws a readable error when it cannot. */
export function ensureDir(dir: string): void {
  const path = resolve(dir);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    stat = undefined;
  }
  if (stat) {
    if (!stat.isDirectory()) throw new Error(`${dir} is not a folder`);
    return;
  }
  const parent = dirname(path);
  if (parent !== path) ensureDir(parent);
  try {
    mkdirSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'EEXIST') throw new Error(`cannot create the folder ${dir} (${err.code ?? err.message})`);
  }
}
