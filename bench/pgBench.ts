/**
 * PostgreSQL for the benchmark's cluster, append and disk scenarios: the server in
 * PLENARY_BENCH_DATABASE_URL, else DATABASE_URL, else the local one through /var/run/postgresql (as
 * `npm run test:pg` finds it). Each run gets a scratch database, dropped (connections closed) after.
 */
import { userInfo } from 'node:os';
import { createScratchDatabase, type ScratchDatabase } from '../server/tools/scratchDatabase.js';

export function benchServerUrl(): string {
  return (
    process.env.PLENARY_BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`
  );
}

/** A new empty database on the bench's PostgreSQL. */
export function scratchDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase(benchServerUrl(), 'plenary_bench_', 'set PLENARY_BENCH_DATABASE_URL');
}

/** The URL with a PostgreSQL setting for every session it opens (libpq's `options=-c name=value`). */
export function withSessionSetting(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c ${name}=${value}`);
  return u.toString();
}
