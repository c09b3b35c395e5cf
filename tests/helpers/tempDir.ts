/** A temporary folder removed when the test (or file) ends: teardown registered at creation. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** Creates a temp folder and registers its removal with the running test (or with `register`, e.g. afterAll). */
export function tempDir(prefix = 'plenary-', register: (f: () => void) => void = onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  register(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
