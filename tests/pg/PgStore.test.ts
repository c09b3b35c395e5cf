import pg from 'pg';
import * as Y from 'yjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { migratePg, openPgPool } from '../../server/persistence/pgDatabase.js';
import { PgStore, UPDATES_CHANNEL } from '../../server/persistence/PgStore.js';
import { registerDocStoreContract } from '../server/docStoreContract.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { waitFor } from '../helpers/waitFor.js';

async function openStore(url: string): Promise<PgStore> {
  const pool = openPgPool(url, 4);
  await migratePg(pool);
  const store = new PgStore(pool, { closePool: true });
  onTestFinished(() => store.close());
  return store;
}

registerDocStoreContract('PgStore', async () => {
  const url = await freshPgDatabase();
  const store = await openStore(url);
  return {
    store,
    reopen: async () => {
      await store.close();
      return openStore(url);
    },
  };
});

describe('PgStore shared by two processes', () => {
  it('G-PG-1: two stores on one database: appends notify after commit with their position, the other reads every row after its position, and concurrent compaction loses nothing', async () => {
    const url = await freshPgDatabase();
    const [a, b] = [await openStore(url), await openStore(url)];
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    onTestFinished(() => listener.end());
    const heard: { m: string; p: number }[] = [];
    listener.on('notification', (n) => heard.push(JSON.parse(n.payload!)));
    await listener.query(`LISTEN ${UPDATES_CHANNEL}`);

    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 300; i++) doc.getMap('m').set(`k${i % 7}`, i);

    expect(await b.load('m')).toEqual([]);
    let bPos = b.positions.get('m')!;
    expect(bPos).toBe(0);
    // A appends in batches while A and B compact at the same time; B follows by position.
    const seenByB = new Y.Doc();
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < updates.length; i += 10) {
      work.push(a.append('m', updates.slice(i, i + 10)));
      if (i % 50 === 0) work.push(a.compact('m'), b.compact('m'));
      if (i % 30 === 0) {
        const rows = await b.rowsAfter('m', bPos);
        for (const r of rows) Y.applyUpdate(seenByB, r.data);
        if (rows.length) bPos = rows[rows.length - 1].id;
      }
    }
    await Promise.all(work);
    for (const r of await b.rowsAfter('m', bPos)) Y.applyUpdate(seenByB, r.data);
    expect(seenByB.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    const fresh = new Y.Doc();
    for (const u of await b.load('m')) Y.applyUpdate(fresh, u);
    expect(fresh.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    // One notification per append, each naming the meeting and a position already readable.
    await waitFor(() => heard.length === updates.length / 10, { what: 'a notification per append' });
    expect(heard.every((h) => h.m === 'm' && Number.isInteger(h.p) && h.p > 0)).toBe(true);
    expect(heard.map((h) => h.p)).toEqual([...heard.map((h) => h.p)].sort((x, y) => x - y));
  });
});
