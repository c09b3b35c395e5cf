import pg from 'pg';
import * as Y from 'yjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { migratePg, openPgPool } from '../../server/persistence/pgDatabase.js';
import { PgStore, UPDATES_CHANNEL } from '../../server/persistence/PgStore.js';
import type { DocStore } from '../../server/persistence/DocStore.js';
import { registerDocStoreContract } from '../server/docStoreContract.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { waitFor } from '../helpers/waitFor.js';
import { answers, RandomRecord } from '../server/recordArchiveContract.js';
import { seededRandom } from '../helpers/seededRandom.js';

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
    failDeletingRecord: async (seq) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE FUNCTION fail_archive() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF OLD.seq = ${Number(seq)} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN OLD; END $$`);
      await c.query('CREATE TRIGGER fail_archive BEFORE DELETE ON history FOR EACH ROW EXECUTE FUNCTION fail_archive()');
      return async () => {
        await c.query('DROP TRIGGER fail_archive ON history');
        await c.end();
      };
    },
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

describe('PgStore record shared by two processes', () => {
  const rec = (at: number, checkpoint?: Uint8Array) => ({ at, role: 'chair', tokenId: 't', name: '', changes: [], ...(checkpoint ? { checkpoint } : {}) });

  it('a checkpoint stored by a process that had not applied another process\'s earlier update still rebuilds that update', async () => {
    const url = await freshPgDatabase();
    const [a, b] = [await openStore(url), await openStore(url)];
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const fromA: Uint8Array[] = [];
    const fromB: Uint8Array[] = [];
    docA.on('update', (u: Uint8Array) => fromA.push(u));
    docB.on('update', (u: Uint8Array) => fromB.push(u));
    docB.getMap('m').set('fromB', 1);
    await b.append('m', [fromB[0]], [rec(100, Y.encodeStateAsUpdate(docB))]);
    docB.getMap('m').set('fromB', 2);
    await b.append('m', [fromB[1]], [rec(150)]);
    // Process A never applied B's updates: its checkpoint is its own state only.
    docA.getMap('m').set('fromA', 1);
    await a.append('m', [fromA[0]], [rec(200, Y.encodeStateAsUpdate(docA))]);
    docA.getMap('m').set('fromA', 2);
    await a.append('m', [fromA[1]], [rec(300)]);

    const past = (await b.updatesAt('m', 250))!;
    expect(past.seq).toBe(3);
    expect(past.updates).toHaveLength(1);
    const rebuilt = new Y.Doc();
    for (const u of past.updates) Y.applyUpdate(rebuilt, u);
    expect(rebuilt.getMap('m').toJSON()).toEqual({ fromA: 1, fromB: 2 });
    const now = new Y.Doc();
    for (const u of (await a.updatesAt('m', 1_000))!.updates) Y.applyUpdate(now, u);
    expect(now.getMap('m').toJSON()).toEqual({ fromA: 2, fromB: 2 });
    expect(await a.recordInfo('m')).toEqual({ records: 4, firstAt: 100, lastAt: 300, lastCheckpointAt: 200, recordsSinceCheckpoint: 1, checkpoints: 2 });
  });

  it('an update and its record commit together: a record PostgreSQL refuses leaves neither stored', async () => {
    const url = await freshPgDatabase();
    const store = await openStore(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    onTestFinished(() => admin.end());
    await admin.query(`CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.name = 'refused' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await admin.query('CREATE TRIGGER refuse BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION refuse()');
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getMap('m').set('k', 1);
    doc.getMap('m').set('k', 2);
    await store.append('m', [updates[0]], [rec(100)]);
    await expect(store.append('m', [updates[1]], [{ ...rec(200), name: 'refused' }])).rejects.toThrow(/refused/);
    expect(await store.load('m')).toHaveLength(1);
    expect((await store.history('m', { limit: 10 })).map((r) => r.seq)).toEqual([1]);
    await store.append('m', [updates[1]], [rec(200)]);
    expect((await store.history('m', { limit: 10 })).map((r) => r.seq)).toEqual([2, 1]);
  });
});

