/**
 * What one append (one tick's batch) costs in each store: `npx tsx server/tools/measureAppendCost.ts [APPENDS]`.
 *
 * Appends APPENDS (500) one-update batches of a typical edit (a Tdoc title change) to SQLite with
 * synchronous=FULL and NORMAL (temp folder) and to PostgreSQL (DATABASE_URL, else the local server
 * through /var/run/postgresql, in a scratch database made and dropped here), one after the other as a
 * room does, and prints p50/p99/max of the time until the append resolved. A measurement, not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DocStore } from '../persistence/DocStore.js';
import { openDatabase } from '../persistence/openDatabase.js';
import { SqliteStore } from '../persistence/SqliteStore.js';
import { PgStore } from '../persistence/PgStore.js';
import { migratePg, openPgPool } from '../persistence/pgDatabase.js';
import { measureAppends, typicalEdits } from './appendCost.js';

const appends = Number(process.argv[2] ?? 500);

async function measure(name: string, store: DocStore, updates: Uint8Array[]): Promise<void> {
  const c = await measureAppends(store, 'bench', updates);
  console.log(`${name.padEnd(22)} p50 ${c.p50.toFixed(2)} ms  p99 ${c.p99.toFixed(2)} ms  max ${c.max.toFixed(2)} ms  (${c.appends} appends)`);
}

const updates = typicalEdits(appends);
for (const sync of ['FULL', 'NORMAL'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-append-'));
  const store = new SqliteStore(openDatabase(dir, { synchronous: sync }), { closeDatabase: true });
  await measure(`SQLite ${sync}`, store, updates);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const base = process.env.DATABASE_URL ?? `postgres://${encodeURIComponent(userInfo().username)}@localhost/postgres?host=/var/run/postgresql`;
const scratch = `plenary_append_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${scratch}`);
try {
  const u = new URL(base);
  u.pathname = '/' + scratch;
  const pool = openPgPool(u.toString(), 4);
  await migratePg(pool);
  const store = new PgStore(pool, { closePool: true });
  await measure('PostgreSQL (local)', store, updates);
  await store.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await admin.end();
}
