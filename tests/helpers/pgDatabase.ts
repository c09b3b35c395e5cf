/**
 * A fresh PostgreSQL database for a test, dropped when the test ends. The server is the one in
 * PLENARY_TEST_DATABASE_URL, else the local one through /var/run/postgresql. These tests live in the
 * `pg` project (`npm run test:pg`), so `npm test` never needs PostgreSQL; when that project runs and no
 * PostgreSQL answers, they fail (never skip).
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createScratchDatabase } from '../../server/tools/scratchDatabase.js';
import { onTestFinished } from 'vitest';

/** The maintenance database URL the tests create their databases through. */
export function testServerUrl(): string {
  const env = process.env.PLENARY_TEST_DATABASE_URL;
  if (env) return env;
  if (existsSync('/var/run/postgresql')) return `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;
  throw new Error('no PostgreSQL for the pg tests: set PLENARY_TEST_DATABASE_URL (see server/README.md) or start a local cluster');
}

/** Creates a new empty database and returns its URL; dropped (connections closed) after the test. */
export async function freshPgDatabase(): Promise<string> {
  const db = await createScratchDatabase(testServerUrl(), 'plenary_test_');
  onTestFinished(db.drop);
  return db.url;
}
