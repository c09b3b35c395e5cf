/**
 * The append itself, store against store, in this process: typical one-update batches appended one after
 * the other as a room does (server/tools/appendCost.ts) to SQLite FULL and NORMAL and to PostgreSQL with
 * `synchronous_commit` on (its default) and off; in turn, medians of each figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { SqliteStore } from '../../server/persistence/SqliteStore.js';
import { PgStore } from '../../server/persistence/PgStore.js';
import { migratePg, openPgPool } from '../../server/persistence/pgDatabase.js';
import { measureAppends, typicalEdits, type AppendCost } from '../../server/tools/appendCost.js';
import { fmt, ratio, type BenchOptions, type Section } from '../section.js';
import { scratchDatabase, withSessionSetting } from '../pgBench.js';
import { alternateAll, medianOf } from './alternate.js';

async function sqlite(dir: string, sync: 'FULL' | 'NORMAL', updates: Uint8Array[]): Promise<AppendCost> {
  const folder = mkdtempSync(join(dir, 'append-'));
  const store = new SqliteStore(openDatabase(folder, { synchronous: sync }), { closeDatabase: true });
  try {
    return await measureAppends(store, 'bench', updates);
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function postgres(syncCommit: 'on' | 'off', updates: Uint8Array[]): Promise<AppendCost> {
  const db = await scratchDatabase();
  try {
    const pool = openPgPool(withSessionSetting(db.url, 'synchronous_commit', syncCommit), 4);
    await migratePg(pool);
    const store = new PgStore(pool, { closePool: true });
    try {
      return await measureAppends(store, 'bench', updates);
    } finally {
      await store.close();
    }
  } finally {
    await db.drop();
  }
}

export async function appendCostScenario(opts: BenchOptions): Promise<Section> {
  const n = opts.quick ? 100 : 1000;
  const updates = typicalEdits(n + 1);
  opts.log(`append: ${n} appends per store`);
  const variants = [
    { label: 'SQLite FULL', run: () => sqlite(opts.workDir, 'FULL', updates) },
    { label: 'SQLite NORMAL', run: () => sqlite(opts.workDir, 'NORMAL', updates) },
    { label: 'PostgreSQL, synchronous_commit=on', run: () => postgres('on', updates) },
    { label: 'PostgreSQL, synchronous_commit=off', run: () => postgres('off', updates) },
  ];
  const runs = await alternateAll(variants, opts.reps, opts.log);
  const full = medianOf(runs[0]!, (r) => r.mean);
  return {
    title: 'The append: PostgreSQL against SQLite',
    method:
      `${n} appends of one typical edit each (a word added to a title: server/tools/appendCost.ts), one after the other as a room stores its ticks, ` +
      'timed from the call to its promise resolving, in the bench process: SQLite in a scratch folder (WAL) at FULL (fsync per commit) and NORMAL; PostgreSQL 15 on this machine ' +
      '(Unix socket, a scratch database) with PgStore (one transaction: the meeting\'s advisory lock, the insert, pg_notify) at `synchronous_commit=on` (the default: the commit waits for the WAL fsync) ' +
      `and \`off\` (the commit returns before the WAL is flushed, at most about 3 × wal_writer_delay later). ${opts.reps} repetitions in turn; medians of each figure.`,
    header: ['store', 'p50 ms', 'p99 ms', 'max ms', 'mean ms', 'mean / SQLite FULL'],
    rows: variants.map((v, i) => {
      const r = runs[i]!;
      const mean = medianOf(r, (x) => x.mean);
      return [v.label, fmt(medianOf(r, (x) => x.p50), 3), fmt(medianOf(r, (x) => x.p99), 2), fmt(medianOf(r, (x) => x.max), 1), fmt(mean, 3), ratio(mean, full)];
    }),
    checks: [],
    notes: [],
  };
}
