/**
 * The WAL checkpoint thread (issue 27, WalCheckpointer.ts): the meetings' connection no longer copies the
 * write-ahead log back on the commit that fills it; a thread of its own does, on a real database file.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, DATABASE_FILE } from '../../server/persistence/openDatabase.js';
import { SqliteStore } from '../../server/persistence/SqliteStore.js';
import { FALLBACK_PAGES, START_AFTER_COMMITS, WalCheckpointer } from '../../server/persistence/WalCheckpointer.js';
import { tempDir } from '../helpers/tempDir.js';

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function update(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(`k${i}`, 'x'.repeat(3000));
  return Y.encodeStateAsUpdate(doc);
}

/** A store on a database file whose log this test's own thread checkpoints, on `when`'s schedule. */
async function withThread(when: { pages: number; idleMs: number; pollMs: number }) {
  const dir = tempDir();
  const db = openDatabase(dir);
  const cp = new WalCheckpointer(db, undefined, when);
  onTestFinished(async () => {
    await cp.stop();
    db.close();
  });
  const store = new SqliteStore(db);
  await store.checkpointer.stop(); // the store's own, on the default schedule, never starts
  cp.start();
  return { dir, db, cp, store };
}

describe('WalCheckpointer', () => {
  it('copies the log back in its own thread once enough frames wait, with the connection checkpointing only as a fallback', async () => {
    // Commits never stop for a minute here: only the log's length can start a checkpoint.
    const { dir, db, cp, store } = await withThread({ pages: 300, idleMs: 60_000, pollMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);
    for (let i = 0; i < 10; i++) await store.append('m1', [update(i)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(cp.checkpoints).toBe(0); // ten commits of two 3 KB rows: fewer than 300 frames wait
    for (let i = 10; i < 200; i++) await store.append('m1', [update(i)]);
    await until('a checkpoint by the thread', () => cp.pages >= 300);
    // Everything was copied: a passive checkpoint on the connection finds nothing left to copy...
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(r!.checkpointed).toBe(r!.log);
    // ...and the database file itself (not only its log) holds the rows, as a fresh reader sees.
    expect(statSync(join(dir, DATABASE_FILE)).size).toBeGreaterThan(200 * 3000);
    expect((await store.load('m1')).length).toBe(200);
  });

  it('starts once the store is in use, stops with the store, and never runs for an in-memory database', async () => {
    const dir = tempDir();
    const store = new SqliteStore(openDatabase(dir), { closeDatabase: true });
    expect(store.checkpointer.applies).toBe(true);
    expect((store.checkpointer as unknown as { worker?: unknown }).worker).toBeUndefined();
    for (let i = 1; i < START_AFTER_COMMITS; i++) await store.append('m1', [update(i)]);
    expect((store.checkpointer as unknown as { worker?: unknown }).worker).toBeUndefined();
    await store.append('m1', [update(0)]);
    expect((store.checkpointer as unknown as { worker?: unknown }).worker).toBeDefined();
    await store.close();
    expect((store.checkpointer as unknown as { worker?: unknown }).worker).toBeUndefined();

    const mem = new SqliteStore(openDatabase(':memory:'), { closeDatabase: true });
    expect(mem.checkpointer.applies).toBe(false);
    for (let i = 0; i < START_AFTER_COMMITS; i++) await mem.append('m1', [update(i)]);
    expect((mem.checkpointer as unknown as { worker?: unknown }).worker).toBeUndefined();
    await mem.close();
  });

  it('copies what is left once commits stop', async () => {
    const { db, cp, store } = await withThread({ pages: 1_000_000, idleMs: 150, pollMs: 20 });
    for (let i = 0; i < 5; i++) await store.append('m1', [update(i)]);
    await until('the idle checkpoint', () => cp.pages > 0);
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(r!.checkpointed).toBe(r!.log);
  });

  it('hands checkpointing back to the connection if its thread dies', async () => {
    const { db, cp } = await withThread({ pages: 100, idleMs: 100, pollMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);
    await (cp as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await until('the fallback', () => db.pragma('wal_autocheckpoint', { simple: true }) === 1000);
  });
});
