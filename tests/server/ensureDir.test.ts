import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDir } from '../../server/persistence/ensureDir.js';
import { tempDir } from '../helpers/tempDir.js';

describe('ensureDir', () => {
  it('creates nested folders and accepts an existing one', () => {
    const base = tempDir();
    const dir = join(base, 'a', 'b', 'c');
    ensureDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    ensureDir(dir);
  });

  it('refuses a path under a file with a readable error', () => {
    const base = tempDir();
    writeFileSync(join(base, 'file'), 'x');
    expect(() => ensureDir(join(base, 'file', 'data'))).toThrow(/is not a folder/);
  });

  it('fails at once where the kernel refuses (recursive mkdirSync loops for ever there on Node 20)', () => {
    if (!existsSync('/proc/self')) return;
    expect(() => ensureDir('/proc/plenary-nope/data')).toThrow(/cannot create the folder/);
  });
});
