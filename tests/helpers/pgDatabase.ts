/**
 * A fresh PostgreSQL database for a test, dropped when the test ends. The server is the one in
 * PLENARY_TEST_DATABASE_URL, else the local one through /var/run/postgresql. These tests live in the
 * `pg` project (`npm run test:pg`), so `npm test` never needs PostgreSQL; when that project runs and no
 * PostgreSQL answers, they fail (never skip).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { onTestFinished } from 'vitest';

/** The maintenance database URL the tests create their databases through. */
export function testServerUrl(): string {
  const env = process.env.PLENARY_TEST_DATABASE_URL;
  if (env) return env;
  if (existsSync('/var/run/postgresql')) return `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;
  throw new Error('no PostgreSQL for the pg tests: set PLENARY_TEST_DATABASE_URL (see server/README.md) or start a local cluster');
}

/** The URL of `base` with another database name. */
function withDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

/** Creates a new empty database and returns its URL; dropped (connections closed) after the test. */
export async function freshPgDatabase(): Promise<string> {
  const base = testServerUrl();
  const name = 'plenary_test_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL at ${base} is unreachable: ${(e as Error).message}`);
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  onTestFinished(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  return withDatabase(base, name);
}
