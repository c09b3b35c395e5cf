/**
 * PostgreSQL for the benchmark's cluster, append and disk scenarios: the server in
 * PLENARY_BENCH_DATABASE_URL, else DATABASE_URL, else the local one through /var/run/postgresql (as
 * `npm run test:pg` finds it). Each run gets a scratch database, dropped (connections closed) after.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

export function benchServerUrl(): string {
  return (
    process.env.PLENARY_BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`
  );
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database on the bench's PostgreSQL. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const base = benchServerUrl();
  const name = 'plenary_bench_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`no PostgreSQL for the benchmark at ${base} (set PLENARY_BENCH_DATABASE_URL): ${(e as Error).message}`);
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The URL with a PostgreSQL setting for every session it opens (libpq's `options=-c name=value`). */
export function withSessionSetting(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c ${name}=${value}`);
  return u.toString();
}