describe('PgStore record archived while another process writes and reads', () => {
  it('G-REC-7: one process archives while another appends and pages the history: no page repeats or skips a record, and the end answers as a store never archived', async () => {
    const url = await freshPgDatabase();
    const [writer, archiver] = [await openStore(url), await openStore(url)];
    const control = await openStore(await freshPgDatabase());
    const rec = new RandomRecord(seededRandom(4242), 60);
    // The same updates and records go to a store on another database that nothing archives.
    const both = {
      append: async (...a: Parameters<DocStore['append']>) => {
        await writer.append(...a);
        await control.append(...a);
      },
    } as DocStore;
    let writing = true;
    const archiving = (async () => {
      let moved = 0;
      while (writing) moved += (await archiver.compact('m')).recordsArchived ?? 0;
      return moved;
    })();
    const reading = (async () => {
      let pages = 0;
      while (writing) {
        // The whole record, newest first, in pages: every seq once, no gap.
        const seqs: number[] = [];
        let before: number | undefined;
        for (;;) {
          const page = await archiver.history('m', { limit: 40, ...(before === undefined ? {} : { before }) });
          seqs.push(...page.map((h) => h.seq));
          if (page.length < 40) break;
          before = page[page.length - 1].seq;
        }
        if (seqs.length) expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] - i));
        if (seqs.length) expect(seqs[seqs.length - 1]).toBe(1);
        pages++;
      }
      return pages;
    })();
    for (let i = 0; i < 10; i++) await rec.append(both, 'm', 60);
    writing = false;
    const [moved, reads] = await Promise.all([archiving, reading]);
    expect(moved).toBeGreaterThan(300);
    expect(reads).toBeGreaterThan(0);
    expect(await answers(archiver, 'm', 5)).toEqual(await answers(control, 'm', 5));
  }, 120_000);
});

describe('PgStore quarantine shared by two processes', () => {
  it('two processes that loaded the same unreadable row both quarantine it: it is moved once and no readable row moves', async () => {
    const url = await freshPgDatabase();
    const [a, b] = [await openStore(url), await openStore(url)];
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 8; i++) doc.getMap('m').set('k', i);
    const bad = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    await a.append('m', [...updates.slice(0, 4), bad, ...updates.slice(4)]);
    expect(await a.load('m')).toHaveLength(9);
    expect(await b.load('m')).toHaveLength(9);
    // Both found the row at position 4 unreadable; the second call comes after the first moved it.
    expect(await a.quarantine('m', [4], 'truncated')).toBe(1);
    expect(await b.quarantine('m', [4], 'truncated')).toBe(0);
    expect((await a.load('m')).map((u) => Array.from(u))).toEqual(updates.map((u) => Array.from(u)));
    expect((await b.quarantined('m')).map((q) => Array.from(q.data))).toEqual([Array.from(bad)]);
    await b.remove('m');
    expect(await a.quarantined('m')).toEqual([]);
  });
});

describe('PLENARY_SYNCHRONOUS on PostgreSQL', () => {
  it('NORMAL turns synchronous_commit off for the sessions of the pool (appends still stored); FULL leaves the database setting', async () => {
    const url = await freshPgDatabase();
    const full = openPgPool(url, 2, 'FULL');
    const normal = openPgPool(url, 2, 'NORMAL');
    onTestFinished(async () => {
      await full.end();
      await normal.end();
    });
    const setting = async (p: pg.Pool) => (await p.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
    const databaseDefault = (await (async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
      } finally {
        await c.end();
      }
    })());
    expect(await setting(normal)).toBe('off');
    expect(await setting(full)).toBe(databaseDefault);
    await migratePg(normal);
    const store = new PgStore(normal);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'kept');
    await store.append('m', [Y.encodeStateAsUpdate(doc)]);
    const other = new PgStore(full);
    const read = new Y.Doc();
    for (const u of await other.load('m')) Y.applyUpdate(read, u);
    expect(read.getText('t').toString()).toBe('kept');
  });
});
