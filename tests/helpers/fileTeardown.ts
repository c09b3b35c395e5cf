/**
 * Teardown for what a test file shares between its tests (a server process started once in beforeAll
 * instead of once per test): the returned `register` queues a cleanup, run in reverse order after the
 * file's last test. Pass it where helpers take a `register` (startServerProcess, startTestServer, tempDir).
 */
import { afterAll } from 'vitest';

export function fileTeardown(): (f: () => unknown) => void {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const f of cleanups.reverse()) await f();
  });
  return (f) => void cleanups.push(f);
}
