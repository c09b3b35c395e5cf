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
import * as Y from 'yjs';
import type { DocStore } from '../persistence/DocStore.js';
import { openDatabase } from '../persistence/openDatabase.js';
import { SqliteStore } from '../persistence/SqliteStore.js';
import { PgStore } from '../persistence/PgStore.js';
import { migratePg, openPgPool } from '../persistence/pgDatabase.js';

const appends = Number(process.argv[2] ?? 500);

function edits(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const rows = doc.getArray<Y.Map<unknown>>('contributions');
  doc.transact(() => {
    for (let i = 0; i < 20; i++) {
      const m = new Y.Map<unknown>();
      m.set('title', new Y.Text(`Tdoc ${i}`));
      rows.push([m]);
    }
  });
  for (let i = 0; i < n; i++) {
    const t = rows.get(i % 20).get('title') as Y.Text;
    t.insert(t.length, ` rev ${i}`);
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, store: DocStore, updates: Uint8Array[]): Promise<void> {
  await store.append('bench', [updates[0]]);
  const times: number[] = [];
  for (const u of updates.slice(1)) {
    const t0 = process.hrtime.bigint();
    await store.append('bench', [u]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(22)} p50 ${pct(times, 50).toFixed(2)} ms  p99 ${pct(times, 99).toFixed(2)} ms  max ${times[times.length - 1].toFixed(2)} ms  (${times.length} appends)`);
}

const updates = edits(appends);
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
